"""From what the user named (files, directories, ``-``) to streams, and from streams to readers.

Each input is opened once as a seekable binary stream (standard input is spooled to a
temporary file first), un-gzipped when its first bytes say so, sniffed, and handed to the
reader its content needs. Multi-record formats (JSON Lines, WARC) are streamed record by
record; single-record formats (text, HTML) are read whole, but never beyond the size limit,
so a huge file costs at most the limit in memory, once.
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import RawArticle, ReadFailure, ReadSkip
from .decode import decode_bytes
from .html import parse_html
from .jsonl import read_json_array, read_jsonl
from .sniff import HEAD_BYTES, WARC_MAGIC, Format, is_gzip, sniff_format
from .textdump import parse_text
from .warc import read_warc

ReadResult = RawArticle | ReadFailure | ReadSkip

#: Largest article (a text or HTML file, a JSON line, a WARC record) read, in bytes.
DEFAULT_MAX_BYTES = 20_000_000

#: File names read when found in a directory (after removing ``.gz``); other files are
#: skipped with a reason (a corpus folder's README.md or MANIFEST.tsv is not an article).
#: Files named explicitly are always read, whatever their name.
ARTICLE_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".htm",
        ".html",
        ".xhtml",
        ".shtml",
        ".jsonl",
        ".ndjson",
        ".jsonlines",
        ".json",
        ".warc",
    }
)

_SPOOL_MEMORY_BYTES = 8 << 20
_COPY_CHUNK = 1 << 20


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n} bytes"


def too_large(path: str, max_bytes: int) -> ReadFailure:
    """The failure for an input over the size limit."""
    return ReadFailure(path, f"larger than the {_megabytes(max_bytes)} input limit; skipped")


def has_words(paragraphs: list[str]) -> bool:
    """Whether the paragraphs hold any letter or digit (an article, not just punctuation or tags)."""
    return any(ch.isalnum() for p in paragraphs for ch in p)


def parse_document(data: bytes, path: str, fmt: Format) -> RawArticle:
    """One text or HTML article from its bytes; :class:`InputError` when it holds no article."""
    if fmt == "html":
        html = decode_bytes(data, path, sniff_meta=True)
        if not html.strip():
            raise InputError(path, "empty file")
        raw = parse_html(html, path)
    else:
        text = decode_bytes(data, path)
        if not text.strip():
            raise InputError(path, "empty file (only white space)")
        raw = parse_text(text, path)
    if not has_words(raw.paragraphs):
        raise InputError(path, "no article text (only a title, date or links)")
    return raw


def _read_limited(stream: BinaryIO, path: str, max_bytes: int) -> bytes | ReadFailure:
    try:
        data = stream.read(max_bytes + 1)
    except (EOFError, OSError, zlib.error) as exc:
        return ReadFailure(path, f"damaged or truncated gzip data ({exc})")
    if len(data) > max_bytes:
        return too_large(path, max_bytes)
    return data


def gunzip_head(data: bytes) -> bytes | None:
    """The first decompressed bytes of gzip data, however it ends (None when it is not gzip).

    Only to sniff the content: a truncated file still shows what it holds, and the reader
    reports the damage where it meets it.
    """
    out = b""
    while data and len(out) < HEAD_BYTES:
        decompressor = zlib.decompressobj(wbits=31)
        try:
            out += decompressor.decompress(data, HEAD_BYTES - len(out))
        except zlib.error:
            return out or None
        if not decompressor.eof:
            break
        data = decompressor.unused_data
    return out


def read_stream(raw: BinaryIO, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of one seekable binary stream, its reader chosen by sniffing its content."""
    head = raw.read(HEAD_BYTES)
    if not head:
        yield ReadFailure(path, "empty file")
        return
    stream: BinaryIO = raw
    compressed = is_gzip(head)
    if compressed:
        unzipped = gunzip_head(head)
        if unzipped is None:
            yield ReadFailure(path, "damaged gzip data (cannot be decompressed)")
            return
        head = unzipped
        if not head:
            yield ReadFailure(path, "empty file (gzip holds no data)")
            return
        if not head.startswith(WARC_MAGIC):  # FastWARC reads gzip members itself
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    stream.seek(0)
    fmt = sniff_format(head, path)
    if fmt == "warc":
        yield from read_warc(stream, path, max_bytes)
    elif fmt == "jsonl":
        yield from read_jsonl(stream, path, max_bytes)
    elif fmt == "json":
        yield from read_json_array(stream, path, max_bytes)
    else:
        if not compressed and _size(raw) > max_bytes:
            yield too_large(path, max_bytes)
            return
        data = _read_limited(stream, path, max_bytes)
        if isinstance(data, ReadFailure):
            yield data
            return
        try:
            yield parse_document(data, path, fmt)
        except InputError as exc:
            yield ReadFailure(exc.path, exc.reason)


def _size(stream: BinaryIO) -> int:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return 0


def read_file(file: Path, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of one file; ``path`` is how the file is named in results."""
    try:
        stream = open(file, "rb")  # noqa: SIM115 - closed below, after the generator is done
    except FileNotFoundError:
        yield ReadFailure(path, "no such file or directory")
        return
    except IsADirectoryError:
        yield ReadFailure(path, "is a directory")
        return
    except OSError as exc:
        yield ReadFailure(path, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        if stream.seekable():
            yield from read_stream(stream, path, max_bytes)
        else:  # a named pipe, or process substitution: <(zcat news.jsonl.gz)
            yield from read_spooled(stream, path, max_bytes)


def read_spooled(source: BinaryIO, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of a stream that cannot seek, copied to a temporary file first.

    Sniffing reads the first bytes twice and WARC damage checks re-read the tail, so the
    stream is spooled (in memory up to a few megabytes, then on disk).
    """
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY_BYTES) as spool:
        while chunk := source.read(_COPY_CHUNK):
            spool.write(chunk)
        spool.seek(0)
        yield from read_stream(spool, path, max_bytes)  # type: ignore[arg-type]


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of standard input (``-``), sniffed like a file."""
    yield from read_spooled(sys.stdin.buffer, "-", max_bytes)


def is_article_name(name: str) -> bool:
    """Whether a file found in a directory is read (see :data:`ARTICLE_SUFFIXES`)."""
    lowered = name.lower().removesuffix(".gz")
    suffix = os.path.splitext(lowered)[1]
    if " " in suffix or len(suffix) > 11:  # "Putin Says U.S. Ignored" has no real extension
        suffix = ""
    return suffix in ARTICLE_SUFFIXES


def iter_directory(root: Path) -> Iterator[Path | ReadFailure | ReadSkip]:
    """Files under ``root`` in sorted order (depth first), hidden entries left out.

    Symbolic links are followed, but a directory already visited (a link loop, or two
    links to one folder) is not entered again.
    """
    visited: set[tuple[int, int]] = set()

    def entries(directory: Path) -> Iterator[os.DirEntry[str]] | ReadFailure | None:
        try:
            info = directory.stat()
        except OSError as exc:
            return ReadFailure(str(directory), f"cannot read directory: {exc.strerror or exc}")
        key = (info.st_dev, info.st_ino)
        if key in visited:
            return None
        visited.add(key)
        try:
            with os.scandir(directory) as scan:
                listing = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            return ReadFailure(str(directory), f"cannot read directory: {exc.strerror or exc}")
        return iter(listing)

    first = entries(root)
    if isinstance(first, ReadFailure):
        yield first
        return
    stack: list[Iterator[os.DirEntry[str]]] = [first] if first is not None else []
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        full = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            listing = entries(full)
            if isinstance(listing, ReadFailure):
                yield listing
            elif listing is not None:
                stack.append(listing)
            continue
        if entry.is_symlink() and not full.exists():
            yield ReadFailure(str(full), "broken symbolic link")
        elif not entry.is_file():
            yield ReadSkip(str(full), "not a regular file")
        elif not is_article_name(entry.name):
            kind = os.path.splitext(entry.name.lower().removesuffix(".gz"))[1]
            yield ReadSkip(str(full), f"not an article file type ({kind}); name the file itself to read it")
        else:
            yield full


def guarded(results: Iterator[ReadResult], path: str) -> Iterator[ReadResult]:
    """Yield from a reader; a bug in it becomes a failure of this input, not of the batch."""
    try:
        yield from results
    except Exception as exc:  # the batch must go on; the reason names the error for a bug report
        yield ReadFailure(path, f"internal error while reading ({type(exc).__name__}: {exc})")


def read_paths(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every record of every input, in input order; directories are read recursively."""
    for given in paths:
        if given == "-":
            yield from guarded(read_stdin(max_bytes), "-")
            continue
        root = Path(given)
        if root.is_dir():
            for item in iter_directory(root):
                if isinstance(item, Path):
                    yield from guarded(read_file(item, str(item), max_bytes), str(item))
                else:
                    yield item
        elif not root.exists():
            reason = "broken symbolic link" if root.is_symlink() else "no such file or directory"
            yield ReadFailure(given, reason)
        else:
            yield from guarded(read_file(root, given, max_bytes), given)
