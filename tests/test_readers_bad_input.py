"""Bad and unusual input: each gets a clear one-line reason (or is read correctly), and the batch goes on."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys

import pytest

from newsgraph.clean import make_article
from newsgraph.model import RawArticle, ReadFailure, ReadSkip
from newsgraph.readers import read_bytes, read_paths, read_text

STORY = (
    "Rescue Teams Reach Flooded Villages\n\n"
    "Rescue teams reached three flooded villages on Sunday, the regional governor said.\n\n"
    "More than 400 people were moved to shelters, and the army sent boats and helicopters.\n"
)
FRENCH = (
    "Le gouvernement a annoncé lundi une nouvelle réforme des retraites, qui sera présentée au "
    "Parlement la semaine prochaine. Les syndicats ont appelé à une grève générale jeudi."
)
CAFE = "Le café du marché a rouvert, a déclaré le maire à la presse locale mercredi matin."


def failure_of(data: bytes, path: str = "input") -> ReadFailure:
    results = list(read_bytes(data, path))
    assert len(results) == 1
    (result,) = results
    assert isinstance(result, ReadFailure), result
    assert result.path == path
    assert result.reason and "\n" not in result.reason and "Traceback" not in result.reason
    return result


def text_of(data: bytes, path: str = "input") -> str:
    (result,) = list(read_bytes(data, path))
    assert isinstance(result, RawArticle), result
    return make_article(result).text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t \r\n", "empty"),
        (codecs.BOM_UTF8 + b"\n\n", "empty"),
        (gzip.compress(b""), "gzip holds no data"),
        (gzip.compress(STORY.encode() * 50)[:60], "truncated gzip"),
        (b"\x1f\x8b\x08\x00garbage-that-is-not-deflate" * 3, "gzip"),
        (os.urandom(64) + b"\x00\x01\x02\x00" * 50, "not text: binary data"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (bytes(range(128, 256)) * 20, "encoding could not be detected"),
        (b"<html><head><title>Only a title</title></head></html>", "no article text"),
        (b"Headline\n\nJanuary 5, 2021\n\nOriginal url: https://example.org/a\n", "no article text"),
        (b"<p>  </p><div>&nbsp;</div>", "no article text"),
    ],
)
def test_unreadable_input_gets_a_one_line_reason(data, reason):
    assert reason in failure_of(data).reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CAFE.encode("latin-1"), CAFE),  # invalid UTF-8: detected as Latin-1/cp1252
        (CAFE.encode("cp1252").replace(b"caf\xe9", b"caf\xe9 \x93quoted\x94"), "café “quoted”"),
        (CAFE.encode("utf-8").replace("é".encode(), b"\xe9", 1), "du march"),  # one broken byte in UTF-8
        (codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), CAFE),
        (codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), CAFE),
        (CAFE.encode("utf-16-le"), CAFE),  # no byte-order mark
        (codecs.BOM_UTF32_LE + CAFE.encode("utf-32-le"), CAFE),
        (codecs.BOM_UTF8 + CAFE.encode("utf-8"), CAFE),
        (
            f"<html><head><meta charset='ISO-8859-1'></head><body><article><p>{CAFE} {CAFE}</p></article></body></html>".encode(
                "latin-1"
            ),
            CAFE,
        ),
    ],
)
def test_other_encodings_are_read_correctly(data, expected):
    text = text_of(data)
    assert expected in text
    assert "\ufffd" not in text.replace("march\ufffd", "")  # only the one broken byte may be lost


def test_utf16_text_dump_keeps_its_layout():
    dump = (
        "\n\nFlood Relief Arrives\n\nMarch 3, 2021\n\n"
        + STORY.split("\n\n", 1)[1]
        + "\nOriginal url: https://example.org/f\n"
    )
    (raw,) = list(read_bytes(dump.encode("utf-16"), "f.txt"))
    article = make_article(raw)
    assert (article.title, article.date, article.url) == (
        "Flood Relief Arrives",
        "2021-03-03",
        "https://example.org/f",
    )


def test_non_english_article_is_read_with_its_language():
    article = make_article(next(iter(read_bytes(FRENCH.encode(), "fr.txt"))))
    assert article.language == "fr"
    assert article.text == FRENCH


@pytest.mark.parametrize("compress", [False, True])
def test_input_over_the_size_limit_is_skipped_with_a_reason(tmp_path, compress):
    data = STORY.encode() * 200
    path = tmp_path / ("big.txt.gz" if compress else "big.txt")
    path.write_bytes(gzip.compress(data) if compress else data)
    (result,) = list(read_paths([str(path)], max_bytes=len(data) - 1))
    assert isinstance(result, ReadFailure) and "limit" in result.reason
    (ok,) = list(read_paths([str(path)], max_bytes=len(data)))
    assert isinstance(ok, RawArticle)


def test_text_over_the_size_limit():
    (result,) = list(read_text("word " * 100, "<text>", max_bytes=100))
    assert isinstance(result, ReadFailure) and "limit" in result.reason


def test_missing_path_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    missing = tmp_path / "missing.txt"
    results = list(read_paths([str(missing), str(empty), str(binary), str(good)]))
    assert [(type(r).__name__, r.path) for r in results] == [
        ("ReadFailure", str(missing)),
        ("ReadFailure", str(empty)),
        ("ReadFailure", str(binary)),
        ("RawArticle", str(good)),
    ]
    assert results[0].reason == "no such file or directory"


def test_a_bug_in_a_reader_fails_that_input_only(tmp_path, monkeypatch):
    from newsgraph.readers import inputs

    first, second = tmp_path / "a.txt", tmp_path / "b.html"
    first.write_text(STORY, encoding="utf-8")
    second.write_text(f"<html><body><p>{STORY}</p></body></html>", encoding="utf-8")

    def broken(text: str, path: str) -> RawArticle:
        raise RuntimeError("boom")

    monkeypatch.setattr(inputs, "parse_text", broken)
    results = list(read_paths([str(first), str(second)]))
    assert (
        isinstance(results[0], ReadFailure)
        and "internal error" in results[0].reason
        and "boom" in results[0].reason
    )
    assert isinstance(results[1], RawArticle)


def test_directory_walk_sorted_hidden_skipped_loops_safe(tmp_path):
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    for name in ("c.txt", "a.txt", "b_sub/x.txt", "b_sub/deeper/y.html", ".hidden.txt", ".hidden_dir/z.txt"):
        (root / name).write_text(STORY, encoding="utf-8")
    (root / "README.md").write_text("# About this folder\n", encoding="utf-8")
    (root / "b_sub" / "loop").symlink_to(root, target_is_directory=True)  # a symbolic link loop
    (root / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    results = list(read_paths([str(root)]))
    summary = [(type(r).__name__, os.path.relpath(r.path, root)) for r in results]
    assert summary == [  # byte order of names: capitals first
        ("ReadSkip", "README.md"),
        ("RawArticle", "a.txt"),
        ("RawArticle", "b_sub/deeper/y.html"),
        ("RawArticle", "b_sub/x.txt"),
        ("RawArticle", "c.txt"),
        ("ReadFailure", "dangling.txt"),
    ]


def test_named_file_is_read_whatever_its_extension(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    (result,) = list(read_paths([str(path)]))
    assert isinstance(result, RawArticle)


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (STORY.encode(), "text"),
        (gzip.compress(STORY.encode()), "text"),
        (f"<html><body><article><p>{STORY}</p></article></body></html>".encode(), "html"),
        (gzip.compress(b'{"id": "s1", "text": "Rescue teams reached the villages on Sunday."}\n'), "jsonl"),
    ],
)
def test_standard_input_is_sniffed(monkeypatch, data, fmt):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (result,) = list(read_paths(["-"]))
    assert isinstance(result, RawArticle)
    assert result.format == fmt
    assert result.path.startswith("-")


def test_empty_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    (result,) = list(read_paths(["-"]))
    assert isinstance(result, ReadFailure) and result.path == "-" and "empty" in result.reason


def test_fifo_in_a_directory_is_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    results = list(read_paths([str(tmp_path)]))
    assert isinstance(results[0], ReadSkip) and "regular file" in results[0].reason
    assert isinstance(results[1], RawArticle)


def test_named_pipe_given_explicitly_is_read(tmp_path):
    import threading

    pipe = tmp_path / "incoming"
    os.mkfifo(pipe)
    data = gzip.compress(b'{"id": "p1", "text": "Rescue teams reached the villages on Sunday."}\n')

    def write() -> None:
        with open(pipe, "wb") as writer:
            writer.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    results = list(read_paths([str(pipe)]))
    writer.join(timeout=10)
    assert [(type(r).__name__, r.path) for r in results] == [("RawArticle", f"{pipe}#1")]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b'{"text": "Rescue teams reached the villages."}\n', "jsonl"),
        (b'\n  {\n  "text": "Rescue teams reached the villages."\n}\n', "jsonl"),
        (b"{Breaking} Rescue teams reached the villages on Sunday.\n\nMore later.", "text"),
        (b"[Updated] Rescue teams reached the villages on Sunday.", "text"),
        (b"<u>Rescue</u> teams reached the villages on Sunday.", "text"),
        (
            b"<!DOCTYPE html><html><body><p>Rescue teams reached the villages on Sunday.</p></body></html>",
            "html",
        ),
    ],
)
def test_sniffing_by_content(data, fmt):
    from newsgraph.readers.sniff import sniff_format

    assert sniff_format(data) == fmt
