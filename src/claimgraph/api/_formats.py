"""JSON, JSONL and CSV renderings of the API's lists."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from fastapi.responses import JSONResponse, Response

from ..errors import RequestInvalidError

__all__ = ["FORMATS", "list_response"]

FORMATS = ("json", "jsonl", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A cell starting with = + - @ is a formula to spreadsheets: hostile text must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(rows: list[dict[str, Any]]) -> str:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def list_response(document: dict[str, Any], rows: Iterable[dict[str, Any]], format: str, name: str) -> Response:
    """``document`` as JSON, or its ``rows`` as JSONL or CSV (downloaded as ``name``)."""
    if format == "json":
        return JSONResponse(document)
    rows = list(rows)
    if format == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        return Response(body, media_type="application/x-ndjson")
    if format == "csv":
        return Response(_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})
    raise RequestInvalidError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
