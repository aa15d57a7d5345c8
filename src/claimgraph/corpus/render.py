"""An event comparison as JSON-ready data, plain text, or a self-contained HTML page.

All article text that reaches the HTML page goes through ``html.escape``: articles are
untrusted input and the page must never run what they contain.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from .alignment import Aspect, BlameReport, EventComparison, FigureReport, day_label

__all__ = ["comparison_to_dict", "render_text", "render_html"]


def comparison_to_dict(comparison: EventComparison) -> dict[str, Any]:
    """A JSON-ready dict of the comparison (lists, strings, numbers, None)."""
    data = dataclasses.asdict(comparison)
    data["conflicts"] = comparison.conflicts
    return data


def _figure(r: FigureReport) -> str:
    if r.low is not None and r.high is not None and r.low != r.high:
        value = f"{r.low:g}-{r.high:g}"
    else:
        value = f"{r.value:g}" if r.value is not None else f"{(r.low if r.low is not None else r.high):g}"
    return ("about " if r.approximate else "") + value


def _who(r: FigureReport | BlameReport) -> str:
    return f"{r.outlet or r.article_id} ({day_label(r.published)})"


def render_text(comparison: EventComparison) -> str:
    """The comparison as plain text: per aspect, each outlet's report with its sentence."""
    lines = [f"Event {comparison.event_id}: {len(comparison.articles)} articles, {comparison.conflicts} conflicts"]
    for article in comparison.articles:
        lines.append(f"  - {article.outlet or 'unknown outlet'}, {day_label(article.published)}: "
                     f"{article.title or article.id}")
    for aspect in (*comparison.figures, *([comparison.blame] if comparison.blame else [])):
        lines.append("")
        lines.append(f"{aspect.name} [{aspect.status}]")
        for r in aspect.reports:
            said = _figure(r) if isinstance(r, FigureReport) else f"{r.party} (said by {r.said_by})"
            lines.append(f"  {_who(r)}: {said}  | {' '.join(r.sentence.text.split())}")
        for d in aspect.differences:
            if d.kind != "agreement":
                lines.append(f"  {d.kind}: {_who(d.first)} vs {_who(d.second)}: {d.reason}")
    if comparison.timeline:
        lines += ["", "timeline"]
        lines += [f"  {day_label(r.published)}  {r.role}: {_figure(r)}  ({r.outlet or r.article_id})"
                  for r in comparison.timeline]
    if comparison.places:
        lines += ["", "places"]
        lines += [f"  {_who(p)}: {p.name}" for p in comparison.places]
    if comparison.dates:
        lines += ["", "when it happened"]
        lines += [f"  {_who(d)}: {d.value or d.span.text} ({d.span.text!r})" for d in comparison.dates]
    return "\n".join(lines)


_STYLE = """body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}.conflict{background:#fdd}
.update{background:#ffd}.agreement{background:#dfd}mark{background:#fe8}"""


def render_html(comparison: EventComparison) -> str:
    """A self-contained HTML page (no scripts, no external files); all text escaped."""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Event {escape(comparison.event_id)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Event {escape(comparison.event_id)}</h1>",
        f"<p>{len(comparison.articles)} articles, {comparison.conflicts} conflicts</p>",
        "<h2>Articles</h2><ul>",
        *(f"<li>{escape(a.outlet or 'unknown outlet')}, {escape(day_label(a.published))}: "
          f"{escape(a.title or a.id)}</li>" for a in comparison.articles),
        "</ul>",
    ]
    for aspect in (*comparison.figures, *([comparison.blame] if comparison.blame else [])):
        parts.append(_aspect_html(aspect))
    if comparison.timeline:
        parts.append("<h2>Timeline of figures</h2><table><tr><th>date</th><th>role</th><th>figure</th><th>outlet</th></tr>")
        parts += [f"<tr><td>{escape(day_label(r.published))}</td><td>{escape(r.role)}</td>"
                  f"<td>{escape(_figure(r))}</td><td>{escape(r.outlet or r.article_id)}</td></tr>"
                  for r in comparison.timeline]
        parts.append("</table>")
    if comparison.places or comparison.dates:
        parts.append("<h2>Places and dates</h2><ul>")
        parts += [f"<li>{escape(_who(p))}: {escape(p.name)}</li>" for p in comparison.places]
        parts += [f"<li>{escape(_who(d))}: {escape(d.value or '')} (&ldquo;{escape(d.span.text)}&rdquo;)</li>"
                  for d in comparison.dates]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _aspect_html(aspect: Aspect) -> str:
    rows = []
    for r in aspect.reports:
        said = _figure(r) if isinstance(r, FigureReport) else f"{r.party} (said by {r.said_by})"
        rows.append(f"<tr><td>{escape(_who(r))}</td><td>{escape(said)}</td><td>{_highlight(r)}</td></tr>")
    diffs = [f'<li class="{d.kind}">{escape(d.kind)}: {escape(_who(d.first))} vs {escape(_who(d.second))}: '
             f"{escape(d.reason)}</li>" for d in aspect.differences if d.kind != "agreement"]
    return (f'<h2 class="{aspect.status}">{escape(aspect.name)} ({escape(aspect.status)})</h2>'
            "<table><tr><th>outlet</th><th>says</th><th>sentence</th></tr>" + "".join(rows) + "</table>"
            + (f"<ul>{''.join(diffs)}</ul>" if diffs else ""))


def _highlight(r: FigureReport | BlameReport) -> str:
    """The sentence with the span marked; offsets are article offsets, the sentence is a slice of it."""
    s, span = r.sentence, r.span
    if not (s.start <= span.start <= span.end <= s.end):
        return escape(s.text)
    a, b = span.start - s.start, span.end - s.start
    return escape(s.text[:a]) + "<mark>" + escape(s.text[a:b]) + "</mark>" + escape(s.text[b:])
