"""The contract every claimgraph pipeline component follows.

A component is a spaCy pipe that reads the ``Doc`` (tokens, sentences, parse, entities and
what earlier claimgraph components set) and writes a tuple of schema records
(``claimgraph.model``) to one ``Doc`` extension, ``doc._.cg_<section>``. It touches no file,
network or database while it runs: trained weights are loaded once, when the factory builds
the component.

To add a component: write a subclass of :class:`Component` that implements ``process``, give
it a :class:`ComponentSpec`, and list that spec in ``claimgraph.components.COMPONENTS``. The
pipeline builds whatever that tuple lists, in order; it does not change.

A component never raises out of ``__call__``: an exception becomes an
:class:`~claimgraph.model.ErrorRecord` on that document (``doc._.cg_errors``), and the other
components and documents go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import ErrorRecord, Span

__all__ = [
    "SECTIONS",
    "Component",
    "ComponentSpec",
    "ensure_extensions",
    "doc_meta",
    "make_span",
    "doc_text",
    "seed_doc_text",
    "get_section",
]

#: The schema sections a component can fill, each stored in ``doc._.cg_<section>``.
SECTIONS = (
    "sentences",
    "attributions",
    "claims",
    "quantities",
    "times",
    "places",
    "events",
    "techniques",
)


def ensure_extensions() -> None:
    """Register the ``Doc`` extensions claimgraph uses (idempotent)."""
    for section in SECTIONS:
        if not Doc.has_extension(f"cg_{section}"):
            Doc.set_extension(f"cg_{section}", default=None)
    if not Doc.has_extension("cg_errors"):
        Doc.set_extension("cg_errors", default=None)
    if not Doc.has_extension("cg_meta"):
        # Article metadata the pipeline puts on the doc before any component runs:
        # {"published": "2024-03-27" | None, "title": ..., "outlet": ..., "url": ...}.
        Doc.set_extension("cg_meta", default=None)


def doc_meta(doc: Doc) -> dict[str, Any]:
    """The article metadata of a doc (empty dict when none was set)."""
    return doc._.cg_meta or {}


def get_section(doc: Doc, section: str) -> tuple:
    """What an earlier component wrote to ``section`` (empty tuple if it did not run)."""
    return doc._.get(f"cg_{section}") or ()


_TEXT_KEY = ("claimgraph", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc.

    spaCy joins every token on each access of ``Doc.text``, so reading it once per span
    makes a component quadratic in the length of the article. Components read it here.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def seed_doc_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the text the doc was made from, so no component rebuilds it."""
    doc.user_data[_TEXT_KEY] = text


def make_span(doc: Doc, start: int, end: int) -> Span:
    """A :class:`Span` record for characters ``start:end`` of the doc's text."""
    text = doc_text(doc)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside the text (length {len(text)})")
    return Span(start=start, end=end, text=text[start:end])


def _add_error(doc: Doc, stage: str, exc: BaseException) -> None:
    code = getattr(exc, "code", "CG400")
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    record = ErrorRecord(stage=stage, code=code, message=message)
    doc._.cg_errors = (*(doc._.cg_errors or ()), record)


class Component:
    """Base class: subclasses set ``section`` and implement ``process``."""

    section: str = ""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def process(self, doc: Doc) -> Iterable[Any]:
        """Return the records this component finds in ``doc``."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        try:
            records = tuple(self.process(doc))
        except Exception as exc:  # one document's failure must not end a batch
            _add_error(doc, self.name, exc)
            records = ()
        doc._.set(f"cg_{self.section}", records)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs; components with batched models override this."""
        for doc in docs:
            yield self(doc)


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentSpec:
    """How the pipeline registers and adds one component."""

    name: str  # versioned factory name, e.g. "claimgraph_quantities_v1" (spaCy forbids dots)
    make: Callable[..., Component]  # factory: (nlp, name, **config) -> Component
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    default_config: dict[str, Any] = field(default_factory=dict)

    def register(self) -> None:
        """Register the factory with spaCy unless it already is (idempotent)."""
        if not Language.has_factory(self.name):
            Language.factory(
                self.name,
                default_config=dict(self.default_config),
                requires=list(self.requires),
                assigns=list(self.assigns),
                func=self.make,
            )
