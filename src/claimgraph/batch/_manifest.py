"""``manifest.json``: what a batch run was asked, what it has done, and what it skipped.

The manifest is rewritten whole, under a temporary name that is then renamed, so a reader
(or a rerun after a crash) always finds the last complete version. Partitions are the unit
of resumption: a partition is done when its ``articles`` shard exists and holds the ids the
inputs give for it now.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import BatchError
from ._inputs import Skipped

__all__ = ["FORMAT", "MANIFEST", "Manifest", "ids_digest", "read_manifest"]

FORMAT = "claimgraph-batch/1"
MANIFEST = "manifest.json"


def ids_digest(ids: Sequence[str]) -> str:
    """A short digest of a partition's article ids, in order: it identifies the partition's content."""
    return hashlib.sha256("\n".join(ids).encode("ascii")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of a batch output folder; BatchError CG704 when there is none or it is damaged."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BatchError(f"{out} has no {MANIFEST}: give the --out folder of a `claimgraph batch` run",
                         code="CG704") from None
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path} cannot be read ({exc}); rerun `claimgraph batch` with the same --out "
                         "to rewrite it", code="CG704") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BatchError(f"{path} is not a {FORMAT} manifest; give the --out folder of a `claimgraph "
                         "batch` run", code="CG704")
    return data


class Manifest:
    """The manifest of one output folder, as the driver keeps it during a run."""

    def __init__(self, out: Path, data: dict[str, Any]) -> None:
        self.out = out
        self.data = data
        self._written = 0.0

    @classmethod
    def open(cls, out: Path, *, inputs: Sequence[str], options: dict[str, Any], models: dict[str, Any]) -> Manifest:
        """The folder's manifest, started afresh for this run; CG701 if it was made with other options."""
        if (out / MANIFEST).exists():
            data = read_manifest(out)
            if data["options"] != options:
                raise BatchError(
                    f"{out} holds a batch run made with {_show(data['options'])}, not {_show(options)}: "
                    "rerun with the same options to resume it, or give a new --out folder", code="CG701")
        else:
            data = {"format": FORMAT, "options": options, "partitions": {}, "runs": []}
        data.update(state="running", inputs=[{"spec": spec} for spec in inputs], models=models,
                    skipped=[], failed=[], counts={})
        data["runs"].append({"started": _now(), "finished": None, "state": "running"})
        return cls(out, data)

    # -- partitions ----------------------------------------------------------------------

    def entry(self, partition: int) -> dict[str, Any] | None:
        return self.data["partitions"].get(str(partition))

    def record(self, partition: int, entry: dict[str, Any]) -> None:
        self.data["partitions"][str(partition)] = entry

    def done_partitions(self) -> list[int]:
        return sorted(int(k) for k in self.data["partitions"])

    # -- this run --------------------------------------------------------------------------

    def set_run(self, **fields: Any) -> None:
        self.data["runs"][-1].update(fields)

    def finish(self, *, state: str, counts: dict[str, Any], inputs: list[dict[str, Any]],
               skipped: list[Skipped], failed: list[dict[str, Any]], models: dict[str, Any]) -> None:
        self.data.update(state=state, counts=counts, inputs=inputs, models=models, failed=failed,
                         skipped=[s.as_json() for s in skipped])
        self.set_run(finished=_now(), state=state)
        self.write()

    def write(self, *, every: float = 0.0) -> None:
        """Write the manifest atomically (at most once per ``every`` seconds)."""
        now = time.monotonic()
        if every and now - self._written < every:
            return
        self._written = now
        path = self.out / MANIFEST
        temporary = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(self.data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)


def _show(options: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in options.items())
