"""JSON Lines of articles: one object per line with ``text`` or ``html``, and metadata.

Fields: ``text`` or ``html`` (required, one of them), and optionally ``id``, ``title``,
``date``, ``url``, ``source``, ``authors`` (list) or ``author`` (string). A record's path is
the file's path with ``#N`` appended, N being the line number: it names the record in the
file and is the same N a broken line is reported with. A broken or oversized line is
reported and skipped; the lines after it are still read.

A file that holds one pretty-printed JSON object, or a JSON array of such objects, is read
too (``.json`` exports are often written that way).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import RawArticle, ReadFailure, ReadSkip
from .dates import normalise_date
from .html import parse_html
from .textdump import split_paragraphs

FORMAT = "jsonl"

ReadResult = RawArticle | ReadFailure | ReadSkip

_CHUNK = 1 << 20


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "id":
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _authors(record: dict[str, Any]) -> list[str]:
    authors = record.get("authors")
    if isinstance(authors, list):
        return [a.strip() for a in authors if isinstance(a, str) and a.strip()]
    if isinstance(authors, str):
        authors_text: str | None = authors
    else:
        authors_text = _string(record, "author")
    return [a.strip() for a in (authors_text or "").split(";") if a.strip()]


def article_from_record(record: object, path: str) -> RawArticle:
    """The article of one JSON record; :class:`InputError` when it holds none.

    The record's own fields win over what is found in its HTML: they are what the
    producer of the file knew about the article.
    """
    if not isinstance(record, dict):
        raise InputError(path, f"a JSON {type(record).__name__} where an object was expected")
    text = record.get("text")
    html = record.get("html")
    url = _string(record, "url")
    if isinstance(text, str) and text.strip():
        raw = RawArticle(path=path, format=FORMAT, paragraphs=split_paragraphs(text))
    elif isinstance(html, str) and html.strip():
        raw = parse_html(html, path, url=url)
        raw.format = FORMAT
    else:
        raise InputError(path, "record has no 'text' or 'html' string")
    if not any(p.strip() for p in raw.paragraphs):
        raise InputError(path, "record has no article text")
    raw.record_id = _string(record, "id")
    raw.title = _string(record, "title") or raw.title
    raw.date = normalise_date(record.get("date")) or raw.date
    raw.url = url or raw.url
    raw.source = _string(record, "source") or raw.source
    raw.authors = _authors(record) or raw.authors
    return raw


def _record_result(record: object, path: str) -> ReadResult:
    try:
        return article_from_record(record, path)
    except InputError as exc:
        return ReadFailure(exc.path, exc.reason)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _whole_document(stream: BinaryIO, path: str, max_bytes: int) -> list[ReadResult] | None:
    """Records of a file that is one JSON document (object or array), or None if it is not."""
    stream.seek(0)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if isinstance(document, dict):
        return [_record_result(document, path)]
    if isinstance(document, list):
        if not document:
            return [ReadFailure(path, "empty JSON array")]
        return [_record_result(item, f"{path}#{n}") for n, item in enumerate(document, start=1)]
    return None


def read_json_array(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles of a file holding a JSON array of article objects (``path#N`` per item)."""
    records = _whole_document(stream, path, max_bytes)
    if records is None:
        yield ReadFailure(path, f"not a JSON array of articles (or larger than {max_bytes // 1_000_000} MB)")
        return
    yield from records


def read_jsonl(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles of a JSON Lines stream, one per line, in order; broken lines are reported."""
    line_number = 0
    first_record_seen = False
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (EOFError, OSError) as exc:
            yield ReadFailure(path, f"damaged or truncated compressed data after line {line_number} ({exc})")
            return
        if not line:
            return
        line_number += 1
        where = f"{path}#{line_number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield ReadFailure(
                where, f"line {line_number} is larger than the {max_bytes // 1_000_000} MB limit"
            )
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8-sig" if line_number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield ReadFailure(where, f"line {line_number} is not valid UTF-8")
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            incomplete = isinstance(exc, json.JSONDecodeError) and exc.pos >= len(line.rstrip())
            if not first_record_seen and line_number == 1 and incomplete:
                # A first line that is only the start of an object: a pretty-printed document.
                whole = _whole_document(stream, path, max_bytes)
                if whole is not None:
                    yield from whole
                    return
                stream.seek(len(line))
            # json says "Unterminated string starting at", "Invalid control character at": the column follows.
            reason = (
                exc.msg.removesuffix(" at") if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            )
            column = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
            yield ReadFailure(where, f"line {line_number}: invalid JSON ({reason}{column})")
            continue
        first_record_seen = True
        yield _record_result(record, where)
