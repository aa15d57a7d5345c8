"""Ingestion speed and fidelity on real text from ../shared/data.

Reads PTC train articles and PolNeAR train texts as files, as JSON Lines, as HTML pages and as a
gzipped WARC (the HTML pages and the WARC are built here from the same texts, one <p> per
paragraph, since shared/data has no HTML), and reports articles per second and, for HTML, how
many of the source paragraphs trafilatura kept verbatim.

    CLAIMGRAPH_SHARED_DATA=/work/shared/data PYTHONPATH=src python benchmarks/ingest_speed.py
"""

from __future__ import annotations

import html
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.ingest import Failure, read_html, read_jsonl, read_path, read_warc

DATA = Path(os.environ.get("CLAIMGRAPH_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def _page(text: str, title: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(text))
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        f"<footer>Copyright</footer></body></html>"
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n") if p.strip()]


def _timed(label: str, run, count: int) -> list:  # noqa: ANN001
    start = time.perf_counter()
    items = list(run())
    seconds = time.perf_counter() - start
    failures = sum(isinstance(item, Failure) for item in items)
    print(f"| {label} | {count} | {len(items) - failures} | {failures} | {seconds:.2f} | {count / seconds:.0f} |")
    return items


def main() -> int:
    folders = [DATA / "ptc" / "train-articles", DATA / "polnear" / "train" / "text"]
    if not all(folder.exists() for folder in folders):
        print(f"needs {DATA} (the shared datasets)", file=sys.stderr)
        return 1
    files = sorted(p for folder in folders for p in folder.glob("*.txt"))
    texts = [p.read_bytes().decode("utf-8").removeprefix("\ufeff") for p in files]
    print("| source | articles in | read | failures | seconds | articles/s |")
    print("|---|---|---|---|---|---|")
    for folder in folders:
        _timed(f"read_path {folder.relative_to(DATA)}", lambda f=folder: read_path(f), len(list(folder.glob("*.txt"))))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        _timed("read_jsonl (same texts)", lambda: read_jsonl(corpus), len(texts))
        pages = [_page(text, p.stem) for text, p in zip(texts, files, strict=True)]
        articles = _timed("read_html (same texts as pages)", lambda: (read_html(page) for page in pages), len(pages))
        warc = Path(tmp) / "pages.warc.gz"
        _write_warc(warc, pages)
        _timed("read_warc (same pages, gzipped)", lambda: read_warc(warc), len(pages))
    kept = total = 0
    for text, article in zip(texts, articles, strict=True):
        extracted = article.text if not isinstance(article, Failure) else ""
        for paragraph in _paragraphs(text):
            total += 1
            kept += paragraph in extracted
    print(f"\nHTML fidelity: {kept}/{total} source paragraphs ({kept / total:.1%}) found verbatim in the extracted text")
    return 0


def _write_warc(path: Path, pages: list[str]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{number}", "response",
                payload=io.BytesIO(page.encode("utf-8")), http_headers=headers,
            )
            writer.write_record(record)


if __name__ == "__main__":
    raise SystemExit(main())
