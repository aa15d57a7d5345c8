"""A fine-tuned encoder that tags every word piece as source, cue or content of an attribution.

The tagger (all-MiniLM-L6-v2 fine-tuned on PolNeAR train, int8 ONNX, run by onnxruntime)
reads an article in the technique model's word-piece windows and gives, for each piece,
three independent probabilities: inside a source, inside a cue, inside a content span
(independent because spans nest: a content often holds another attribution's cue).
:func:`token_probabilities` turns them into one row per spaCy token.

It does not assemble attributions itself. The attribution component's dependency-based
search (:mod:`._spans`) stays in charge of which tokens form one attribution;
the tagger's probabilities are blended into its scores: the cue-head score, the role of
each candidate dependent, and how far a cue's verb group runs ("said in a statement").
The blend weights are chosen on the held-aside part of PolNeAR train (see the model card).
Training: ``claimgraph train attribution --model encoder`` (the ``train`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from tokenizers import Tokenizer

from ...model import Attribution
from ..encoder import (Encoding, Pieces, article_pieces, doc_pieces, load_tokenizer, onnx_session,
                       require_files, run_rows, stitch_rows, window_rows)
from ._spans import Blend, Tags
from .component import AttributionFinder, records_from_doc
from .._base import ComponentSpec, doc_text

__all__ = ["ROLES", "MODEL_DIR", "Blend", "AttributionTagger", "TaggedAttributionFinder", "token_probabilities", "load_tagger", "SPEC"]

#: The tagger's output channels, in order.
ROLES = ("source", "cue", "content")
MODEL_DIR = Path(str(resources.files("claimgraph.components") / "models" / "attribution_tagger"))

#: ``(ids, mask) -> logits [B, L, 3]``: the tagger, ONNX or PyTorch.
TaggerFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


class AttributionTagger:
    """Per-token source, cue and content probabilities of a document."""

    def __init__(self, encoder: TaggerFn, tokenizer: Tokenizer, blend: Blend) -> None:
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.blend = blend
        self.cls_id = tokenizer.token_to_id("[CLS]")
        self.sep_id = tokenizer.token_to_id("[SEP]")

    def piece_probabilities(self, text: str, pieces: Pieces | None = None) -> tuple[Encoding, np.ndarray]:
        """The text's word pieces and their ``[n_pieces, 3]`` probabilities.

        ``pieces``: the text's pieces and windows, if another head has cut them. Each window
        runs alone, trimmed to its length (it was padded to 256 pieces: a 19-piece text cost
        114 ms where it costs 7 ms trimmed), so the result depends on the text only."""
        pieces = pieces or article_pieces(self.tokenizer, text)
        enc, windows = pieces.encoding, pieces.windows
        if windows is None:
            return enc, np.zeros((0, len(ROLES)), dtype=np.float32)
        logits = stitch_rows(windows, [out for (out,) in run_rows(self.encoder, window_rows(windows))])
        return enc, 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))

    def __call__(self, doc: Doc) -> np.ndarray:
        enc, probs = self.piece_probabilities(doc_text(doc), doc_pieces(doc, self.tokenizer))
        return token_probabilities(doc, enc.offsets, probs)


def token_probabilities(doc: Doc, offsets: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """``[len(doc), 3]``: for each token the mean probability of the pieces it overlaps
    (0 for white space and for a token no piece covers)."""
    out = np.zeros((len(doc), len(ROLES)), dtype=np.float32)
    if not len(offsets):
        return out
    starts = offsets[:, 0]
    for token in doc:
        if token.is_space:
            continue
        lo, hi = token.idx, token.idx + len(token)
        first = int(np.searchsorted(starts, lo, side="right")) - 1
        k, rows = max(first, 0), []
        while k < len(offsets) and offsets[k, 0] < hi:
            if offsets[k, 1] > lo:
                rows.append(k)
            k += 1
        if rows:
            out[token.i] = probs[rows].mean(axis=0)
    return out


def _onnx_tagger(path: Path, threads: int | None = None) -> TaggerFn:
    session = onnx_session(path, threads)

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        (logits,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return logits

    return run


def read_blend(config: dict) -> Blend:
    values = config.get("blend", {})
    return Blend(**{k: float(v) for k, v in values.items()})


def load_tagger(folder: Path | None = None, threads: int | None = None) -> AttributionTagger:
    """The shipped tagger (or the one in ``folder``) with its chosen blend.

    ``threads=None``: the runtime's setting for this process."""
    root = folder or MODEL_DIR
    require_files(root, ("encoder.int8.onnx", "tokenizer.json", "config.json"), "attribution tagger",
                     "`claimgraph train attribution --model encoder` (needs the train extra)")
    tokenizer = load_tokenizer(root / "tokenizer.json")
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    return AttributionTagger(_onnx_tagger(root / "encoder.int8.onnx", threads), tokenizer, read_blend(config))


# -- the component -----------------------------------------------------------------------
class TaggedAttributionFinder(AttributionFinder):
    """The attribution component with the tagger's probabilities blended in (``full`` profile)."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.tagger = load_tagger()

    def process(self, doc: Doc) -> Iterable[Attribution]:
        if not doc.has_annotation("DEP"):
            return ()
        tags = Tags(self.tagger(doc), self.tagger.blend)
        return records_from_doc(doc, self.cue_model, self.role_model, self.threshold, self.ends, tags)


def make_tagged_attribution(nlp: Language, name: str) -> TaggedAttributionFinder:
    return TaggedAttributionFinder(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_attribution_encoder_v1",
    make=make_tagged_attribution,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_attributions",),
)
