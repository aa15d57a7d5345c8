"""The encoder runtime: pieces cut once per article and shared, windows stitched back, and
every encoder component's outputs independent of batch neighbours, ``batch_size`` and
``n_process`` (exact equality, not a tolerance)."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.components import encoder as rt
from claimgraph.components.attribution.tagger import MODEL_DIR as TAGGER_DIR
from claimgraph.components.checkworthiness.transformer import MAX_PIECES, piece_ids
from claimgraph.components.techniques.model import MODEL_DIR as TECHNIQUES_DIR

SENTENCES = [
    "The minister said on Tuesday that the new tax would cost families 400 dollars a year.",
    "Critics, including two former officials, called the plan a disaster for the economy.",
    "\"We will never surrender to these criminals,\" the president told reporters in Kyiv.",
    "According to the report, unemployment fell to 3.9 percent in March.",
    "Everyone knows that the opposition only wants power, and nothing else.",
    "Police said three people were arrested after the protest turned violent.",
]


def _texts() -> list[str]:
    """Mixed lengths: one sentence, a paragraph, and articles of several windows."""
    texts = []
    for k in range(9):
        n = [1, 3, 40, 2, 70, 6, 1, 25, 4][k]
        texts.append(" ".join(SENTENCES[(k + i) % len(SENTENCES)] for i in range(n)))
    texts.insert(3, "Short.")
    return texts


def test_tokenizers_with_the_same_file_are_one_object() -> None:
    a = rt.load_tokenizer(TECHNIQUES_DIR / "tokenizer.json")
    b = rt.load_tokenizer(TAGGER_DIR / "tokenizer.json")
    assert a is b  # the shipped heads share one tokenizer, hence one cut of each doc


def test_stitch_rows_reads_each_piece_from_its_owner_window() -> None:
    ids = np.arange(600, dtype=np.int64) + 1000
    windows = rt.make_windows(ids, 101, 102)
    rows = rt.window_rows(windows)
    assert [len(r) for r in rows] == [int(m.sum()) for m in windows.mask]
    stitched = rt.stitch_rows(windows, [r[:, None].astype(np.float32) for r in rows])
    assert np.array_equal(stitched[:, 0], ids.astype(np.float32))


def test_sentence_pieces_equal_sentences_tokenised_alone() -> None:
    tokenizer = rt.load_tokenizer(TECHNIQUES_DIR / "tokenizer.json")
    text = "  ".join(SENTENCES) + " Don't—ever—say \"never\" (again)!"
    pieces = rt.article_pieces(tokenizer, text)
    spans, cursor = [], 0
    for sentence in [*SENTENCES, "Don't—ever—say \"never\" (again)!"]:
        start = text.index(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    sliced = rt.sentence_pieces(pieces, spans, cls_id, sep_id, MAX_PIECES)
    alone = piece_ids(tokenizer, [text[s:e] for s, e in spans])
    assert all(np.array_equal(a, b) for a, b in zip(sliced, alone))


def test_session_threads_fit_the_process_count() -> None:
    try:
        rt.set_process_count(1)
        everything = rt.session_threads()
        rt.set_process_count(10_000)
        assert rt.session_threads() == 1
        assert everything >= 1
    finally:
        rt.set_process_count(1)


def test_run_rows_gives_each_row_its_own_result() -> None:
    calls = []

    def fake(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        calls.append(ids.shape)
        return ids[..., None].astype(np.float32), ids.sum(axis=1, keepdims=True)

    out = rt.run_rows(fake, [np.array([1, 2, 3]), np.array([4])])
    assert calls == [(1, 3), (1, 1)]  # one row per call, trimmed: nothing padded
    assert out[0][0].shape == (3, 1) and out[1][1].tolist() == [4]


def _records(doc) -> tuple:  # type: ignore[no-untyped-def]
    return (doc._.cg_techniques, doc._.cg_attributions, doc._.cg_sentences, doc._.cg_errors)


@pytest.mark.slow
def test_encoder_components_do_not_depend_on_their_batch(nlp) -> None:  # type: ignore[no-untyped-def]
    """techniques, the attribution tagger and the check-worthiness encoder: ``pipe`` over
    mixed-length docs at several batch sizes gives exactly what one-by-one runs give."""
    texts = _texts()
    alone = [_records(nlp(text)) for text in texts]
    assert any(r[0] for r in alone) and any(r[1] for r in alone) and all(r[2] for r in alone)
    for batch_size in (2, 16):
        piped = [_records(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
        assert piped == alone, batch_size
    reordered = [_records(doc) for doc in nlp.pipe(texts[::-1], batch_size=4)][::-1]
    assert reordered == alone


@pytest.mark.slow
def test_analyses_do_not_depend_on_batch_size_or_n_process() -> None:
    import claimgraph

    texts = _texts()[:5]
    one = [a.to_dict() if hasattr(a, "to_dict") else a for a in claimgraph.pipe(texts, batch_size=1)]
    many = [a.to_dict() if hasattr(a, "to_dict") else a for a in claimgraph.pipe(texts, batch_size=5, n_process=2)]
    assert one == many
