"""claimgraph's pipeline components, in the order the pipeline runs them.

Adding a component means adding its spec to :data:`COMPONENTS`; ``pipeline.py`` builds
whatever this tuple lists.
"""

from __future__ import annotations

from .attribution import component as attribution
from .attribution import tagger as attribution_tagger
from .checkworthiness import lexical as checkworthiness
from .checkworthiness import transformer as checkworthiness_encoder
from .claims import component as claims
from .events import component as events
from .places import component as places
from .quantities import component as quantities
from .techniques import component as techniques
from .times import component as times
from ._base import SECTIONS, Component, ComponentSpec, ensure_extensions

__all__ = ["COMPONENTS", "SECTIONS", "Component", "ComponentSpec", "register_all", "ensure_extensions"]

COMPONENTS: tuple[ComponentSpec, ...] = (
    checkworthiness.SPEC,
    checkworthiness_encoder.SPEC,
    attribution.SPEC,
    attribution_tagger.SPEC,
    claims.SPEC,
    quantities.SPEC,
    times.SPEC,
    places.SPEC,
    events.SPEC,
    techniques.SPEC,
)


def register_all() -> None:
    """Register every component factory and Doc extension with spaCy (idempotent)."""
    ensure_extensions()
    for spec in COMPONENTS:
        spec.register()
