"""Parquet shards: one file per table per partition, written under a temporary name, then renamed.

``OUT/<table>/part-000042.parquet`` for each table of :data:`TABLES`. The ``articles`` shard
is renamed into place last, so a partition whose ``articles`` shard exists is complete: a
crash between two renames leaves a partition that a rerun writes again, never one that
looks done with a table missing. Temporary files start with a dot and end in ``.tmp``, so
a glob such as ``claims/*.parquet`` never reads one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Analysis, Article, Event, Span, to_dict

__all__ = [
    "ARTICLE_COLUMNS", "SCHEMAS", "TABLES", "analysis_document", "article_document", "read_ids", "row_counts", "shard_path", "shard_rows",
    "write_partition",
]

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_SPAN = [("start", _INT), ("end", _INT), ("text", _STR)]

#: Columns of each table; every table but ``articles`` starts with ``article_id`` and ``idx``
#: (the record's position in its section of the analysis).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _STR), ("title", _STR), ("published", _STR), ("published_precision", _STR), ("url", _STR),
        ("outlet", _STR), ("author", _STR), ("language", _STR), ("language_confidence", _FLOAT),
        ("language_source", _STR), ("warnings", _STR), ("text", _STR), ("source", _STR), ("ordinal", _INT),
        ("partition", _INT), ("n_errors", _INT), ("analysis", _STR),
    ]),
    "claims": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("claim_id", _STR), *_SPAN, ("attribution", _STR),
        ("checkworthiness", _FLOAT), ("certainty", _FLOAT), ("hedges", _STR),
    ]),
    "attributions": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("attribution_id", _STR),
        ("source_start", _INT), ("source_end", _INT), ("source_text", _STR), ("source_kind", _STR),
        ("source_resolved", _STR), ("cue_start", _INT), ("cue_end", _INT), ("cue_text", _STR),
        ("cue_class", _STR), ("content_start", _INT), ("content_end", _INT), ("content_text", _STR),
        ("certainty", _FLOAT),
    ]),
    "quantities": pa.schema([
        ("article_id", _STR), ("idx", _INT), *_SPAN, ("value", _FLOAT), ("low", _FLOAT),
        ("high", _FLOAT), ("unit", _STR), ("role", _STR), ("approximate", _BOOL),
    ]),
    "times": pa.schema([
        ("article_id", _STR), ("idx", _INT), *_SPAN, ("value", _STR), ("precision", _STR),
    ]),
    "places": pa.schema([
        ("article_id", _STR), ("idx", _INT), *_SPAN, ("name", _STR), ("country", _STR),
        ("lat", _FLOAT), ("lon", _FLOAT), ("precision", _STR),
    ]),
    "events": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("event_id", _STR), ("type", _STR),
        ("trigger_start", _INT), ("trigger_end", _INT), ("trigger_text", _STR),
        ("actors", _STR), ("targets", _STR), ("place_name", _STR), ("place_country", _STR),
        ("time_value", _STR), ("time_precision", _STR), ("quantities", _STR),
    ]),
    "techniques": pa.schema([
        ("article_id", _STR), ("idx", _INT), *_SPAN, ("technique", _STR), ("score", _FLOAT),
    ]),
}
TABLES = tuple(SCHEMAS)
#: The columns of ``articles`` that hold the Article record (``warnings`` as JSON).
ARTICLE_COLUMNS = tuple(f.name for f in dataclasses.fields(Article))


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _spans(spans: Iterable[Span]) -> str:
    return _json([{"start": s.start, "end": s.end, "text": s.text} for s in spans])


def _event_row(e: Event) -> tuple[Any, ...]:
    place, time = e.place, e.time
    return (e.id, e.type, e.trigger.start, e.trigger.end, e.trigger.text, _spans(e.actors),
            _spans(e.targets), place.name if place else None, place.country if place else None,
            time.value if time else None, time.precision if time else None, _json(to_dict(e.quantities)))


_ROWS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "claims": lambda c: (c.id, c.start, c.end, c.text, c.attribution, c.checkworthiness, c.certainty,
                         _json(to_dict(c.hedges))),
    "attributions": lambda a: (
        a.id, *((a.source.start, a.source.end, a.source.text, a.source.kind, a.source.resolved)
                if a.source else (None,) * 5),
        a.cue.start, a.cue.end, a.cue.text, a.cue.cue_class, a.content.start, a.content.end,
        a.content.text, a.certainty),
    "quantities": lambda q: (q.start, q.end, q.text, q.value, q.low, q.high, q.unit, q.role, q.approximate),
    "times": lambda t: (t.start, t.end, t.text, t.value, t.precision),
    "places": lambda p: (p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.precision),
    "events": _event_row,
    "techniques": lambda t: (t.start, t.end, t.text, t.technique, t.score),
}


def analysis_document(analysis: Analysis) -> str:
    """The schema v1 document without its ``article`` (the row holds it), as compact JSON."""
    document = to_dict(analysis)
    del document["article"]
    return _json(document)


def shard_rows(partition: int, items: Sequence[tuple[Analysis, str, int]]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of every table for one partition: ``items`` are (analysis, source, ordinal)."""
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
    for analysis, source, ordinal in items:
        a = analysis.article
        rows["articles"].append((a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.author,
                                 a.language, a.language_confidence, a.language_source,
                                 _json(to_dict(a.warnings)), a.text, source, ordinal, partition,
                                 len(analysis.errors), analysis_document(analysis)))
        for table, row in _ROWS.items():
            for idx, record in enumerate(getattr(analysis, table)):
                rows[table].append((a.id, idx, *row(record)))
    return rows


def article_document(row: dict[str, Any]) -> dict[str, Any]:
    """The ``article`` of the schema document, from a row of the ``articles`` table."""
    document = {name: row[name] for name in ARTICLE_COLUMNS if name in row}
    document["warnings"] = json.loads(document.get("warnings") or "[]")
    return document


def shard_path(out: Path, table: str, partition: int) -> Path:
    return out / table / f"part-{partition:06d}.parquet"


def write_partition(out: Path, partition: int, rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    """Write one partition's shards atomically (``articles`` last); the row count of each table."""
    counts = {}
    for table in (*TABLES[1:], TABLES[0]):
        schema = SCHEMAS[table]
        columns = list(zip(*rows[table], strict=True)) if rows[table] else [[] for _ in schema.names]
        arrays = [pa.array(list(col), type=field.type) for col, field in zip(columns, schema, strict=True)]
        target = shard_path(out, table, partition)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), temporary, compression="zstd")
        _fsync(temporary)
        os.replace(temporary, target)  # atomic on POSIX: a reader sees the old file or the new one
        counts[table] = len(rows[table])
    return counts


def _fsync(path: Path) -> None:
    """Flush the file to disk, so that the rename never points at data still in the page cache."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_ids(out: Path, partition: int) -> list[str]:
    """The article ids of a written partition, in order (one column read)."""
    return pq.read_table(shard_path(out, "articles", partition), columns=["id"]).column("id").to_pylist()


def row_counts(out: Path, partition: int) -> dict[str, int]:
    """Row count of each table of a written partition, from the Parquet footers alone."""
    return {table: pq.ParquetFile(shard_path(out, table, partition)).metadata.num_rows for table in TABLES}
