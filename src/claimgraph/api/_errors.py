"""One JSON error shape for the API, ``{"error": {"code": "CGnnn", "message": ...}}``,
and the HTTP status that fits each error of the catalogue."""

from __future__ import annotations

from typing import Any

from .. import errors as e

__all__ = ["error_body", "status_for"]

# Most specific first: the first class an error is an instance of decides its status.
_STATUSES: tuple[tuple[type[e.ClaimgraphError], int], ...] = (
    (e.EventNotFoundError, 404),
    (e.InputTooLargeError, 413),
    (e.BlockedAddressError, 422),
    (e.InputError, 422),
    (e.FetchError, 502),
    (e.UsageError, 400),
    (e.ModelMissingError, 503),
)


def status_for(error: e.ClaimgraphError) -> int:
    if isinstance(error, e.WebError):
        return error.status
    if isinstance(error, e.StoreError):
        return 400 if error.code == "CG303" else 500  # CG303: an unreadable search query
    for cls, status in _STATUSES:
        if isinstance(error, cls):
            return status
    return 500


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
