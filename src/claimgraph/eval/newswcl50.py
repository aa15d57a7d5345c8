"""Reader for NewsWCL50 (Hamborg et al., 2019; CoNLL version by Zhukova et al., 2022).

Ten events of April 2018, each reported by five US outlets (LL, L, M, R, RR: far left to
far right). ``NewsWCL50.conll`` holds every token of the 50 articles under document ids
``EVENT/-/EVENT_OUTLET``; this reader rebuilds each article's text (spaces between tokens
except around punctuation, a newline between sentences) and its gold event. The publication
date comes from the article's URL in ``original/urls.tsv`` when the URL carries one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError

__all__ = ["NewsWclArticle", "read_corpus", "OUTLETS"]

#: Outlet codes of NewsWCL50 and the outlets they stand for (from ``original/urls.tsv``).
OUTLETS = {"LL": "HuffPost", "L": "The New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}

_DOC_ID = re.compile(r"^(?P<event>\d+)/-/(?P=event)_(?P<outlet>[A-Z]+)$")
#: What the CoNLL version puts at the end of paragraphs (alone or with spaces around it):
#: the two characters backslash, n.
_PARAGRAPH_MARK = "\\n"
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s", "”", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "``"}


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsWclArticle:
    doc_id: str  # e.g. "0/-/0_L"
    event: str  # gold event, "0" to "9"
    outlet: str  # outlet code, one of OUTLETS
    text: str
    url: str | None
    published: str | None  # ISO date from the URL, when it has one

    @property
    def outlet_name(self) -> str:
        return OUTLETS.get(self.outlet, self.outlet)


def read_corpus(root: Path) -> Iterator[NewsWclArticle]:
    """The 50 articles of a NewsWCL50 folder (holding ``NewsWCL50.conll``), in file order."""
    conll = root / "NewsWCL50.conll"
    if not conll.is_file():
        raise DatasetError(f"{root} holds no NewsWCL50.conll: give the NewsWCL50 folder")
    urls = _read_urls(root / "original" / "urls.tsv")
    for doc_id, sentences in _read_documents(conll):
        match = _DOC_ID.match(doc_id)
        if match is None:
            raise DatasetError(f"{conll}: document id {doc_id!r} is not of the form EVENT/-/EVENT_OUTLET")
        url = urls.get((match["event"], match["outlet"]))
        date = _URL_DATE.search(url or "")
        yield NewsWclArticle(
            doc_id=doc_id, event=match["event"], outlet=match["outlet"], text=_join(sentences), url=url,
            published="-".join(date.groups()) if date else None,
        )


def _read_documents(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    doc_id, sentences, current = None, [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("#begin document"):
                doc_id, sentences, current = line.split()[2].rstrip(";"), [], []
            elif line.startswith("#end document"):
                if current:
                    sentences.append(current)
                if doc_id is not None:
                    yield doc_id, sentences
                doc_id, current = None, []
            elif not line.strip():
                if current:
                    sentences.append(current)
                current = []
            else:
                columns = line.split("\t")
                if len(columns) < 4:
                    raise DatasetError(f"{path}: malformed token line {line[:80]!r}")
                word = columns[3].replace(_PARAGRAPH_MARK, "").strip()
                if word:
                    current.append(word)
                elif _PARAGRAPH_MARK in columns[3] and current:
                    # a paragraph ends inside a CoNLL sentence (e.g. after a headline)
                    sentences.append(current)
                    current = []
    if doc_id is not None:
        yield doc_id, sentences + ([current] if current else [])


def _join(sentences: list[list[str]]) -> str:
    lines = []
    for tokens in sentences:
        parts: list[str] = []
        previous = ""
        for word in tokens:
            if parts and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
                parts.append(" ")
            parts.append(word)
            previous = word
        lines.append("".join(parts))
    return "\n".join(lines)


def _read_urls(path: Path) -> dict[tuple[str, str], str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        return {(row[0].strip(), row[1].strip()): row[2].strip() for row in rows if len(row) >= 3}
