"""From bytes to text: byte-order marks, declared charsets, detection, and telling binary apart.

Readers decode input themselves (rather than leaving it to trafilatura or lxml) so that
every format gets the same rules and every failure the same clear reason:

1. a byte-order mark wins (UTF-8, UTF-16, UTF-32);
2. bytes that are not text (NUL bytes, known binary signatures) are refused;
3. valid UTF-8 is UTF-8, whatever a page declares: a Latin-1 text almost never forms valid
   multi-byte UTF-8 sequences, while pages that declare ``iso-8859-1`` but are UTF-8 are
   common (mis-configured servers, saved pages);
4. then the declared charset (HTTP header, ``<meta charset>``, XML declaration);
5. then Western European cp1252, when the text reads as such (the commonest legacy
   encoding, and one charset-normalizer often misses on short texts);
6. then charset-normalizer's detection, accepted only when the result reads as text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

#: Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Signatures of common binary formats, to name them in the failure reason.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data (only gzip is supported)"),
    (b"\xfd7zXZ\x00", "xz-compressed data (only gzip is supported)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data (only gzip is supported)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

#: Single-byte charsets that browsers read as windows-1252 (the WHATWG encoding standard).
_WINDOWS_1252_ALIASES = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "ascii", "us-ascii"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)

#: Share of characters that may be control or replacement characters in real text.
MAX_NON_TEXT_SHARE = 0.01


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark announces and the mark's length, or ``(None, 0)``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def binary_kind(data: bytes) -> str | None:
    """What a non-text input is ("a PDF document", "binary data"), or None for text.

    Only the first few kilobytes are inspected; UTF-16/32 text (which has NUL bytes) must
    be recognised by its byte-order mark or :func:`utf16_without_bom` first.
    """
    for signature, name in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    if b"\x00" in data[:8192]:
        return "binary data (contains NUL bytes)"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes look like UTF-16 text without a mark, else None.

    Latin-script UTF-16 has a NUL in every other byte; binary data has NULs anywhere.
    """
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of an HTTP ``Content-Type`` header, lower-cased."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return match.group(1).lower() if match else None


def _python_codec(charset: str | None) -> str | None:
    """The Python codec for a declared charset name, or None when Python does not know it."""
    if not charset:
        return None
    if charset.lower() in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def looks_like_text(text: str) -> bool:
    """Whether decoded text reads as text: few control and replacement characters."""
    if not text:
        return True
    sample = text[:20000]
    bad = sum(
        1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    )
    return bad <= MAX_NON_TEXT_SHARE * len(sample)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a damaged character), decoded with replacements.

    Real UTF-8 with a stray byte has many valid multi-byte characters and few errors; a
    Latin-1 or cp1252 text has no valid multi-byte characters at all.
    """
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - errors
    if multibyte > 0 and errors * 10 <= multibyte:
        return text
    return None


_CP1252_PUNCTUATION = frozenset(
    "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u20ac\u00a0\u00ab\u00bb\u00b0\u00a3\u00a9\u00ae\u2022"
)


def _western(data: bytes) -> str | None:
    """cp1252 text when the bytes read as a Western European text in it, else None.

    charset-normalizer is unreliable on short texts (it reads French "café" as Baltic cp775).
    A Western text in cp1252 is mostly ASCII, with accented Latin letters inside words and
    typographic quotes; Cyrillic or Greek read as cp1252 turns nearly every letter into an
    accented one, and is left to the detector.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = non_ascii_letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ord(ch) > 0x7F:
                if not 0xC0 <= ord(ch) <= 0xFF:
                    return None
                non_ascii_letters += 1
        elif ord(ch) > 0x7F and ch not in _CP1252_PUNCTUATION:
            return None
    if letters and non_ascii_letters <= 0.3 * letters and looks_like_text(text):
        return text
    return None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's reading of the bytes, if it reads as text.

    On short Western texts several single-byte code pages tie (cp1250 and cp1252 read
    "Café" alike but differ on "naïve"); the tie goes to cp1252, by far the most common.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    text = str(best)
    return text if looks_like_text(text) else None


def _decode_with(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        if codec == "cp1252":  # bytes 0x81, 0x8d, ... are undefined in cp1252 but valid Latin-1
            return data.decode("latin-1")
        return None


def decode_bytes(data: bytes, path: str, declared: str | None = None, sniff_meta: bool = False) -> str:
    """The text of ``data``; raises :class:`InputError` with a one-line reason when it is not text.

    ``declared`` is a charset from outside the bytes (an HTTP header); ``sniff_meta`` also
    looks for a charset the bytes declare themselves (HTML ``<meta>``, XML declaration).
    """
    encoding, skip = bom_encoding(data)
    if encoding:
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"invalid {encoding} text after its byte-order mark ({exc.reason})"
            ) from None
    utf16 = utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16:
        text = _decode_with(data, utf16)
        if text is not None and looks_like_text(text):
            return text
    kind = binary_kind(data)
    if kind:
        raise InputError(path, f"not text: {kind}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    codec = _python_codec(declared) or (_python_codec(declared_charset(data)) if sniff_meta else None)
    if codec:
        text = _decode_with(data, codec)
        if text is not None and looks_like_text(text):
            return text
    detected = _western(data) or _detect(data)
    if detected is not None:
        return detected
    raise InputError(path, "not valid UTF-8, and its encoding could not be detected")


def decode_head(data: bytes) -> str:
    """A best-effort decoding of an input's first bytes, only to sniff its format."""
    encoding, skip = bom_encoding(data)
    if not encoding and b"\x00" in data[:4096]:
        encoding = utf16_without_bom(data)
    if encoding and encoding.startswith("utf-16"):
        data = data[skip : skip + (len(data) - skip) // 2 * 2]
    elif encoding and encoding.startswith("utf-32"):
        data = data[skip : skip + (len(data) - skip) // 4 * 4]
    else:
        data = data[skip:]
    return data.decode(encoding or "utf-8", errors="replace")
