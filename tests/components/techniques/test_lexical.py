"""The lexical SI model: features per word piece, fitting, saving."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from claimgraph.components.techniques import lexical as tl


def test_every_piece_gets_the_features_of_its_word() -> None:
    text = "Shameful traitors!\nThey lie."
    offsets = np.asarray([[0, 5], [5, 8], [9, 17], [17, 18], [19, 23], [24, 27], [27, 28]])
    rows = tl.piece_features(text, offsets)
    assert len(rows) == len(offsets)
    assert "w=shameful" in rows[0] and "w=shameful" in rows[1]  # two pieces of one word
    assert "p=<s>" in rows[0] and "n=traitors" in rows[0]
    assert "bang=True" in rows[2] and "bang=False" in rows[4]  # facts of the piece's own line
    assert tl.piece_features("", np.zeros((0, 2), dtype=np.int64)) == []


def test_fit_learns_a_marked_word_and_round_trips(tmp_path: Path) -> None:
    text = "they are vile people and we are good people"
    words = [(m, m + len(w)) for m, w in ((text.index(w), w) for w in text.split())]
    offsets = np.asarray(words)
    labels = np.asarray([1.0 if text[s:e] == "vile" else 0.0 for s, e in words])
    rows = tl.piece_features(text, offsets) * 20
    model = tl.fit_lexical(rows, np.tile(labels, 20), c=10.0)
    probs = model.probabilities(text, offsets)
    assert probs.shape == (len(words),) and probs.argmax() == text.split().index("vile")
    model.save(tmp_path / "lexical.npz")
    again = tl.load_lexical(tmp_path / "lexical.npz")
    assert np.allclose(again.probabilities(text, offsets), probs)
    assert tl.LexicalModel(weights=model.weights, bias=0.0).probabilities(text, offsets[:0]).shape == (0,)
