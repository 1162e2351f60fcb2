"""Cleaning: markup, white space, NFC, paragraph separation, ids, content hashes, dates, sources."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from newsgraph.clean import (
    clean_paragraph,
    content_hash,
    detect_language,
    join_paragraphs,
    make_article,
    source_domain,
    strip_markup,
)
from newsgraph.model import RawArticle


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Kremlin <u>said</u> Friday", "the Kremlin said Friday"),
        ('<a href="/x" class="y">Putin</a> told <i>Macron</i>', "Putin told Macron"),
        ("AT&amp;T &quot;won&quot; &#8212; again", 'AT&T "won" \u2014 again'),
        ("first<br>second<br/>third", "first second third"),
        ("text<script>var x = '<b>';</script> more<!-- note --> end", "text more end"),
        ("double &lt;u&gt;escaped&lt;/u&gt; tag", "double escaped tag"),
        ("a < b and c > d", "a < b and c > d"),
        ("no markup at all", "no markup at all"),
    ],
)
def test_strip_markup_keeps_the_words(text, expected):
    assert " ".join(strip_markup(text).split()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  spaced \t out\u00a0words  ", "spaced out words"),
        ("line\nbreaks\r\ninside", "line breaks inside"),
        ("zero\u200bwidth\ufeff soft\u00adhyphen", "zerowidth softhyphen"),
        ("control\x00\x07chars\x1b", "controlchars"),
        ("Cafe\u0301 decomposed", "Caf\u00e9 decomposed"),
    ],
)
def test_clean_paragraph(text, expected):
    cleaned = clean_paragraph(text)
    assert cleaned == expected
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["One.", "  ", "Two <b>bold</b>.", ""], "One.\n\nTwo bold."),
        (["<p>First.</p><p>Second.</p>"], "First.\n\nSecond."),
        (["Line one.\n\nLine two.\nstill two."], "Line one.\n\nLine two. still two."),
        (["<div>A</div>\n<div>B</div>", "C<br><br>D"], "A\n\nB\n\nC\n\nD"),
    ],
)
def test_join_paragraphs_separates_with_one_blank_line(paragraphs, expected):
    text = join_paragraphs(paragraphs)
    assert text == expected
    assert "\n\n\n" not in text and "<" not in text


def test_content_hash_is_sha1_of_normalised_text_and_layout_blind():
    text = "Putin told Macron.\n\nThe Kremlin said so."
    assert content_hash(text) == hashlib.sha1(b"putin told macron. the kremlin said so.").hexdigest()
    assert content_hash("PUTIN   told\nMacron.  The Kremlin said so.") == content_hash(text)
    assert content_hash("Cafe\u0301") == content_hash("Caf\u00e9")
    assert content_hash(text) != content_hash("Putin told Scholz.\n\nThe Kremlin said so.")


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.themoscowtimes.com/2022/01/28/x", "themoscowtimes.com"),
        ("https://en.wikinews.org/wiki/X", "en.wikinews.org"),
        ("http://EXAMPLE.org:8080/a", "example.org"),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_source_domain(url, domain):
    assert source_domain(url) == domain


def raw(**fields) -> RawArticle:
    values = {
        "path": "a.txt",
        "format": "text",
        "paragraphs": ["Putin <u>told</u> Macron.", "Second  paragraph."],
    }
    values.update(fields)
    return RawArticle(**values)


def test_make_article_cleans_and_identifies():
    article = make_article(
        raw(title=" A <b>title</b> ", caption="Photo. AP", related=["<u>One</u>", "<i></i>"])
    )
    assert article.text == "Putin told Macron.\n\nSecond paragraph."
    assert article.paragraphs == ["Putin told Macron.", "Second paragraph."]
    assert article.id == article.content_hash == content_hash(article.text)
    assert (article.title, article.caption, article.related) == ("A title", "Photo. AP", ["One"])
    assert (article.path, article.format) == ("a.txt", "text")


def test_record_id_wins_over_the_hash():
    article = make_article(raw(record_id="rec-7"))
    assert article.id == "rec-7"
    assert article.content_hash == content_hash(article.text)


@pytest.mark.parametrize(
    ("date", "default", "crawl", "expected"),
    [
        ("2022-01-28", "2020-01-01", "2024-03-05", "2022-01-28"),
        (None, "2020-01-01", "2024-03-05", "2020-01-01"),
        (None, None, "2024-03-05", "2024-03-05"),
        (None, None, None, None),
    ],
)
def test_date_priority(date, default, crawl, expected):
    article = make_article(raw(date=date, crawl_date=crawl), default_date=default)
    assert article.date == expected
    assert article.crawl_date == crawl


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        ("https://www.bbc.com/news/x", None, "bbc.com"),
        ("https://www.bbc.com/news/x", "BBC News", "BBC News"),
        (None, None, None),
    ],
)
def test_source_is_given_or_from_the_url(url, source, expected):
    assert make_article(raw(url=url, source=source)).source == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The government announced on Monday a new pension reform that will be presented to parliament.",
            "en",
        ),
        (
            "Le gouvernement a annoncé lundi une nouvelle réforme des retraites qui sera présentée au Parlement.",
            "fr",
        ),
        (
            "Die Regierung hat am Montag eine neue Rentenreform angekündigt, die dem Parlament vorgelegt wird.",
            "de",
        ),
        ("Short text.", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("length", [201, 450, 30000])
def test_runs_without_spaces_are_broken_into_bounded_words(length):
    from newsgraph.clean import MAX_WORD_CHARS

    cleaned = clean_paragraph('He said "' + '"' * length + " ok.")
    assert max(len(word) for word in cleaned.split()) <= MAX_WORD_CHARS
    assert cleaned.replace(" ", "").count('"') == length + 1  # nothing lost but spaces added


def test_ordinary_long_words_and_urls_are_kept_whole():
    url = "https://en.wikinews.org/wiki/" + "x" * 150
    assert clean_paragraph(f"See {url} now.") == f"See {url} now."
