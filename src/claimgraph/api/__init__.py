"""The REST API and web app of ``claimgraph serve``: :func:`create_app` builds the ASGI app.

>>> from claimgraph.api import Settings, create_app
>>> app = create_app(Settings(db="news.db"))   # then: uvicorn.run(app, host="127.0.0.1")

See docs/web.md for the endpoints, the pages, the settings and the security rules.
"""

from __future__ import annotations

from ._app import create_app
from ._settings import Settings, is_loopback

__all__ = ["Settings", "create_app", "is_loopback"]
