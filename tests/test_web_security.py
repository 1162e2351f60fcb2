"""Web security of ``newsgraph serve``, beyond tests/test_web.py: every parameter, raw paths, binding, read-only.

- Every query parameter of every page and /api endpoint (found by walking the app's routes,
  so a new parameter is covered without editing this file) takes hostile values: SQL and FTS5
  injections, LIKE wildcards, NUL bytes, markup. No answer is a 500; a hostile value finds
  nothing (each holds a word no article has, so an injection that worked would find rows);
  markup sent in a parameter comes back escaped wherever the page repeats it.
- Path parameters (article ids, actor names) take the same values: 404, never a 500.
- Static files over a real socket, so that no HTTP client tidies the path first: ``..`` in
  every encoding (``%2e``, double encoding, overlong UTF-8, backslashes, NUL) never leaves
  the static folder.
- ``newsgraph serve`` listens on 127.0.0.1 unless told otherwise.
- The app's database connection refuses every write, whatever SQL reaches it.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsgraph
import newsgraph.store.reader as reader_module
from newsgraph.cli import app as cli_app
from newsgraph.web import app as web_app
from newsgraph.web import create_app

#: Hostile values; each holds "zqzq", which no stored article, name or source contains, so the
#: right answer is always nothing (or a 400): rows mean an injection got through.
HOSTILE = [
    "zqzq' OR '1'='1",
    "zqzq' OR 1=1 --",
    'zqzq"; DROP TABLE articles; --',
    "zqzq') UNION SELECT id, text FROM articles --",
    "zqzq%' OR '%'='",
    "zqzq* OR *",
    "zqzq OR title:a*",
    'zqzq" OR "a',
    "NEAR(zqzq a) OR a",
    "zqzq\\' OR 1=1 --",
    "zqzq\x00' OR 1=1 --",
    "zqzq'; ATTACH DATABASE 'zqzq.db' AS x; --",
    "zqzq\u2019 OR \u20181\u2019=\u20181",
    "zqzq<script>alert(1)</script>",
    'zqzq"><img src=x onerror=alert(1)>',
    "zqzq" + "'" * 300,
]
#: Wildcards of LIKE, GLOB and FTS5 alone: they hold no word, so they are tried only on
#: parameters that compare text as given (names, sources, ids), where they must match nothing.
WILDCARDS = ["%", "_", "*", "%%", "[a-z]*"]
#: Parameters that are searched as words (FTS5): a value without words means "no filter".
WORD_SEARCH = {"q"}

MARKUP = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def client(sample_store) -> Iterator[TestClient]:
    with TestClient(create_app(sample_store.path)) as test_client:
        yield test_client


def _routes() -> list[tuple[str, list[str], bool]]:
    """(path, its text query parameters, is an API route) for every GET route without path parameters."""
    app = create_app("unused.db")
    found = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or "{" in route.path or route.path == "/openapi.json":
            continue
        names = [
            param.alias
            for param in route.dependant.query_params
            if "str" in str(param.field_info.annotation) and "int" not in str(param.field_info.annotation)
        ]
        found.append((route.path, names, route.path.startswith("/api/")))
    return found


ROUTES = _routes()
TEXT_PARAMETERS = [(path, name, api) for path, names, api in ROUTES for name in names]


def test_the_routes_walked_are_all_of_them():
    paths = {path for path, _names, _api in ROUTES}
    assert {"/", "/statements", "/events", "/actors", "/timeline", "/network"} <= paths
    assert {"/api/articles", "/api/search", "/api/statements", "/api/events", "/api/actors"} <= paths
    assert {"/api/timeline", "/api/network"} <= paths
    assert ("/api/events", "target", True) in TEXT_PARAMETERS and ("/", "q", False) in TEXT_PARAMETERS
    assert not any(
        name in ("limit", "offset", "page", "negated", "max_nodes") for _p, name, _a in TEXT_PARAMETERS
    )


def _nothing(body: object) -> bool:
    if isinstance(body, list):
        return body == []
    if isinstance(body, dict) and "nodes" in body:
        return body["nodes"] == [] and body["links"] == []
    return False


def _required(path: str) -> dict[str, str]:
    return {"q": "drones"} if path == "/api/search" else {}


@pytest.mark.parametrize(("path", "name", "api"), TEXT_PARAMETERS, ids=lambda v: str(v))
def test_hostile_parameter_values_find_nothing_and_never_fail(client, sample_store, path, name, api):
    before = hashlib.sha256(sample_store.path.read_bytes()).hexdigest()
    values = HOSTILE + ([] if name in WORD_SEARCH else WILDCARDS)
    for value in values:
        response = client.get(path, params={**_required(path), name: value})
        assert response.status_code in (200, 400), (
            path,
            name,
            value,
            response.status_code,
            response.text[:300],
        )
        if response.status_code == 400:
            continue  # a date or category that is not one: said so
        if api:
            assert response.headers["content-type"].startswith("application/json")
            assert _nothing(response.json()), (path, name, value, response.text[:300])
        else:
            assert "Internal Server Error" not in response.text
    assert hashlib.sha256(sample_store.path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("path", "name", "api"), [p for p in TEXT_PARAMETERS if not p[2]], ids=lambda v: str(v)
)
def test_markup_in_a_parameter_comes_back_escaped(client, path, name, api):
    page = client.get(path, params={name: MARKUP}).text
    assert "<script>alert" not in page and "<img" not in page, (path, name)
    for tag, attrs in _tags(page):
        assert not any(attribute.startswith("on") for attribute in attrs), (path, name, tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), (path, name, attrs)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("value", [*HOSTILE, "..", "../..", "%2e%2e", "a/../../etc/passwd", "x" * 2000])
@pytest.mark.parametrize("prefix", ["/articles/", "/api/articles/", "/actors/", "/api/actors/"])
def test_hostile_path_parameters_are_404s(client, prefix, value):
    # Dots encoded too: the client would otherwise resolve "/articles/.." to "/".
    response = client.get(prefix + urllib.parse.quote(value, safe="").replace(".", "%2E"))
    assert response.status_code in (400, 404), (prefix, value, response.status_code)
    if prefix.startswith("/api/"):  # JSON, which a browser does not render (nosniff)
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"
    else:
        assert "<script>alert" not in response.text and "<img" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x00javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/page",
        "file:///etc/passwd",
    ],
)
def test_only_http_urls_become_links(url):
    assert web_app.safe_url(url) is None


def test_http_urls_stay_links():
    assert web_app.safe_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"


# --- static files over a raw socket -----------------------------------------------------------------


@pytest.fixture(scope="module")
def live_server(sample_store) -> Iterator[int]:
    """The app under uvicorn on a free loopback port, in a thread; yields the port."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(create_app(sample_store.path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    give_up = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < give_up, "the server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET ``target`` exactly as written (no client normalises it); status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode("latin-1")
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body


TRAVERSALS = [
    "/static/../app.py",
    "/static/../../store/schema.py",
    "/static/%2e%2e/app.py",
    "/static/%2E%2E/%2E%2E/cli.py",
    "/static/.%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/%252e%252e%252fapp.py",
    "/static/..%252fapp.py",
    "/static/..%c0%afapp.py",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/..\\app.py",
    "/static/..%5capp.py",
    "/static/%5c..%5c..%5ccli.py",
    "/static/....//app.py",
    "/static/..;/app.py",
    "/static/style.css%00.py",
    "/static/%00/../app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../../../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/",
    "/static/.",
    "/static/..",
    "/static/templates/base.html",
    "/static/%2e%2e/templates/base.html",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_paths_never_leave_the_static_folder(live_server, target):
    status, body = raw_get(live_server, target)
    assert status in (400, 404, 405), (target, status)
    for secret in (b"def create_app", b"root:", b"{% block", b"import ", b"CREATE TABLE"):
        assert secret not in body, (target, secret)


def test_static_files_are_served_over_the_socket(live_server):
    status, body = raw_get(live_server, "/static/style.css")
    assert status == 200 and b"{" in body


# --- binding and the read-only database -------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "host", "warned"), [([], "127.0.0.1", False), (["--host", "0.0.0.0"], "0.0.0.0", True)]
)
def test_serve_binds_to_loopback_unless_told_otherwise(sample_store, monkeypatch, options, host, warned):
    import newsgraph.web as web_package

    calls: list[tuple[str, str, int]] = []
    monkeypatch.setattr(web_package, "run", lambda db, host, port: calls.append((str(db), host, port)))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(sample_store.path), *options])
    assert result.exit_code == 0, result.output
    assert calls == [(str(sample_store.path), host, 8000)]
    assert ("reachable from other machines" in result.stderr) is warned


WRITES = [
    "INSERT INTO articles (id, content_hash, text, cluster, extraction_status, ingested_at) "
    "VALUES ('x', 'x', 'x', 'x', 'extracted', 'now')",
    "UPDATE articles SET title = 'defaced'",
    "DELETE FROM statements",
    "DROP TABLE events",
    "CREATE TABLE owned (x)",
    "CREATE TEMP TABLE owned (x)",
    "PRAGMA user_version = 99",
    "ATTACH DATABASE '{dir}/attached.db' AS other",
    "VACUUM",
]


def test_the_apps_connection_refuses_every_write(client, sample_store, monkeypatch, tmp_path):
    before = hashlib.sha256(sample_store.path.read_bytes()).hexdigest()
    refused: list[str] = []
    real_connect = reader_module.connect

    def connect_and_try_to_write(path, read_only=False):
        conn = real_connect(path, read_only=read_only)
        for sql in WRITES:
            try:
                conn.execute(sql.format(dir=tmp_path))
            except sqlite3.Error:
                refused.append(sql)
        return conn

    monkeypatch.setattr(reader_module, "connect", connect_and_try_to_write)
    for url in ("/", "/api/articles", "/api/events", f"/articles/{sample_store.ids['mahan']}"):
        assert client.get(url).status_code == 200, url
    assert refused and len(refused) == 4 * len(WRITES)
    assert not (tmp_path / "attached.db").exists()
    assert hashlib.sha256(sample_store.path.read_bytes()).hexdigest() == before
    with newsgraph.open(sample_store.path) as db:
        assert db.counts()["articles"] == 6


def test_error_pages_escape_what_was_asked_for(client):
    response = client.get("/articles/" + urllib.parse.quote(MARKUP, safe=""))
    assert response.status_code == 404
    assert "<script>alert" not in response.text and "<img" not in response.text
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", response.text)
