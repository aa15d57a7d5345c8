"""Reader for ECB+ (Cybulska and Vossen, 2014): news documents with event mentions.

Each topic folder holds documents about two different real-world events of the same kind:
``<topic>_<n>ecb.xml`` describe one, ``<topic>_<n>ecbplus.xml`` the other. Documents are
token-level XML; this reader rebuilds a plain text from the tokens (spaces between tokens
except before closing punctuation and inside a number that the tokeniser split, "5.9",
"120,000", "09:10"; a newline between sentences) and maps every markable to
character offsets in that text, so it can be fed to the pipeline and scored like any article.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError

__all__ = [
    "EcbMention",
    "EcbDocument",
    "read_document",
    "read_corpus",
    "complete_sentences",
    "DEV_TOPICS",
]

#: Development topics of the standard split (Cybulska and Vossen 2015); see SPLIT.txt.
DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
#: A number split by the tokeniser: digits, then ".", "," or ":", then digits ("5" "." "9").
_NUMBER_PART = {".": re.compile(r"^\d+$"), ",": re.compile(r"^\d{3}$"), ":": re.compile(r"^\d{2}$")}
_DIGITS = re.compile(r"^\d+$")
_FILE_NAME = re.compile(r"^(?P<topic>\d+)_(?P<n>\d+)(?P<kind>ecbplus|ecb)\.xml$")


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbMention:
    """One markable: ``kind`` is its tag (e.g. ACTION_OCCURRENCE, HUMAN_PART_PER)."""

    m_id: str
    kind: str
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbDocument:
    topic: str
    name: str  # file name without .xml, e.g. "1_10ecbplus"
    seminal: str  # "ecb" or "ecbplus": which of the topic's two events it describes
    text: str
    sentences: tuple[tuple[int, int, int], ...]  # (sentence number, start, end)
    mentions: tuple[EcbMention, ...]

    @property
    def gold_event(self) -> str:
        """The document's real-world event label: topic plus seminal kind."""
        return f"{self.topic}{self.seminal}"

    @property
    def actions(self) -> tuple[EcbMention, ...]:
        return tuple(m for m in self.mentions if m.kind.startswith("ACTION"))


def read_document(path: Path) -> EcbDocument:
    """Parse one ECB+ XML file."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        raise DatasetError(f"{path}: not an ECB+ file name (expected <topic>_<n>ecb[plus].xml)")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise DatasetError(f"{path}: not well-formed XML ({exc})") from None
    text, offsets, sentences = _rebuild_text(root)
    mentions = []
    for markables in root.iter("Markables"):
        for element in markables:
            anchors = [a.get("t_id") for a in element.iter("token_anchor")]
            spans = [offsets[t] for t in anchors if t in offsets]
            if not spans:
                continue  # instance markables (cross-document ids) have no tokens
            start = min(s for s, _e, _n in spans)
            end = max(e for _s, e, _n in spans)
            mentions.append(EcbMention(
                m_id=element.get("m_id", ""), kind=element.tag, start=start, end=end,
                text=text[start:end], sentence=spans[0][2],
            ))
    mentions.sort(key=lambda m: (m.start, m.end))
    return EcbDocument(
        topic=match["topic"], name=path.stem, seminal=match["kind"], text=text,
        sentences=tuple(sentences), mentions=tuple(mentions),
    )


def _rebuild_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int, int]], list]:
    parts: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    sentences: list[tuple[int, int, int]] = []
    length = 0
    current = None
    sent_start = 0
    previous = before = ""
    for token in root.iter("token"):
        word = token.text or ""
        number = int(token.get("sentence", "0"))
        if current is None or number != current:
            if current is not None:
                sentences.append((current, sent_start, length))
                parts.append("\n")
                length += 1
            current, sent_start, previous, before = number, length, "", ""
        elif word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER \
                and not _inside_number(before, previous, word):
            parts.append(" ")
            length += 1
        offsets[token.get("t_id", "")] = (length, length + len(word), number)
        parts.append(word)
        length += len(word)
        before, previous = previous, word
    if current is not None:
        sentences.append((current, sent_start, length))
    return "".join(parts), offsets, sentences


def _inside_number(before: str, separator: str, word: str) -> bool:
    """"5" "." "9" is 5.9 and "120" "," "000" is 120,000: no space after the separator."""
    pattern = _NUMBER_PART.get(separator)
    return pattern is not None and bool(_DIGITS.match(before)) and bool(pattern.match(word))


def read_corpus(root: Path, topics: set[str] | frozenset[str] | None = None) -> Iterator[EcbDocument]:
    """Every document under ``root`` (one sub-folder per topic), in a stable order."""
    if not root.is_dir():
        raise DatasetError(f"{root} is not a folder: give the ECB+ folder that holds one sub-folder per topic")
    files = sorted(root.glob("*/*.xml"), key=lambda p: (_sort_key(p.parent.name), p.name))
    if not files:
        raise DatasetError(f"{root} holds no <topic>/<file>.xml documents: is it the ECB+ folder?")
    for path in files:
        if _FILE_NAME.match(path.name) and (topics is None or path.parent.name in topics):
            yield read_document(path)


def complete_sentences(csv_path: Path) -> dict[str, frozenset[int]]:
    """Sentences whose annotation is complete, by document name (``ECBplus_coreference_sentences.csv``)."""
    result: dict[str, set[int]] = {}
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = f"{row['Topic']}_{row['File']}"
            result.setdefault(name, set()).add(int(row["Sentence Number"]))
    return {name: frozenset(numbers) for name, numbers in result.items()}


def _sort_key(name: str) -> tuple[int, str]:
    return (int(name), name) if name.isdigit() else (10**9, name)
