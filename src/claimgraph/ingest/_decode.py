"""Bytes to text: byte-order marks, UTF-8, detection of legacy encodings, and refusing binaries."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import BinaryInputError, DecodingError, EmptyInputError, InputError

__all__ = ["decode_text", "looks_binary"]

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# One well-formed UTF-8 multi-byte sequence (RFC 3629, no surrogates, no overlongs).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Control characters (Unicode category Cc) other than tab, line feed, vertical tab, form feed, CR.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.05  # a text file may hold a stray control character, not one in twenty
_SNIFF_CHARS = 8192
_CHAOS_MARGIN = 0.05


def decode_text(data: bytes, *, label: str, encoding: str | None = None) -> str:
    """The text in ``data``; raises for binary data, broken UTF-8 or an unknown encoding.

    A byte-order mark decides the encoding and is removed. Otherwise UTF-8 is tried first;
    bytes that are mostly valid UTF-8 with a few bad bytes are reported as invalid UTF-8
    rather than guessed (a guess would turn every accent into mojibake); anything else is
    handed to charset-normalizer.
    """
    if encoding is not None:
        text = _decode_as(data, encoding, label)
    else:
        text = _decode_detected(data, label)
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise _binary(label)
    if not text.strip():
        raise EmptyInputError(f"{label} contains only white space; give it some text to analyse")
    return text


def looks_binary(head: bytes) -> bool:
    """True for bytes that hold NUL and no byte-order mark announcing UTF-16/32."""
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)


def _decode_as(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as cp1252") from None
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"{label} is not valid {encoding} (byte {exc.start}); check the encoding you passed"
        ) from None


def _decode_detected(data: bytes, label: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, codec, label)
    if looks_binary(data[:_SNIFF_CHARS]) or b"\x00" in data:
        raise _binary(label)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise DecodingError(
                f"{label} is not valid UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8, "
                f"or pass encoding='...' to read_text_file if it uses another encoding"
            ) from None
    best = _best_guess(data)
    if best is None:
        raise DecodingError(
            f"{label}: cannot tell its text encoding; re-save it as UTF-8, "
            f"or pass encoding='...' to read_text_file"
        )
    return best


def _best_guess(data: bytes) -> str | None:
    """charset-normalizer's reading of ``data``, with a tie-break for short Latin texts.

    charset-normalizer ranks candidates by "chaos" first. On a paragraph of French or Spanish
    several single-byte code pages are near-ties on chaos (cp1257 can even win), while its
    language-coherence score tells them apart; on equal coherence windows-1252, the web's
    default legacy encoding (WHATWG), is preferred.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    near = [match for match in matches if match.chaos <= least_chaos + _CHAOS_MARGIN]
    best = max(near, key=lambda m: (round(m.coherence, 2), "cp1252" in m.could_be_from_charset))
    return str(best)


def _mostly_utf8(data: bytes) -> bool:
    """True when well-formed UTF-8 sequences outnumber the stray non-ASCII bytes."""
    in_sequences = [len(match) for match in _UTF8_SEQUENCE.findall(data)]
    stray = len(_HIGH_BYTE.findall(data)) - sum(in_sequences)
    return len(in_sequences) >= max(1, stray)


def _control_ratio(text: str) -> float:
    head = text[:_SNIFF_CHARS]
    return len(_CONTROL.findall(head)) / len(head) if head else 0.0


def _binary(label: str) -> BinaryInputError:
    return BinaryInputError(
        f"{label} looks like a binary file, not text; convert it to plain text, HTML or JSONL first"
    )
