"""Plain-text articles: the text-dump layout (the seed article, Wikinews ``*.txt``) and plain text.

The dump layout is: leading blank lines, a title line, a date line (and/or a byline,
"By Jane Smith"), an optional image caption line (a short line ending in a credit such as
``kremlin.ru`` or ``AP``), body paragraphs, ``Related article: ...`` lines, and a trailing
``Original url:`` with the URL on the same or the next line. Everything but the body is kept apart from the text, so that
offsets index only into what the article says (docs/ANNOTATION.md: headlines and captions
are not statements).

Plain text without that layout (a headline line, then paragraphs) is read sensibly: a
first short line without final punctuation, followed by a blank line, is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import RawArticle
from .dates import parse_date_line

FORMAT = "text"

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|news|coverage|reading|content))?|read\s+(?:more|also)"
    r"|also\s+read|see\s+also)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_URL_LABEL = re.compile(
    r"^(?:original\s+url|source\s+url|article\s+url|url|link|permalink)\s*:\s*(.*)$", re.IGNORECASE
)
_URL = re.compile(r"^<?(https?://\S+?)>?$")

#: A line that ends a sentence: final ., ! or ? (possibly inside closing quotes/brackets).
_SENTENCE_END = re.compile(r"""[.!?…;:][\s"'”’»)\]]*$""")
#: Splits a caption into its description and the credit after the last sentence.
_LAST_SENTENCE = re.compile(r"""^(?P<sentence>.*[.!?…]["'”’»)\]]*)\s+(?P<credit>[^.!?…]*?\S.*?)$""")
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|image|images|picture|credit|courtesy|via|handout|pool|file|getty|reuters|afp|ap"
    r"|epa|efe|tass|ria|xinhua|sputnik|anadolu|dpa|shutterstock|flickr|wikimedia|commons|pixabay"
    r"|unsplash|alamy|ap\s+photo|press\s+service|press\s+office)\b|©|\(c\)",
    re.IGNORECASE,
)

_BYLINE = re.compile(r"^(?:by|written\s+by|reporting\s+by|story\s+by)\s+([^.!?]{2,150})$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
MAX_BYLINE_WORDS = 15

#: Longest line (characters / words) taken as a headline or a caption.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MAX_CAPTION_CHARS = 400
MAX_WEAK_CREDIT_WORDS = 5


def split_blocks(text: str) -> list[list[str]]:
    """Blocks of consecutive non-blank lines (each line stripped), in order."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip().lstrip("\ufeff")
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def block_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of one block: its lines joined, unless every line is a paragraph.

    Text with one paragraph per line (no blank lines between them) has lines that end
    sentences; hard-wrapped text has lines that stop mid-sentence.
    """
    if len(lines) == 1:
        return lines
    ending = sum(1 for line in lines if _SENTENCE_END.search(line))
    if ending >= 0.6 * len(lines):
        return list(lines)
    return [" ".join(lines)]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated blocks (see :func:`block_paragraphs`)."""
    return [p for block in split_blocks(text) for p in block_paragraphs(block)]


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence punctuation (headlines usually do not)."""
    return bool(_SENTENCE_END.search(line))


def looks_like_title(line: str) -> bool:
    """A short single line: a candidate headline."""
    return len(line) <= MAX_TITLE_CHARS and len(line.split()) <= MAX_TITLE_WORDS


def looks_like_caption(line: str) -> bool:
    """Whether a line is an image caption ending in a credit (``... a month. kremlin.ru``).

    A caption does not end like a sentence; what follows its last sentence is a credit:
    a web domain, a photo or agency word (``AP Photo/...``, ``Getty Images``, ``©``), or
    a short run of capitalised words (a photographer's name) after a sentence.
    """
    if len(line) > MAX_CAPTION_CHARS or ends_sentence(line):
        return False
    match = _LAST_SENTENCE.match(line)
    credit = match.group("credit") if match else line
    if _DOMAIN.search(credit) or _CREDIT_WORDS.search(credit) or "/" in credit:
        return True
    words = credit.split()
    return bool(
        match
        and 0 < len(words) <= MAX_WEAK_CREDIT_WORDS
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
    )


def byline_authors(line: str) -> list[str] | None:
    """The names of a byline ("By Jane Smith and John Doe"), or None if the line is not one."""
    match = _BYLINE.match(line)
    if not match or len(line.split()) > MAX_BYLINE_WORDS:
        return None
    names = [n.strip() for n in _NAME_SEPARATOR.split(match.group(1)) if n.strip()]
    return names if names and all(n[0].isupper() for n in names) else None


def _dump_header(blocks: list[list[str]]) -> tuple[str, str | None, list[str], int] | None:
    """Title, date, byline names and the number of blocks they take, for the dump layout.

    The layout is a one-line title block followed by a date line and/or a byline, each a
    one-line block ("Title / By Jane Smith / January 28, 2022", or the date first).
    """
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return None
    title, date, index = blocks[0][0], None, 1
    authors: list[str] = []
    for _ in range(2):
        if index >= len(blocks) or len(blocks[index]) != 1:
            break
        line = blocks[index][0]
        found_date = parse_date_line(line) if date is None else None
        names = byline_authors(line) if not authors and found_date is None else None
        if found_date:
            date = found_date
        elif names:
            authors = names
        else:
            break
        index += 1
    if date is None and not authors:
        return None
    return title, date, authors, index


def _take_url(text: str) -> str | None:
    match = _URL.match(text.strip())
    return match.group(1) if match else None


def parse_text(text: str, path: str) -> RawArticle:
    """One article from a text dump or plain text (see the module docstring)."""
    blocks = split_blocks(text)
    title: str | None = None
    date: str | None = None
    caption: str | None = None

    # Title, date line and optional byline: the dump layout.
    authors: list[str] = []
    header = _dump_header(blocks)
    if header is not None:
        title, date, authors, consumed = header
        blocks = blocks[consumed:]
    elif blocks and len(blocks[0]) == 2 and parse_date_line(blocks[0][1]):
        title, date = blocks[0][0], parse_date_line(blocks[0][1])
        blocks = blocks[1:]
    elif len(blocks) >= 2 and len(blocks[0]) == 1 and looks_like_title(blocks[0][0]):
        # Plain text: a headline line. Without final punctuation it is surely a title; with
        # it, it may be a one-sentence lead, so it stays in the body and is also the title.
        title = blocks[0][0]
        if not ends_sentence(title):
            blocks = blocks[1:]

    if (date or authors) and len(blocks) >= 2 and len(blocks[0]) == 1 and looks_like_caption(blocks[0][0]):
        caption = blocks[0][0]
        blocks = blocks[1:]

    url: str | None = None
    related: list[str] = []
    body: list[str] = []
    expect_url = False
    for block in blocks:
        kept: list[str] = []
        for line in block:
            if expect_url:
                expect_url = False
                found = _take_url(line)
                if found:
                    url = url or found
                    continue
            label = _URL_LABEL.match(line)
            if label and (not label.group(1).strip() or _take_url(label.group(1))):
                found = _take_url(label.group(1)) if label.group(1).strip() else None
                url = url or found
                expect_url = found is None
                continue
            related_match = _RELATED.match(line)
            if related_match:
                related.append(related_match.group(1).strip())
                continue
            kept.append(line)
        if kept:
            body.extend(block_paragraphs(kept))
    if url is None and body and _take_url(body[-1]):
        url = _take_url(body.pop())
    return RawArticle(
        path=path,
        format=FORMAT,
        paragraphs=body,
        title=title,
        date=date,
        url=url,
        authors=authors,
        caption=caption,
        related=related,
    )


def read_text(text: str, path: str) -> Iterator[RawArticle]:
    """One article from a text dump (or plain text); kept as a generator for the reader API."""
    yield parse_text(text, path)
