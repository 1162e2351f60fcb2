"""HTML pages: main text and metadata through trafilatura, with a fallback chain.

Pages arrive decoded (see :mod:`newsgraph.readers.decode`). trafilatura finds the article
body (boilerplate, navigation and comments removed) and its metadata (title, date through
htmldate, authors, canonical URL, site name). A page trafilatura cannot handle still gives
text or a clear reason, through a chain of ever plainer extractors:

1. trafilatura with its default balance of precision and recall;
2. trafilatura favouring recall, when the first gave little or nothing;
3. trafilatura's baseline (JSON-LD article bodies, ``<article>``, ``<p>`` texts);
4. a streaming ``<p>`` extractor on :mod:`html.parser`, which has no nesting limit (libxml2
   drops content nested deeper than a few hundred elements) and cannot recurse too deep.

Each extractor gets at most :data:`EXTRACTOR_SECONDS` per page (where a timer signal is
available, see :func:`newsgraph.limits.deadline`): trafilatura's default mode takes time that
grows with the square of some markup (a table row of 8,000 cells takes seconds, of 100,000
cells hours), and one page must not stall a batch; past the limit the next extractor tries.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, ClassVar

from ..clean import source_domain
from ..errors import DeadlineExceeded, InputError
from ..limits import deadline
from ..model import RawArticle
from .dates import normalise_date

FORMAT = "html"

#: Start tags longer than this are dropped before parsing: libxml2 takes time that grows with
#: the square of a tag's attributes (50,000 attributes: a minute, in C code no signal can
#: interrupt), and no real tag worth reading is that long (a long one is an inline image).
MAX_TAG_CHARS = 20_000
_OVERSIZED_TAG = re.compile(rf"<[A-Za-z][^<>]{{{MAX_TAG_CHARS},}}>?")
_SCRIPT_OR_STYLE_TAG = re.compile(r"<(/?)(script|style)\b", re.IGNORECASE)
_JSON_LD = re.compile(r"application/ld\+json", re.IGNORECASE)


def strip_scripts_and_styles(html: str) -> str:
    """The page without its scripts and style sheets (JSON-LD metadata, which trafilatura reads, stays).

    Done before any extractor sees the page: trafilatura favouring recall can take a script
    inside a ``<p>`` for text (found by tests/test_fuzz_readers.py). As in a browser, an element
    ends at the first matching end tag; an unclosed one is left to the parsers. One pass over
    the page, whatever it holds (no pattern that could backtrack over a hostile page).
    """
    pieces: list[str] = []
    kept_from = 0
    tag_end = -1  # the '>' closing the last start tag looked at
    tags = _SCRIPT_OR_STYLE_TAG.finditer(html)
    for tag in tags:
        if tag.group(1) or tag.start() < kept_from:
            continue  # an end tag without its start, or inside what was removed
        if tag_end < tag.end():
            tag_end = html.find(">", tag.end())
            if tag_end < 0:
                break
        name = tag.group(2).lower()
        if name == "script" and _JSON_LD.search(html, tag.end(), min(tag_end, tag.end() + 500)):
            continue
        close = next((t for t in tags if t.group(1) and t.group(2).lower() == name), None)
        if close is None:
            break
        close_end = html.find(">", close.end())
        pieces += [html[kept_from : tag.start()], " "]
        kept_from = len(html) if close_end < 0 else close_end + 1
    pieces.append(html[kept_from:])
    return "".join(pieces)


#: Longest time one extractor may take over one page before the next one is tried, in seconds
#: (an ordinary page takes well under one).
EXTRACTOR_SECONDS = 10.0

#: Fewer words than this and the next extractor in the chain is tried as well.
MIN_BODY_WORDS = 40
#: Fewer words than this is a menu or a title, not an article.
MIN_ARTICLE_WORDS = 5

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # Libraries log through the "last resort" handler when the application configured no
    # logging: a NullHandler keeps their warnings off the user's terminal (one-line errors).
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass
class PageMetadata:
    """What a page says about itself, whichever extractor found it."""

    title: str | None = None
    date: str | None = None
    url: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


#: Elements of trafilatura's output (its XML vocabulary, or HTML left by its fallbacks)
#: that hold paragraphs rather than words.
_BLOCK_TAGS = frozenset(
    {"p", "head", "quote", "list", "item", "div", "section", "article", "main", "blockquote", "ul", "ol",
     "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "row", "cell", "tr", "td", "th", "code", "pre",
     "figure", "figcaption", "dl", "dd", "dt"}
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"graphic", "img", "figure", "figcaption", "script", "style"})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _leaf_paragraphs(element: Any) -> list[str]:
    """Paragraph texts of an element holding only words; ``<lb/>``/``<br>`` break lines."""
    for lb in element.iter("lb", "br"):
        lb.tail = "\n" + (lb.tail or "")
    return _lines("".join(element.itertext()))


def body_paragraphs(body: Any) -> list[str]:
    """The paragraphs of trafilatura's ``<body>``: one per ``<p>``, heading, quote or list item.

    Walks the tree with an explicit stack (no recursion, whatever the nesting), descending
    into elements that contain blocks and taking the words of those that do not.
    """
    paragraphs: list[str] = []
    if body is None:
        return paragraphs
    stack: list[Any] = list(reversed(body))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            paragraphs.extend(_lines(item))
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if not tag or tag in _SKIPPED_TAGS:
            continue
        if any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in item):
            # Runs of words between blocks (text and inline elements) are paragraphs too.
            work: list[Any] = []
            run: list[str] = [item.text or ""]
            for child in item:
                if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                    work.extend(("".join(run), child))
                    run = []
                elif isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
                    run.append("\n" if child.tag in ("lb", "br") else "".join(child.itertext()))
                run.append(child.tail or "")
            work.append("".join(run))
            stack.extend(reversed(work))
        else:
            paragraphs.extend(_leaf_paragraphs(item))
    return paragraphs


def _split_authors(author: str | None) -> list[str]:
    """Author names from a ``;``-separated string, each once (case-insensitively)."""
    names: dict[str, str] = {}
    for name in (author or "").split(";"):
        name = " ".join(name.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def _trafilatura(html: str, url: str | None, favor_recall: bool) -> tuple[list[str], PageMetadata] | None:
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Dates from markup only (meta tags, <time>, URL): htmldate's extensive search also
        # takes dates from the body text, where an article about 2017 yields 2017. Without a
        # date the crawl date or the user's --date is a better guess.
        date_extraction_params={"extensive_search": False, "original_date": True},
        favor_recall=favor_recall,
    )
    if document is None:
        return None
    metadata = PageMetadata(
        title=document.title,
        date=normalise_date(document.date),
        url=document.url,
        site_name=document.sitename or document.hostname,
        authors=_split_authors(document.author),
    )
    return body_paragraphs(document.body), metadata


def _trafilatura_baseline(html: str) -> list[str]:
    import trafilatura

    _body, text, _length = trafilatura.baseline(html)
    return [line.strip() for line in text.split("\n") if line.strip()]


class _ParagraphParser(HTMLParser):
    """Text of ``<p>`` elements (and of other blocks), title and meta tags, in one pass.

    :class:`html.parser.HTMLParser` keeps no tree, so no nesting depth can make it fail.
    """

    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "nav",
            "footer",
            "aside",
            "form",
            "button",
            "select",
        }
    )
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "li",
            "ul",
            "ol",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "td",
            "th",
            "table",
            "header",
            "figure",
            "figcaption",
            "dd",
            "dt",
            "pre",
            "body",
        }
    )
    _META_KEYS: ClassVar[dict[str, str]] = {
        "og:title": "title",
        "twitter:title": "title",
        "article:published_time": "date",
        "datepublished": "date",
        "date": "date",
        "pubdate": "date",
        "og:url": "url",
        "og:site_name": "site_name",
        "author": "author",
        "article:author": "author",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.p_depth = 0
        self.current: list[str] = []
        self.current_in_p = False
        self.p_paragraphs: list[str] = []
        self.other_blocks: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            (self.p_paragraphs if self.current_in_p else self.other_blocks).append(text)
        self.current = []
        self.current_in_p = self.p_depth > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in self._META_KEYS and values.get("content"):
                self.meta.setdefault(self._META_KEYS[key], values["content"])
        elif tag == "link":
            values = {k.lower(): (v or "") for k, v in attrs}
            if values.get("rel", "").lower() == "canonical" and values.get("href"):
                self.canonical = self.canonical or values["href"]
        elif tag == "br":
            self._flush()
        if tag in self._BLOCKS:
            self._flush()
            if tag == "p":
                self.p_depth += 1
                self.current_in_p = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag in self._BLOCKS:
            self._flush()
            if tag == "p":
                self.p_depth = max(0, self.p_depth - 1)
                self.current_in_p = self.p_depth > 0

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def result(self) -> tuple[list[str], PageMetadata]:
        self._flush()
        paragraphs = self.p_paragraphs
        if _words(paragraphs) < MIN_BODY_WORDS:
            # No paragraphs worth the name: take the text blocks that read like prose.
            paragraphs = paragraphs + [b for b in self.other_blocks if len(b.split()) >= 8]
        title = self.meta.get("title") or " ".join("".join(self.title_parts).split()) or None
        metadata = PageMetadata(
            title=title,
            date=normalise_date(self.meta.get("date")),
            url=self.canonical or self.meta.get("url"),
            site_name=self.meta.get("site_name"),
            authors=_split_authors(self.meta.get("author")),
        )
        return paragraphs, metadata


def plain_paragraphs(html: str) -> tuple[list[str], PageMetadata]:
    """The last resort: ``<p>`` texts and meta tags by a streaming parser (no tree, no limits)."""
    parser = _ParagraphParser()
    parser.feed(html)
    parser.close()
    return parser.result()


def _merge(primary: PageMetadata, fallback: PageMetadata) -> PageMetadata:
    return PageMetadata(
        title=primary.title or fallback.title,
        date=primary.date or fallback.date,
        url=primary.url or fallback.url,
        site_name=primary.site_name or fallback.site_name,
        authors=primary.authors or fallback.authors,
    )


def extract_page(html: str, path: str, url: str | None = None) -> tuple[list[str], PageMetadata]:
    """Body paragraphs and metadata of a page; :class:`InputError` when it has no article text."""
    html = _OVERSIZED_TAG.sub(" ", strip_scripts_and_styles(html))
    best: list[str] = []
    metadata = PageMetadata()
    failures: list[str] = []
    too_slow = f"took longer than {EXTRACTOR_SECONDS:g} s"
    for favor_recall in (False, True):
        try:
            with deadline(EXTRACTOR_SECONDS):
                result = _trafilatura(html, url, favor_recall)
        except DeadlineExceeded:
            failures.append(f"trafilatura: {too_slow}")
            continue
        except Exception as exc:  # a bug or limit in a third-party parser must not end the batch
            failures.append(f"trafilatura: {type(exc).__name__}")
            continue
        if result is None:
            continue
        paragraphs, found = result
        metadata = _merge(metadata, found)
        if _words(paragraphs) > _words(best):
            best = paragraphs
        if _words(best) >= MIN_BODY_WORDS:
            return best, metadata
    for extractor in ("baseline", "plain"):
        try:
            with deadline(EXTRACTOR_SECONDS):
                if extractor == "baseline":
                    paragraphs = _trafilatura_baseline(html)
                else:
                    paragraphs, found = plain_paragraphs(html)
                    metadata = _merge(metadata, found)
        except DeadlineExceeded:
            failures.append(f"{extractor}: {too_slow}")
            continue
        except Exception as exc:
            failures.append(f"{extractor}: {type(exc).__name__}")
            continue
        if _words(paragraphs) > _words(best):
            best = paragraphs
        if _words(best) >= MIN_BODY_WORDS:
            break
    if _words(best) < MIN_ARTICLE_WORDS:
        count = f"only {_words(best)} words found" if best else ""
        detail = "; ".join(d for d in [count, *failures] if d)
        raise InputError(path, "HTML page has no article text" + (f" ({detail})" if detail else ""))
    return best, metadata


def parse_html(html: str, path: str, url: str | None = None, crawl_date: str | None = None) -> RawArticle:
    """One article from an HTML page; ``url`` is where it was fetched from, if known."""
    paragraphs, metadata = extract_page(html, path, url)
    page_url = metadata.url if metadata.url and metadata.url.startswith("http") else url
    return RawArticle(
        path=path,
        format=FORMAT,
        paragraphs=paragraphs,
        title=metadata.title,
        date=metadata.date,
        url=page_url,
        source=source_domain(page_url) or metadata.site_name,
        authors=metadata.authors,
        crawl_date=crawl_date,
    )
