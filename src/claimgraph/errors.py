"""One exception tree for claimgraph, with numbered codes.

Every error carries a stable code (``CG1xx`` input, ``CG2xx`` network, ``CG3xx`` store,
``CG4xx`` pipeline and models, ``CG5xx`` usage and configuration, ``CG6xx`` evaluation
data) and a message that says what went wrong *and what to do about it*. The CLI turns
an error into one line, ``error CGnnn: message``, and exit code 1 (2 for usage errors).
"""

from __future__ import annotations

__all__ = [
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
    "SourceNotFoundError",
    "FetchError",
    "BlockedAddressError",
    "StoreError",
    "PipelineError",
    "ModelMissingError",
    "UsageError",
    "DatasetError",
]


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


# -- usage (CG5xx) -------------------------------------------------------------------
class UsageError(ClaimgraphError):
    code = "CG500"
    exit_code = 2


# -- evaluation data (CG6xx) ---------------------------------------------------------
class DatasetError(ClaimgraphError):
    code = "CG600"
