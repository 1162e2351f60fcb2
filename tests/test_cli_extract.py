"""``newsgraph extract``: the contract's JSON Lines, diagnostics on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.model


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args], input=stdin, capture_output=True, check=False
    )


def test_extract_file_prints_one_contract_object(fixtures_dir):
    result = run_cli("extract", str(fixtures_dir / "articles" / "seed-layout-mahan-air.txt"))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    for key in (
        "id",
        "path",
        "title",
        "date",
        "url",
        "source",
        "language",
        "text",
        "entities",
        "statements",
        "events",
    ):
        assert key in record
    assert record["date"] == "2019-01-23"
    assert record["source"] == "en.wikinews.org"
    assert "<u>" not in record["text"]


def test_missing_path_is_reported_and_batch_goes_on(fixtures_dir, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run_cli("extract", str(missing), str(fixtures_dir / "articles" / "seed-layout-mahan-air.txt"))
    assert result.returncode == 1
    assert len(result.stdout.decode().splitlines()) == 1
    assert str(missing) in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_usage_error_exits_2():
    assert run_cli("extract").returncode == 2
