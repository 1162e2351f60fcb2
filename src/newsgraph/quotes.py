"""Quotations: where quoted speech starts and ends in an article's text.

Pairing quotation marks is done on characters, paragraph by paragraph, before anything
is attributed. News text mixes curly, straight and guillemet marks (and the doubled
apostrophes ``''`` of some archives), quotes that run over several paragraphs (each
paragraph opens a mark, only the last one closes), and the odd stray mark left by an
editor or a scraper. A stray mark must cost at most the quotation it belongs to, never
the rest of the article (the failure of pairing marks globally, as
``textacy.extract.triples.direct_quotations`` does), so each paragraph is paired on its
own and an opening mark that is never closed is dropped rather than allowed to swallow
the text after it.

Only double marks delimit quotations: single marks are also apostrophes, and in English
news they mark quotations inside quotations or headline scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Marks that open a quotation when nothing else is known.
OPENING_MARKS = ("“", "„", "«", "‟", "``")
#: Marks that close a quotation when nothing else is known.
CLOSING_MARKS = ("”", "»")
#: Marks whose direction only their position tells.
AMBIGUOUS_MARKS = ('"', "＂", "''")
#: Single characters that are (part of) a double quotation mark.
QUOTE_MARKS = '“„«‟”»"＂'
_MARK = re.compile(r"''|``|[“„«‟”»\"＂]")

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Characters that may stand right before an opening mark (besides spaces and the start).
_BEFORE_OPENING = "([{—–-―/:" + QUOTE_MARKS
#: Characters that may stand right after a closing mark (besides spaces and the end).
_AFTER_CLOSING = ".,;:!?)]}—–-―'’…" + QUOTE_MARKS


def is_quote_mark(text: str) -> bool:
    """Whether ``text`` (a token) is a double quotation mark."""
    return bool(text) and (text in ("''", "``") or (len(text) == 1 and text in QUOTE_MARKS))


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


def _role(text: str, i: int, n: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark ``text[i:i+n]``, from the glyph and its neighbours."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + n] if i + n < hi else " "
    left_flanking = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPENING)
    right_flanking = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSING or i + n >= hi)
    mark = text[i : i + n]
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


def _strip_quoted(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding spaces or the comma that hands over to the attribution."""
    start, end = _strip(text, start, end)
    while end > start and (text[end - 1] in ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    start, end = _strip(text, start, end)
    match = _MARK.match(text, start)
    return match is not None and _role(text, start, len(match.group()), start, end) != "close"


def _pair_paragraph(
    text: str, lo: int, hi: int, carried_open: tuple[int, int] | None
) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]], tuple[int, int] | None]:
    """Pairs of (opening mark, closing mark) within ``text[lo:hi]``, and the mark left open.

    Marks are (index, length). ``carried_open`` is the opening mark at the start of this
    paragraph that continues a quotation from the previous one. An opening mark met while
    a quotation is open means the earlier one was stray (quotations with double marks do
    not nest); a closing mark met while none is open is stray and ignored.
    """
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    open_at = carried_open
    marks = [
        ((m.start(), m.end() - m.start()), _role(text, m.start(), m.end() - m.start(), lo, hi))
        for m in _MARK.finditer(text, lo, hi)
        if carried_open is None or m.start() != carried_open[0]
    ]
    nested = 0  # double marks used inside a quotation ("... what he calls “hell” ..."), rare but seen
    for n, (mark, role) in enumerate(marks):
        if open_at is None:
            if role in ("open", "either"):
                open_at = mark
        elif role in ("close", "either"):
            if nested:
                nested -= 1
                continue
            pairs.append((open_at, mark))
            open_at = None
        elif _closes_twice(marks[n + 1 :]):
            nested += 1
        else:
            open_at = mark
    return pairs, open_at


def _closes_twice(later: list[tuple[tuple[int, int], str]]) -> bool:
    """Whether the marks after an opening mark met inside a quotation can close it and the
    quotation around it: then it opens a quotation within the quotation, and is no stray."""
    closes = sum(1 for _mark, role in later if role == "close")
    opens = sum(1 for _mark, role in later if role == "open")
    return bool(later) and later[0][1] == "close" and closes >= opens + 2


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order; paragraphs are separated by blank lines."""
    quotes: list[Quote] = []
    paragraphs = _paragraph_spans(text)
    group = 0
    carried_open: tuple[int, int] | None = None  # opening mark of a quotation carried into this paragraph
    for n, (lo, hi) in enumerate(paragraphs):
        pairs, left_open = _pair_paragraph(text, lo, hi, carried_open)
        for open_mark, close_mark in pairs:
            continued = open_mark == carried_open
            if not continued:
                group += 1
            start, end = _strip_quoted(text, open_mark[0] + open_mark[1], close_mark[0])
            if end > start:
                quotes.append(
                    Quote(start, end, open_mark[0], close_mark[0] + close_mark[1], group, continued=continued)
                )
        next_open: tuple[int, int] | None = None
        if left_open is not None:
            continued = left_open == carried_open
            next_para = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            runs_on = next_para is not None and _opens_with_mark(text, *next_para)
            if continued or runs_on:
                # Part of a quotation over several paragraphs; a last part that lacks its
                # closing mark still ends with its paragraph.
                if not continued:
                    group += 1
                start, end = _strip(text, left_open[0] + left_open[1], hi)
                if end > start:
                    quotes.append(
                        Quote(start, end, left_open[0], hi, group, continues=runs_on, continued=continued)
                    )
                if runs_on and next_para is not None:
                    next_start = _strip(text, *next_para)[0]
                    match = _MARK.match(text, next_start)
                    next_open = (next_start, len(match.group()) if match else 1)
            # else: a stray opening mark, dropped; the pairs before it stand.
        carried_open = next_open
    return quotes
