"""The article view: every annotation of an analysis, its layer, and the text cut into
segments, each segment wrapped in one underline span per layer over it (one lane each).

All text is escaped here (``markupsafe.escape``); the templates insert the result as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..model import TECHNIQUES, Analysis, Article

__all__ = ["Layer", "LAYERS", "Annotation", "annotations", "render_text", "safe_url", "citation", "technique_slug"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Layer:
    key: str
    label: str
    lane: int  # 0: the background layer; 1..: underline lanes, nearest the text first
    style: str  # the underline's line style, so that layers differ without colour
    group: str
    on: bool = True


def technique_slug(label: str) -> str:
    return "tech-" + "".join(c.lower() if c.isalnum() else "-" for c in label).strip("-")


LAYERS: tuple[Layer, ...] = (
    Layer(key="source", label="Source of a claim", lane=1, style="solid", group="Attribution"),
    Layer(key="cue-neutral", label="Cue: neutral", lane=2, style="solid", group="Attribution"),
    Layer(key="cue-distancing", label="Cue: distancing", lane=2, style="dashed", group="Attribution"),
    Layer(key="cue-endorsing", label="Cue: endorsing", lane=2, style="double", group="Attribution"),
    Layer(key="cue-hedged", label="Cue: hedged", lane=2, style="dotted", group="Attribution"),
    Layer(key="content", label="Attributed content", lane=3, style="solid", group="Attribution"),
    Layer(key="author", label="Author's own claim", lane=4, style="dashed", group="Claims"),
    Layer(key="hedge", label="Hedge or booster", lane=5, style="dotted", group="Claims"),
    Layer(key="checkworthy", label="Check-worthy sentence (background)", lane=0, style="background",
          group="Claims", on=False),
    Layer(key="quantity", label="Quantity", lane=6, style="solid", group="Grounding"),
    Layer(key="time", label="Time", lane=7, style="dashed", group="Grounding"),
    Layer(key="place", label="Place", lane=8, style="dotted", group="Grounding"),
    Layer(key="event", label="Event trigger", lane=9, style="double", group="Grounding"),
    *(Layer(key=technique_slug(t), label=f"T{i} {t.replace('_', ' ')}", lane=10, style="solid",
            group="Persuasion techniques (numbered T1–T14 in the text)") for i, t in enumerate(TECHNIQUES, 1)),
)
_BY_KEY = {layer.key: layer for layer in LAYERS}
#: Check-worthiness at or above this marks a sentence.
CHECKWORTHY = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotation:
    id: str
    layer: str
    start: int
    end: int
    text: str
    label: str
    details: tuple[tuple[str, str], ...]
    mark: str | None = None  # a short marker shown at its start (techniques: T1..T14)

    @property
    def layer_label(self) -> str:
        return _BY_KEY[self.layer].label


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def annotations(analysis: Analysis) -> list[Annotation]:
    """Every annotation of ``analysis``, in text order."""
    out: list[tuple] = []
    a = analysis
    by_id = {x.id: x for x in a.attributions}
    for x in a.attributions:
        src = x.source
        who = (src.resolved or src.text) if src else "(unnamed)"
        common = (("source", who), ("source kind", src.kind if src else ""), ("cue", x.cue.text),
                  ("stance (cue class)", x.cue.cue_class), ("certainty", _score(x.certainty)))
        if src is not None:
            out.append(("source", src.start, src.end, src.text, f"source: {who} ({src.kind})", common))
        out.append((f"cue-{x.cue.cue_class}", x.cue.start, x.cue.end, x.cue.text,
                    f"cue ({x.cue.cue_class}) by {who}", common))
        out.append(("content", x.content.start, x.content.end, x.content.text, f"what {who} said", common))
    for c in a.claims:
        attribution = by_id.get(c.attribution)
        who = "the author" if attribution is None else (
            (attribution.source.resolved or attribution.source.text) if attribution.source else "(unnamed)")
        details = (("claim by", who), ("certainty", _score(c.certainty)),
                   ("check-worthiness", _score(c.checkworthiness)),
                   ("hedges", ", ".join(f"{h.text} ({h.kind})" for h in c.hedges) or "none"))
        if c.attribution == "author":
            out.append(("author", c.start, c.end, c.text, "the author's own claim", details))
        for h in c.hedges:
            out.append(("hedge", h.start, h.end, h.text, f"{h.kind} in a claim by {who}", details))
    for s in a.sentences:
        if s.checkworthiness is not None and s.checkworthiness >= CHECKWORTHY:
            out.append(("checkworthy", s.start, s.end, s.text, f"check-worthy sentence ({_score(s.checkworthiness)})",
                        (("check-worthiness", _score(s.checkworthiness)),)))
    for q in a.quantities:
        out.append(("quantity", q.start, q.end, q.text, f"{q.role or 'quantity'}: {q.value}",
                    (("value", "" if q.value is None else f"{q.value:g}"), ("range", _range(q.low, q.high)),
                     ("unit", q.unit or ""), ("role", q.role or ""), ("approximate", "yes" if q.approximate else "no"))))
    for t in a.times:
        out.append(("time", t.start, t.end, t.text, f"time: {t.value or 'unresolved'}",
                    (("value", t.value or ""), ("precision", t.precision))))
    for p in a.places:
        out.append(("place", p.start, p.end, p.text, f"place: {p.name}",
                    (("name", p.name), ("country", p.country or ""), ("precision", p.precision),
                     ("coordinates", "" if p.lat is None else f"{p.lat:.3f}, {p.lon:.3f}"))))
    for e in a.events:
        out.append(("event", e.trigger.start, e.trigger.end, e.trigger.text, f"event: {e.type}",
                    (("type", e.type), ("actors", ", ".join(s.text for s in e.actors)),
                     ("targets", ", ".join(s.text for s in e.targets)), ("place", e.place.name if e.place else ""),
                     ("time", e.time.value or "" if e.time else ""))))
    for t in a.techniques:
        number = TECHNIQUES.index(t.technique) + 1 if t.technique in TECHNIQUES else 0
        out.append((technique_slug(t.technique), t.start, t.end, t.text, f"T{number} {t.technique.replace('_', ' ')}",
                    (("technique", t.technique), ("score", _score(t.score)))))
    rows = sorted((r for r in out if r[2] > r[1] and r[0] in _BY_KEY), key=lambda r: (r[1], -r[2], r[0]))
    return [
        Annotation(id=f"a{i}", layer=layer, start=start, end=end, text=text, label=label,
                   details=(*details, ("offsets", f"{start}–{end}")),
                   mark=label.split(" ", 1)[0] if layer.startswith("tech-") else None)
        for i, (layer, start, end, text, label, details) in enumerate(rows, 1)
    ]


def _range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    return f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"


def render_text(text: str, anns: Iterable[Annotation], *, cited: tuple[int, int] | None = None) -> Markup:
    """The article text as HTML: one focusable segment per stretch covered by the same
    annotations, each wrapped in one underline span per annotation (outer = higher lane)."""
    anns = list(anns)
    bounds = {0, len(text), *(x.start for x in anns), *(x.end for x in anns)}
    if cited:
        bounds |= set(cited)
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    starts = {}
    for x in anns:
        starts.setdefault(x.start, []).append(x)
    parts: list[str] = []
    for left, right in zip(points, points[1:]):
        over = [x for x in anns if x.start <= left and right <= x.end]
        piece = str(escape(text[left:right]))
        if cited and cited[0] <= left and right <= cited[1]:
            piece = f"<mark>{piece}</mark>"
        marks = "".join(f'<sup class="tmark m-{x.layer}" aria-hidden="true">{escape(x.mark)}</sup>'
                        for x in starts.get(left, ()) if x.mark)
        if not over:
            parts.append(f'<span class="txt" data-start="{left}">{marks}{piece}</span>')
            continue
        lined = sorted((x for x in over if _BY_KEY[x.layer].lane > 0), key=lambda x: _BY_KEY[x.layer].lane)
        inner = piece
        for x in lined:
            inner = f'<span class="l l-{x.layer} lane-{_BY_KEY[x.layer].lane}">{inner}</span>'
        backgrounds = " ".join(f"bg-{x.layer}" for x in over if _BY_KEY[x.layer].lane == 0)
        ids = " ".join(x.id for x in over)
        anchors = "".join(f'<span id="at-{x.id}"></span>' for x in starts.get(left, ()))
        parts.append(f'{anchors}<span class="seg {backgrounds}" tabindex="0" role="button" data-start="{left}" '
                     f'data-anns="{ids}" aria-label="{escape(_aria(piece_text=text[left:right], over=over))}">'
                     f"{marks}{inner}</span>")
    return Markup("".join(parts))


def _aria(*, piece_text: str, over: list[Annotation]) -> str:
    return f"{piece_text.strip()[:60]}: " + "; ".join(x.layer_label for x in over)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None: no javascript:, data: or other links."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def citation(article: Article, start: int, end: int) -> str:
    """A plain-text citation of ``article.text[start:end]``: quote, outlet, title, URL, date."""
    quote = " ".join(article.text[start:end].split())
    parts = [f"“{quote}”", article.outlet or "unknown outlet"]
    if article.title:
        parts.append(f"“{article.title}”")
    if article.published:
        parts.append(article.published)
    if safe_url(article.url):
        parts.append(article.url or "")
    return ", ".join(parts) + f" (characters {start}–{end}, claimgraph article {article.id})"
