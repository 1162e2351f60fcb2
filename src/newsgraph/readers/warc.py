"""WARC and WARC.GZ files (e.g. Common Crawl news) through FastWARC.

HTML response records (HTTP 2xx) and HTML resource records become articles: the URL comes
from ``WARC-Target-URI``, the charset from the HTTP ``Content-Type`` header, and the crawl
date from ``WARC-Date`` (the fallback when the page gives no publication date). Every
other record (requests, metadata, redirects, PDFs, ...) is skipped with a reason, so it is
counted. Record N of the file has the path ``file#N`` (all records counted, 1-based).

FastWARC stops quietly at damaged or truncated data, so the end of the file is checked
here: a truncated file yields the records before the damage and one :class:`ReadFailure`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import RawArticle, ReadFailure, ReadSkip
from .decode import charset_from_content_type, decode_bytes
from .html import parse_html
from .sniff import GZIP_MAGIC, HEAD_BYTES, sniff_format

FORMAT = "warc"

ReadResult = RawArticle | ReadFailure | ReadSkip

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_START = re.compile(rb"(?:^|\r?\n)WARC/\d\.\d\r?\n")
#: Largest tail of a file re-read to check that its last record is complete.
_TAIL_CHECK_LIMIT = 64 << 20


def _content_type(record: Any) -> str:
    if record.is_http:
        value = record.http_content_type or ""
        if not value and record.http_headers is not None:
            value = record.http_headers.get("Content-Type") or ""
    else:
        value = record.headers.get("Content-Type") or ""
    return str(value).split(";")[0].strip().lower()


def _crawl_date(record: Any) -> str | None:
    value = record.headers.get("WARC-Date") or ""
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    return match.group(0) if match else None


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article, or None when it is an HTML page to read."""
    kind = record.headers.get("WARC-Type") or "unknown"
    if kind not in ("response", "resource"):
        return f"WARC {kind} record"
    if kind == "response" and not record.is_http:
        return "WARC response record without HTTP headers"
    if record.is_http and record.http_headers is not None:
        status = record.http_headers.status_code
        if status is not None and not 200 <= int(status) < 300:
            return f"HTTP status {status}"
    content_type = _content_type(record)
    if content_type and not content_type.startswith(_HTML_TYPES):
        return f"not HTML ({content_type})"
    return None


def _incomplete_tail(stream: BinaryIO, position: int, declared_length: int | None) -> bool:
    """Whether the bytes from the last record's start hold anything but one complete record."""
    stream.seek(position)
    data = stream.read(_TAIL_CHECK_LIMIT)
    if len(data) >= _TAIL_CHECK_LIMIT:
        return False  # too large to check cheaply; FastWARC's own length check still applies
    if data.startswith(GZIP_MAGIC):
        members: list[bytes] = []
        while data:
            decompressor = zlib.decompressobj(wbits=31)
            try:
                members.append(decompressor.decompress(data))
            except zlib.error:
                return True
            if not decompressor.eof:
                return True
            data = decompressor.unused_data.lstrip(b"\x00")
        data = b"".join(members)
    header_end = data.find(b"\r\n\r\n")
    if header_end < 0:
        return True
    match = re.search(rb"(?im)^content-length:\s*(\d+)", data[:header_end])
    length = int(match.group(1)) if match else declared_length
    if length is None:
        return False
    end = header_end + 4 + length
    return len(data) < end or bool(_RECORD_START.search(data[end:]))


def read_warc(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles (and skips) of a WARC or WARC.GZ stream, in record order."""
    from fastwarc.warc import ArchiveIterator

    stream.seek(0)
    number = 0
    last_position: int | None = None
    last_length: int | None = None
    try:
        for record in ArchiveIterator(stream, parse_http=True):
            number += 1
            where = f"{path}#{number}"
            last_position = int(record.stream_pos)
            raw_length = record.headers.get("Content-Length")
            last_length = int(raw_length) if raw_length and str(raw_length).isdigit() else None
            reason = _skip_reason(record)
            if reason:
                record.reader.consume()
                yield ReadSkip(where, reason)
                continue
            expected = int(record.content_length)
            if expected > max_bytes:
                record.reader.consume()
                yield ReadFailure(where, f"record is larger than the {max_bytes // 1_000_000} MB limit")
                continue
            payload = record.reader.read()
            if len(payload) < expected:
                yield ReadFailure(path, f"truncated or damaged WARC file: record {number} is incomplete")
                return
            yield _article(record, payload, where)
    except (OSError, ValueError) as exc:
        yield ReadFailure(path, f"damaged WARC file after record {number} ({exc})")
        return
    if last_position is None:
        yield ReadFailure(path, "no WARC record could be read (damaged or truncated file)")
        return
    try:
        damaged = _incomplete_tail(stream, last_position, last_length)
    except OSError:
        damaged = False
    if damaged:
        yield ReadFailure(path, f"truncated or damaged WARC file after record {number}")


def _article(record: Any, payload: bytes, where: str) -> ReadResult:
    if not _content_type(record) and sniff_format(payload[:HEAD_BYTES]) != "html":
        return ReadSkip(where, "not HTML (no Content-Type, and the payload is not HTML)")
    url = record.headers.get("WARC-Target-URI") or None
    charset = charset_from_content_type(record.http_content_type if record.is_http else None)
    if record.is_http and record.http_charset:
        charset = str(record.http_charset)
    try:
        if not payload.strip():
            raise InputError(where, "empty HTML response")
        html = decode_bytes(payload, where, declared=charset, sniff_meta=True)
        raw = parse_html(html, where, url=str(url) if url else None, crawl_date=_crawl_date(record))
    except InputError as exc:
        return ReadFailure(exc.path, exc.reason)
    raw.format = FORMAT
    return raw
