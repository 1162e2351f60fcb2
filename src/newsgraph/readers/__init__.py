"""Readers: from paths (files, directories, ``-``) to :class:`RawArticle` records.

The reader is chosen by sniffing the content, not only the extension. A reader never
raises for bad input: it yields :class:`ReadFailure` (named input, one-line reason) or
:class:`ReadSkip` and the batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import RawArticle, ReadFailure, ReadSkip
from . import textdump

ReadResult = RawArticle | ReadFailure | ReadSkip


def _iter_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for root, dirs, files in os.walk(path, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name
    else:
        yield path


def read_text(text: str, path: str) -> Iterator[ReadResult]:
    """Records of an input already decoded to text (``--text``, tests)."""
    if not text.strip():
        yield ReadFailure(path, "empty input")
        return
    yield from textdump.read_text(text, path)


def read_bytes(data: bytes, path: str) -> Iterator[ReadResult]:
    """Records of one input given as bytes; the reader is chosen by sniffing ``data``."""
    if not data.strip():
        yield ReadFailure(path, "empty input")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield ReadFailure(path, "not valid UTF-8 text")
        return
    yield from textdump.read_text(text, path)


def read_paths(paths: Iterable[str]) -> Iterator[ReadResult]:
    """Every record of every input, in input order; directories are read recursively."""
    for given in paths:
        if given == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "-")
            continue
        root = Path(given)
        if not root.exists():
            yield ReadFailure(given, "no such file or directory")
            continue
        for file in _iter_files(root):
            try:
                data = file.read_bytes()
            except OSError as exc:
                yield ReadFailure(str(file), f"cannot read: {exc.strerror or exc}")
                continue
            yield from read_bytes(data, str(file))
