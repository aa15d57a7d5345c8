"""docs/web.md stays in step with the code: every endpoint, page, serve option and web error code."""

from __future__ import annotations

import inspect
import re
from importlib import resources
from pathlib import Path

from claimgraph import errors

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")


def _app():
    from claimgraph.api import Settings, create_app

    return create_app(Settings(db=":memory:"), warm=False)


def test_every_endpoint_is_documented():
    spec = _app().openapi()
    for path, methods in spec["paths"].items():
        for method in methods:
            shown = re.sub(r"\{\w+_id\}", "{id}", path)
            assert f"`{method.upper()} {shown}" in DOC, f"{method.upper()} {path}"


def test_every_page_is_documented():
    from claimgraph.web._pages import router

    pages = {route.path for route in router.routes}
    assert {"/", "/analyze", "/articles/{article_id}", "/events", "/events/{event_id}", "/compare", "/jobs/{job_id}"} <= pages
    for path in pages:
        shown = path.replace("{article_id}", "{id}").replace("{event_id}", "{id}").replace("{job_id}", "{id}")
        assert f"| `{shown}" in DOC, path


def test_every_serve_option_is_documented():
    from claimgraph.cli.serve import serve

    for name in inspect.signature(serve).parameters:
        assert f"`--{name.replace('_', '-')}`" in DOC, name


def test_every_web_error_code_is_documented():
    for code in (c for c in errors.CODES if c.startswith("CG8")):
        assert f"| {code} |" in DOC, code


def test_the_vendored_files_have_versions_in_their_names():
    static = resources.files("claimgraph.web") / "static"
    names = sorted(p.name for p in static.iterdir())
    scripts = [n for n in names if n.endswith(".js")]
    assert any(re.fullmatch(r"htmx-2\.\d+\.\d+\.min\.js", n) for n in scripts)
    assert len([n for n in scripts if not n.startswith("htmx-")]) == 1  # at most one script of our own
    assert all(re.search(r"-\d+\.\d+(\.\d+)?(\.min)?\.(js|css)$", n) for n in names if n.endswith((".js", ".css")))
    for name in scripts:
        assert name in DOC or name.startswith("htmx-2.0.11")
