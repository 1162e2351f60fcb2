"""Quotations: where quoted speech starts and ends in an article's text.

Pairing quotation marks is done on characters, paragraph by paragraph, before anything
is attributed. News text mixes curly, straight and guillemet marks, quotes that run over
several paragraphs (each paragraph opens a mark, only the last one closes), and the odd
stray mark left by an editor or a scraper. A stray mark must cost at most the quotation
it belongs to, never the rest of the article (the failure of pairing marks globally, as
``textacy.extract.triples.direct_quotations`` does), so each paragraph is paired on its
own and an opening mark that is never closed is dropped rather than allowed to swallow
the text after it.

Only double marks (" “ ” „ « ») delimit quotations: single marks are also apostrophes,
and in English news they mark quotations inside quotations or headline scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Marks that open a quotation when nothing else is known.
OPENING_MARKS = "“„«‟"
#: Marks that close a quotation when nothing else is known.
CLOSING_MARKS = "”»"
#: Marks whose direction only their position tells.
AMBIGUOUS_MARKS = '"＂'
QUOTE_MARKS = OPENING_MARKS + CLOSING_MARKS + AMBIGUOUS_MARKS

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Characters that may stand right before an opening mark (besides spaces and the start).
_BEFORE_OPENING = "([{—–-―/:"
#: Characters that may stand right after a closing mark (besides spaces and the end).
_AFTER_CLOSING = ".,;:!?)]}—–-―'’…"


@dataclass(frozen=True)
class Quote:
    """One quotation within one paragraph: ``text[start:end]`` is the quoted words.

    ``mark_start``/``mark_end`` include the marks. A quotation that runs over several
    paragraphs is one :class:`Quote` per paragraph, sharing ``group``; ``continues`` is
    set on every part but the last (which has no closing mark in its paragraph),
    ``continued`` on every part but the first.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    group: int
    continues: bool = False
    continued: bool = False

    def contains(self, offset: int) -> bool:
        """Whether the character at ``offset`` lies inside the marks."""
        return self.mark_start <= offset < self.mark_end


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]``, from the glyph and its neighbours."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left_flanking = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPENING or prev in QUOTE_MARKS)
    right_flanking = not prev.isspace() and (
        nxt.isspace() or nxt in _AFTER_CLOSING or nxt in QUOTE_MARKS or i + 1 >= hi
    )
    mark = text[i]
    if left_flanking and not right_flanking:
        return "open"
    if right_flanking and not left_flanking:
        return "close"
    if mark in OPENING_MARKS:
        return "open"
    if mark in CLOSING_MARKS:
        return "close"
    return "either"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    start, end = _strip(text, start, end)
    return start < end and text[start] in QUOTE_MARKS and _role(text, start, start, end) != "close"


def _pair_paragraph(
    text: str, lo: int, hi: int, carried_open: int | None
) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (opening mark index, closing mark index) within ``text[lo:hi]``, and the mark left open.

    ``carried_open`` is the index of the opening mark at the start of this paragraph that
    continues a quotation from the previous one. An opening mark met while a quotation is
    open means the earlier one was stray (quotations with double marks do not nest); a
    closing mark met while none is open is stray and ignored.
    """
    pairs: list[tuple[int, int]] = []
    open_at = carried_open
    for i in range(lo, hi):
        if text[i] not in QUOTE_MARKS or i == carried_open:
            continue
        role = _role(text, i, lo, hi)
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
        elif role in ("close", "either"):
            pairs.append((open_at, i))
            open_at = None
        else:
            open_at = i
    return pairs, open_at


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order; paragraphs are separated by blank lines."""
    quotes: list[Quote] = []
    paragraphs = _paragraph_spans(text)
    group = 0
    carried_open: int | None = None  # opening mark of a quotation carried into this paragraph
    for n, (lo, hi) in enumerate(paragraphs):
        pairs, left_open = _pair_paragraph(text, lo, hi, carried_open)
        for open_at, close_at in pairs:
            continued = open_at == carried_open
            if not continued:
                group += 1
            start, end = _strip(text, open_at + 1, close_at)
            if end > start:
                quotes.append(Quote(start, end, open_at, close_at + 1, group, continued=continued))
        next_open: int | None = None
        if left_open is not None:
            continued = left_open == carried_open
            next_para = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            runs_on = next_para is not None and _opens_with_mark(text, *next_para)
            if continued or runs_on:
                # Part of a quotation over several paragraphs; a last part that lacks its
                # closing mark still ends with its paragraph.
                if not continued:
                    group += 1
                start, end = _strip(text, left_open + 1, hi)
                if end > start:
                    quotes.append(
                        Quote(start, end, left_open, hi, group, continues=runs_on, continued=continued)
                    )
                if runs_on and next_para is not None:
                    next_open = _strip(text, *next_para)[0]
            # else: a stray opening mark, dropped; the pairs before it stand.
        carried_open = next_open
    return quotes
