"""Markup sent in a URL never runs, in a real browser (Debian's Chromium through Playwright).

tests/test_browser.py shows that markup stored in an article never runs; here the markup comes
in the query string and path (reflected cross-site scripting): every page that repeats a
filter value is loaded with a hostile one, and no dialog opens, nothing is requested from
another site, and the console stays clean (an injected inline script or event handler that the
Content-Security-Policy blocked would be reported there). Skipped without /usr/bin/chromium.
"""

from __future__ import annotations

import urllib.parse

import pytest

from test_browser import browser, page, server  # noqa: F401  (the live server and browser fixtures)

pytestmark = pytest.mark.browser

PAYLOADS = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    '"><svg onload=alert(4)>',
    "</title><script>alert(5)</script>",
]
PAGES = [
    ("/", ("q", "source", "actor")),
    ("/statements", ("speaker", "q")),
    ("/events", ("actor", "source", "target")),
    ("/actors", ("name",)),
    ("/timeline", ("actor",)),
    ("/network", ("actor",)),
]


def test_markup_in_query_strings_and_paths_never_runs(page, server):  # noqa: F811
    for path, names in PAGES:
        for payload in PAYLOADS:
            query = urllib.parse.urlencode({name: payload for name in names})
            page.goto(f"{server}{path}?{query}")
    for payload in PAYLOADS:
        for prefix in ("/articles/", "/actors/"):
            page.goto(server + prefix + urllib.parse.quote(payload, safe=""))
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert [error for error in page.errors if "404" not in error] == []
    assert all(url.startswith(server) for url in page.requests), page.requests
