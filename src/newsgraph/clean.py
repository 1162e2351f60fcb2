"""Cleaning: from what a reader found (:class:`RawArticle`) to a clean :class:`Article`.

Every reader hands its paragraphs here, so stray markup, whitespace, ids, content hashes,
source domains and language detection are done the same way for text dumps, HTML, JSON
Lines and WARC records. The clean text is what all offsets index into.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from urllib.parse import urlsplit

from .model import Article, RawArticle

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
#: Where a hidden element or a comment starts (see :func:`remove_hidden`).
_HIDDEN_START = re.compile(r"<(script|style|template)\b|<!--", re.IGNORECASE)
_HIDDEN_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "template")}
#: Tags that end a paragraph in markup that slipped into text (``<p>``, ``</div>``, ``<br><br>``).
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|table|tr|figure|figcaption|header|footer)\b[^<>]*>"
    r"|(?:<br\s*/?>\s*){2,}",
    re.IGNORECASE,
)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\u2028\u2029]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

#: Below this many letters, language detection is a guess; such texts are taken as English.
MIN_LETTERS_FOR_LANGUAGE = 40
#: How much of a text language detection reads. py3langid walks every byte in Python, so the
#: whole of a long article costs as much as a fifth of its parse; a couple of paragraphs of
#: prose decide the language as surely.
LANGUAGE_SAMPLE_CHARS = 1500


def remove_hidden(text: str) -> str:
    """The text without script, style and template elements and comments (closed ones; an
    unclosed one is left for the tag pass).

    One pass, whatever the text holds: a pattern that looks for each start's end would read
    to the end of the text for every unclosed start (``<script>`` repeated 20,000 times took
    11 seconds, a megabyte of them hours).
    """
    pieces: list[str] = []
    kept_from = position = 0
    tag_end = -1  # the '>' of the last start tag looked at
    unclosed: set[str] = set()  # kinds with no end left in the text
    while (start := _HIDDEN_START.search(text, position)) is not None:
        kind = (start.group(1) or "!--").lower()
        position = start.end()
        if kind in unclosed:
            continue
        if kind == "!--":
            close = text.find("-->", position)
            end = close + 3 if close >= 0 else -1
        else:
            if tag_end < position:
                tag_end = text.find(">", position)
                if tag_end < 0:  # no start tag can end: only comments are left to remove
                    unclosed.update(_HIDDEN_END)
                    continue
            found = _HIDDEN_END[kind].search(text, tag_end + 1)
            end = found.end() if found is not None else -1
        if end < 0:
            unclosed.add(kind)
            continue
        pieces.append(text[kept_from : start.start()])
        kept_from = position = end
    pieces.append(text[kept_from:])
    return "".join(pieces)


def strip_markup(text: str) -> str:
    """Remove leftover tags (``<u>said</u>`` -> ``said``) and decode entities, keeping the words.

    Script and style contents and comments go with their tags; ``<br>`` becomes a space so
    that the words on either side stay apart. Entities are decoded after the tags are gone,
    and tags that only then appear (double-escaped markup, ``&lt;u&gt;``) are removed too.
    """
    if "<" in text:
        text = _TAG.sub("", _BREAK_TAG.sub(" ", remove_hidden(text)))
    if "&" in text:
        text = html.unescape(text)
        if "<" in text:
            text = _TAG.sub("", text)
    return text


def split_markup_blocks(paragraph: str) -> list[str]:
    """The paragraphs inside one reader paragraph that still holds block markup or blank lines."""
    if "<" in paragraph:
        paragraph = _BLOCK_TAG.sub("\n\n", paragraph)
    if "\n" not in paragraph:
        return [paragraph]
    return _BLANK_LINE.split(paragraph.replace("\r\n", "\n"))


#: Longest run of characters without a space kept whole (longer runs are broken up).
MAX_WORD_CHARS = 200
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def _break_long_words(text: str) -> str:
    """Break runs of over ``MAX_WORD_CHARS`` non-space characters into pieces of that size.

    No word is that long; such runs are spam, ASCII art or broken markup, and spaCy's
    tokenizer splits affixes off a run one character at a time, at a cost that grows with
    the square of its length (30,000 quotation marks took two minutes).
    """
    return _LONG_WORD.sub(
        lambda m: " ".join(
            m.group(0)[i : i + MAX_WORD_CHARS] for i in range(0, len(m.group(0)), MAX_WORD_CHARS)
        ),
        text,
    )


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: markup gone, control characters gone, spaces folded."""
    text = unicodedata.normalize("NFC", strip_markup(text))
    text = _CONTROL.sub("", text)
    text = text.replace("\r", " ").replace("\n", " ")
    return _break_long_words(_SPACES.sub(" ", text).strip())


def join_paragraphs(paragraphs: list[str]) -> str:
    """The clean body: non-empty cleaned paragraphs separated by one blank line.

    Paragraph breaks are the only line breaks left, so ``text.split("\\n\\n")`` gives the
    paragraphs back.
    """
    cleaned = (clean_paragraph(block) for p in paragraphs for block in split_markup_blocks(p))
    return "\n\n".join(p for p in cleaned if p)


def content_hash(text: str) -> str:
    """sha1 of the normalised body text: equal for the same words, whatever the layout.

    Normalised means NFC, lower-cased, white space folded to single spaces: a re-wrapped or
    re-spaced copy of an article has the same hash, and the hash never depends on the run.
    """
    text = unicodedata.normalize("NFC", text)
    normalised = " ".join(text.lower().split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def source_domain(url: str | None) -> str | None:
    """The site a URL belongs to, without ``www.`` (``themoscowtimes.com``)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, from py3langid's bundled model (offline).

    Short texts carry too little signal to judge; they are taken as English rather than
    dropped, because a wrong "not English" loses an article while a wrong "English" only
    costs an extraction that finds nothing.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < MIN_LETTERS_FOR_LANGUAGE:
        return "en"
    import py3langid

    language, _score = py3langid.classify(sample)
    return str(language)


def make_article(raw: RawArticle, default_date: str | None = None) -> Article:
    """The clean article for a reader's record: text, id, hash, source and language.

    The date is the one the article gives, else ``default_date`` (what the user says to
    assume, ``--date``), else the crawl date (when a WARC record was fetched): an explicit
    assumption outranks a proxy.
    """
    text = join_paragraphs(raw.paragraphs)
    digest = content_hash(text)
    title = clean_paragraph(raw.title) if raw.title else None
    caption = clean_paragraph(raw.caption) if raw.caption else None
    return Article(
        id=raw.record_id or digest,
        text=text,
        content_hash=digest,
        title=title or None,
        date=raw.date or default_date or raw.crawl_date,
        url=raw.url,
        source=raw.source or source_domain(raw.url),
        authors=list(raw.authors),
        language=detect_language(text),
        caption=caption or None,
        related=[clean_paragraph(r) for r in raw.related if clean_paragraph(r)],
        path=raw.path,
        format=raw.format,
        crawl_date=raw.crawl_date,
    )
