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
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]")

#: Below this many letters, language detection is a guess; such texts are taken as English.
MIN_LETTERS_FOR_LANGUAGE = 40


def strip_markup(text: str) -> str:
    """Remove leftover tags (``<u>said</u>`` -> ``said``) and decode entities, keeping the words."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: markup gone, control characters gone, spaces folded."""
    text = unicodedata.normalize("NFC", strip_markup(text))
    text = _CONTROL.sub("", text)
    text = text.replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """The clean body: non-empty cleaned paragraphs separated by one blank line."""
    cleaned = (clean_paragraph(p) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def content_hash(text: str) -> str:
    """sha1 of the normalised body text: equal for the same words, whatever the layout."""
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
    letters = sum(1 for ch in text[:5000] if ch.isalpha())
    if letters < MIN_LETTERS_FOR_LANGUAGE:
        return "en"
    import py3langid

    language, _score = py3langid.classify(text[:5000])
    return str(language)


def make_article(raw: RawArticle, default_date: str | None = None) -> Article:
    """The clean article for a reader's record: text, id, hash, source and language."""
    text = join_paragraphs(raw.paragraphs)
    digest = content_hash(text)
    title = clean_paragraph(raw.title) if raw.title else None
    caption = clean_paragraph(raw.caption) if raw.caption else None
    return Article(
        id=raw.record_id or digest,
        text=text,
        content_hash=digest,
        title=title or None,
        date=raw.date or default_date,
        url=raw.url,
        source=raw.source or source_domain(raw.url),
        authors=list(raw.authors),
        language=detect_language(text),
        caption=caption or None,
        related=[clean_paragraph(r) for r in raw.related if clean_paragraph(r)],
        path=raw.path,
        format=raw.format,
    )
