"""The encoder runtime shared by the pipeline's transformer heads.

One place owns what every fine-tuned MiniLM encoder needs at inference: the word-piece
tokenizer, the windows an article is cut into, stitching window outputs back into one
row per piece, the onnxruntime sessions and their threads. The technique model, the
attribution tagger and the check-worthiness encoder all read their pieces and windows
from here.

- **Once per article.** :func:`doc_pieces` tokenises a doc and cuts its windows once and
  keeps them on the doc (``doc.user_data``), so every head reads the same pieces; the
  check-worthiness encoder slices its sentences out of them (:func:`sentence_pieces`).
- **Deterministic.** The shipped encoders are int8 with *dynamic* quantisation: each
  activation tensor is scaled by its own range, so a row's outputs would move with the
  other rows (and the padding) of its batch. :func:`run_rows` therefore runs each window
  or sentence alone, trimmed to its own length: a document's outputs depend on nothing
  but the document. Measured on 174 PolNeAR windows, one at a time took 4.0 s of CPU
  where length-sorted batches of 16 took 7.2 s: dropping batches costs nothing.
- **Threads.** One setting for every session in a process (:func:`set_process_count`):
  ``max(1, cores // n_process)`` intra-op threads, no spinning, so ``n_process`` workers
  never start several all-core pools each.
"""

from __future__ import annotations

import functools
import hashlib
import os
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
    "Pieces",
    "article_pieces",
    "doc_pieces",
    "sentence_pieces",
    "run_rows",
    "stitch_rows",
    "set_process_count",
    "session_threads",
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



def stitch_rows(windows: Windows, outputs: Sequence[np.ndarray]) -> np.ndarray:
    """One row per piece from per-window outputs (``outputs[k]``: ``[len_k, ...]``, [CLS]
    first), each piece read from its owner window."""
    n = len(windows.owner)
    local = np.arange(n) - np.asarray(windows.starts)[windows.owner] + 1  # +1 for [CLS]
    if not n:
        return np.zeros((0, *outputs[0].shape[1:]), dtype=np.float32) if outputs else np.zeros((0,), np.float32)
    out = np.empty((n, *outputs[0].shape[1:]), dtype=outputs[0].dtype)
    for w, rows in enumerate(outputs):
        mine = np.nonzero(windows.owner == w)[0]
        out[mine] = rows[local[mine]]
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Pieces:
    """An article's word pieces and its encoder windows, computed once and shared by every
    head (``windows`` is None for a text without pieces)."""

    encoding: Encoding
    windows: Windows | None


def article_pieces(tokenizer: Tokenizer, text: str) -> Pieces:
    """Pieces and inference windows of ``text``."""
    enc = encode_text(tokenizer, text)
    if not len(enc.ids):
        return Pieces(encoding=enc, windows=None)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    return Pieces(encoding=enc, windows=make_windows(enc.ids, cls_id, sep_id))


_PIECES_KEY = ("claimgraph", "pieces")


def doc_pieces(doc, tokenizer: Tokenizer) -> Pieces:  # type: ignore[no-untyped-def]
    """:func:`article_pieces` of a spaCy doc's text, made by the first head that asks and
    kept on the doc for the others (one cache entry per tokenizer: the shipped models share
    one, :func:`load_tokenizer` returns the same object for the same file contents)."""
    from ._base import doc_text

    key = (*_PIECES_KEY, id(tokenizer))
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = article_pieces(tokenizer, doc_text(doc))
    return found


def sentence_pieces(
    pieces: Pieces, spans: Sequence[tuple[int, int]], cls_id: int, sep_id: int, limit: int
) -> list[np.ndarray]:
    """``[CLS] pieces [SEP]`` of each character span, sliced out of the article's pieces
    (at most ``limit`` pieces). Word-piece tokenisation splits at white space and
    punctuation, so a sentence's pieces are those it would get alone."""
    offsets = pieces.encoding.offsets
    ids = pieces.encoding.ids
    starts = offsets[:, 0] if len(offsets) else np.zeros(0, dtype=np.int64)
    out = []
    for start, end in spans:
        lo = int(np.searchsorted(starts, start, side="left"))
        hi = int(np.searchsorted(starts, end, side="left"))
        chunk = ids[lo:hi][:limit]
        out.append(np.concatenate([[cls_id], chunk, [sep_id]]).astype(np.int64))
    return out


#: ``ids [1, L] -> outputs`` of one row: what :func:`run_rows` calls.
RowFn = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, ...]]


def run_rows(encoder: Callable, rows: Sequence[np.ndarray]) -> list[tuple[np.ndarray, ...]]:
    """``encoder(ids, mask)`` on each row alone, trimmed to its own length, so that no row's
    outputs depend on another's (see the module's notes). Returns, per row, the outputs
    with their batch axis removed."""
    results = []
    for row in rows:
        ids = np.asarray(row, dtype=np.int64)[None, :]
        out = encoder(ids, np.ones_like(ids))
        out = out if isinstance(out, tuple) else (out,)
        results.append(tuple(np.asarray(o)[0] for o in out))
    return results


def window_rows(windows: Windows) -> list[np.ndarray]:
    """Each window's ids without its padding."""
    lengths = windows.mask.sum(axis=1)
    return [windows.ids[k, : int(n)] for k, n in enumerate(lengths)]


# -- threads --------------------------------------------------------------------------------
_PROCESSES = 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def set_process_count(n_process: int) -> None:
    """Tell the runtime how many pipeline processes share the machine (set once per
    process, before the first session is made: ``claimgraph.pipe`` does it)."""
    global _PROCESSES
    _PROCESSES = max(1, int(n_process))


def session_threads() -> int:
    """Intra-op threads of every session in this process: ``max(1, cores // n_process)``."""
    return max(1, _cores() // _PROCESSES)


def require_files(folder: Path, names: Sequence[str], model: str, rebuild: str) -> None:
    """Raise :class:`ModelMissingError` naming every file of ``names`` missing from ``folder``,
    with the command (``rebuild``) that makes them again."""
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise ModelMissingError(f"the {model} in {folder} lacks {', '.join(missing)}: rebuild it with {rebuild}")


def load_tokenizer(path: Path) -> Tokenizer:
    """A word-piece tokenizer from ``tokenizer.json``, set to neither cut nor pad (the
    encoders cut their own windows). Files with the same contents give the same object, so
    heads whose tokenizers agree share the pieces :func:`doc_pieces` keeps on a doc."""
    data = Path(path).read_text(encoding="utf-8")
    return _tokenizer(hashlib.sha256(data.encode("utf-8")).hexdigest(), data)


@functools.lru_cache(maxsize=8)
def _tokenizer(digest: str, data: str) -> Tokenizer:
    tokenizer = Tokenizer.from_str(data)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def onnx_session(path: Path, threads: int | None = None):  # type: ignore[no-untyped-def]
    """An onnxruntime CPU session for ``path`` on ``threads`` intra-op threads (None: the
    process's setting, :func:`session_threads`). Threads do not spin between runs: the
    pipeline's heads take turns, and spinning pools would steal each other's cores."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = session_threads() if threads is None or threads <= 0 else threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_encoder(path: Path, threads: int | None = None) -> EncoderFn:
    """The encoder in the ONNX file ``path`` as an :data:`EncoderFn` (hidden states and SI logits)."""
    session = onnx_session(path, threads)

    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        hidden, logits = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return hidden, logits

    return run
