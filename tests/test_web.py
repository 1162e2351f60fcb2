"""The web app through FastAPI's TestClient: pages, the JSON API, escaping, headers, static files.

The app reads ``sample_store``, which holds an article full of markup (``<script>``,
``onerror=``, ``javascript:``) in its text, title, URL, speaker and actor names.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import newsgraph
from newsgraph.model import PLOVER_CATEGORIES
from newsgraph.web import app as web_app
from newsgraph.web import create_app
from newsgraph.web.charts import CATEGORY_COLORS

PAGES = ("/", "/statements", "/events", "/actors", "/timeline", "/network")


@pytest.fixture
def client(sample_store):
    with TestClient(create_app(sample_store.path)) as test_client:
        yield test_client


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def _all_pages(client, sample_store) -> list[str]:
    with newsgraph.open(sample_store.path) as db:
        actors = [web_app.actor_path(a.name) for a in db.actors()]
    return [
        *PAGES,
        "/?q=Mahan",
        *(f"/articles/{urllib.parse.quote(i, safe='')}" for i in sample_store.ids.values()),
        *actors,
    ]


# --- pages ----------------------------------------------------------------------------------------------


def test_every_page_renders(client, sample_store):
    for url in _all_pages(client, sample_store):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")


def test_the_article_page_marks_every_statement_and_event_in_place(client, sample_store):
    extraction = sample_store.extractions["mahan"]
    page = parse(client.get(f"/articles/{extraction.article.id}").text)
    marks = [attrs for tag, attrs in page.tags if tag == "mark" and "data-ann" in attrs]
    ids = {mark_id for attrs in marks for mark_id in (attrs["data-ann"] or "").split()}
    assert ids == {f"s{i}" for i in range(4)} | {f"e{i}" for i in range(4)}
    # The side panel has one entry per statement and event, which the tooltip shows.
    entries = {attrs["id"] for tag, attrs in page.tags if tag == "li" and "ann" in (attrs.get("class") or "")}
    assert entries == {f"ann-{i}" for i in ids}
    # The text is the article's text, unchanged, pieces and all.
    html = client.get(f"/articles/{extraction.article.id}").text
    body = re.search(r'<div id="article-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    text = parse(body)
    assert "".join(text.text) == extraction.article.text


def test_the_article_page_shows_speaker_cue_addressee_and_event_details(client, sample_store):
    html = client.get(f"/articles/{sample_store.ids['bolton']}").text
    assert "Mike Pompeo" in html and "(“Pompeo”)" in html
    assert '<dd class="addressee">' in html and "the press" in html
    assert "REQUEST" in html and "2019-09-09" in html and "-1.0" in html
    assert "not AGREE" in html  # the negated event says so


def test_a_wire_copy_page_points_to_its_representative(client, sample_store):
    html = client.get("/articles/copy-of-drones").text
    assert "A wire copy of" in html
    assert f'href="/articles/{sample_store.ids["drones"]}"' in html
    assert 'data-ann="' not in html.split('id="article-text"')[1].split("</div>")[0]


def test_search_finds_and_filters(client, sample_store):
    html = client.get("/", params={"q": "drone strikes", "source": "wikinews"}).text
    assert f"/articles/{sample_store.ids['drones']}" in html
    assert "/articles/copy-of-drones" not in html
    assert "<mark>drone</mark>" in html
    empty = client.get("/", params={"q": "zeppelin"}).text
    assert "No article matches." in empty


def test_timeline_and_network_are_inline_svg(client):
    timeline = parse(client.get("/timeline").text)
    bars = [attrs for tag, attrs in timeline.tags if tag == "rect" and attrs.get("class") == "bar"]
    assert len(bars) == 8  # one per (day, category) with events
    assert any(tag == "polyline" for tag, _ in timeline.tags)
    one_actor = parse(client.get("/timeline", params={"actor": "Mahan Air"}).text)
    assert len([a for t, a in one_actor.tags if t == "rect" and a.get("class") == "bar"]) == 3
    network = parse(client.get("/network").text)
    edges = [attrs for tag, attrs in network.tags if tag == "line" and attrs.get("class") == "edge"]
    assert len(edges) == 9
    nodes = [attrs for tag, attrs in network.tags if tag == "circle" and attrs.get("class") == "node"]
    assert len(nodes) == 13


def test_pages_are_paged(client, monkeypatch):
    monkeypatch.setattr(web_app, "PAGE_SIZE", 4)
    first = parse(client.get("/statements").text)
    assert sum(1 for tag, _ in first.tags if tag == "tr") == 5  # header + 4
    assert any(tag == "a" and attrs.get("rel") == "next" for tag, attrs in first.tags)
    last = parse(client.get("/statements", params={"page": 3}).text)
    assert sum(1 for tag, _ in last.tags if tag == "tr") == 4  # header + the last 3
    assert not any(tag == "a" and attrs.get("rel") == "next" for tag, attrs in last.tags)


def test_an_actor_page(client):
    html = client.get("/actors/Mike%20Pompeo").text
    assert "Secretary of State" in html and "What Mike Pompeo said (3)" in html
    assert client.get("/actors/mike%20pompeo").status_code == 200
    assert client.get("/actors/Nobody%20At%20All").status_code == 404


# --- the JSON API ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "call"),
    [
        ("/api/statements?speaker=pompeo", lambda db: db.statements(speaker="pompeo", limit=50)),
        (
            "/api/statements?q=attacks&since=2019-09-01",
            lambda db: db.statements(query="attacks", since="2019-09-01"),
        ),
        (
            "/api/events?category=SANCTION&target=Mahan%20Air",
            lambda db: db.events(category="SANCTION", target="Mahan Air"),
        ),
        ("/api/events?actor=IRN&negated=false", lambda db: db.events(actor="IRN", negated=False)),
        ("/api/actors?name=iran", lambda db: db.actors(name="iran")),
        ("/api/articles?category=ASSAULT", lambda db: db.search(None, category="ASSAULT")),
        ("/api/search?q=Mahan", lambda db: db.search("Mahan")),
        ("/api/timeline?actor=Houthi%20movement", lambda db: db.timeline(actor="Houthi movement")),
    ],
)
def test_the_api_answers_as_the_python_api(client, sample_store, url, call):
    response = client.get(url)
    assert response.status_code == 200
    with newsgraph.open(sample_store.path) as db:
        assert response.json() == call(db).to_dicts()


def test_api_article_network_and_actor(client, sample_store):
    article = client.get("/api/articles/copy-of-drones").json()
    assert article["status"] == "near_duplicate"
    assert article["article"]["source"] == "mirror.example.com"
    assert article["extraction"]["id"] == sample_store.ids["drones"]
    assert len(article["extraction"]["statements"]) == 4
    assert article["cluster_members"] == [sample_store.ids["drones"], "copy-of-drones"]
    network = client.get("/api/network", params={"category": "ASSAULT"}).json()
    assert {link["source_name"] for link in network["links"]} == {"Houthi movement", "Saudi Arabia"}
    actor = client.get("/api/actors/Mike%20Pompeo").json()
    assert actor["actor"]["statements"] == 3 and len(actor["statements"]) == 3
    assert client.get("/api/articles/nothing").status_code == 404
    assert client.get("/api/articles/nothing").json() == {"detail": "no article 'nothing'"}


def test_the_openapi_document_lists_the_api_and_no_cdn_docs_page(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/statements",
        "/api/events",
        "/api/actors",
        "/api/timeline",
        "/api/network",
        "/api/search",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/statements?since=yesterday", 400, "since must be a date"),
        ("/api/events?category=BOMBING", 400, "unknown event category"),
        ("/api/events?limit=100000", 422, None),
        ("/api/search", 422, None),
        ("/statements?since=2019-02-30", 400, "since must be a date"),
        ("/timeline?category=nope", 400, "unknown event category"),
    ],
)
def test_bad_parameters_are_client_errors(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    if message:
        assert message in response.text


# --- untrusted text, SQL, headers, static files ----------------------------------------------------------------


def test_markup_in_articles_and_names_is_escaped_everywhere(client, sample_store):
    for url in _all_pages(client, sample_store):
        html = client.get(url).text
        page = parse(html)
        scripts = [attrs for tag, attrs in page.tags if tag == "script"]
        assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts), url
        for tag, attrs in page.tags:
            if tag == "svg":
                assert attrs.get("id") in ("timeline-chart", "network-chart"), url
            else:
                assert tag not in ("img", "u", "b", "iframe", "object", "embed"), (url, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (url, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (url, tag, name)
        assert "<script>alert" not in html and "<img" not in html, url
    hostile = client.get("/articles/hostile").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in hostile
    assert "&lt;img src=x onerror=alert(2)&gt;" in hostile
    assert 'href="javascript:' not in hostile  # the javascript: URL is not made a link


def test_actor_names_with_slashes_and_markup_have_working_pages(client):
    name = "Officials</title><script>alert(5)</script>"
    response = client.get(web_app.actor_path(name))
    assert response.status_code == 200
    assert "Officials&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;" in response.text


@pytest.mark.parametrize(
    "value",
    [
        "' OR 1=1 --",
        '"; DROP TABLE articles; --',
        "%",
        "_",
        "NEAR(a b)",
        "*",
        "\\",
        "Robert'); DROP TABLE statements;--",
    ],
)
def test_filter_values_are_bound_parameters(client, sample_store, value):
    before = hashlib.sha256(sample_store.path.read_bytes()).hexdigest()
    filters = {
        "/": ("q", "source", "actor"),
        "/api/articles": ("q", "source", "actor"),
        "/api/statements": ("q", "speaker"),
        "/api/events": ("actor", "source", "target"),
        "/api/actors": ("name",),
    }
    for url, names in filters.items():
        for name in names:
            response = client.get(url, params={name: value})
            assert response.status_code == 200, (url, name)
            if url.startswith("/api/"):
                assert response.json() == [], (url, name)
    assert hashlib.sha256(sample_store.path.read_bytes()).hexdigest() == before


def test_every_response_carries_the_content_security_policy(client, sample_store):
    for url in (
        *_all_pages(client, sample_store),
        "/api/statements",
        "/openapi.json",
        "/static/style.css",
        "/nope",
        "/api/nope",
    ):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_from_other_sites(client, sample_store):
    for url in _all_pages(client, sample_store):
        for tag, attrs in parse(client.get(url).text).tags:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                if tag == "a" and name == "href":
                    continue  # links are not loads (the article's own URL is one)
                assert not urllib.parse.urlsplit(value).netloc, (url, tag, value)


def test_static_files_are_served_and_only_them(client):
    assert (
        client.get("/static/article.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )
    assert client.get("/static/style.css").status_code == 200
    for url in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fcli.py",
        "/static/..%5c..%5ccli.py",
        "/static/%2e%2e/templates/base.html",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert "def create_app" not in response.text and "root:" not in response.text
        assert "{% block" not in response.text


def test_the_stylesheet_and_the_charts_use_the_same_category_colours():
    css = (Path(web_app.STATIC_DIR) / "style.css").read_text()
    assert set(CATEGORY_COLORS) == set(PLOVER_CATEGORIES)
    for category, color in CATEGORY_COLORS.items():
        assert f'.swatch[data-category="{category}"] {{ background: {color}; }}' in css


def test_the_app_reads_the_database_read_only(client, sample_store, monkeypatch):
    opened: list[str] = []
    real = newsgraph.store.reader.connect

    def spy(path, read_only=False):
        opened.append("ro" if read_only else "rw")
        return real(path, read_only=read_only)

    monkeypatch.setattr(newsgraph.store.reader, "connect", spy)
    for url in ("/", "/api/events", "/timeline"):
        assert client.get(url).status_code == 200
    assert opened and set(opened) == {"ro"}


def test_a_missing_database_is_a_503(tmp_path):
    with TestClient(create_app(tmp_path / "gone.db")) as test_client:
        response = test_client.get("/api/statements")
        assert response.status_code == 503 and "no such database" in response.json()["detail"]
        assert test_client.get("/").status_code == 503
    assert not (tmp_path / "gone.db").exists()


def test_article_ids_with_slashes_and_queries_have_pages(tmp_path):
    from newsgraph.model import Article, Extraction
    from newsgraph.store import StoreWriter

    odd_id = "https://example.org/news/a b?c=1&d=<x>#top"
    path = tmp_path / "odd.db"
    with StoreWriter(path) as store:
        store.write(
            Extraction(Article(id=odd_id, text="Talks resumed.", content_hash="h", title="Odd")), "extracted"
        )
    with TestClient(create_app(path)) as test_client:
        page = test_client.get(web_app.article_path(odd_id))
        assert page.status_code == 200 and "Talks resumed." in page.text
        api = test_client.get("/api/articles/" + urllib.parse.quote(odd_id, safe=""))
        assert api.status_code == 200 and api.json()["article"]["id"] == odd_id
        listed = test_client.get("/").text
        assert web_app.article_path(odd_id).replace("&", "&amp;") in listed
