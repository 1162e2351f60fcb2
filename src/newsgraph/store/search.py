"""Turning what a user types into a safe FTS5 query.

FTS5 has its own query language (``AND``, ``OR``, ``NOT``, ``NEAR``, parentheses, column
filters, ``*``, ``^``), and a stray quote or bracket in a user's query is a syntax error.
Users type words, so every word becomes a quoted FTS5 string and the query matches articles
that contain all of them; text inside double quotes stays together as a phrase. Nothing the
user types can reach FTS5 as an operator, and the query string is always a bound parameter.
"""

from __future__ import annotations

import re

_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w+")


def _quoted(words: list[str]) -> str:
    # Words are \w+ runs, so they never contain a double quote; quoting makes them literal.
    return '"' + " ".join(words) + '"'


def fts_query(user_query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None when it has no words to look for.

    ``Iran sanctions`` -> ``"Iran" "sanctions"`` (both words); ``"foreign powers" Gulf`` ->
    ``"foreign powers" "Gulf"`` (a phrase and a word); ``OR (`` -> ``"OR"`` (the word "or").
    """
    parts: list[str] = []
    for match in _PART.finditer(user_query):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append(_quoted(words))
        else:
            parts.extend(_quoted([word]) for word in _WORD.findall(bare))
    return " ".join(parts) if parts else None
