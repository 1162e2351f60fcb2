"""JSON Lines of articles: fields, record paths, broken lines, HTML records, JSON documents."""

from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.clean import make_article
from newsgraph.model import RawArticle, ReadFailure
from newsgraph.readers import read_bytes, read_paths


def record_of(article, **fields) -> dict:
    record = {"id": article.name.removesuffix(".txt"), "text": "\n\n".join(article.paragraphs)}
    record.update(fields)
    return record


def jsonl(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def test_records_become_articles_with_their_own_fields(wikinews_articles):
    records = [
        record_of(a, title=a.title, date=a.date, url=a.url, source="Wikinews", authors=["A. Writer"])
        for a in wikinews_articles
    ]
    results = list(read_bytes(jsonl(*records), "news.jsonl"))
    assert [r.path for r in results] == ["news.jsonl#1", "news.jsonl#2", "news.jsonl#3"]
    for result, expected, record in zip(results, wikinews_articles, records, strict=True):
        article = make_article(result)
        assert article.id == record["id"]
        assert (article.title, article.date, article.url) == (expected.title, expected.date, expected.url)
        assert article.source == "Wikinews"
        assert article.authors == ["A. Writer"]
        assert article.format == "jsonl"
        assert article.paragraphs == [" ".join(p.split()) for p in expected.paragraphs]
        assert article.content_hash != article.id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-09-09", "2019-09-09"), ("2019-09-09T10:15:00+02:00", "2019-09-09"), ("September 9, 2019", "2019-09-09"),
     ("not a date", None), (20190909, None)],
)  # fmt: skip
def test_record_dates_are_normalised(wikinews_articles, value, expected):
    (raw,) = list(read_bytes(jsonl(record_of(wikinews_articles[0], date=value)), "d.jsonl"))
    assert make_article(raw).date == expected


@pytest.mark.parametrize(("value", "expected"), [(42, "42"), ("", None), (None, None), ("  x-1 ", "x-1")])
def test_record_id_or_content_hash(wikinews_articles, value, expected):
    (raw,) = list(read_bytes(jsonl(record_of(wikinews_articles[0], id=value)), "d.jsonl"))
    article = make_article(raw)
    assert article.id == (expected or article.content_hash)


def test_source_defaults_to_the_url_domain(wikinews_articles):
    article = wikinews_articles[1]
    (raw,) = list(read_bytes(jsonl(record_of(article, url=article.url)), "d.jsonl"))
    assert make_article(raw).source == "en.wikinews.org"


def test_html_record_is_extracted_and_record_fields_win(wikinews_articles, page_builder):
    article = wikinews_articles[2]
    record = {
        "id": "h1",
        "html": page_builder(article),
        "title": "Given title",
        "url": "https://example.org/x",
    }
    (raw,) = list(read_bytes(jsonl(record), "h.jsonl"))
    extracted = make_article(raw)
    assert extracted.format == "jsonl"
    assert extracted.title == "Given title"
    assert extracted.url == "https://example.org/x"
    assert extracted.date == article.date  # from the page, since the record gives none
    assert " ".join(article.paragraphs[0].split()) in extracted.paragraphs
    assert "Log in" not in extracted.text


def test_broken_lines_are_reported_with_their_number_and_the_rest_is_read(wikinews_articles):
    good = [record_of(a) for a in wikinews_articles]
    data = jsonl(
        good[0], '{"id": "x", "text": "unterminated', "", good[1], "[1, 2]", {"title": "no text"}, good[2]
    )
    results = list(read_bytes(data, "mixed.jsonl"))
    summary = [(type(r).__name__, r.path) for r in results]
    assert summary == [
        ("RawArticle", "mixed.jsonl#1"),
        ("ReadFailure", "mixed.jsonl#2"),
        ("RawArticle", "mixed.jsonl#4"),
        ("ReadFailure", "mixed.jsonl#5"),
        ("ReadFailure", "mixed.jsonl#6"),
        ("RawArticle", "mixed.jsonl#7"),
    ]
    assert "line 2" in results[1].reason and "invalid JSON" in results[1].reason
    assert "object" in results[3].reason
    assert "'text'" in results[4].reason
    assert [r.record_id for r in results if isinstance(r, RawArticle)] == [g["id"] for g in good]


def test_invalid_utf8_line_is_reported(wikinews_articles):
    data = (
        jsonl(record_of(wikinews_articles[0]))
        + b'{"text": "caf\xe9"}\n'
        + jsonl(record_of(wikinews_articles[1]))
    )
    kinds = [(type(r).__name__, r.path) for r in read_bytes(data, "u.jsonl")]
    assert kinds == [("RawArticle", "u.jsonl#1"), ("ReadFailure", "u.jsonl#2"), ("RawArticle", "u.jsonl#3")]


def test_oversized_line_is_skipped_with_a_reason(wikinews_articles):
    small = record_of(wikinews_articles[2])
    huge = {"id": "big", "text": "word " * 5000}
    limit = len(json.dumps(small)) + 10
    results = list(read_bytes(jsonl(small, huge, small), "big.jsonl", max_bytes=limit))
    assert [type(r).__name__ for r in results] == ["RawArticle", "ReadFailure", "RawArticle"]
    assert results[1].path == "big.jsonl#2" and "limit" in results[1].reason


def test_gzipped_jsonl_file(tmp_path, wikinews_articles):
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(*[record_of(a) for a in wikinews_articles])))
    results = list(read_paths([str(path)]))
    assert [r.path for r in results] == [f"{path}#{n}" for n in (1, 2, 3)]
    assert all(isinstance(r, RawArticle) for r in results)


def test_pretty_printed_object_and_array(wikinews_articles):
    one = json.dumps(record_of(wikinews_articles[0]), indent=2).encode()
    (raw,) = list(read_bytes(one, "one.json"))
    assert isinstance(raw, RawArticle) and raw.path == "one.json"
    many = json.dumps([record_of(a) for a in wikinews_articles], indent=1).encode()
    results = list(read_bytes(many, "many.json"))
    assert [r.path for r in results] == ["many.json#1", "many.json#2", "many.json#3"]
    assert all(isinstance(r, RawArticle) for r in results)


@pytest.mark.parametrize(
    ("data", "reason"), [(b"[]", "empty JSON array"), (b'[{"id": 1, ', "not a JSON array")]
)
def test_bad_json_documents(data, reason):
    (result,) = list(read_bytes(data, "bad.json"))
    assert isinstance(result, ReadFailure) and reason in result.reason
