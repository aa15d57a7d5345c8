"""Fixtures for the ingest tests; the builders live in ingest_builders.py."""

from __future__ import annotations

from tests.ingest.ingest_builders import dns  # noqa: F401 - re-exported as a fixture

