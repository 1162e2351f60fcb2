"""The text-dump layout (title, date line, caption, body, related lines, Original url) and plain text."""

from __future__ import annotations

import pytest

from newsgraph.clean import make_article
from newsgraph.model import Article, RawArticle
from newsgraph.readers import read_paths, read_text
from newsgraph.readers.dates import parse_date_line
from newsgraph.readers.textdump import looks_like_caption, parse_text

BODY = (
    "The foreign minister said on Tuesday that the talks would resume next week.\n\n"
    "Officials from both countries are expected to meet in Geneva, a spokesperson added."
)


def article_of(text: str, path: str = "t.txt") -> Article:
    (raw,) = list(read_text(text, path))
    assert isinstance(raw, RawArticle)
    return make_article(raw)


def dump(title: str = "Talks to resume in Geneva", date: str = "January 28, 2022", extra: str = "") -> str:
    return (
        f"\n\n{title}\n\n{date}\n\n\n{extra}{BODY}\n\nOriginal url:\n\nhttps://www.example.org/news/talks\n"
    )


def test_seed_layout_fixture_parses_exactly(fixtures_dir):
    (raw,) = list(read_paths([str(fixtures_dir / "articles" / "seed-layout-mahan-air.txt")]))
    assert isinstance(raw, RawArticle)
    article = make_article(raw)
    assert article.title == "Germany bans Mahan Air of Iran, citing 'security'"
    assert article.date == "2019-01-23"
    assert article.url == "https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27"
    assert article.source == "en.wikinews.org"
    assert article.caption == "A Mahan Air Airbus A340 at a German airport. wikimedia.org"
    assert article.related == ["European Union sanctions Iran over alleged assassination plots in Europe"]
    assert article.language == "en"
    assert article.format == "text"
    assert article.id == article.content_hash
    text = article.text
    assert "<u>" not in text and "</u>" not in text
    assert "Related article" not in text and "assassination plots" not in text
    assert "Original url" not in text and "https://" not in text
    assert "wikimedia.org" not in text and article.title not in text and "January 23, 2019" not in text
    assert text.startswith("Germany on Monday banned Iranian airline Mahan Air from flying")
    assert "German officials said." in text
    assert text.endswith("It was founded in 1992.")
    assert len(article.paragraphs) == 4
    assert "\n\n".join(article.paragraphs) == text


def test_wikinews_dumps_keep_title_date_and_url_apart(wikinews_articles, fixtures_dir):
    for expected in wikinews_articles:
        (raw,) = list(read_paths([str(fixtures_dir / "articles" / expected.name)]))
        article = make_article(raw)
        assert (article.title, article.date, article.url) == (expected.title, expected.date, expected.url)
        assert article.source == "en.wikinews.org"
        assert article.caption is None and article.related == []
        assert article.paragraphs == [" ".join(p.split()) for p in expected.paragraphs]


@pytest.mark.parametrize(
    "line",
    [
        "January 28, 2022",
        "Jan. 28, 2022",
        "Jan 28, 2022",
        "28 January 2022",
        "28 Jan. 2022",
        "2022-01-28",
        "2022/01/28",
        "Friday, January 28, 2022",
        "Friday 28 January 2022",
        "Fri, 28 Jan 2022",
        "January 28th, 2022",
        "Updated: January 28, 2022 10:15 AM",
        "Jan. 28, 2022 - 10:45 am",
        "2022-01-28T10:15:00Z",
    ],
)
def test_date_line_formats_become_iso(line):
    assert parse_date_line(line) == "2022-01-28"
    assert article_of(dump(date=line)).date == "2022-01-28"


@pytest.mark.parametrize(
    "line",
    ["Talks resumed on January 28, 2022 in Geneva.", "February 30, 2022", "2022", "January 2022", "Friday"],
)
def test_lines_that_are_not_a_date(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    "caption",
    [
        "The Russian leader hasn't commented publicly on the crisis in over a month. kremlin.ru",
        "Delegates arrive at the summit venue. AP",
        "Protesters gather outside parliament. Reuters",
        "The minister at a news conference. Getty Images",
        "The minister at a news conference. Mikhail Metzel / TASS",
        "Smoke rises over the city. (AP Photo/Evan Vucci)",
        "A ship in the harbour. Photo: Jane Smith",
        "Map of the region. wikimedia.org",
        "The prime minister arrives for talks. Jane Smith",
    ],
)
def test_caption_line_after_the_date_is_kept_apart(caption):
    article = article_of(dump(extra=f"{caption}\n\n"))
    assert article.caption == caption
    assert caption not in article.text
    assert article.text.startswith("The foreign minister said")


@pytest.mark.parametrize(
    "first_line",
    [
        "The foreign minister said on Tuesday that the talks would resume.",
        "Talks resume",
        "Talks resume in Geneva after a month of silence between the two governments over trade",
    ],
)
def test_body_lines_are_not_captions(first_line):
    assert not looks_like_caption(first_line)
    article = article_of(dump(extra=f"{first_line}\n\n"))
    assert article.caption is None
    assert article.text.startswith(first_line)


@pytest.mark.parametrize(
    "url_lines",
    [
        "Original url: https://www.example.org/news/talks",
        "Original url:\nhttps://www.example.org/news/talks",
        "Original url:\n\nhttps://www.example.org/news/talks",
        "ORIGINAL URL: <https://www.example.org/news/talks>",
        "https://www.example.org/news/talks",
    ],
)
def test_original_url_on_same_or_next_line(url_lines):
    article = article_of(f"Talks to resume\n\nJanuary 28, 2022\n\n{BODY}\n\n{url_lines}\n")
    assert article.url == "https://www.example.org/news/talks"
    assert article.source == "example.org"
    assert "example.org" not in article.text
    assert article.text == BODY


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Related article: <u>Ceasefire holds</u> <u>in the north</u>", "Ceasefire holds in the north"),
        ("Related articles: Ceasefire holds in the north", "Ceasefire holds in the north"),
        ("READ MORE: Ceasefire holds in the north", "Ceasefire holds in the north"),
        ("See also: Ceasefire holds in the north", "Ceasefire holds in the north"),
    ],
)
def test_related_lines_leave_the_body_and_keep_their_title(line, title):
    paragraphs = BODY.split("\n\n")
    text = f"Talks\n\nJanuary 28, 2022\n\n{paragraphs[0]}\n\n{line}\n\n{paragraphs[1]}\n"
    article = article_of(text)
    assert article.related == [title]
    assert article.paragraphs == paragraphs


def test_stray_markup_is_removed_and_words_kept():
    article = article_of(dump(extra="The Kremlin <u>said</u> the <b>talks</b> &amp; visits would go on.\n\n"))
    assert article.text.startswith("The Kremlin said the talks & visits would go on.")
    assert "<" not in article.text


@pytest.mark.parametrize(
    ("text", "title", "first_paragraph"),
    [
        # A headline without final punctuation, then a blank line: the title, out of the body.
        (f"Talks to resume in Geneva\n\n{BODY}", "Talks to resume in Geneva", "The foreign minister said"),
        (f"Putin: 'We will respond'\n\n{BODY}", "Putin: 'We will respond'", "The foreign minister said"),
        # Ending like a sentence it may be a lead: kept in the body, and still the title.
        (f"Talks to resume in Geneva.\n\n{BODY}", "Talks to resume in Geneva.", "Talks to resume in Geneva."),
        # One paragraph only: all body.
        ("The minister said the talks would resume", None, "The minister said the talks would resume"),
        # Long first line: a paragraph, not a headline.
        (" ".join(["word"] * 40) + "\n\n" + BODY, None, "word word"),
    ],
)
def test_plain_text_headline(text, title, first_paragraph):
    article = article_of(text)
    assert article.title == title
    assert article.paragraphs[0].startswith(first_paragraph)
    assert article.date is None and article.url is None and article.caption is None


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # One paragraph per line, no blank lines between them.
        ("First sentence here.\nSecond paragraph here.\nThird one.", 3),
        # Hard-wrapped text: lines stop mid-sentence and are one paragraph.
        ("The minister said that the\ntalks would resume next\nweek in Geneva.\n\nA second paragraph.", 2),
        # Windows line endings and a byte-order mark.
        ("\ufeffHeadline\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n", 2),
    ],
)
def test_paragraph_splitting(text, paragraphs):
    article = article_of(text)
    assert len(article.paragraphs) == paragraphs
    assert "\r" not in article.text and "\ufeff" not in article.text


def test_title_and_date_without_blank_line_between():
    raw = parse_text(f"Talks to resume\nJanuary 28, 2022\n\n{BODY}", "t.txt")
    assert (raw.title, raw.date) == ("Talks to resume", "2022-01-28")
    assert raw.paragraphs == BODY.split("\n\n")


def test_dump_with_only_a_title_and_date_is_a_failure():
    (result,) = list(
        read_text("Talks to resume\n\nJanuary 28, 2022\n\nOriginal url: https://example.org/a", "t.txt")
    )
    assert not isinstance(result, RawArticle)
    assert "no article text" in result.reason


@pytest.mark.parametrize(
    ("header", "authors", "date"),
    [
        ("Talks to resume\n\nBy Jane Smith\n\nJanuary 28, 2022", ["Jane Smith"], "2022-01-28"),
        (
            "Talks to resume\n\nJanuary 28, 2022\n\nBy Jane Smith and John Doe",
            ["Jane Smith", "John Doe"],
            "2022-01-28",
        ),
        ("Talks to resume\n\nBy Jane Smith, Ali Khan & Li Wei", ["Jane Smith", "Ali Khan", "Li Wei"], None),
    ],
)
def test_byline_is_kept_apart_as_authors(header, authors, date):
    article = article_of(f"{header}\n\n{BODY}")
    assert article.title == "Talks to resume"
    assert (article.authors, article.date) == (authors, date)
    assert article.text == BODY


@pytest.mark.parametrize(
    "line", ["By the end of the week, talks resumed.", "by then it was over", "Byzantium fell"]
)
def test_lines_starting_with_by_are_not_bylines(line):
    article = article_of(f"Talks to resume\n\n{line}\n\n{BODY}")
    assert article.authors == []
    assert article.paragraphs[0] == line
