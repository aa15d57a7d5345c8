"""Exports of analyses to formats other tools read (ACLED-like events CSV, ...)."""

from __future__ import annotations

from .events_csv import EVENTS_CSV_FIELDS, event_rows, write_events_csv

__all__ = ["EVENTS_CSV_FIELDS", "event_rows", "write_events_csv"]
