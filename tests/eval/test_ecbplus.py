from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import DatasetError
from claimgraph.eval.ecbplus import read_corpus, read_document
from tests.conftest import shared_path

SAMPLE = """<Document doc_name="9_1ecb.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">two</token>
<token t_id="4" sentence="0" number="3">men</token>
<token t_id="5" sentence="0" number="4">.</token>
<token t_id="6" sentence="1" number="0">(</token>
<token t_id="7" sentence="1" number="1">AP</token>
<token t_id="8" sentence="1" number="2">)</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="3"/><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="3" TAG_DESCRIPTOR="instance"/>
</Markables>
</Document>"""


def test_read_document_rebuilds_text_and_offsets(tmp_path: Path):
    path = tmp_path / "9_1ecb.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "Police arrested two men.\n(AP)"
    assert doc.gold_event == "9ecb"
    assert [(m.kind, m.text) for m in doc.mentions] == [("ACTION_OCCURRENCE", "arrested"), ("HUMAN_PART_PER", "two men")]
    assert doc.sentences == ((0, 0, 24), (1, 25, 29))


def test_bad_file_name_and_xml(tmp_path: Path):
    bad = tmp_path / "notes.xml"
    bad.write_text("<x/>", encoding="utf-8")
    with pytest.raises(DatasetError, match="not an ECB"):
        read_document(bad)
    broken = tmp_path / "1_1ecb.xml"
    broken.write_text("<Document><token", encoding="utf-8")
    with pytest.raises(DatasetError, match="well-formed"):
        read_document(broken)


def test_real_corpus_offsets_match():
    root = shared_path("ecbplus", "ECB+")
    docs = list(read_corpus(root, topics={"1", "2"}))
    assert {d.topic for d in docs} == {"1", "2"}
    assert all(doc.text[m.start:m.end] == m.text for doc in docs for m in doc.mentions)
    assert len({d.gold_event for d in docs}) == 4


def test_numbers_split_by_the_tokeniser_are_joined(tmp_path):
    """"5" "." "9" reads 5.9 and "120" "," "000" reads 120,000; a comma before other digits keeps its space."""
    from claimgraph.eval.ecbplus import read_document

    tokens = ["A", "5", ".", "9", "quake", "hit", "120", ",", "000", "people", "at", "09", ":", "10", ",", "10", ",", "20"]
    body = "".join(f'<token t_id="{i}" sentence="0" number="{i}">{t}</token>' for i, t in enumerate(tokens, 1))
    path = tmp_path / "1_1ecb.xml"
    path.write_text(f'<Document doc_name="1_1ecb.xml">{body}<Markables/></Document>', encoding="utf-8")
    assert read_document(path).text == "A 5.9 quake hit 120,000 people at 09:10, 10, 20"
