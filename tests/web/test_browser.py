"""End-to-end tests in Debian's Chromium (Playwright for Python; no browser is ever downloaded).

One real server (uvicorn in a thread, on a free loopback port) and one browser per session.
Screenshots of the main pages go to tests/web/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.api.library import library  # noqa: F401 - fixtures

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it with apt-get install chromium)",
)
SHOTS = Path(__file__).parent / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(library):
    import uvicorn

    from claimgraph.api import Settings, create_app

    port = _free_port()
    app = create_app(Settings(db=library.db, profile="fast", port=port))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(300):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Watch:
    """Dialogs (a sign that a payload ran) and CSP violations on a page."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=SIZES["desktop"])
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.watch = Watch(pg)
    yield pg
    assert not pg.watch.dialogs, f"a script ran: {pg.watch.dialogs}"
    assert not pg.watch.csp, f"CSP violations: {pg.watch.csp}"
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=False)
    page.set_viewport_size(SIZES["desktop"])


def _axe(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps([(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in bad])


def _login(page, server, token) -> None:
    page.goto(f"{server}/login")
    _axe(page)
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")


def test_paste_an_article_and_see_its_highlights(page, server):
    page.goto(f"{server}/analyze")
    _axe(page)
    _shot(page, "analyze")
    text = Path(__file__).resolve().parents[2] / "examples" / "port-fire.txt"
    page.fill("#text", text.read_text(encoding="utf-8"))
    page.fill("#outlet", "Paste Test")
    page.click("button:has-text('Analyze')")
    page.wait_for_selector("#text .seg")
    assert page.locator("#text .l-source").count() > 0 and page.locator("#text .l-quantity").count() > 0
    assert "not stored" in page.inner_text(".meta")


def test_toggle_a_layer(page, server, library):
    page.goto(f"{server}/articles/{library.article_ids[-2]}")
    source = page.locator("#text .l-source").first
    colour = lambda: source.evaluate("e => getComputedStyle(e).borderBottomColor")  # noqa: E731
    assert colour() != "rgba(0, 0, 0, 0)"
    page.uncheck("#layer-source")
    assert "hide-source" in page.get_attribute("#text", "class") and colour() == "rgba(0, 0, 0, 0)"
    page.check("#layer-source")
    assert colour() != "rgba(0, 0, 0, 0)"
    page.click("#plain-toggle")
    assert "plain" in page.get_attribute("#text", "class") and colour() == "rgba(0, 0, 0, 0)"
    assert page.get_attribute("#plain-toggle", "aria-pressed") == "true"


def test_open_a_span_details_with_the_keyboard(page, server, library):
    page.goto(f"{server}/articles/{library.article_ids[-2]}")
    _axe(page)
    _shot(page, "article")
    page.focus("#text")  # not focusable itself: start from the skip link instead
    page.keyboard.press("Tab")
    for _ in range(300):
        if page.evaluate("document.activeElement.classList.contains('seg')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("no marked passage reachable by Tab")
    start = page.evaluate("document.activeElement.dataset.start")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "details"
    body = page.inner_text("#details-body")
    assert "offsets" in body
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.start") == start
    _shot(page, "article-details")


def test_search_with_a_facet(page, server):
    page.goto(f"{server}/")
    page.fill("#q", "fire")
    page.press("#q", "Enter")
    # (locator waits only: a waited-for JS string would be eval, which the CSP rightly forbids)
    page.wait_for_selector("#results .hit >> nth=2")
    page.fill("#f-outlet", "Island Courier")
    page.dispatch_event("#f-outlet", "change")
    expect(page.locator("#results .hit")).to_have_count(1)
    assert "Island Courier" in page.inner_text("#results")
    assert "outlet=Island%20Courier" in page.url  # the search is a shareable URL
    _axe(page)
    _shot(page, "library")


def test_open_an_event_comparison(page, server):
    page.goto(f"{server}/events")
    _axe(page)
    _shot(page, "events")
    page.locator("table.grid tbody tr", has_text="Island Courier").locator("a").first.click()  # the demo event
    page.wait_for_selector("#slot-matrix")
    assert page.locator("#slot-matrix tbody tr").count() >= 1
    assert page.locator("#slot-matrix a[href*='start=']").count() >= 1
    _axe(page)
    _shot(page, "event-comparison")
    page.locator("#slot-matrix a[href*='start=']").first.click()
    page.wait_for_selector("#text mark")


def test_run_an_ingest_job_to_completion(page, server, library, tmp_path):
    _login(page, server, library.token)
    upload = tmp_path / "wire.jsonl"
    upload.write_text("\n".join(json.dumps({"text": f"Rescuers said {n} fishermen were saved off Gozo.",
                                            "outlet": "Gozo Wire", "published": f"2025-06-0{n}"}) for n in (1, 2)) + "\n")
    page.goto(f"{server}/jobs")
    _axe(page)
    page.set_input_files("#file", str(upload))
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")
    expect(page.locator("#job-status")).to_have_text("done", timeout=60000)
    assert page.locator("#job a[href^='/articles/']").count() == 2
    _axe(page)
    _shot(page, "job")


def test_error_pages_are_pages_too(page, server):
    response = page.goto(f"{server}/articles/0000000000000000")
    assert response.status == 404 and "CG801" in page.inner_text("main")
    _axe(page)


def test_xss_payloads_stay_inert(page, server, library):
    from tests.api.library import HOSTILE, HOSTILE_TEXT

    page.goto(f"{server}/articles/{library.hostile_id}")
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<script>alert('title')</script>" in page.inner_text("h1")  # shown as text
    assert page.locator("script:not([src])").count() == 0
    page.goto(f"{server}/?q=minister")
    assert page.locator("img").count() == 0
    page.goto(f"{server}/analyze")
    page.fill("#text", HOSTILE_TEXT)
    page.fill("#title", HOSTILE["title"])
    page.fill("#outlet", HOSTILE["outlet"])
    page.click("button:has-text('Analyze')")
    page.wait_for_selector("#text .seg")
    assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    page.locator("#text .seg").first.click()
    assert page.locator("#details img").count() == 0
    # the page watch (dialogs, CSP console errors) is checked when the test ends


def test_hostile_compare_document_stays_inert(page, server, library, monkeypatch):
    from claimgraph.web import _compare

    from .compare_doc import compare_doc
    from claimgraph.store import open_store

    ids = list(library.article_ids[:2])
    with open_store(library.db) as store:
        texts = {i: store.get_article(i).text for i in ids}
    monkeypatch.setattr(_compare, "compare_payload", lambda analyses, *, event_id=None: compare_doc(ids, texts))
    page.goto(f"{server}/events/ev-test")
    assert page.locator("#slot-matrix").count() == 1
    assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    page.goto(f"{server}/compare?article={ids[0]}&article={ids[1]}")
    assert page.locator(".side .col").count() == 2
    _axe(page)
    _shot(page, "side-by-side")
