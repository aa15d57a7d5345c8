"""claimgraph: who claims what, how they argue it, and where outlets disagree.

>>> import claimgraph
>>> analysis = claimgraph.analyze("Officials said 137 people were killed.", published="2024-03-27")
>>> claimgraph.to_json(analysis)  # the schema v1 document
"""

from __future__ import annotations

from .errors import ClaimgraphError
from .ingest import article_id, make_article
from .model import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    Attribution,
    Claim,
    Event,
    Place,
    Quantity,
    Sentence,
    Technique,
    TimeExpression,
    from_dict,
    to_dict,
)
from .pipeline import analyze, build_pipeline, pipe
from .serialize import from_json, to_json

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Attribution",
    "Claim",
    "ClaimgraphError",
    "Event",
    "Place",
    "Quantity",
    "Sentence",
    "Technique",
    "TimeExpression",
    "analyze",
    "article_id",
    "build_pipeline",
    "from_dict",
    "from_json",
    "make_article",
    "pipe",
    "to_dict",
    "to_json",
    "__version__",
]
