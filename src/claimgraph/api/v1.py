"""The REST API, ``/v1``: thin routes over the store, the pipeline and the corpus views."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from .. import ingest
from ..errors import RequestInvalidError
from ..export.claimreview import claim_reviews
from ..model import Analysis, Article, to_dict
from ..serialize import to_json
from . import _queries as q
from ._formats import list_response
from ._runtime import Runtime

__all__ = ["router", "AnalyzeRequest", "CompareRequest", "JobRequest", "runtime", "search_params", "article_from"]

router = APIRouter(prefix="/v1", tags=["v1"])

_ERROR = {"content": {"application/json": {"example": {"error": {"code": "CG801", "message": "..."}}}}}
ERRORS: dict[int | str, dict[str, Any]] = {400: _ERROR, 401: _ERROR, 404: _ERROR, 413: _ERROR, 422: _ERROR}
_MAX_TEXT = 2_000_000


class AnalyzeRequest(BaseModel):
    """An article: its ``text``, or a ``url`` to fetch (through the URL guard); metadata optional."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=_MAX_TEXT)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=40)
    outlet: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=200)


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=q.MAX_COMPARE)


class JobRequest(BaseModel):
    """URLs of pages or feeds to ingest (only http(s): a request never names a server file)."""

    model_config = ConfigDict(extra="forbid")
    urls: list[Annotated[str, Field(max_length=2048)]] = Field(min_length=1, max_length=1000)


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime


Rt = Annotated[Runtime, Depends(runtime)]


def search_params(
    q_: Annotated[str | None, Query(alias="q", max_length=500, description="FTS5 query over titles and texts")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    published_from: Annotated[str | None, Query(alias="from", max_length=40, description="ISO date, inclusive")] = None,
    published_to: Annotated[str | None, Query(alias="to", max_length=40, description="ISO date, inclusive")] = None,
    source: Annotated[str | None, Query(max_length=200, description="substring of a source")] = None,
    source_kind: Annotated[str | None, Query(max_length=40)] = None,
    cue_class: Annotated[str | None, Query(max_length=40)] = None,
    technique: Annotated[str | None, Query(max_length=80)] = None,
    author_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=q.MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> q.SearchParams:
    # A form sends every field, empty ones as "": those mean "any".
    return q.SearchParams(q=q_ or None, outlet=outlet or None, published_from=published_from or None,
                          published_to=published_to or None, source=source or None, source_kind=source_kind or None,
                          cue_class=cue_class or None, technique=technique or None,
                          author_only=author_only, limit=limit, offset=offset)


async def article_from(rt: Runtime, body: AnalyzeRequest) -> Article:
    """The article a request names: its text, or the page at its URL (fetched through the guard)."""
    if (body.text is None) == (body.url is None):
        raise RequestInvalidError("give either text or url, not both and not neither")
    if body.text is not None:
        if not body.text.strip():
            raise RequestInvalidError("the text is empty: paste the article's text")
        article = ingest.make_article(body.text)
    else:
        article = await rt.fetch_article(body.url or "")
    return ingest.with_metadata(article, title=body.title, published=body.published, outlet=body.outlet,
                                author=body.author)


def _with_store(rt: Runtime, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with rt.open_store() as store:
        return fn(store, *args, **kwargs)


async def _in_store(rt: Runtime, fn: Any, *args: Any, **kwargs: Any) -> Any:
    return await run_in_threadpool(_with_store, rt, fn, *args, **kwargs)


def _document(analysis: Analysis, status: int = 200) -> Response:
    """The schema v1 document, serialised once by the library (no second pass through pydantic)."""
    return Response(to_json(analysis, indent=None), status_code=status, media_type="application/json")


_DOCUMENT = {200: {"description": "the output schema v1 document (docs/schema.md)",
                   "content": {"application/json": {"schema": {"type": "object"}}}}}


@router.post("/analyze", responses={**ERRORS, **_DOCUMENT}, response_class=Response,
             summary="Analyse one article (text or URL); nothing is stored")
async def analyze(body: AnalyzeRequest, rt: Rt) -> Response:
    article = await article_from(rt, body)
    return _document(await rt.analyze(article))


@router.post("/articles", responses=ERRORS, status_code=201, summary="Store and analyse one article (token needed)")
async def add_article(body: AnalyzeRequest, rt: Rt) -> JSONResponse:
    article = await article_from(rt, body)
    analysis = await rt.analyze(article)
    new = await _in_store(rt, lambda store: store.add(article, analysis))
    return JSONResponse({"id": article.id, "new": new, "analysis": to_dict(analysis)}, status_code=201 if new else 200)


@router.get("/articles", responses=ERRORS, summary="Search articles, with facets; paginated")
async def search_articles(rt: Rt, params: Annotated[q.SearchParams, Depends(search_params)],
                          format: Literal["json", "jsonl", "csv"] = "json") -> Any:
    result = await _in_store(rt, q.search, params)
    rows = [{k: v for k, v in hit.items() if k != "matches"} for hit in result["hits"]]
    return list_response(result, rows, format, "articles")


@router.get("/articles/{article_id}", responses={**ERRORS, **_DOCUMENT}, response_class=Response,
            summary="One stored article with its analysis")
async def get_article(article_id: Annotated[str, Path(max_length=64)], rt: Rt) -> Response:
    return _document(await _in_store(rt, q.get_analysis, article_id))


@router.get("/events", responses=ERRORS, summary="Real-world events across the stored articles")
async def list_events(rt: Rt, format: Literal["json", "jsonl", "csv"] = "json") -> Any:
    rows = await _in_store(rt, q.events)
    return list_response({"events": rows}, rows, format, "events")


@router.get("/events/{event_id}/compare", responses=ERRORS, summary="What each outlet says about one event (compare/2)")
async def compare_event(event_id: Annotated[str, Path(max_length=100)], rt: Rt) -> dict[str, Any]:
    return await _in_store(rt, q.event_comparison, event_id)


@router.post("/compare", responses=ERRORS, summary="Compare any set of stored articles (compare/2)")
async def compare_articles(body: CompareRequest, rt: Rt) -> dict[str, Any]:
    return await _in_store(rt, q.compare, body.articles)


@router.get("/claims", responses=ERRORS, summary="Claims across stored articles; ClaimReview JSON-LD on request")
async def list_claims(
    rt: Rt,
    article: Annotated[list[str] | None, Query(max_length=q.MAX_COMPARE)] = None,
    author_only: bool = False,
    min_checkworthiness: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    limit: Annotated[int, Query(ge=1, le=q.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    format: Literal["json", "jsonl", "csv", "claimreview"] = "json",
) -> Any:
    result = await _in_store(rt, q.claims, author_only=author_only, article_ids=article,
                             min_checkworthiness=min_checkworthiness, limit=limit, offset=offset)
    if format == "claimreview":
        ids = list(dict.fromkeys(row["article_id"] for row in result["claims"]))
        wanted = {(row["article_id"], row["id"]) for row in result["claims"]}
        analyses = await _in_store(rt, lambda store: [q.get_analysis(store, i) for i in ids])
        docs = []
        for analysis in analyses:
            docs += [d for c, d in zip(analysis.claims, claim_reviews(analysis)) if (analysis.article.id, c.id) in wanted]
        return JSONResponse(docs, media_type="application/ld+json")
    rows = [{**row, "hedges": [h["text"] for h in row["hedges"]]} for row in result["claims"]]
    return list_response(result, rows, format, "claims")


@router.post("/jobs", responses=ERRORS, status_code=202, summary="Start an ingest job of URLs (token needed)")
async def start_job(body: JobRequest, rt: Rt) -> dict[str, Any]:
    bad = [u for u in body.urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise RequestInvalidError(f"only http(s) URLs can be ingested through the API, not {bad[0]!r}; upload files")
    return rt.jobs.submit(body.urls).as_json()


@router.post("/jobs/upload", responses=ERRORS, status_code=202, summary="Start an ingest job of an uploaded file")
async def upload_job(rt: Rt, file: Annotated[UploadFile, File(description="JSONL, WARC, feed, HTML or text")]) -> dict[str, Any]:
    return (await start_upload(rt, file)).as_json()


async def start_upload(rt: Runtime, file: UploadFile) -> Any:
    name = file.filename or "upload.txt"
    path = rt.jobs.upload_path(name)
    with path.open("wb") as out:
        while chunk := await file.read(1 << 16):
            out.write(chunk)
    return rt.jobs.submit([str(path)], labels=[name])


@router.get("/jobs/{job_id}", responses=ERRORS, summary="An ingest job's progress")
async def get_job(job_id: Annotated[str, Path(max_length=64)], rt: Rt) -> dict[str, Any]:
    return rt.jobs.get(job_id).as_json()
