"""One exception tree for claimgraph, with numbered codes.

Every error carries a stable code (``CG1xx`` input, ``CG2xx`` network, ``CG3xx`` store,
``CG4xx`` pipeline and models, ``CG5xx`` usage and configuration, ``CG6xx`` evaluation
data, ``CG70x`` batch runs, ``CG8xx`` the web API and pages) and a message that says what went
wrong *and what to do about it*. The CLI turns an error into one line, ``error CGnnn: message``,
and exit code 1 (2 for usage errors).
"""

from __future__ import annotations

__all__ = [
    "CODES",
    "ClaimgraphError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "InputTooLargeError",
    "DecodingError",
    "NoArticleTextError",
    "MalformedRecordError",
    "UnsupportedSourceError",
    "EventNotFoundError",
    "ArticleNotFoundError",
    "BadFieldError",
    "UnsupportedLanguageError",
    "SourceNotFoundError",
    "FetchError",
    "BlockedAddressError",
    "StoreError",
    "PipelineError",
    "ModelMissingError",
    "EmbeddingModelError",
    "UsageError",
    "DatasetError",
    "BatchError",
    "WebError",
    "NotFoundError",
    "RequestInvalidError",
    "AuthenticationError",
    "HostRefusedError",
    "CrossSiteRequestError",
    "BodyTooLargeError",
    "MethodNotAllowedError",
    "TokenNotFoundError",
]


#: Every code claimgraph raises or records, with what it means. A test checks that each code
#: in the source is listed here and documented in docs/errors.md; add a new code here first.
CODES: dict[str, str] = {
    "CG000": "an error with no more specific code",
    # input
    "CG100": "unreadable input or bad metadata value",
    "CG101": "empty input: no article text",
    "CG102": "binary input",
    "CG103": "input larger than the limit",
    "CG104": "text that cannot be decoded",
    "CG105": "a page or feed entry with no article text",
    "CG106": "a malformed record (JSONL line, feed, WARC record)",
    "CG107": "an unsupported file type, URL scheme or content type",
    "CG108": "a path that does not exist",
    "CG109": "an event id that the corpus does not have",
    "CG110": "a metadata field that could not be used: left out, the article kept",
    "CG111": "a language the pipeline does not support yet: stored, not analysed",
    # network
    "CG200": "a URL that could not be fetched",
    "CG201": "a URL on a private, loopback or reserved address, refused",
    # store
    "CG300": "a database operation failed",
    "CG301": "the file is not a claimgraph database, or is damaged",
    "CG302": "the database was written by a newer claimgraph",
    "CG303": "a search query that is not valid",
    "CG304": "the database cannot be opened or written, or stayed locked",
    "CG305": "no database at the path",
    "CG306": "an analysis that does not belong to its article",
    "CG307": "text that cannot be stored as UTF-8",
    # pipeline and models
    "CG400": "a pipeline component failed on this article",
    "CG401": "a model file is missing",
    "CG402": "a record whose offsets do not match the text, dropped",
    "CG403": "output that does not follow the schema",
    # usage
    "CG500": "wrong usage: an unknown option value or a missing argument",
    "CG501": "a feature this version does not have",
    # evaluation data
    "CG600": "an evaluation or training data set that cannot be used",
    "CG601": "a malformed annotation file",
    "CG602": "an evaluation or training folder with no usable articles",
    "CG603": "a malformed line in an alignment gold file (the message names the line)",
    "CG604": "an alignment gold span whose offsets do not hold its text in the reader's text",
    "CG605": "an alignment gold article that the data folder does not have",
    "CG606": "a comparison that is not a compare/2 document, or no compare_articles to score",
    # batch runs (CG70x)
    "CG700": "a batch run that cannot go on",
    "CG701": "a batch output folder made with other options",
    "CG702": "batch inputs that changed since the run began",
    "CG703": "a Dask scheduler that cannot be reached",
    "CG704": "a folder with no readable batch manifest",
    "CG705": "a batch partition that failed on every retry",
    "CG706": "a batch shard that cannot be read",
    # web API and pages (claimgraph serve)
    "CG800": "an internal error of the web server",
    "CG801": "no such article, job, page or endpoint",
    "CG802": "a request whose parameters or body are not valid",
    "CG803": "a request without a valid API token where one is needed",
    "CG804": "a Host header that this server does not answer to (DNS rebinding)",
    "CG805": "a cross-site form post, refused",
    "CG806": "a request body larger than the limit",
    "CG807": "an HTTP method that the endpoint does not take",
    "CG808": "no active API token with that id",
    # comparison
    "CG900": "an article id or URL that the store does not have (`compare --article`)",
    # corpus models
    "CG920": "the sentence-embedding model files are missing",
    "CG921": "the sentence-embedding model files do not match each other",
}


class ClaimgraphError(Exception):
    """Base class: ``code`` is stable across releases, ``message`` names the fix."""

    code: str = "CG000"
    exit_code: int = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


# -- input (CG1xx) -------------------------------------------------------------------
class InputError(ClaimgraphError):
    code = "CG100"


class EmptyInputError(InputError):
    code = "CG101"


class BinaryInputError(InputError):
    code = "CG102"


class InputTooLargeError(InputError):
    code = "CG103"


class DecodingError(InputError):
    code = "CG104"


class NoArticleTextError(InputError):
    code = "CG105"


class MalformedRecordError(InputError):
    code = "CG106"


class UnsupportedSourceError(InputError):
    code = "CG107"


class SourceNotFoundError(InputError):
    code = "CG108"


class EventNotFoundError(InputError):
    """An event id that the stored corpus does not have (``claimgraph compare``)."""

    code = "CG109"


class ArticleNotFoundError(InputError):
    """A stored article id or URL that the store does not have (``claimgraph compare --article``)."""

    code = "CG900"


class BadFieldError(InputError):
    """One metadata field (a date, a URL, an author...) that could not be used; the article is kept."""

    code = "CG110"


class UnsupportedLanguageError(InputError):
    """An article in a language the pipeline has no model for: stored, not analysed."""

    code = "CG111"


# -- network (CG2xx) -----------------------------------------------------------------
class FetchError(ClaimgraphError):
    code = "CG200"


class BlockedAddressError(FetchError):
    code = "CG201"


# -- store (CG3xx) -------------------------------------------------------------------
class StoreError(ClaimgraphError):
    code = "CG300"


# -- pipeline and models (CG4xx) -----------------------------------------------------
class PipelineError(ClaimgraphError):
    code = "CG400"


class ModelMissingError(PipelineError):
    code = "CG401"


class EmbeddingModelError(ModelMissingError):
    """The static sentence-embedding model of the corpus views is missing or damaged."""

    code = "CG920"


# -- usage (CG5xx) -------------------------------------------------------------------
class UsageError(ClaimgraphError):
    code = "CG500"
    exit_code = 2


# -- evaluation data (CG6xx) ---------------------------------------------------------
class DatasetError(ClaimgraphError):
    code = "CG600"


# -- batch runs (CG70x) ----------------------------------------------------------------
class BatchError(ClaimgraphError):
    """A batch run (``claimgraph batch`` / ``load``) that cannot go on; see docs/batch.md."""

    code = "CG700"


# -- web API and pages (CG8xx) --------------------------------------------------------
class WebError(ClaimgraphError):
    """An error of ``claimgraph serve``; ``status`` is the HTTP status it is answered with."""

    code = "CG800"
    status = 500


class NotFoundError(WebError):
    code = "CG801"
    status = 404


class RequestInvalidError(WebError):
    code = "CG802"
    status = 422


class AuthenticationError(WebError):
    code = "CG803"
    status = 401


class HostRefusedError(WebError):
    code = "CG804"
    status = 400


class CrossSiteRequestError(WebError):
    code = "CG805"
    status = 403


class BodyTooLargeError(WebError):
    code = "CG806"
    status = 413


class MethodNotAllowedError(WebError):
    code = "CG807"
    status = 405


class TokenNotFoundError(WebError):
    """``claimgraph token revoke`` with an id that names no active token."""

    code = "CG808"
    status = 404
    exit_code = 1
