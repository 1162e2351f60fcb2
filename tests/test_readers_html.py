"""HTML pages: main text without boilerplate, paragraphs kept, metadata, decoding, fallbacks."""

from __future__ import annotations

import collections
import re

import pytest

from newsgraph.clean import make_article
from newsgraph.model import Article, RawArticle, ReadFailure
from newsgraph.readers import read_bytes, read_paths
from newsgraph.readers.html import body_paragraphs, plain_paragraphs

BOILERPLATE = (
    "World news desk",
    "Log in or create an account",
    "Storm damages coastal homes",
    "Subscribe to our newsletter",
    "privacy policy",
    "dataLayer",
    "font-family",
    "Wikinews, the free news source",
)


def token_f1(predicted: str, expected: str) -> float:
    bag = lambda text: collections.Counter(t.lower() for t in re.findall(r"[^\W_]+", text))  # noqa: E731
    pred, gold = bag(predicted), bag(expected)
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def read_one(data: bytes, path: str = "page.html") -> Article:
    (raw,) = list(read_bytes(data, path))
    assert isinstance(raw, RawArticle), raw
    return make_article(raw)


def normalised(paragraphs: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in paragraphs]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_page_gives_body_paragraphs_without_boilerplate(wikinews_articles, page_builder, index):
    expected = wikinews_articles[index]
    article = read_one(page_builder(expected).encode("utf-8"))
    assert article.format == "html"
    for paragraph in normalised(expected.paragraphs):
        assert paragraph in article.paragraphs
    for noise in BOILERPLATE:
        assert noise not in article.text
    assert token_f1(article.text, "\n".join(expected.paragraphs)) >= 0.97


@pytest.mark.parametrize("index", [0, 1, 2])
def test_page_metadata(wikinews_articles, page_builder, index):
    expected = wikinews_articles[index]
    article = read_one(page_builder(expected).encode("utf-8"))
    assert article.title == expected.title
    assert article.date == expected.date
    assert article.url == expected.url
    assert article.source == "en.wikinews.org"
    assert article.authors == ["Jane Reporter"]
    assert article.language == "en"
    assert article.id == article.content_hash


@pytest.mark.parametrize("name", ["page.html", "page.txt", "page", "page.HTM"])
def test_html_is_sniffed_whatever_the_name(wikinews_articles, page_builder, name):
    article = read_one(page_builder(wikinews_articles[2]).encode("utf-8"), name)
    assert article.format == "html"
    assert "<p>" not in article.text and "Log in" not in article.text


def test_page_without_metadata_still_has_title_and_text(wikinews_articles, page_builder):
    expected = wikinews_articles[2]
    article = read_one(page_builder(expected, with_metadata=False).encode("utf-8"))
    assert article.title is not None and expected.title in article.title
    assert normalised(expected.paragraphs)[0] in article.paragraphs


@pytest.mark.parametrize(
    ("encoding", "declaration"),
    [
        ("iso-8859-1", "iso-8859-1"),
        ("cp1252", "windows-1252"),
        ("utf-8", "utf-8"),
        ("utf-8", "iso-8859-1"),  # mis-declared UTF-8: valid UTF-8 wins
        ("utf-16", "utf-16"),  # with byte-order mark
    ],
)
def test_declared_and_undeclared_charsets(encoding, declaration):
    sentence = "Le ministre français a déclaré lundi que les négociations reprendraient à Genève. "
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declaration}">'
        f"<title>Négociations</title></head><body><article><p>{sentence * 6}</p></article></body></html>"
    )
    article = read_one(page.encode(encoding))
    assert "français a déclaré lundi que les négociations reprendraient à Genève" in article.text
    assert article.title == "Négociations"
    assert article.language == "fr"


def test_inline_markup_and_entities_keep_words(wikinews_articles):
    paragraph = wikinews_articles[1].paragraphs[0]
    page = (
        "<html><body><article>"
        f"<p>The <b>minister</b> <a href='/x'>said</a> it was &quot;over&quot; &amp; done.<br>A new line follows.</p>"
        f"<p>{paragraph}</p></article></body></html>"
    )
    article = read_one(page.encode())
    assert article.paragraphs[0] == 'The minister said it was "over" & done.'
    assert "A new line follows." in article.paragraphs
    assert " ".join(paragraph.split()) in article.paragraphs


@pytest.mark.parametrize("depth", [300, 5000, 100000])
def test_deeply_nested_page_gives_text(wikinews_articles, depth):
    paragraphs = wikinews_articles[2].paragraphs[:3]
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = "<html><head><title>Deep</title></head><body>" + "<div>" * depth + inner + "</div>" * depth
    article = read_one((page + "</body></html>").encode())
    for paragraph in normalised(paragraphs):
        assert paragraph in article.paragraphs


def test_plain_fallback_reads_paragraphs_and_meta_without_a_tree(wikinews_articles):
    expected = wikinews_articles[0]
    page = (
        '<html><head><meta property="og:title" content="A title"><link rel="canonical" href="https://example.org/a">'
        '<meta property="article:published_time" content="2019-03-28T10:00:00Z"></head><body>'
        + "<div>" * 20000
        + "<script>var x = 'not text';</script><nav>Menu Home World</nav>"
        + "".join(f"<p>{p}</p>" for p in expected.paragraphs)
        + "</body></html>"
    )
    paragraphs, metadata = plain_paragraphs(page)
    assert normalised(paragraphs) == normalised(expected.paragraphs)
    assert (metadata.title, metadata.url, metadata.date) == ("A title", "https://example.org/a", "2019-03-28")


def test_body_paragraphs_walks_mixed_trees():
    from lxml import etree

    body = etree.fromstring(
        "<body><div>Lead text <hi>in bold</hi> here.<p>First.</p>Between<lb/>two<list><item>One</item>"
        "<item>Two</item></list><graphic src='x'/></div><quote>Said so.</quote></body>"
    )
    assert body_paragraphs(body) == [
        "Lead text in bold here.",
        "First.",
        "Between",
        "two",
        "One",
        "Two",
        "Said so.",
    ]


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Only a title</title></head></html>",
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script><nav>Home</nav></body></html>",
    ],
)
def test_page_without_article_text_is_a_clear_failure(page):
    (result,) = list(read_bytes(page.encode(), "empty.html"))
    assert isinstance(result, ReadFailure)
    assert result.path == "empty.html"
    assert "no article text" in result.reason
    assert "\n" not in result.reason


def test_pages_in_a_folder_are_read_in_order(tmp_path, wikinews_articles, page_builder):
    for article in wikinews_articles:
        (tmp_path / f"{article.name}.html").write_text(page_builder(article), encoding="utf-8")
    results = list(read_paths([str(tmp_path)]))
    assert [make_article(r).title for r in results if isinstance(r, RawArticle)] == [
        a.title for a in wikinews_articles
    ]
