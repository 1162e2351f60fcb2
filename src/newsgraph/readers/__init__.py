"""Readers: from paths (files, directories, ``-``) to :class:`RawArticle` records.

The reader is chosen by sniffing the content, not only the extension: text dumps and plain
text (:mod:`.textdump`), HTML pages (:mod:`.html`), JSON Lines (:mod:`.jsonl`), WARC and
WARC.GZ (:mod:`.warc`), each possibly gzip-compressed. A reader never raises for bad input:
it yields :class:`ReadFailure` (named input, one-line reason) or :class:`ReadSkip` and the
batch goes on.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..model import ReadFailure
from .inputs import DEFAULT_MAX_BYTES, ReadResult, guarded, has_words, read_paths, read_stream, too_large
from .textdump import parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadResult",
    "read_bytes",
    "read_paths",
    "read_text",
]


def read_text(text: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """The article of a text given directly (``newsgraph extract --text``), read as plain text."""
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        yield too_large(path, max_bytes)
        return
    if not text.strip():
        yield ReadFailure(path, "empty input")
        return
    raw = parse_text(text, path)
    if not has_words(raw.paragraphs):
        yield ReadFailure(path, "no article text")
        return
    yield raw


def read_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of one input given as bytes; the reader is chosen by sniffing ``data``."""
    yield from guarded(read_stream(io.BytesIO(data), path, max_bytes), path)
