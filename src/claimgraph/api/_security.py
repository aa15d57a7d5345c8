"""The security layer of ``claimgraph serve``, as one pure ASGI middleware.

In order, for every HTTP request: the Host header must name this server (DNS rebinding is
refused); the body is counted as it arrives and cut off past the limit; a form post must
come from this origin (Origin and Sec-Fetch-Site); a bearer token is checked where one is
required. Every response gets the security headers (strict CSP, nosniff, no referrer).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

import anyio
from starlette.exceptions import HTTPException

from ..errors import (
    AuthenticationError,
    BodyTooLargeError,
    CrossSiteRequestError,
    HostRefusedError,
    WebError,
)
from ._errors import error_body
from ._settings import Settings

__all__ = ["SecurityMiddleware", "BodyLimitExceeded", "SECURITY_HEADERS", "CSP", "TOKEN_COOKIE", "is_write"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
#: The cookie that /login sets, so that a browser can send the token with page forms.
TOKEN_COOKIE = "cg_token"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Requests that change the store: (method, path prefix).
_WRITES = (("POST", "/v1/articles"), ("POST", "/v1/jobs"), ("POST", "/articles"), ("POST", "/jobs"))
#: Reachable without a token even when every request needs one (to log in, and its style).
_OPEN_PATHS = ("/login", "/static/")

_log = logging.getLogger("claimgraph.api")
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class BodyLimitExceeded(HTTPException):
    """Raised from ``receive`` when the body passes the limit; an HTTPException so that
    FastAPI's body parsing passes it through unchanged."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"the request body is larger than {limit} bytes; send less")


def is_write(method: str, path: str) -> bool:
    return any(method == m and (path == p or path.startswith(p + "/")) for m, p in _WRITES)


class SecurityMiddleware:
    def __init__(self, app: Any, *, settings: Settings, check_token: Callable[[str], bool]) -> None:
        self.app = app
        self.settings = settings
        self.check_token = check_token
        self.hosts = settings.host_names()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            self._check_host(headers)
            self._check_length(headers)
            self._check_origin(scope, headers)
            await self._check_token(scope, headers)
        except WebError as error:
            await _send_error(scope, send, error)
            return
        await self._call_limited(scope, receive, send)

    def _check_host(self, headers: dict[str, str]) -> None:
        name = _host_name(headers.get("host", ""))
        if name not in self.hosts:
            raise HostRefusedError(
                f"this server does not answer to the host name {name!r}; start it with "
                "--allowed-host NAME to add one"
            )

    def _check_length(self, headers: dict[str, str]) -> None:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_body_bytes:
            raise BodyTooLargeError(f"the request body is larger than {self.settings.max_body_bytes} bytes; send less")

    def _check_origin(self, scope: Scope, headers: dict[str, str]) -> None:
        if scope["method"] not in _UNSAFE:
            return
        site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"
        if site is not None and site not in ("same-origin", "none"):
            raise CrossSiteRequestError(f"refused a {site} request: forms are accepted only from this site")
        # With Referrer-Policy: no-referrer a browser sends "Origin: null" on its own form posts;
        # then Sec-Fetch-Site (set by the browser, never by a page) must vouch for the request.
        if origin == "null" and site == "same-origin":
            origin = None
        if origin is not None and origin != own:
            raise CrossSiteRequestError("refused a request from another origin: forms are accepted only from this site")
        if not scope["path"].startswith("/v1/") and site is None and origin is None:
            raise CrossSiteRequestError(
                "refused a form post without Origin or Sec-Fetch-Site headers; post from the page in a browser, "
                "or use the /v1 API"
            )

    async def _check_token(self, scope: Scope, headers: dict[str, str]) -> None:
        path, method = scope["path"], scope["method"]
        if path.startswith(_OPEN_PATHS):
            return
        if not (self.settings.token_everywhere or is_write(method, path)):
            return
        token = _bearer(headers.get("authorization", ""))
        if token is None and not path.startswith("/v1/"):
            token = _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
        if token is None:
            raise AuthenticationError(
                "this request needs an API token: send `Authorization: Bearer TOKEN` (create one with "
                "`claimgraph token create NAME`), or log in at /login in a browser"
            )
        if not await anyio.to_thread.run_sync(self.check_token, token):
            raise AuthenticationError("the API token is unknown or revoked; create one with `claimgraph token create`")

    async def _call_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.settings.max_body_bytes
        received = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyLimitExceeded(limit)
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyLimitExceeded as exc:
            if started:
                raise
            await _send_error(scope, send, BodyTooLargeError(str(exc.detail)))
        except Exception:
            # Answered here, not by Starlette's outer error middleware, so that the answer is
            # in the one error shape and carries the security headers too.
            _log.exception("unexpected error on %s", scope["path"])
            if started:
                raise
            await _send_error(scope, send, WebError(
                "internal error: this is a claimgraph bug; the server log has the details"))


def _with_headers(send: Send) -> Send:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _bearer(value: str) -> str | None:
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


async def _send_error(scope: Scope, send: Send, error: WebError) -> None:
    wants_html = not scope["path"].startswith("/v1") and any(
        k == b"accept" and b"text/html" in v for k, v in scope["headers"]
    )
    if wants_html:
        link = ' <a href="/login">Log in with a token</a>.' if isinstance(error, AuthenticationError) else ""
        body = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error {error.code}</title>'
                f'<link rel="stylesheet" href="/static/claimgraph-1.0.css"></head><body><main><h1>Error {error.code}</h1>'
                f"<p>{escape(error.message)}{link}</p></main></body></html>").encode()
        content_type = b"text/html; charset=utf-8"
    else:
        body = json.dumps(error_body(error.code, error.message)).encode()
        content_type = b"application/json"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    if isinstance(error, AuthenticationError):
        headers.append((b"www-authenticate", b'Bearer realm="claimgraph"'))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
