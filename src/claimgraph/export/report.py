"""A self-contained HTML report of one analysis: the article with its spans highlighted.

Every piece of article text and every extracted value goes through :func:`html.escape`;
the page loads nothing from outside (no scripts, fonts or style sheets), so it can be
opened offline or attached to a message.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..ingest._title import headline_spans
from ..model import Analysis, Article, Claim, Source

__all__ = ["html_report", "Highlight", "highlights", "LAYERS", "claim_by", "error_rows", "meta_line", "source_label"]

#: Highlight layers: name -> (CSS colour, legend text).
LAYERS = {
    "source": ("#cfe2ff", "source of a claim"),
    "cue": ("#ffe69c", "cue (said, claims, revealed…)"),
    "content": ("#e2f0d9", "attributed content"),
    "author": ("#f8d7da", "author's own claim"),
    "quantity": ("#d1e7dd", "quantity"),
    "time": ("#e0cffc", "time"),
    "place": ("#cff4fc", "place"),
    "technique": ("#ffd8a8", "persuasion technique"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Highlight:
    start: int
    end: int
    layer: str
    label: str


def highlights(analysis: Analysis) -> list[Highlight]:
    """Every highlightable span of an analysis, with its layer and a short label (headline
    lines too, layer "headline", which the legend does not list)."""
    out: list[Highlight] = [Highlight(start=s, end=e, layer="headline", label="headline")
                            for s, e in headline_spans(analysis.article.text)]
    for a in analysis.attributions:
        if a.source is not None:
            out.append(Highlight(start=a.source.start, end=a.source.end, layer="source",
                                 label=f"source ({a.source.kind}) of {a.id}"))
        out.append(Highlight(start=a.cue.start, end=a.cue.end, layer="cue", label=f"cue: {a.cue.cue_class}"))
        out.append(Highlight(start=a.content.start, end=a.content.end, layer="content", label=f"content of {a.id}"))
    for c in analysis.claims:
        if c.attribution == "author":
            out.append(Highlight(start=c.start, end=c.end, layer="author",
                                 label=f"author claim, certainty {c.certainty:.2f}"))
    for q in analysis.quantities:
        out.append(Highlight(start=q.start, end=q.end, layer="quantity", label=f"{q.role or 'quantity'}: {q.value}"))
    for t in analysis.times:
        out.append(Highlight(start=t.start, end=t.end, layer="time", label=f"{t.value} ({t.precision})"))
    for p in analysis.places:
        out.append(Highlight(start=p.start, end=p.end, layer="place", label=f"{p.name}, {p.country}"))
    for t in analysis.techniques:
        out.append(Highlight(start=t.start, end=t.end, layer="technique", label=f"{t.technique} ({t.score:.2f})"))
    return [h for h in out if h.end > h.start]


def _segments(text: str, marks: list[Highlight]) -> Iterator[tuple[str, list[Highlight]]]:
    """Split ``text`` at every highlight boundary; yield each piece with the highlights over it."""
    bounds = sorted({0, len(text), *(h.start for h in marks), *(h.end for h in marks)})
    for left, right in zip(bounds, bounds[1:]):
        over = [h for h in marks if h.start <= left and right <= h.end]
        yield text[left:right], over


def _render_text(text: str, marks: list[Highlight]) -> str:
    parts = []
    for piece, over in _segments(text, marks):
        escaped = html.escape(piece)
        if not over:
            parts.append(escaped)
            continue
        classes = " ".join(sorted({f"hl-{h.layer}" for h in over}))
        title = html.escape("; ".join(h.label for h in over), quote=True)
        parts.append(f'<span class="{classes}" title="{title}">{escaped}</span>')
    return "".join(parts)


def _table(headers: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if body else "<p>None found.</p>"


def source_label(source: Source | None) -> str:
    """How a source reads in a table: its text, a pronoun with the name it stands for
    ("he (Joseph Borg)"), or "(unnamed)" for an agentless "it was said"."""
    if source is None:
        return "(unnamed)"
    if source.resolved and source.resolved != source.text:
        return f"{source.text} ({source.resolved.strip().rstrip(',;:').strip()})"
    return source.text


def claim_by(analysis: Analysis, claim: Claim) -> str:
    """Who makes a claim: the author, or the source of its attribution ("(unnamed)" when it has none)."""
    if claim.attribution == "author":
        return "author"
    found = next((x for x in analysis.attributions if x.id == claim.attribution), None)
    return source_label(found.source) if found is not None else "author"


def meta_line(article: Article) -> str:
    """Outlet, date (with its precision when partial), language, author and URL, as one line."""
    published = article.published
    if published and article.published_precision in ("month", "year"):
        published = f"{published} ({article.published_precision} only)"
    language = f"language {article.language}" if article.language else None
    return " · ".join(str(v) for v in (article.outlet, published, language, article.author, article.url) if v)


def error_rows(analysis: Analysis) -> list[tuple[str, str, str]]:
    """The analysis' error records and the readers' warnings on its article, in one list."""
    return [(e.stage, e.code, e.message) for e in (*analysis.article.warnings, *analysis.errors)]


def _sections(analysis: Analysis) -> list[tuple[str, str]]:
    a = analysis
    sections = [
        ("Attributions", _table(
            ["source", "kind", "cue", "class", "content", "certainty"],
            [(source_label(x.source), x.source.kind if x.source else "",
              x.cue.text, x.cue.cue_class, x.content.text, f"{x.certainty:.2f}") for x in a.attributions])),
        ("Claims", _table(
            ["claim", "by", "certainty", "hedges", "check-worthiness"],
            [(c.text, claim_by(a, c), f"{c.certainty:.2f}", ", ".join(h.text for h in c.hedges),
              "" if c.checkworthiness is None else f"{c.checkworthiness:.2f}") for c in a.claims])),
        ("Quantities", _table(
            ["text", "value", "low", "high", "unit", "role", "approximate"],
            [(q.text, q.value, q.low, q.high, q.unit, q.role, q.approximate) for q in a.quantities])),
        ("Times", _table(["text", "value", "precision"], [(t.text, t.value, t.precision) for t in a.times])),
        ("Places", _table(
            ["text", "name", "country", "lat", "lon", "precision"],
            [(p.text, p.name, p.country, p.lat, p.lon, p.precision) for p in a.places])),
        ("Events", _table(
            ["type", "trigger", "actors", "targets", "place", "time", "quantities"],
            [(e.type, e.trigger.text, ", ".join(s.text for s in e.actors), ", ".join(s.text for s in e.targets),
              e.place.name if e.place else "", e.time.value if e.time else "",
              ", ".join(f"{q.role}={q.value}" for q in e.quantities)) for e in a.events])),
        ("Persuasion techniques", _table(
            ["technique", "text", "score"], [(t.technique, t.text, f"{t.score:.2f}") for t in a.techniques])),
    ]
    if error_rows(a):  # no "Errors: None found." under every clean analysis
        sections.append(("Errors", _table(["stage", "code", "message"], error_rows(a))))
    return sections


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.article{white-space:pre-wrap;line-height:1.6;border:1px solid #ddd;padding:1rem;border-radius:6px}
table{border-collapse:collapse;width:100%;margin-bottom:1rem;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.legend span{display:inline-block;margin:.1rem .4rem .1rem 0;padding:0 .4rem;border-radius:3px}
.meta{color:#555}
.hl-headline{font-weight:bold}
"""


def html_report(analysis: Analysis) -> str:
    """The whole HTML page for one analysis."""
    article = analysis.article
    colours = "".join(f".hl-{name}{{background:{colour}}}" for name, (colour, _) in LAYERS.items())
    legend = "".join(f'<span class="hl-{name}">{html.escape(text)}</span>' for name, (_, text) in LAYERS.items())
    meta = html.escape(meta_line(article))
    language = f' lang="{html.escape(article.language, quote=True)}"' if article.language else ""
    sections = "".join(f"<h2>{html.escape(title)}</h2>{body}" for title, body in _sections(analysis))
    title = html.escape(article.title or "Untitled article")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title} — claimgraph</title><style>{_STYLE}{colours}</style></head><body>"
        f"<h1>{title}</h1><p class=\"meta\">{meta}</p>"
        f"<p class=\"legend\">{legend}</p>"
        f"<div class=\"article\"{language}>{_render_text(article.text, highlights(analysis))}</div>"
        f"{sections}<p class=\"meta\">claimgraph output schema v{html.escape(analysis.schema_version)}, "
        f"article id {html.escape(article.id)}</p></body></html>\n"
    )
