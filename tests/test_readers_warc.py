"""WARC and WARC.GZ: HTML responses become articles, other records are skipped, damage is reported."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.clean import make_article
from newsgraph.model import RawArticle, ReadFailure, ReadSkip
from newsgraph.readers import read_bytes, read_paths


@pytest.fixture
def crawl(wikinews_articles, page_builder, warc_builder):
    """The records of a small news crawl, and what each should become."""
    record, response = warc_builder
    dated, undated, latin = wikinews_articles
    latin_page = page_builder(latin, charset="", with_metadata=False).replace('<meta charset="">', "")
    latin_page = latin_page.replace("Sultan", "Sultân")  # a character only the HTTP charset decodes right
    records = [
        record(
            "warcinfo", "", b"software: test-crawler\r\n", content_type="application/warc-fields", number=1
        ),
        record("request", dated.url, b"GET /wiki/x HTTP/1.1\r\nHost: en.wikinews.org\r\n\r\n", number=2),
        record("response", dated.url, response(page_builder(dated).encode()), number=3),
        record(
            "metadata", dated.url, b"fetchTimeMs: 120\r\n", content_type="application/warc-fields", number=4
        ),
        record(
            "response", "https://example.org/old", response(b"", status="301 Moved Permanently"), number=5
        ),
        record(
            "response", "https://example.org/a.pdf", response(b"%PDF-1.4 ...", "application/pdf"), number=6
        ),
        record(
            "response",
            "https://example.org/undated",
            response(page_builder(undated, with_metadata=False).encode(), "text/html"),
            date="2024-03-05T12:00:00Z",
            number=7,
        ),
        record(
            "response",
            "https://example.org/latin",
            response(latin_page.encode("latin-1"), "text/html; charset=ISO-8859-1"),
            number=8,
        ),
        record(
            "resource",
            "https://example.org/saved",
            page_builder(dated).encode(),
            content_type="text/html",
            number=9,
        ),
    ]
    return records


def as_warc(records: list[bytes], compressed: bool) -> bytes:
    return b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)


@pytest.mark.parametrize("compressed", [False, True])
def test_html_responses_become_articles_and_other_records_are_skipped(crawl, wikinews_articles, compressed):
    dated, undated, _latin = wikinews_articles
    results = list(read_bytes(as_warc(crawl, compressed), "crawl.warc"))
    assert [r.path for r in results] == [f"crawl.warc#{n}" for n in range(1, 10)]
    skips = {r.path: r.reason for r in results if isinstance(r, ReadSkip)}
    assert skips == {
        "crawl.warc#1": "WARC warcinfo record",
        "crawl.warc#2": "WARC request record",
        "crawl.warc#4": "WARC metadata record",
        "crawl.warc#5": "HTTP status 301",
        "crawl.warc#6": "not HTML (application/pdf)",
    }
    articles = {r.path: make_article(r) for r in results if isinstance(r, RawArticle)}
    assert list(articles) == ["crawl.warc#3", "crawl.warc#7", "crawl.warc#8", "crawl.warc#9"]
    assert all(a.format == "warc" for a in articles.values())

    first = articles["crawl.warc#3"]
    assert (first.title, first.date, first.url, first.source) == (
        dated.title,
        dated.date,
        dated.url,
        "en.wikinews.org",
    )
    assert first.crawl_date == "2024-03-05"
    assert " ".join(dated.paragraphs[0].split()) in first.paragraphs

    no_date = articles["crawl.warc#7"]
    assert no_date.url == "https://example.org/undated"  # from WARC-Target-URI
    assert no_date.source == "example.org"
    assert no_date.date == "2024-03-05"  # the crawl date, as the page gives none
    assert " ".join(undated.paragraphs[0].split()) in no_date.paragraphs

    decoded = articles["crawl.warc#8"]
    assert "Sultân Qaboos" in decoded.text  # decoded with the HTTP header's charset
    assert articles["crawl.warc#9"].url == dated.url


def test_user_date_outranks_the_crawl_date(crawl):
    results = [r for r in read_bytes(as_warc(crawl, True), "c.warc.gz") if isinstance(r, RawArticle)]
    undated = next(r for r in results if r.url == "https://example.org/undated")
    assert make_article(undated, default_date="2020-01-01").date == "2020-01-01"
    assert make_article(undated).date == "2024-03-05"


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.bin", "crawl"])
def test_warc_gz_file_is_sniffed_whatever_its_name(tmp_path, crawl, name):
    path = tmp_path / name
    path.write_bytes(as_warc(crawl, True))
    results = list(read_paths([str(path)]))
    assert sum(isinstance(r, RawArticle) for r in results) == 4
    assert sum(isinstance(r, ReadSkip) for r in results) == 5


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("keep", [0.35, 0.6, 0.8, 0.97])
def test_truncated_file_yields_records_before_the_damage_and_one_failure(tmp_path, crawl, compressed, keep):
    data = as_warc(crawl, compressed)
    cut = int(len(data) * keep)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[:cut])
    results = list(read_paths([str(path)]))
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert len(failures) == 1
    assert failures[0].path == str(path)
    assert "truncated" in failures[0].reason or "damaged" in failures[0].reason
    assert results[-1] is failures[0]
    complete = as_warc(crawl, compressed)
    intact = sum(1 for n in range(1, len(crawl) + 1) if len(as_warc(crawl[:n], compressed)) <= cut)
    read = [r for r in results if not isinstance(r, ReadFailure)]
    assert [r.path for r in read] == [f"{path}#{n}" for n in range(1, intact + 1)]
    assert len(complete) > cut


def test_batch_goes_on_after_a_truncated_warc(tmp_path, crawl, fixtures_dir):
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(as_warc(crawl, True)[:-50])
    good = fixtures_dir / "articles" / "seed-layout-mahan-air.txt"
    results = list(read_paths([str(broken), str(good)]))
    assert isinstance(results[-1], RawArticle) and results[-1].path == str(good)
    assert any(isinstance(r, ReadFailure) and r.path == str(broken) for r in results)


def test_oversized_record_is_reported_and_the_rest_read(crawl):
    results = list(read_bytes(as_warc(crawl, True), "c.warc.gz", max_bytes=3000))
    big = [r for r in results if isinstance(r, ReadFailure)]
    assert big and all("limit" in r.reason and "#" in r.path for r in big)
    assert any(isinstance(r, ReadSkip) for r in results)
