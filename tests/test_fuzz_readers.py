"""Property tests (Hypothesis) over every reader: arbitrary and structured input never breaks a batch.

Whatever the bytes or text, a reader yields articles, skips and failures (never raises), each
failure and skip has a one-line reason, and cleaning what it read never fails. Structured
generators (HTML-ish pages, JSON Lines, WARC records, text dumps) also check that what was
well-formed is read, record by record, in order.

Deterministic in CI: examples are derived from the test (``derandomize``), no example database
is kept, and the number of examples is modest, so the module runs in seconds.
"""

from __future__ import annotations

import gzip
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_warc_record, http_response
from newsgraph.clean import make_article
from newsgraph.model import RawArticle, ReadFailure, ReadSkip
from newsgraph.readers import read_bytes, read_text
from newsgraph.readers.html import strip_scripts_and_styles

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Characters clean article text never holds (cleaning removes them).
_CONTROL = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x200B, 0xFEFF]}

WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "said",
        "talks",
        "would",
        "resume",
        "on",
        "Monday",
        "in",
        "Paris",
        "and",
        "Berlin",
        "after",
        "protests",
        "café",
        "naïve",
        "Müller",
        "São",
        "Paulo",
        "Zürich",
        "Россия",
        "東京",
        "مصر",
        "🙂",
        "100",
        "2019",
        "U.S.",
        "e.g.",
        "—",
        "–",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "&",
        "<",
        ">",
        ";",
        ":",
    ]
)


def sentence(words: list[str]) -> str:
    return " ".join(words).strip() + "."


SENTENCES = st.lists(WORDS, min_size=3, max_size=15).map(sentence)
PARAGRAPHS = st.lists(SENTENCES, min_size=1, max_size=4).map(" ".join)


def check_results(results: list, path: str) -> list[RawArticle]:
    """The shared invariants; returns the articles read."""
    articles = []
    for result in results:
        assert isinstance(result, (RawArticle, ReadFailure, ReadSkip)), result
        assert result.path == path or result.path.startswith(path + "#"), (result.path, path)
        if isinstance(result, (ReadFailure, ReadSkip)):
            assert result.reason.strip() and "\n" not in result.reason, result.reason
            assert "internal error" not in result.reason, result.reason  # a reader bug, caught
        else:
            article = make_article(result)
            text = article.text
            assert text == text.strip() and "\n\n\n" not in text
            assert not (_CONTROL & set(text)), repr(text)
            assert unicodedata.is_normalized("NFC", text)
            assert article.id and article.content_hash
            articles.append(result)
    return articles


# --- arbitrary input -----------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes(data):
    check_results(list(read_bytes(data, "in")), "in")


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_gzipped(data):
    check_results(list(read_bytes(gzip.compress(data), "in.gz")), "in.gz")


@FUZZ
@given(st.binary(min_size=1, max_size=2000), st.integers(min_value=1, max_value=60))
def test_gzip_cut_anywhere(data, cut):
    compressed = gzip.compress(data)
    check_results(list(read_bytes(compressed[: max(1, len(compressed) - cut)], "cut.gz")), "cut.gz")


@FUZZ
@given(st.text(max_size=2000))
def test_any_text(text):
    results = list(read_text(text, "<text>"))
    assert len(results) == 1
    check_results(results, "<text>")
    for encoding in ("utf-8", "utf-16", "utf-8-sig"):
        check_results(list(read_bytes(text.encode(encoding, errors="surrogatepass"), "in.txt")), "in.txt")


# --- HTML-ish pages -------------------------------------------------------------------------------

SCRIPT_MARKER = "zqxscriptmarker"
TAGS = st.sampled_from(
    ["div", "p", "span", "article", "section", "b", "i", "a", "li", "ul", "td", "table", "h1"]
)
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="x"',
        ' href="javascript:alert(1)"',
        " onclick=alert(1)",
        ' style="color:red"',
        " id=\"main\" data-x='1'",
        " hidden",
        ' title="a > b"',
    ]
)


@st.composite
def html_fragment(draw, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(["text", "element", "script", "comment", "entity", "junk"] if depth < 4 else ["text"])
    )
    if kind == "text":
        return draw(PARAGRAPHS)
    if kind == "script":
        return f"<script>var {SCRIPT_MARKER} = '<p>{SCRIPT_MARKER}</p>';</script>"
    if kind == "comment":
        return f"<!-- {draw(PARAGRAPHS)} -->"
    if kind == "entity":
        return draw(
            st.sampled_from(["&amp;", "&lt;p&gt;", "&#8220;", "&nbsp;", "&bogus;", "&#xFFFFFF;", "&#0;"])
        )
    if kind == "junk":
        return draw(
            st.sampled_from(["<", ">", "</p>", "< p", "<![CDATA[x]]>", "<?php ?>", "</div></div>", "<br>"])
        )
    tag = draw(TAGS)
    children = draw(st.lists(html_fragment(depth + 1), max_size=4))
    closed = draw(st.booleans())
    return f"<{tag}{draw(ATTRIBUTES)}>{''.join(children)}" + (f"</{tag}>" if closed else "")


@st.composite
def html_page(draw) -> tuple[str, str]:
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "bogus-charset", ""]))
    head = draw(st.sampled_from(["", "<title>A page</title>", f'<meta charset="{charset}">']))
    body = "".join(draw(st.lists(html_fragment(), min_size=1, max_size=6)))
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0'?><!DOCTYPE html>"]))
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>", charset


@FUZZ
@given(html_page())
def test_html_ish_pages(page):
    html, charset = page
    codec = {"iso-8859-1": "latin-1", "windows-1252": "cp1252"}.get(charset, "utf-8")
    data = html.encode(codec, errors="xmlcharrefreplace")
    for article in check_results(list(read_bytes(data, "page.html")), "page.html"):
        # What a script holds is never article text.
        assert SCRIPT_MARKER not in make_article(article).text


# --- JSON Lines -----------------------------------------------------------------------------------


@st.composite
def jsonl_line(draw) -> tuple[bytes, str]:
    """A line and what it should give: 'article', 'failure' or 'nothing' (blank)."""
    kind = draw(
        st.sampled_from(
            ["article", "article", "html", "broken", "not-object", "no-text", "bad-utf8", "blank"]
        )
    )
    if kind == "article":
        record = {"id": draw(st.one_of(st.text(max_size=20), st.integers())), "text": draw(PARAGRAPHS)}
        if draw(st.booleans()):
            record["date"] = draw(st.sampled_from(["2020-01-02", "yesterday", "", "2020-13-45"]))
        if draw(st.booleans()):
            record["authors"] = draw(
                st.one_of(st.lists(st.text(max_size=10)), st.text(max_size=20), st.integers())
            )
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode(), "article"
    if kind == "html":
        html = f"<html><body><article><p>{draw(PARAGRAPHS)} {draw(PARAGRAPHS)}</p></article></body></html>"
        return json.dumps({"html": html}).encode(), "article-or-failure"
    if kind == "broken":
        whole = json.dumps({"id": "x", "text": draw(PARAGRAPHS)})
        return whole[1 : draw(st.integers(min_value=2, max_value=len(whole) - 1))].encode(), "failure"
    if kind == "not-object":
        return json.dumps(
            draw(st.one_of(st.lists(st.integers()), st.integers(), st.text()))
        ).encode(), "failure"
    if kind == "no-text":
        return json.dumps(
            {"id": "n", "text": draw(st.sampled_from(["", "   ", None, 5, ["a"]]))}
        ).encode(), "failure"
    if kind == "bad-utf8":
        return b'{"id": "b", "text": "caf\xe9"}', "failure"
    return draw(st.sampled_from([b"", b"   ", b"\t"])), "nothing"


@FUZZ
@given(st.lists(jsonl_line(), min_size=1, max_size=12), st.booleans())
def test_jsonl_ish_files_give_one_result_per_line_in_order(lines, compress):
    data = b"\n".join(line for line, _ in lines) + b"\n"
    if not data.strip():
        return  # nothing but blank lines: the file is empty (tested elsewhere)
    if not data.lstrip().startswith(b"{"):
        data = b'{"id": "first", "text": "The minister said talks would resume."}\n' + data
        lines = [(b"", "article"), *lines]
    path = "feed.jsonl.gz" if compress else "feed.jsonl"
    results = list(read_bytes(gzip.compress(data) if compress else data, path))
    check_results(results, path)
    expected = [(f"{path}#{n}", kind) for n, (_line, kind) in enumerate(lines, start=1) if kind != "nothing"]
    assert [r.path for r in results] == [where for where, _ in expected]
    for result, (_where, kind) in zip(results, expected, strict=True):
        if kind == "article":
            assert isinstance(result, RawArticle), result
        elif kind == "failure":
            assert isinstance(result, ReadFailure), result


# --- WARC records ---------------------------------------------------------------------------------

RECORD_KINDS = ["html", "html", "resource", "request", "metadata", "pdf", "status", "empty-html"]


@st.composite
def warc_file(draw) -> tuple[bytes, list[str], bool]:
    kinds = draw(st.lists(st.sampled_from(RECORD_KINDS), min_size=1, max_size=6))
    records = []
    for number, kind in enumerate(kinds, start=1):
        uri = f"https://example.org/{number}"
        page = f"<html><body><article><p>{draw(PARAGRAPHS)} {draw(PARAGRAPHS)}</p></article></body></html>".encode()
        if kind == "html":
            record = build_warc_record("response", uri, http_response(page), number=number)
        elif kind == "resource":
            record = build_warc_record("resource", uri, page, content_type="text/html", number=number)
        elif kind == "request":
            record = build_warc_record(
                "request", uri, b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n", number=number
            )
        elif kind == "metadata":
            record = build_warc_record(
                "metadata", uri, b"x: 1\r\n", content_type="application/warc-fields", number=number
            )
        elif kind == "pdf":
            record = build_warc_record(
                "response", uri, http_response(b"%PDF-1.4", "application/pdf"), number=number
            )
        elif kind == "status":
            record = build_warc_record("response", uri, http_response(b"", status="301 Moved"), number=number)
        else:
            record = build_warc_record("response", uri, http_response(b""), number=number)
        records.append(record)
    compressed = draw(st.booleans())
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    return data, kinds, compressed


@FUZZ
@given(warc_file())
def test_warc_ish_files_give_one_result_per_record_in_order(warc):
    data, kinds, compressed = warc
    path = "crawl.warc.gz" if compressed else "crawl.warc"
    results = list(read_bytes(data, path))
    check_results(results, path)
    assert [r.path for r in results] == [f"{path}#{n}" for n in range(1, len(kinds) + 1)]
    for result, kind in zip(results, kinds, strict=True):
        if kind in ("request", "metadata", "pdf", "status"):
            assert isinstance(result, ReadSkip), (kind, result)
        elif kind == "empty-html":
            assert isinstance(result, ReadFailure), (kind, result)
        else:
            assert isinstance(result, (RawArticle, ReadFailure)), (kind, result)


@FUZZ
@given(warc_file(), st.floats(min_value=0.01, max_value=0.99))
def test_warc_ish_files_cut_anywhere(warc, fraction):
    data, kinds, compressed = warc
    path = "cut.warc.gz" if compressed else "cut.warc"
    cut = data[: max(1, int(len(data) * fraction))]
    results = list(read_bytes(cut, path))
    check_results(results, path)
    records = [r for r in results if r.path != path]
    assert len(records) <= len(kinds)
    assert [r.path for r in records] == [f"{path}#{n}" for n in range(1, len(records) + 1)]
    # The damage is reported, once, for the file.
    assert [r for r in results if r.path == path] == [r for r in results if r.path == path][:1]


# --- text dumps -----------------------------------------------------------------------------------


@st.composite
def text_dump(draw) -> tuple[str, str, list[str], str | None]:
    title = " ".join(
        draw(
            st.lists(
                st.sampled_from(["Talks", "Resume", "In", "Paris", "After", "Protests", "Over", "Pensions"]),
                min_size=2,
                max_size=7,
            )
        )
    )
    date = draw(st.sampled_from(["January 28, 2022", "Monday, 3 March 2021", "2020-05-06", "Sept. 9, 2019"]))
    byline = draw(st.sampled_from(["", "By Jane Smith", "By Jane Smith and Omar Haddad"]))
    body = draw(st.lists(PARAGRAPHS, min_size=1, max_size=5))
    url = draw(st.sampled_from([None, "https://example.org/news/talks-resume", "http://example.com/a?b=1"]))
    related = draw(
        st.lists(st.sampled_from(["Related: Strikes spread", "Read more: Talks stall"]), max_size=2)
    )
    blocks = [title, date, *([byline] if byline else []), *body, *related]
    if url is not None:
        blocks += draw(st.sampled_from([[f"Original url: {url}"], ["Original url:", url]]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (newline * 2).join(blocks) + newline, title, body, url


@FUZZ
@given(text_dump())
def test_text_dumps_keep_their_layout(dump):
    text, title, body, url = dump
    (raw,) = list(read_bytes(text.encode(), "dump.txt"))
    (article,) = check_results([raw], "dump.txt")
    clean = make_article(article)
    assert clean.title == title
    assert clean.url == url
    assert clean.date is not None
    for paragraph in body:
        assert make_article(RawArticle(path="p", format="text", paragraphs=[paragraph])).text in clean.text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<p>a</p><script>x</script><p>b</p>", "<p>a</p> <p>b</p>"),
        ("<p>a</p><SCRIPT type='text/javascript'>if (a<b) {}</Script ><p>b</p>", "<p>a</p> <p>b</p>"),
        ('<script type="application/ld+json">{"a": 1}</script><p>b</p>', None),  # metadata stays
        ("<style>p {}</style><p>b</p><script>unclosed", " <p>b</p><script>unclosed"),
        ("<p>a</p></script><scripts>kept</scripts>", None),
        ("<script>document.write('<script>x</script>');</script>tail", " ');</script>tail"),  # as a browser
        ("<script" * 1000, None),
    ],
)
def test_scripts_and_styles_are_removed_before_extraction(page, expected):
    assert strip_scripts_and_styles(page) == (page if expected is None else expected)
