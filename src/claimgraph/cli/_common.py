"""Small helpers shared by the CLI modules."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console

from ..errors import ClaimgraphError

__all__ = ["stdout", "stderr", "not_yet", "write_output", "print_json", "Profile", "PROFILE_HELP"]

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class Profile(str, Enum):
    """The pipeline profiles (``claimgraph.pipeline.PROFILES``) as a CLI choice."""

    full = "full"
    fast = "fast"


PROFILE_HELP = ("full: every component, with the transformer models; fast: without them (the persuasion-technique "
                "model, the check-worthiness encoder and the attribution tagger), about 4 times as fast.")


def not_yet(feature: str) -> ClaimgraphError:
    """The error for a command whose feature has not been built yet."""
    return ClaimgraphError(f"{feature} is not available in this version of claimgraph yet", code="CG501")


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output``, or to stdout when it is None."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def print_json(data: Any) -> None:
    """One JSON object on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
