"""Terminal views (Rich renderables) of analyses and search results."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..export.report import LAYERS, claim_by, error_rows, highlights, meta_line, source_label
from ..model import Analysis

__all__ = ["analysis_view", "hits_table"]

#: Terminal styles of the highlight layers (the HTML report uses LAYERS' colours).
STYLES = {
    "source": "bold cyan",
    "cue": "bold yellow",
    "content": "green",
    "author": "magenta",
    "quantity": "bold green",
    "time": "bold magenta",
    "place": "bold blue",
    "technique": "underline red",
    "headline": "bold",
}


def _highlighted(analysis: Analysis) -> Text:
    # Wrapped whatever the console says: a console with soft_wrap (ours) would crop every
    # paragraph at the panel's edge instead.
    text = Text(analysis.article.text, no_wrap=False, overflow="fold")
    for mark in sorted(highlights(analysis), key=lambda h: (h.layer == "content", h.start)):
        text.stylize(STYLES[mark.layer], mark.start, mark.end)
    return text


def _legend() -> Text:
    legend = Text("legend: ")
    for name, (_colour, label) in LAYERS.items():
        legend.append(label, style=STYLES[name])
        legend.append("  ")
    return legend


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.10g}"


def _range(low: float | None, high: float | None) -> str:
    """"≥ 60", "≤ 100", "40–60", or nothing when the figure has no bounds."""
    if low is not None and high is not None:
        return f"{_number(low)}–{_number(high)}"
    if low is not None:
        return f"≥ {_number(low)}"
    if high is not None:
        return f"≤ {_number(high)}"
    return ""


#: Columns of closed vocabularies and figures, wide enough never to break a word ("governm/ent").
_NARROW = {"kind": 12, "class": 10, "cue": 9, "certainty": 9, "hedges": 8, "check-worthy": 12, "trigger": 10,
           "time": 10, "figures": 14, "precision": 11, "country": 7, "value": 10, "stage": 8, "code": 5}


def _table(title: str, headers: list[str], rows: Iterable[Iterable[object]]) -> Table | None:
    table = Table(title=title, title_justify="left", show_lines=False, expand=True)
    for header in headers:
        table.add_column(header, overflow="fold", min_width=_NARROW.get(header))
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table if table.row_count else None


def analysis_view(analysis: Analysis) -> RenderableType:
    """The whole terminal view: header, highlighted text, then one table per section."""
    a = analysis
    meta = meta_line(a.article)
    by_id = {x.id: x for x in a.attributions}

    def who(claim) -> str:  # noqa: ANN001
        found = by_id.get(claim.attribution)
        by = claim_by(a, claim)
        return by if found is None else f"{by} [{found.cue.cue_class}]"

    tables = [
        _table("Attributions", ["source", "kind", "cue", "class", "content"],
               [(source_label(x.source), x.source.kind if x.source else "",
                 x.cue.text, x.cue.cue_class, x.content.text) for x in a.attributions]),
        _table("Claims", ["claim", "by", "certainty", "hedges", "check-worthy"],
               [(c.text, who(c), f"{c.certainty:.2f}", ", ".join(h.text for h in c.hedges),
                 "" if c.checkworthiness is None else f"{c.checkworthiness:.2f}") for c in a.claims]),
        _table("Quantities", ["text", "value", "range", "unit", "role"],
               [(q.text, _number(q.value), _range(q.low, q.high), q.unit, q.role) for q in a.quantities]),
        _table("Times", ["text", "value", "precision"], [(t.text, t.value, t.precision) for t in a.times]),
        _table("Places", ["text", "name", "country", "precision"],
               [(p.text, p.name, p.country, p.precision) for p in a.places]),
        _table("Events", ["type", "trigger", "actors", "targets", "place", "time", "figures"],
               [(e.type, e.trigger.text, ", ".join(s.text for s in e.actors), ", ".join(s.text for s in e.targets),
                 e.place.name if e.place else "", e.time.value if e.time else "",
                 ", ".join(f"{q.role}={q.value:g}" for q in e.quantities if q.value is not None))
                for e in a.events]),
        _table("Persuasion techniques", ["technique", "text", "score"],
               [(t.technique, t.text, f"{t.score:.2f}") for t in a.techniques]),
        _table("Errors", ["stage", "code", "message"], error_rows(a)),
    ]
    header = Text(a.article.title or "Untitled article", style="bold")
    if meta:
        header.append(f"\n{meta}", style="dim")
    body = [header, _legend(), Panel(_highlighted(a), expand=True)]
    body.extend(t for t in tables if t is not None)
    return Group(*body)


def hits_table(hits: Iterable[object]) -> Table:
    """Search results: one row per article."""
    table = Table(expand=True)
    for header in ("id", "published", "outlet", "title", "match"):
        table.add_column(header, overflow="fold")
    for hit in hits:
        table.add_row(hit.article_id, hit.published or "", hit.outlet or "", hit.title or "", hit.snippet or "")
    return table
