"""Shared fixtures. Tests that need the trained spaCy pipeline are marked ``model``."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of test inputs (Wikinews texts, CC BY 2.5; see fixtures/ATTRIBUTION.md)."""
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():
    """The full newsgraph pipeline (trained English model + newsgraph components), loaded once."""
    from newsgraph.nlp import build_pipeline

    return build_pipeline()


# --- Reader test inputs: Wikinews fixture texts, and pages/records built around them -------------

WIKINEWS_FIXTURES = (
    "12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt",
    "20_2019-09-09_longtime-leader-of-zimbabwe-robert-mugabe-dies-aged-95.txt",
    "37_2020-01-12_sultan-qaboos-of-oman-dies.txt",
)


@dataclass
class FixtureArticle:
    """A Wikinews fixture split by hand (not by the reader under test): what a reader should find."""

    name: str
    title: str
    date: str
    url: str
    paragraphs: list[str]


def _split_fixture(path: Path) -> FixtureArticle:
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    # title, date line, body..., "Original url:", url (the fixtures' known layout)
    assert blocks[-2] == "Original url:"
    return FixtureArticle(
        name=path.name,
        title=blocks[0],
        date=path.name[3:13],
        url=blocks[-1],
        paragraphs=blocks[2:-2],
    )


@pytest.fixture(scope="session")
def wikinews_articles() -> list[FixtureArticle]:
    """The Wikinews fixture articles with their expected title, date, URL and paragraphs."""
    return [_split_fixture(FIXTURES / "articles" / name) for name in WIKINEWS_FIXTURES]


def build_html_page(article: FixtureArticle, charset: str = "utf-8", with_metadata: bool = True) -> str:
    """A news page around an article: navigation, share links, related stories, footer, script."""
    paragraphs = "\n".join(f"      <p>{html.escape(p)}</p>" for p in article.paragraphs)
    metadata = (
        f'  <meta property="og:title" content="{html.escape(article.title)}">\n'
        f'  <meta property="article:published_time" content="{article.date}T09:30:00+00:00">\n'
        '  <meta property="og:site_name" content="Wikinews">\n'
        '  <meta name="author" content="Jane Reporter">\n'
        f'  <link rel="canonical" href="{html.escape(article.url)}">\n'
        if with_metadata
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{html.escape(article.title)} - Wikinews, the free news source</title>
{metadata}  <script>window.dataLayer = [{{"event": "pageview"}}];</script>
  <style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news desk</a></li>
  <li><a href="/sport">Sport results and fixtures</a></li><li><a href="/login">Log in or create an account</a></li></ul></nav></header>
  <main>
    <article>
      <h1>{html.escape(article.title)}</h1>
{paragraphs}
    </article>
    <aside><h2>Related stories</h2><ul>
      <li><a href="/a">Storm damages coastal homes in northern fishing villages overnight</a></li>
      <li><a href="/b">Football club announces record transfer fee for young striker</a></li></ul></aside>
  </main>
  <footer><p>Subscribe to our newsletter for daily headlines delivered to your inbox.</p>
  <p>Copyright notice and privacy policy apply to all content on this website.</p></footer>
</body>
</html>
"""


def build_warc_record(
    warc_type: str,
    uri: str,
    block: bytes,
    date: str = "2024-03-05T12:00:00Z",
    content_type: str | None = None,
    number: int = 1,
) -> bytes:
    """One WARC/1.1 record (headers, block, CRLF CRLF), as a crawler writes it."""
    if content_type is None:
        content_type = (
            f"application/http; msgtype={warc_type}" if warc_type in ("request", "response") else "text/plain"
        )
    headers = (
        "WARC/1.1\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return headers.encode("ascii") + block + b"\r\n\r\n"


def http_response(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    """An HTTP/1.1 response message, the block of a WARC response record."""
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


@pytest.fixture(scope="session")
def page_builder():
    """:func:`build_html_page`, for tests that wrap fixture articles in HTML."""
    return build_html_page


@pytest.fixture(scope="session")
def warc_builder():
    """``(build_warc_record, http_response)``, for tests that write WARC files."""
    return build_warc_record, http_response


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the golden files under tests/golden/ instead of comparing."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ files")
