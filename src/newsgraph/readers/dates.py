"""Dates as news pages and dumps write them, turned into ISO ``YYYY-MM-DD`` strings.

Regular expressions rather than ``strptime`` so that the result does not depend on the
process locale, and so that the common variants ("Jan. 28, 2022", "Sept. 5 2019",
"Friday, 28 January 2022", "2022-01-28T10:15:00Z", "Updated: January 28, 2022 10:15 AM")
are all accepted by one small grammar.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PREFIX = r"(?:(?:published|posted|updated|last\s+updated|date|dated|on)\s*:?\s+)?"
_TIME = r"(?:\s*(?:[,|\-–—@]|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2}|\s*Z)?)?"

_DATE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # January 28, 2022 / Jan. 28 2022 / Friday, January 28, 2022
        rf"{_PREFIX}{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}",
        # 28 January 2022 / Friday 28 Jan. 2022 / 28th of January, 2022
        rf"{_PREFIX}{_WEEKDAY}?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}{_TIME}",
        # 2022-01-28 / 2022/01/28 / 2022-01-28T10:15:00Z
        rf"{_PREFIX}{_YEAR}[-/.](?P<month_num>[01]?\d)[-/.]{_DAY}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}",
    )
]


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower()) or int(groups.get("month_num") or 0)
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except (TypeError, ValueError):
        return None


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that holds only a date (optionally with a time), else None.

    Used to recognise the date line of a text dump: a line that merely *contains* a date
    ("The talks on January 28, 2022 failed.") is body text, not a date line.
    """
    candidate = line.strip().strip("()[]").strip()
    if not candidate or len(candidate) > 80:
        return None
    candidate = candidate.rstrip(".")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(candidate)
        if match:
            return _to_iso(match)
    return None


def normalise_date(value: object) -> str | None:
    """ISO date of a date given as metadata (a JSON field, a WARC header), else None.

    Accepts whatever :func:`parse_date_line` accepts, plus values that *start* with an ISO
    date such as ``2022-01-28T10:15:00+03:00``.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = re.match(r"((?:1[89]|20)\d\d)-([01]\d)-([0-3]\d)", text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            return None
    return parse_date_line(text)
