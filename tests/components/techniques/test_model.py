"""The technique model's post-processing."""

from __future__ import annotations

import numpy as np

from claimgraph.components.techniques.model import repetition_rule
from claimgraph.model import TECHNIQUES

REP = TECHNIQUES.index("Repetition")


def test_repetition_rule_puts_repetition_first_for_recurring_spans() -> None:
    text = "Make it great. We will make it great. Make it great again, make it great! Once only."
    spans = [(0, 13), (text.index("Once"), len(text) - 1)]
    probs = np.full((2, len(TECHNIQUES)), 1.0 / len(TECHNIQUES), dtype=np.float32)
    probs[:, 0] = 0.5
    out = repetition_rule(text, spans, probs, 2)
    assert int(out[0].argmax()) == REP and abs(float(out[0].sum()) - 1.0) < 1e-5
    assert np.array_equal(out[1], probs[1])  # said once: untouched
    order = [k for k in np.argsort(-out[0], kind="stable") if k != REP]
    assert order[0] == 0  # the other labels keep their order
    assert np.array_equal(repetition_rule(text, spans, probs, 0), probs)  # 0: off
