"""A corpus of bad and unusual input, end to end through ``newsgraph ingest`` and ``newsgraph extract``.

The reader tests (test_readers_*.py) check each input alone; here one batch holds all of
them, as a crawl or a folder of downloads would: every input gets its one-line reason or is
read correctly, the batch goes on, the summary and the exit status say what happened, and
the database holds no half-written article (each stored article carries exactly the
extraction ``newsgraph extract`` prints for it, or is a recorded non-English article).

The good articles are Wikinews texts (CC BY 2.5, tests/fixtures/ATTRIBUTION.md) and
sentences of my own.
"""

from __future__ import annotations

import codecs
import gzip
import html
import json
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
import newsgraph.ingest as ingest_module
import newsgraph.pipeline as pipeline_module
import newsgraph.workers as workers_module
from newsgraph.cli import app

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

GERMAN = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen mehrere Unternehmen beschlossen.\n\n"
    "Ein Sprecher sagte, man werde die Lage weiter beobachten und mit den europäischen Partnern beraten."
)
FRENCH = (
    "Le gouvernement a annoncé lundi une nouvelle réforme des retraites, qui sera présentée au "
    "Parlement la semaine prochaine. Les syndicats ont appelé à une grève générale jeudi."
)
LATIN1_STORY = (
    "Café Owners Protest New Tax\n\n"
    "The owners of the Café René in Lyon protested on Monday against a new tax on terraces, the "
    "association of restaurateurs said.\n\n"
    '"We cannot pay more this year," said José Müller, who has run the café for twenty years.\n'
)
NESTED_STORY = (
    "The regional governor said on Sunday that rescue teams had reached three flooded villages. "
    "More than 400 people were moved to shelters, and the army sent boats and helicopters."
)


def fixture_text(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def fixture_body(name: str) -> list[str]:
    """A fixture's body paragraphs (the dump layout: title, date, body, Original url, url)."""
    blocks = [b.strip() for b in fixture_text(name).split("\n\n") if b.strip()]
    return blocks[2:-2]


def html_page(paragraphs: list[str], title: str, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(title)}</title></head>'
        f"<body><article><h1>{html.escape(title)}</h1>\n{body}\n</article></body></html>"
    )


def one_long_sentence(words: int) -> str:
    """An article of one sentence of about ``words`` words, without a full stop until the end."""
    rng = random.Random(7)
    people = ["the minister", "a spokesman", "the governor", "Angela Merkel", "the mayor of Lyon"]
    verbs = ["said", "added", "warned", "claimed", "insisted"]
    places = ["Germany", "France", "the capital", "the northern province", "Brazil"]
    parts = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(
            f"{rng.choice(people)} {rng.choice(verbs)} that the talks in {rng.choice(places)} "
            f"would resume after {rng.randint(2, 90)} days"
        )
    return "Talks Drag On\n\n" + ", and ".join(parts) + ".\n"


@dataclass
class Corpus:
    """The inputs of one batch and what should become of each."""

    root: Path
    paths: list[str]
    #: path -> words the one-line reason must contain
    failures: dict[str, str] = field(default_factory=dict)
    #: path -> stored status ('extracted' or 'not_english')
    stored: dict[str, str] = field(default_factory=dict)
    #: path -> words the skip reason must contain
    skips: dict[str, str] = field(default_factory=dict)
    #: path -> words the stored text must contain (decoded right)
    texts: dict[str, str] = field(default_factory=dict)


def build_corpus(root: Path, warc_builder) -> Corpus:
    record, response = warc_builder
    folder = root / "corpus"
    folder.mkdir(parents=True)
    corpus = Corpus(root=folder, paths=[str(folder)])

    def add(name: str, data: bytes) -> str:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return str(path)

    # A good article, as a control.
    corpus.stored[
        add(
            "a-good.txt",
            fixture_text("12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt").encode(),
        )
    ] = "extracted"
    # Nothing to read.
    corpus.failures[add("empty.txt", b"")] = "empty file"
    corpus.failures[add("zero-bytes.txt.gz", b"")] = "empty file"
    corpus.failures[add("empty-gzip.txt.gz", gzip.compress(b""))] = "gzip holds no data"
    corpus.failures[add("noise.txt", random.Random(3).randbytes(8192))] = "not text: binary data"
    corpus.failures[add("only-a-title.html", b"<html><head><title>Only a title</title></head></html>")] = (
        "no article text"
    )
    # 50 MB of text: over the 20 MB input limit, refused before it is read.
    huge = folder / "huge.txt"
    with huge.open("wb") as out:
        chunk = (NESTED_STORY + "\n\n").encode() * 5000
        while out.tell() < 50_000_000:
            out.write(chunk)
    corpus.failures[str(huge)] = "larger than the 20 MB input limit"
    # Other encodings, read right.
    latin1 = add("latin1.txt", LATIN1_STORY.encode("latin-1"))  # not valid UTF-8
    corpus.stored[latin1], corpus.texts[latin1] = "extracted", "Café René in Lyon"
    mugabe = "20_2019-09-09_longtime-leader-of-zimbabwe-robert-mugabe-dies-aged-95.txt"
    utf16 = add("utf16-bom.txt", codecs.BOM_UTF16_LE + fixture_text(mugabe).encode("utf-16-le"))
    corpus.stored[utf16], corpus.texts[utf16] = "extracted", fixture_body(mugabe)[0][:60]
    sultan = "37_2020-01-12_sultan-qaboos-of-oman-dies.txt"
    latin_page = html_page(
        ["The Café René in Muscat closed for three days of mourning, its owner said.", *fixture_body(sultan)],
        "Sultan Qaboos of Oman dies",
        charset="ISO-8859-1",
    )
    latin_html = add("latin1-meta.html", latin_page.encode("latin-1", errors="xmlcharrefreplace"))
    corpus.stored[latin_html], corpus.texts[latin_html] = "extracted", "Café René in Muscat"
    # Deeply nested markup.
    nested = "<div>" * 5000 + f"<p>{NESTED_STORY}</p>" + "</div>" * 5000
    nested_path = add("nested.html", f"<html><body>{nested}</body></html>".encode())
    corpus.stored[nested_path], corpus.texts[nested_path] = "extracted", NESTED_STORY
    # One very long sentence.
    corpus.stored[add("one-sentence.txt", one_long_sentence(2500).encode())] = "extracted"
    # Not English.
    corpus.stored[add("german.txt", GERMAN.encode())] = "not_english"
    # A truncated WARC.GZ: the first record is read, the damage reported.
    bolton = "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt"
    drones = "22_2019-09-15_oil-facilities-in-saudi-arabia-hit-by-drone-attacks.txt"
    members = [
        gzip.compress(
            record(
                "response",
                f"https://example.org/{n}",
                response(html_page(fixture_body(name), name).encode()),
                number=n,
            )
        )
        for n, name in enumerate((bolton, drones), start=1)
    ]
    truncated = add("crawl/truncated.warc.gz", members[0] + members[1][: len(members[1]) // 2])
    corpus.stored[f"{truncated}#1"] = "extracted"
    corpus.failures[truncated] = "truncated or damaged WARC file"
    # A WARC whose records are mostly not HTML pages.
    amazon = "wikinews-amazon-fires-g7.txt"
    mixed = add(
        "crawl/mixed.warc",
        b"".join(
            [
                record(
                    "request",
                    "https://example.org/g7",
                    b"GET /g7 HTTP/1.1\r\nHost: example.org\r\n\r\n",
                    number=1,
                ),
                record(
                    "response",
                    "https://example.org/r.pdf",
                    response(b"%PDF-1.4 ...", "application/pdf"),
                    number=2,
                ),
                record(
                    "metadata",
                    "https://example.org/g7",
                    b"fetchTimeMs: 12\r\n",
                    content_type="application/warc-fields",
                    number=3,
                ),
                record(
                    "response",
                    "https://example.org/gone",
                    response(b"gone", status="404 Not Found"),
                    number=4,
                ),
                record(
                    "response",
                    "https://example.org/g7",
                    response(html_page(fixture_body(amazon), amazon).encode()),
                    number=5,
                ),
            ]
        ),
    )
    corpus.skips[f"{mixed}#1"] = "WARC request record"
    corpus.skips[f"{mixed}#2"] = "not HTML (application/pdf)"
    corpus.skips[f"{mixed}#3"] = "WARC metadata record"
    corpus.skips[f"{mixed}#4"] = "HTTP status 404"
    corpus.stored[f"{mixed}#5"] = "extracted"
    # JSON Lines with broken lines between good ones.
    korea = fixture_text("wikinews-north-korea-quasi-state-of-war.txt")
    syria = fixture_text("wikinews-trump-syria-withdrawal.txt")
    lines = [
        json.dumps({"id": "j-korea", "text": korea}).encode(),
        b'{"id": "j-cut", "text": "The minister said the talks',
        b"[1, 2, 3]",
        json.dumps({"id": "j-untitled", "title": "A record without text"}).encode(),
        json.dumps({"id": "j-syria", "text": syria}).encode(),
        b'{"id": "j-bytes", "text": "caf\xe9 au lait"}',
        json.dumps({"id": "j-french", "text": FRENCH}, ensure_ascii=False).encode(),
    ]
    jsonl = add("feeds/news.jsonl", b"\n".join(lines) + b"\n")
    corpus.stored[f"{jsonl}#1"] = "extracted"
    corpus.failures[f"{jsonl}#2"] = "line 2: invalid JSON (Invalid control character at column 53)"
    corpus.failures[f"{jsonl}#3"] = "a JSON list where an object was expected"
    corpus.failures[f"{jsonl}#4"] = "record has no 'text' or 'html' string"
    corpus.stored[f"{jsonl}#5"] = "extracted"
    corpus.failures[f"{jsonl}#6"] = "line 6 is not valid UTF-8"
    corpus.stored[f"{jsonl}#7"] = "not_english"
    # A folder with a symbolic link loop (and a link back to the corpus itself).
    inner = add("loop/inner.txt", fixture_text("wikinews-uk-urges-us-immunity.txt").encode())
    corpus.stored[inner] = "extracted"
    (folder / "loop" / "again").symlink_to(folder / "loop", target_is_directory=True)
    (folder / "loop" / "up").symlink_to(folder, target_is_directory=True)
    # Not an article, in a folder: skipped, counted.
    corpus.skips[add("README.md", b"# Test corpus\n")] = "not an article file type"
    # A path that does not exist.
    missing = str(root / "no-such-file.txt")
    corpus.paths.append(missing)
    corpus.failures[missing] = "no such file or directory"
    return corpus


# --- one batch, through both commands -------------------------------------------------------------


@dataclass
class Runs:
    corpus: Corpus
    db: Path
    ingest: object  # click's Result
    again: object
    extract: object


@pytest.fixture(scope="module")
def runs(nlp, tmp_path_factory, warc_builder) -> Runs:
    """The corpus ingested (twice) and extracted once, with the session's model, one process."""
    root = tmp_path_factory.mktemp("bad-input")
    corpus = build_corpus(root, warc_builder)
    db = root / "news.db"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        for module in (ingest_module, pipeline_module, workers_module):
            patch.setattr(module, "get_pipeline", lambda model=None: nlp)
        ingest = runner.invoke(app, ["ingest", "--workers", "1", "--db", str(db), *corpus.paths])
        again = runner.invoke(app, ["ingest", "--workers", "1", "--db", str(db), *corpus.paths])
        extract = runner.invoke(app, ["extract", "--workers", "1", *corpus.paths])
    return Runs(corpus, db, ingest, again, extract)


def summary_counts(stdout: str) -> dict[str, int]:
    counts = {}
    for line in stdout.splitlines():
        label, _, value = line.strip().rpartition(" ")
        if value.isdigit() and not line.strip().startswith("failed:"):
            counts[label.strip()] = int(value)
    return counts


def failure_lines(stdout: str) -> dict[str, str]:
    """path -> reason from the summary's ``failed: PATH: REASON`` lines (no path here holds ": ")."""
    found = {}
    for line in stdout.splitlines():
        if line.startswith("  failed: "):
            path, reason = line.removeprefix("  failed: ").split(": ", 1)
            found[path] = reason
    return found


def test_ingest_reports_every_bad_input_on_one_line_and_exits_1(runs):
    corpus, result = runs.corpus, runs.ingest
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    failures = failure_lines(result.stdout)
    assert set(failures) == set(corpus.failures)
    for path, words in corpus.failures.items():
        assert words in failures[path], (path, failures[path])
    counts = summary_counts(result.stdout)
    assert counts["read"] == len(corpus.stored)
    assert counts["new"] == sum(1 for status in corpus.stored.values() if status == "extracted")
    assert counts["skipped non-English"] == sum(
        1 for status in corpus.stored.values() if status == "not_english"
    )
    assert counts["failed"] == len(corpus.failures)
    assert counts["skipped records"] == len(corpus.skips)
    assert (counts["unchanged"], counts["near-duplicates"]) == (0, 0)  # the link loop read nothing twice


def test_the_database_holds_every_readable_article_whole(runs):
    corpus = runs.corpus
    conn = sqlite3.connect(f"{runs.db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = dict(conn.execute("SELECT path, extraction_status FROM articles").fetchall())
        assert stored == corpus.stored
        unextracted = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE extraction_status = 'extracted' AND extractor IS NULL"
        ).fetchone()[0]
        assert unextracted == 0
    finally:
        conn.close()
    printed = {record["path"]: record for record in map(json.loads, runs.extract.stdout.splitlines())}
    with newsgraph.open(runs.db) as db:
        for article in db.reader.articles():
            own = db.extraction(article.id)
            assert own is not None
            found = {key: own.to_dict()[key] for key in ("entities", "statements", "events")}
            expected = {key: printed[article.path][key] for key in ("entities", "statements", "events")}
            # Exactly what `newsgraph extract` finds: nothing missing, nothing half-written.
            assert found == expected, article.path
            if corpus.stored[article.path] == "not_english":
                assert found == {"entities": [], "statements": [], "events": []}
            for path, words in corpus.texts.items():
                if article.path == path:
                    assert words in article.text and "\ufffd" not in article.text
    extracted = [p for p, status in corpus.stored.items() if status == "extracted"]
    assert all(printed[p]["statements"] or printed[p]["events"] or printed[p]["entities"] for p in extracted)


def test_a_second_ingest_finds_everything_unchanged(runs):
    result = runs.again
    assert result.exit_code == 1, result.output
    counts = summary_counts(result.stdout)
    assert counts["unchanged"] == len(runs.corpus.stored)
    assert counts["new"] == 0 and counts["failed"] == len(runs.corpus.failures)
    assert failure_lines(result.stdout) == failure_lines(runs.ingest.stdout)


def test_extract_prints_every_readable_article_and_one_line_per_failure(runs):
    corpus, result = runs.corpus, runs.extract
    assert result.exit_code == 1, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(record["path"] for record in printed) == sorted(corpus.stored)
    lines = result.stderr.splitlines()
    assert all(line.startswith("newsgraph: ") for line in lines)
    reasons = {line.removeprefix("newsgraph: ").split(": ", 1)[0]: line.split(": ", 2)[2] for line in lines}
    assert set(reasons) == set(corpus.failures)
    assert reasons == failure_lines(runs.ingest.stdout)  # the same words whichever command reads
