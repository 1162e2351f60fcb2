"""Dates in news text, resolved against the article date ("on Wednesday" -> 2022-01-26).

News reports what happened in the past tense, so a bare weekday means the most recent such
day on or before the article date ("on Friday" in a Friday article is that day), and a
day of the month without a year means the latest such date not long after the article
(an article of 5 January saying "December 31" means the previous year's). A clause in the
future tense looks forward instead (``future=True``: "will meet on Monday").

Each expression resolves to a day (``date``, ISO ``YYYY-MM-DD``) where the text gives one,
or else to a coarser ISO 8601 period (``period``: ``2019``, ``2019-03``, ``2022-W04``) for
"in 2019", "last month", "this week". Without an article date only expressions that carry
their own year resolve. Everything here is plain text processing: no model needed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

#: How far past the article date a month-and-day without a year may lie before it is
#: taken to mean the previous year (scheduled events are rarely announced further ahead).
FUTURE_WINDOW_DAYS = 183

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"),
    ("mdy", rf"\b(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY})(?:,?\s+(?P<mdy_y>{_YEAR}))?\b"),
    ("dmy", rf"\b(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MON})(?:,?\s+(?P<dmy_y>{_YEAR}))?\b"),
    (
        "weekday",
        rf"\b(?:(?P<wd_mod>last|next|this|on|earlier|late|early|later)\s+)?(?:on\s+)?(?P<wd>{_WD})\b",
    ),
    ("relday", r"\b(?P<relday>yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening))\b"),
    (
        "ago",
        rf"\b(?P<ago_n>{_NUM})\s+(?P<ago_u>days?|weeks?|months?|years?)\s+(?P<ago_d>ago|earlier|later)\b",
    ),
    ("relperiod", r"\b(?P<rp_mod>last|this|next|past)\s+(?P<rp_u>week|month|year)\b"),
    (
        "relchain",
        r"\b(?P<rc>the (?:following|next|previous) day|the day (?:before|after)|a day (?:earlier|later))\b",
    ),
    (
        "month",
        rf"\b(?P<mo_pre>in|since|until|by|last|next|this|early|late|mid-?|during|of)\s+(?P<mo_m>{_MON})(?:\s+(?P<mo_y>{_YEAR}))?\b",
    ),
    ("year", rf"\b(?P<yr_pre>in|since|until|by|during|of|early|late|mid-?)\s+(?P<yr>{_YEAR})\b"),
]
_DATE_RE = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _PATTERNS), re.IGNORECASE)


def _kind(m: re.Match[str]) -> str:
    """Which pattern of :data:`_PATTERNS` matched."""
    return (m.lastgroup or "").removeprefix("k_")


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and what it resolves to.

    ``date`` is a day (``YYYY-MM-DD``) or None; ``period`` is a coarser ISO 8601 period
    (year ``2019``, month ``2019-03``, week ``2022-W04``) when the text gives no day.
    """

    start: int
    end: int
    text: str
    date: str | None = None
    period: str | None = None

    @property
    def resolved(self) -> bool:
        """Whether the expression resolved to a day or a period."""
        return self.date is not None or self.period is not None


def parse_iso(value: str | None) -> dt.date | None:
    """An ISO date string (its first 10 characters) as a date, or None when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR[word[:4] if word.startswith("sept") else word[:3]]


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _day_of(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _guess_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The month-and-day nearest before the anchor, or shortly after it (scheduled events)."""
    candidate = _day_of(anchor.year, month, day)
    if candidate is None:
        return None
    if (candidate - anchor).days > FUTURE_WINDOW_DAYS:
        return _day_of(anchor.year - 1, month, day)
    return candidate


def _weekday(name: str, anchor: dt.date, modifier: str, future: bool) -> dt.date:
    """The day a weekday name refers to, seen from the anchor date."""
    target = WEEKDAYS.index(name.lower())
    modifier = modifier.lower()
    if modifier == "next" or (future and modifier not in ("last", "earlier")):
        ahead = (target - anchor.weekday()) % 7
        return (
            anchor + dt.timedelta(days=ahead or 7)
            if modifier == "next"
            else anchor + dt.timedelta(days=ahead)
        )
    back = (anchor.weekday() - target) % 7
    if modifier == "last" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _resolve_match(
    m: re.Match[str], anchor: dt.date | None, reference: dt.date | None, future: bool
) -> tuple[dt.date | None, str | None]:
    """(day, period) of one regex match."""
    kind = _kind(m)
    g = m.group
    if kind == "iso":
        return parse_iso(g("iso")), None
    if kind in ("mdy", "dmy"):
        p = "mdy" if kind == "mdy" else "dmy"
        month = _month_number(g(f"{p}_m"))
        day = int(re.sub(r"\D", "", g(f"{p}_d")))
        if g(f"{p}_y"):
            return _day_of(int(g(f"{p}_y")), month, day), None
        return (_guess_year(month, day, anchor) if anchor else None), None
    if anchor is None:
        if kind == "year":
            return None, g("yr")
        if kind == "month" and g("mo_y"):
            return None, f"{g('mo_y')}-{_month_number(g('mo_m')):02d}"
        return None, None
    if kind == "weekday":
        return _weekday(g("wd"), anchor, g("wd_mod") or "", future), None
    if kind == "relday":
        word = g("relday").lower()
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return anchor + dt.timedelta(days=offset), None
    if kind == "ago":
        n = _number(g("ago_n"))
        unit = g("ago_u").lower().rstrip("s")
        sign = 1 if g("ago_d").lower() == "later" else -1
        base = reference if g("ago_d").lower() in ("earlier", "later") and reference else anchor
        if unit == "day":
            return base + dt.timedelta(days=sign * n), None
        if unit == "week":
            return None, _week(base + dt.timedelta(weeks=sign * n))
        if unit == "month":
            year, month = _shift_month(base, sign * n)
            return None, f"{year}-{month:02d}"
        return None, str(base.year + sign * n)
    if kind == "relchain":
        base = reference or anchor
        phrase = g("rc").lower()
        later = any(w in phrase for w in ("following", "next", "after", "later"))
        return base + dt.timedelta(days=1 if later else -1), None
    if kind == "relperiod":
        mod = g("rp_mod").lower()
        step = {"last": -1, "past": -1, "next": 1}.get(mod, 0)
        unit = g("rp_u").lower()
        if unit == "week":
            return None, _week(anchor + dt.timedelta(weeks=step))
        if unit == "month":
            year, month = _shift_month(anchor, step)
            return None, f"{year}-{month:02d}"
        return None, str(anchor.year + step)
    if kind == "month":
        month = _month_number(g("mo_m"))
        if g("mo_y"):
            return None, f"{g('mo_y')}-{month:02d}"
        pre = g("mo_pre").lower()
        year = anchor.year
        if pre == "last" or (pre != "next" and not future and month > anchor.month):
            year -= 1
        if pre == "next" and month <= anchor.month:
            year += 1
        return None, f"{year}-{month:02d}"
    if kind == "year":
        return None, g("yr")
    return None, None


def _plausible(m: re.Match[str], text: str) -> bool:
    """Reject matches that are not dates: the modal "may", a month word that is a verb."""
    kind = _kind(m)
    if kind == "month" and m.group("mo_m").lower() in ("may", "march") and not m.group("mo_m")[0].isupper():
        return False
    if kind == "mdy" and m.group("mdy_m").lower() == "may" and not m.group("mdy_m")[0].isupper():
        return False
    return not (kind == "weekday" and not m.group("wd")[0].isupper())


def find_dates(
    text: str,
    article_date: str | None,
    reference: str | None = None,
    future: bool = False,
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against the article date.

    ``reference`` is the date of the event being told just before (for "the following
    day", "two days earlier"); it defaults to the article date. ``future`` makes bare
    weekdays and months look forward (a clause in the future tense).
    """
    return resolve_matches(date_matches(text), article_date, reference, future)


#: A word every date expression contains: a month, a weekday, a year, a unit of time, a
#: relative day. The full pattern is only tried around these (it is slow to try everywhere).
#: Month names are whole words (every pattern ends a month at a word boundary), so that
#: "market", "decision" or "novel" start no search.
_ANCHOR_RE = re.compile(
    r"\b(?:\d{4}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|yesterday|today|tonight|tomorrow|morning|afternoon|evening|days?|weeks?"
    r"|months?|years?)\b)",
    re.IGNORECASE,
)
#: How far before and after an anchor word a date expression can reach.
_BEFORE, _AFTER = 40, 48


def date_matches(text: str) -> list[re.Match[str]]:
    """The date expressions of a text, unresolved: one pass over a whole article is cheaper
    than one per sentence, and :func:`resolve_matches` resolves any subset later.

    The full pattern runs only over stretches around anchor words, cut at spaces, which
    finds what a run over the whole text finds.
    """
    spans: list[list[int]] = []
    for anchor in _ANCHOR_RE.finditer(text):
        start = text.rfind(" ", 0, max(0, anchor.start() - _BEFORE)) + 1
        end = text.find(" ", min(len(text), anchor.end() + _AFTER))
        end = len(text) if end < 0 else end
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out: list[re.Match[str]] = []
    for start, end in spans:
        out.extend(m for m in _DATE_RE.finditer(text, start, end) if _plausible(m, text))
    return out


def resolve_matches(
    matches: list[re.Match[str]], article_date: str | None, reference: str | None = None, future: bool = False
) -> list[DateMention]:
    """Matches of :func:`date_matches` resolved (offsets stay those of the searched text)."""
    anchor = parse_iso(article_date)
    ref = parse_iso(reference) or anchor
    out = []
    for m in matches:
        day, period = _resolve_match(m, anchor, ref, future)
        out.append(DateMention(m.start(), m.end(), m.group(0), day.isoformat() if day else None, period))
    return out


def resolve_date(
    expression: str, article_date: str | None, reference: str | None = None, future: bool = False
) -> DateMention | None:
    """The first date expression in ``expression`` resolved, or None when there is none."""
    found = find_dates(expression, article_date, reference, future)
    return found[0] if found else None
