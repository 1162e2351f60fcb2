"""The article page in a real browser: Debian's Chromium, driven by Playwright, against a live server.

The test suite starts uvicorn itself (in a thread, on a free loopback port) over ``sample_store``
(hand-made extractions of Wikinews fixture texts, CC BY 2.5), loads the article page, checks the
highlights, hovers them and reads the tooltip, and saves a screenshot to ``test-artifacts/``.
No browser is downloaded: without /usr/bin/chromium the tests are skipped.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_store) -> Iterator[str]:
    """``newsgraph serve`` over the sample store, on a free loopback port; yields its base URL."""
    import uvicorn

    from newsgraph.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(sample_store.path), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records dialogs, console errors and every URL it requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.requests = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def test_hovering_a_statement_shows_its_speaker(page, server, sample_store):
    extraction = sample_store.extractions["mahan"]
    page.goto(f"{server}/articles/{extraction.article.id}")
    marks = page.locator("#article-text mark.hl")
    assert marks.count() >= len(extraction.statements) + len(extraction.events)
    for kind, facts in (("s", extraction.statements), ("e", extraction.events)):
        for index in range(len(facts)):
            assert page.locator(f'#article-text mark[data-ann~="{kind}{index}"]').count() >= 1

    tooltip = page.locator("#tooltip")
    assert tooltip.is_hidden()
    quote = page.locator('#article-text mark.hl-statement[data-ann~="s0"]').first
    assert "The airline transports weapons" in quote.inner_text()
    quote.hover()
    tooltip.wait_for(state="visible")
    shown = tooltip.inner_text()
    assert "Mike Pompeo" in shown and "US Secretary of State Mike Pompeo" in shown
    assert "according to" in shown
    # The matching entry in the side panel is highlighted too.
    assert "active" in (page.locator("#ann-s0").get_attribute("class") or "")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-page.png"), full_page=True)
    assert (ARTIFACTS / "article-page.png").stat().st_size > 10_000

    # Moving away hides it; an overlapping statement and event show together.
    page.mouse.move(5, 5)
    tooltip.wait_for(state="hidden")
    both = page.locator('#article-text mark[data-ann~="s1"][data-ann~="e3"]').first
    both.hover()
    tooltip.wait_for(state="visible")
    shown = tooltip.inner_text()
    assert (
        "German officials" in shown and "SANCTION" in shown and "Federal Aviation Office of Germany" in shown
    )

    assert page.dialogs == [] and page.errors == []
    assert all(url.startswith(server) for url in page.requests), page.requests


def test_keyboard_focus_shows_an_event(page, server, sample_store):
    page.goto(f"{server}/articles/{sample_store.ids['drones']}")
    page.locator('#article-text mark[data-ann~="e0"]').first.focus()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    shown = tooltip.inner_text()
    assert "ASSAULT" in shown and "Houthi movement" in shown and "2019-09-14" in shown and "-10.0" in shown


def test_markup_in_an_article_never_runs(page, server):
    page.goto(f"{server}/articles/hostile")
    page.locator('#article-text mark[data-ann~="s0"]').first.hover()
    page.locator("#tooltip").wait_for(state="visible")
    page.locator('#article-text mark[data-ann~="e0"]').first.hover()
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("xss")</script>' in text
    assert "<img src=x onerror=alert(2)>" in text
    assert page.locator("#article-text img, #article-text script, #article-text a, #tooltip img").count() == 0
    assert (
        "<img src=x onerror=alert(3)>"
        in page.locator("#tooltip").inner_text() + page.locator(".panel").inner_text()
    )
    page.wait_for_timeout(200)
    assert page.dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-article-page.png"), full_page=True)


def test_charts_render_from_local_files_only(page, server):
    for path, selector in (
        ("/timeline", "#timeline-chart rect.bar"),
        ("/network", "#network-chart line.edge"),
    ):
        page.goto(server + path)
        assert page.locator(selector).count() > 0
    assert page.errors == []
    assert all(url.startswith(server) for url in page.requests), page.requests
