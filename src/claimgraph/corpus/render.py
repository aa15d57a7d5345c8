"""A comparison as the ``compare/2`` JSON document, plain text, or a self-contained HTML page.

The text and HTML views are built on the JSON document. All article text that reaches
the HTML page goes through ``html.escape``: articles are untrusted input and the page must
never run what they contain.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..model import to_dict
from .compare import SCHEMA, Comparison

__all__ = ["comparison_to_dict", "render_text", "render_html"]


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The ``compare/2`` document (documented in docs/corpus.md, schema compare-v2.schema.json)."""
    data = to_dict(comparison)
    return {"schema": SCHEMA, **{k: data[k] for k in ("event", "articles", "slots", "blame", "claims")}}


def _value(m: dict[str, Any]) -> str:
    return " ".join(m["text"].split())


def _names(doc: dict[str, Any]) -> dict[str, str]:
    names, seen = {}, {}
    for a in doc["articles"]:
        name = a["outlet"] or a["id"]
        seen[name] = seen.get(name, 0) + 1
        names[a["id"]] = name if seen[name] == 1 else f"{name} #{seen[name]}"
    return names


def _mark(m: dict[str, Any], text: str) -> str:
    """A member's span, marked, with its character offsets in its article."""
    return f'<mark title="{escape(m["article_id"])} [{m["start"]}:{m["end"]}]">{escape(text)}</mark>'


def render_text(comparison: Comparison) -> str:
    """One table per section: a line per slot (verdict, each outlet's value), per party, per claim."""
    doc = comparison_to_dict(comparison)
    names = _names(doc)
    event = doc["event"]
    lines = [f"Event {event['id'] or '(chosen articles)'}: {len(doc['articles'])} articles, "
             f"{comparison.conflicts} conflicts"]
    if event["title"]:
        lines.append(f"  {event['title']}")
    for a in doc["articles"]:
        lines.append(f"  - {names[a['id']]}, {(a['published'] or 'undated')[:10]}: {a['title'] or a['id']}")
    lines += ["", "Figures"]
    if not doc["slots"]:
        lines.append("  (no figure that two articles report about the same thing)")
    for slot in doc["slots"]:
        by_article: dict[str, list[str]] = {}
        for m in slot["members"]:
            by_article.setdefault(m["article_id"], []).append(_value(m) + (f" ({m['source']})" if m["source"] else ""))
        values = "; ".join(f"{names[k]}: {', '.join(v)}" for k, v in by_article.items())
        lines.append(f"  {slot['label']} [{slot['verdict']}]  {values}")
        lines.append(f"      {slot['verdict_reason']}")
    lines += ["", "Blame and credit"]
    if not doc["blame"]:
        lines.append("  (no article says who is responsible)")
    for row in doc["blame"]:
        said = "; ".join(f"{names[m['article_id']]}: {m['framing']} by {m['by']}" for m in row["members"])
        lines.append(f"  {row['party']} ({row['kind']}) [{row['verdict']}]  {said}")
    lines += ["", "Claims across outlets"]
    if not doc["claims"]:
        lines.append("  (no claim that two articles carry)")
    for claim in doc["claims"]:
        lines.append(f"  {claim['id']}: {' '.join(claim['text'].split())[:160]}")
        lines.append("      " + "; ".join(f"{names[m['article_id']]}: {m['framing']}"
                                          + (f" ({m['source']})" if m["source"] else "") for m in claim["members"]))
    return "\n".join(lines)


_STYLE = """body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%;margin-bottom:1em}
td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}.conflict{background:#fdd}
.update{background:#ffd}.agree{background:#dfd}.denied{background:#eef}.absent{color:#999}mark{background:#fe8}"""


def render_html(comparison: Comparison) -> str:
    """A self-contained HTML page (no scripts, no external files); every article string escaped."""
    doc = comparison_to_dict(comparison)
    names = _names(doc)
    ids = [a["id"] for a in doc["articles"]]
    title = escape(doc["event"]["id"] or "chosen articles")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Event {title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Event {title}</h1>",
        f"<p>{len(ids)} articles, {comparison.conflicts} conflicts</p>",
        "<h2>Articles</h2><ul>",
        *(f"<li>{escape(names[a['id']])}, {escape((a['published'] or 'undated')[:10])}: "
          f"{escape(a['title'] or a['id'])}</li>" for a in doc["articles"]),
        "</ul>", "<h2>Figures</h2><table><tr><th>slot</th><th>verdict</th>",
        *(f"<th>{escape(names[i])}</th>" for i in ids), "</tr>",
    ]
    for slot in doc["slots"]:
        cells = {i: [] for i in ids}
        for m in slot["members"]:
            cells[m["article_id"]].append(_mark(m, _value(m))
                                          + (f" ({escape(m['source'])})" if m["source"] else ""))
        parts.append(f'<tr class="{escape(slot["verdict"])}"><td>{escape(slot["label"])}<br><small>'
                     f'{escape(slot["referent"])}</small></td><td>{escape(slot["verdict"])}<br><small>'
                     f'{escape(slot["verdict_reason"])}</small></td>'
                     + "".join(f"<td>{'<br>'.join(cells[i])}</td>" for i in ids) + "</tr>")
    parts += ["</table>", "<h2>Blame and credit</h2><table><tr><th>party</th><th>verdict</th>",
              *(f"<th>{escape(names[i])}</th>" for i in ids), "</tr>"]
    for row in doc["blame"]:
        cells = {i: [] for i in ids}
        for m in row["members"]:
            cells[m["article_id"]].append(f"{escape(m['framing'])} by {escape(m['by'])}: "
                                          + _mark(m, ' '.join(m['text'].split())))
        parts.append(f'<tr class="{escape(row["verdict"])}"><td>{escape(row["party"])} ({escape(row["kind"])})</td>'
                     f'<td>{escape(row["verdict"])}</td>' + "".join(f"<td>{'<br>'.join(cells[i])}</td>" for i in ids)
                     + "</tr>")
    parts += ["</table>", "<h2>Claims across outlets</h2><table><tr><th>claim</th>",
              *(f"<th>{escape(names[i])}</th>" for i in ids), "</tr>"]
    for claim in doc["claims"]:
        cells = {m["article_id"]: m for m in claim["members"]}
        row = []
        for i in ids:
            m = cells.get(i)
            if m is None or m["framing"] == "absent":
                row.append('<td class="absent">absent</td>')
            else:
                source = f" ({escape(m['source'])})" if m["source"] else ""
                row.append(f"<td>{escape(m['framing'])}{source}: {_mark(m, ' '.join(m['text'].split()))}</td>")
        parts.append(f"<tr><td>{escape(' '.join(claim['text'].split()))}</td>{''.join(row)}</tr>")
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts)
