"""The encoder runtime shared by the pipeline's transformer heads.

One place owns what every fine-tuned MiniLM encoder needs at inference: the word-piece
tokenizer, the windows an article is cut into, stitching window outputs back into one
row per piece, and the onnxruntime session. The technique model, the attribution tagger
and the check-worthiness encoder all read their pieces and windows from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from ..errors import ModelMissingError

__all__ = [
    "WINDOW",
    "INFER_STRIDE",
    "EncoderFn",
    "Encoding",
    "Windows",
    "encode_text",
    "make_windows",
    "stitch",
    "require_files",
    "load_tokenizer",
    "onnx_session",
    "onnx_encoder",
]

#: Word pieces per encoder window (plus [CLS] and [SEP]).
WINDOW = 254
#: Windows overlap at inference so that every piece sees at least ~30 pieces of context.
INFER_STRIDE = 192

#: ``(ids, mask) -> (hidden [B, L, H], si_logits [B, L])``: the encoder, ONNX or PyTorch.
EncoderFn = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]



@dataclass(frozen=True, slots=True, kw_only=True)
class Encoding:
    """Word pieces of a text: ids and character offsets (``offsets[i] = (start, end)``)."""

    ids: np.ndarray
    offsets: np.ndarray


@dataclass(frozen=True, slots=True, kw_only=True)
class Windows:
    """Encoder inputs for one text, and which window's output each piece is read from."""

    ids: np.ndarray  # [n_windows, WINDOW + 2]
    mask: np.ndarray
    starts: list[int]  # first piece of each window
    owner: np.ndarray  # [n_pieces]: index of the window a piece is read from


def encode_text(tokenizer: Tokenizer, text: str) -> Encoding:
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return Encoding(ids=ids, offsets=offsets)


def make_windows(
    ids: np.ndarray, cls_id: int, sep_id: int, stride: int = INFER_STRIDE, first: int = 0
) -> Windows:
    """Cut pieces into windows of :data:`WINDOW` pieces every ``stride`` pieces.

    A piece is read from the window whose centre is nearest, so it has context on both
    sides. ``first`` shifts the first window's start (training varies it each epoch).
    """
    n = len(ids)
    starts = [0] if first <= 0 else [0, first]
    while starts[-1] + WINDOW < n:
        starts.append(starts[-1] + stride)
    rows = np.zeros((len(starts), WINDOW + 2), dtype=np.int64)
    mask = np.zeros_like(rows)
    for k, s in enumerate(starts):
        chunk = ids[s : s + WINDOW]
        rows[k, 0], rows[k, 1 : len(chunk) + 1], rows[k, len(chunk) + 1] = cls_id, chunk, sep_id
        mask[k, : len(chunk) + 2] = 1
    centres = np.asarray(starts) + WINDOW / 2
    position = np.arange(n)[:, None]
    inside = (position >= np.asarray(starts)) & (position < np.asarray(starts) + WINDOW)
    distance = np.where(inside, np.abs(position + 0.5 - centres), np.inf)
    owner = distance.argmin(axis=1) if n else np.zeros(0, dtype=np.int64)
    return Windows(ids=rows, mask=mask, starts=starts, owner=owner)


def stitch(windows: Windows, hidden: np.ndarray, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-piece hidden vectors and SI logits, each read from its owner window."""
    n = len(windows.owner)
    local = np.arange(n) - np.asarray(windows.starts)[windows.owner] + 1  # +1 for [CLS]
    return hidden[windows.owner, local], logits[windows.owner, local]



def require_files(folder: Path, names: Sequence[str], model: str, rebuild: str) -> None:
    """Raise :class:`ModelMissingError` naming every file of ``names`` missing from ``folder``,
    with the command (``rebuild``) that makes them again."""
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise ModelMissingError(f"the {model} in {folder} lacks {', '.join(missing)}: rebuild it with {rebuild}")


def load_tokenizer(path: Path) -> Tokenizer:
    """A word-piece tokenizer from ``tokenizer.json``, set to neither cut nor pad (the
    encoders cut their own windows)."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def onnx_session(path: Path, threads: int):  # type: ignore[no-untyped-def]
    """An onnxruntime CPU session for ``path`` on ``threads`` threads (0: onnxruntime chooses)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_encoder(path: Path, threads: int) -> EncoderFn:
    """The encoder in the ONNX file ``path`` as an :data:`EncoderFn` (hidden states and SI logits)."""
    session = onnx_session(path, threads)

    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        hidden, logits = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return hidden, logits

    return run
