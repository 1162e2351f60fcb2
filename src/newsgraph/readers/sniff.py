"""Which reader an input needs, judged from its first bytes (the extension is only a hint).

Saved pages are often named ``.txt`` or nothing at all, JSON Lines come as ``.json``,
``.txt`` or from standard input, and WARC files are renamed: content is the reliable
signal. The extension decides only what content cannot (see :func:`sniff_format`).
"""

from __future__ import annotations

import re
from typing import Literal

from .decode import decode_head

Format = Literal["warc", "jsonl", "json", "html", "text"]

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"

#: How many bytes of an input are looked at to choose its reader.
HEAD_BYTES = 65536

_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|article|section|main"
    r"|header|nav|table|h[1-6]|span|a\s|!--|\?xml[^>]*>\s*<(?:!doctype\s+html|html))",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html[\s>]|body[\s>]|head>)", re.IGNORECASE)
#: A JSON object or array of objects starts so; prose that opens with a brace does not.
_JSON_OBJECT_START = re.compile(r'\{\s*(?:"|\}|$)')
_JSON_ARRAY_START = re.compile(r"\[\s*(?:\{|\]|$)")
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


def is_gzip(head: bytes) -> bool:
    """Whether the bytes start a gzip stream."""
    return head.startswith(GZIP_MAGIC)


def sniff_format(head: bytes, name: str = "") -> Format:
    """The format of an input from its first bytes (already decompressed) and its name.

    - ``WARC/`` at the start: a WARC file.
    - ``{"`` (or ``{`` alone on the first line): JSON Lines (one object per line; a single
      pretty-printed object is recognised by the JSON Lines reader itself).
    - ``[{`` (or ``[`` alone): a JSON array of article objects.
    - an HTML start tag or doctype at the start, or ``<html``/``<body`` early on: HTML.
    - otherwise plain text; a name ending in ``.html`` makes text with tags HTML too.
    """
    if head.startswith(WARC_MAGIC):
        return "warc"
    text = decode_head(head[:HEAD_BYTES]).lstrip("\ufeff \t\r\n")
    if _JSON_OBJECT_START.match(text):
        return "jsonl"
    if _JSON_ARRAY_START.match(text):
        return "json"
    if _HTML_START.match(text) or _HTML_ANYWHERE.search(text[:4096]):
        return "html"
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith(_HTML_EXTENSIONS) and "<" in text and ">" in text:
        return "html"
    return "text"
