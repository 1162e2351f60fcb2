"""The plain-text dump layout (the seed article, Wikinews ``*.txt``).

Leading blank lines, a title line, a date line, an optional image caption line, body
paragraphs, ``Related article: ...`` lines and a trailing ``Original url:`` with the URL.
Plain text without that layout is read as body paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from ..model import RawArticle

_RELATED = re.compile(r"^\s*Related articles?\s*:\s*(.*)$", re.IGNORECASE)
_ORIGINAL_URL = re.compile(r"^\s*Original url\s*:\s*(\S*)\s*$", re.IGNORECASE)
_URL = re.compile(r"^\s*(https?://\S+)\s*$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d", "%A, %B %d, %Y", "%b. %d, %Y")


def parse_date(line: str) -> str | None:
    """ISO date of a line that is only a date, in a common English format; else None."""
    candidate = line.strip().rstrip(".")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(candidate, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def read_text(text: str, path: str) -> Iterator[RawArticle]:
    """One article from a text dump (or plain text)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    title = date = url = caption = None
    related: list[str] = []
    if len(blocks) >= 2 and parse_date(blocks[1]):
        title, date = blocks[0], parse_date(blocks[1])
        blocks = blocks[2:]
    body: list[str] = []
    expect_url = False
    for block in blocks:
        m_url = _ORIGINAL_URL.match(block)
        if m_url:
            url = m_url.group(1) or None
            expect_url = url is None
            continue
        if expect_url and _URL.match(block):
            url = block.strip()
            expect_url = False
            continue
        m_rel = _RELATED.match(block)
        if m_rel:
            related.append(m_rel.group(1))
            continue
        body.append(block)
    yield RawArticle(
        path=path,
        format="text",
        paragraphs=body,
        title=title,
        date=date,
        url=url,
        caption=caption,
        related=related,
    )
