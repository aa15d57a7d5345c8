"""The pages. Each one runs the same query as its JSON twin (``?format=json`` answers with
that JSON) and renders it; no analysis logic lives here."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..api import _queries as q
from ..api._runtime import Runtime
from ..api._security import TOKEN_COOKIE
from ..api.v1 import AnalyzeRequest, _in_store, article_from, runtime, search_params, start_upload
from ..errors import AuthenticationError, RequestInvalidError
from ..model import CUE_CLASSES, SOURCE_KINDS, TECHNIQUES, Analysis, to_dict
from ._view import LAYERS, annotations, citation, render_text, safe_url

__all__ = ["router", "error_page", "templates"]

router = APIRouter(include_in_schema=False)
Rt = Annotated[Runtime, Depends(runtime)]
_HTML = HTMLResponse

_env = Environment(
    loader=FileSystemLoader(str(resources.files("claimgraph.web") / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True, lstrip_blocks=True,
)
_env.filters["safe_url"] = safe_url
_GROUPS: dict[str, list[Any]] = {}
for _layer in LAYERS:
    _GROUPS.setdefault(_layer.group, []).append(_layer)
_env.globals.update(version=__version__, LAYERS=LAYERS, LAYER_GROUPS=list(_GROUPS.items()), CUE_CLASSES=CUE_CLASSES, SOURCE_KINDS=SOURCE_KINDS,
                    TECHNIQUES=TECHNIQUES, urlencode=urlencode)
templates = Jinja2Templates(env=_env)


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return _page(request, "error.html", status, code=code, message=message,
                 login=status == 401)


def _partial(request: Request) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    return bool(request.headers.get("hx-request")) and not request.headers.get("hx-history-restore-request")


def _json(format: str | None) -> bool:
    if format not in (None, "html", "json"):
        raise RequestInvalidError(f"unknown format {format!r}: pages answer html or json")
    return format == "json"


Format = Annotated[str | None, Query(max_length=10)]


@router.get("/", response_class=_HTML)
async def library(request: Request, rt: Rt, params: Annotated[q.SearchParams, Depends(search_params)],
                  format: Format = None) -> Response:
    result = await _in_store(rt, q.search, params)
    if _json(format):
        return JSONResponse(result)
    template = "_results.html" if _partial(request) else "library.html"
    return _page(request, template, params=params, result=result)


@router.get("/analyze", response_class=_HTML)
async def analyze_form(request: Request) -> Response:
    return _page(request, "analyze.html")


def _form_request(text: str, url: str, title: str, outlet: str, published: str) -> AnalyzeRequest:
    return AnalyzeRequest(text=text or None, url=url.strip() or None, title=title or None,
                          outlet=outlet or None, published=published or None)


FormText = Annotated[str, Form(max_length=2_000_000)]
FormLine = Annotated[str, Form(max_length=2048)]


@router.post("/analyze", response_class=_HTML)
async def analyze_page(request: Request, rt: Rt, text: FormText = "", url: FormLine = "", title: FormLine = "",
                       outlet: FormLine = "", published: FormLine = "") -> Response:
    article = await article_from(rt, _form_request(text, url, title, outlet, published))
    analysis = await rt.analyze(article)
    return _article_page(request, analysis, stored=False)


@router.post("/articles", response_class=_HTML)
async def store_page(request: Request, rt: Rt, text: FormText = "", url: FormLine = "", title: FormLine = "",
                     outlet: FormLine = "", published: FormLine = "") -> Response:
    article = await article_from(rt, _form_request(text, url, title, outlet, published))
    analysis = await rt.analyze(article)
    await _in_store(rt, lambda store: store.add(article, analysis))
    return RedirectResponse(f"/articles/{article.id}", status_code=303)


@router.get("/articles/{article_id}", response_class=_HTML)
async def article_page(request: Request, rt: Rt, article_id: Annotated[str, Path(max_length=64)],
                       start: Annotated[int | None, Query(ge=0)] = None,
                       end: Annotated[int | None, Query(ge=0)] = None, format: Format = None) -> Response:
    analysis = await _in_store(rt, q.get_analysis, article_id)
    if _json(format):
        return JSONResponse(to_dict(analysis))
    cited = None
    if start is not None and end is not None and start < end <= len(analysis.article.text):
        cited = (start, end)
    return _article_page(request, analysis, stored=True, cited=cited)


def _article_page(request: Request, analysis: Analysis, *, stored: bool,
                  cited: tuple[int, int] | None = None) -> HTMLResponse:
    anns = annotations(analysis)
    article = analysis.article
    cites = {x.id: citation(article, x.start, x.end) for x in anns}
    present = {x.layer for x in anns}
    return _page(request, "article.html", analysis=analysis, article=article, anns=anns, stored=stored,
                 body=render_text(article.text, anns, cited=cited), cites=cites, present=present,
                 cited=cited, cited_text=citation(article, *cited) if cited else None)


@router.get("/events", response_class=_HTML)
async def events_page(request: Request, rt: Rt, format: Format = None) -> Response:
    rows = await _in_store(rt, q.events)
    if _json(format):
        return JSONResponse({"events": rows})
    return _page(request, "events.html", events=rows)


@router.get("/events/{event_id}", response_class=_HTML)
async def event_page(request: Request, rt: Rt, event_id: Annotated[str, Path(max_length=100)],
                     format: Format = None) -> Response:
    doc = await _in_store(rt, q.event_comparison, event_id)
    if _json(format):
        return JSONResponse(doc)
    return _page(request, "compare.html", doc=doc, view=_comparison_view(doc), texts=None)


@router.get("/compare", response_class=_HTML)
async def compare_page(request: Request, rt: Rt,
                       article: Annotated[list[str], Query(max_length=q.MAX_COMPARE)] = [],  # noqa: B006
                       format: Format = None) -> Response:
    if not article:
        raise RequestInvalidError("name the articles to compare: /compare?article=ID&article=ID")
    doc = await _in_store(rt, q.compare, article)
    if _json(format):
        return JSONResponse(doc)
    texts = None
    if len(doc["articles"]) == 2:
        analyses = await _in_store(rt, lambda store: [q.get_analysis(store, a["id"]) for a in doc["articles"]])
        texts = [_marked_text(a, doc) for a in analyses]
    return _page(request, "compare.html", doc=doc, view=_comparison_view(doc), texts=texts)


def _marked_text(analysis: Analysis, doc: dict[str, Any]) -> dict[str, Any]:
    """An article's text with the spans that the comparison pairs (figures, claims) marked."""
    from ._view import Annotation

    spans = []
    for kind, groups in (("quantity", doc.get("slots", [])), ("author", doc.get("claims", []))):
        for group in groups:
            for m in group.get("members", []):
                start, end = m.get("start") or 0, m.get("end") or 0
                if m.get("article_id") == analysis.article.id and 0 <= start < end <= len(analysis.article.text):
                    spans.append(Annotation(id=f"p{len(spans)}", layer=kind, start=start, end=end,
                                            text=m.get("text", ""), label=group.get("label") or group.get("text", ""),
                                            details=()))
    return {"article": analysis.article, "body": render_text(analysis.article.text, spans)}


def _comparison_view(doc: dict[str, Any]) -> dict[str, Any]:
    """Cells of the matrices, looked up by (row, article id), from the compare/2 document."""
    ids = [a["id"] for a in doc.get("articles", [])]
    def cells(rows: list[dict[str, Any]]) -> list[dict[str, list[dict[str, Any]]]]:
        return [{aid: [m for m in row.get("members", []) if m.get("article_id") == aid] for aid in ids} for row in rows]

    outlets = {a["id"]: a.get("outlet") or a["id"] for a in doc.get("articles", [])}
    dates = {a["id"]: a.get("published") for a in doc.get("articles", [])}
    timeline = sorted(
        ({"date": m.get("reported_at") or dates.get(m.get("article_id")) or "", "slot": s.get("label", ""),
          "outlet": outlets.get(m.get("article_id"), m.get("article_id")), "member": m} for s in doc.get("slots", [])
         for m in s.get("members", [])),
        key=lambda r: (r["date"] == "", str(r["date"]), r["outlet"] or ""),
    )
    return {"slot_cells": cells(doc.get("slots", [])), "blame_cells": cells(doc.get("blame", [])),
            "claim_cells": cells(doc.get("claims", [])), "timeline": timeline, "outlets": outlets}


@router.get("/jobs", response_class=_HTML)
async def jobs_form(request: Request) -> Response:
    return _page(request, "jobs.html")


@router.post("/jobs", response_class=_HTML)
async def start_job_page(request: Request, rt: Rt, urls: Annotated[str, Form(max_length=200_000)] = "",
                         file: Annotated[UploadFile | None, File()] = None) -> Response:
    if file is not None and file.filename:
        job = await start_upload(rt, file)
    else:
        lines = [u.strip() for u in urls.splitlines() if u.strip()]
        bad = [u for u in lines if not u.lower().startswith(("http://", "https://"))]
        if not lines or bad:
            raise RequestInvalidError("give one http(s) URL per line, or choose a file to upload")
        job = rt.jobs.submit(lines)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=_HTML)
async def job_page(request: Request, rt: Rt, job_id: Annotated[str, Path(max_length=64)],
                   format: Format = None) -> Response:
    job = rt.jobs.get(job_id).as_json()
    if _json(format):
        return JSONResponse(job)
    template = "_job.html" if _partial(request) else "job.html"
    return _page(request, template, job=job)


@router.get("/login", response_class=_HTML)
async def login_form(request: Request) -> Response:
    return _page(request, "login.html")


@router.post("/login", response_class=_HTML)
async def login(request: Request, rt: Rt, token: Annotated[str, Form(max_length=200)] = "") -> Response:
    from starlette.concurrency import run_in_threadpool

    def check() -> bool:
        with rt.open_store() as store:
            return store.check_token(token.strip()) is not None

    if not await run_in_threadpool(check):
        raise AuthenticationError("that token is unknown or revoked; create one with `claimgraph token create NAME`")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response
