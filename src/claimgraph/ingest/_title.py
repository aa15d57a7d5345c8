"""Headlines at the top of a plain text: the title of a text file, and lines that are no prose.

A text's headline block is the run of paragraphs at its start that are each one short line
(at most :data:`MAX_HEADLINE_WORDS` words and :data:`MAX_HEADLINE_CHARS` characters) followed
by a blank line, with more text after them, and that read as headlines: no full stop at the
end, unless most of the words are capitalised ("Pence: Flowers Won't Be at Debate."). The
first one is the title of a text that has none; the pipeline treats all of them as
headlines (no attribution spans in them or across them, see docs/attribution.md).
"""

from __future__ import annotations

import re

__all__ = ["MAX_HEADLINE_CHARS", "MAX_HEADLINE_WORDS", "headline_spans", "title_from_text"]

MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
_PARAGRAPH_BREAK = re.compile(r"[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)+")
_SENTENCE_END = tuple(".;,")


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or len(line) > MAX_HEADLINE_CHARS or "\n" in line:
        return False
    if not any(ch.isalnum() for ch in line):
        return False
    if line.rstrip("\"'”’»)").endswith(_SENTENCE_END):
        lettered = [w for w in words if w[0].isalpha()]
        capitalised = sum(w[0].isupper() for w in lettered)
        return len(lettered) >= 2 and capitalised >= 0.6 * len(lettered)
    return True


def headline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the headline lines at the start of ``text``."""
    spans: list[tuple[int, int]] = []
    position = len(text) - len(text.lstrip())
    while position < len(text):
        brk = _PARAGRAPH_BREAK.search(text, position)
        if brk is None:
            break  # the last paragraph is the body, never a headline
        raw = text[position:brk.start()]
        line = raw.strip()
        if not _looks_like_headline(line):
            break
        start = position + (len(raw) - len(raw.lstrip()))
        spans.append((start, start + len(line)))
        position = brk.end()
        if not text[position:].strip():
            spans.pop()  # nothing after it: the text is this one line
            break
    return spans


def title_from_text(text: str) -> str | None:
    """The first headline line of ``text`` (see :func:`headline_spans`), or None."""
    spans = headline_spans(text)
    return text[spans[0][0]:spans[0][1]] if spans else None
