"""The FastAPI app: routers, the error shape, the security middleware, the static files."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import ClaimgraphError, WebError
from ._errors import error_body, status_for
from ._runtime import Runtime
from ._security import SecurityMiddleware
from ._settings import Settings
from .v1 import router as v1_router

__all__ = ["create_app"]

_log = logging.getLogger("claimgraph.api")
_HTTP_CODES = {404: "CG801", 405: "CG807", 413: "CG806", 401: "CG803", 403: "CG805"}


def create_app(settings: Settings | None = None, *, warm: bool = True) -> FastAPI:
    """The ASGI app for ``settings``; ``warm`` builds the pipeline at start-up."""
    settings = settings or Settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            runtime.warm()
        yield
        runtime.close()

    app = FastAPI(
        title="claimgraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        openapi_url="/openapi.json",
        description="Who claims what, how they argue it, and where outlets disagree. Errors are "
                    '`{"error": {"code": "CGnnn", "message": ...}}`; see docs/web.md.',
    )
    app.state.runtime = runtime
    app.include_router(v1_router)
    from ..web._pages import router as pages_router  # the pages use the API's queries

    app.include_router(pages_router)
    static = resources.files("claimgraph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _add_error_handlers(app)
    app.add_middleware(SecurityMiddleware, settings=settings, check_token=lambda t: _check_token(runtime, t))
    return app


def _check_token(runtime: Runtime, token: str) -> bool:
    with runtime.open_store() as store:
        return store.check_token(token) is not None


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/v1", "/openapi")) and "text/html" in request.headers.get("accept", "")


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_html(request):
        from ..web._pages import error_page

        return error_page(request, status, code, message)
    return JSONResponse(error_body(code, message), status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        status = status_for(exc)
        if status >= 500 and not isinstance(exc, WebError):
            _log.error("%s on %s: %s", exc.code, request.url.path, exc.message)
        return _answer(request, status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _answer(request, 422, "CG802", "invalid request: " + "; ".join(parts))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "CG800" if exc.status_code >= 500 else "CG802")
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is no page or endpoint at {request.url.path}; see /openapi.json for the API"
        return _answer(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        _log.exception("unexpected error on %s", request.url.path)
        return _answer(request, 500, "CG800", "internal error: this is a claimgraph bug; the server log has the details")
