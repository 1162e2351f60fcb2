"""``newsgraph spark``: the command runs the Spark job; the core never imports pyspark."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def test_import_and_extract_never_import_pyspark():
    code = (
        "import sys\n"
        "from newsgraph.cli import app\n"
        "try:\n"
        "    app(['extract', '--text', 'The minister said the talks would go on.'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
        "assert 'pyspark' not in sys.modules, 'pyspark was imported'\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "clean"


def test_spark_help_lists_the_job_options():
    pytest.importorskip("pyspark")
    result = CliRunner().invoke(app, ["spark", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--out", "--input-format", "--read", "--partitions", "--master"):
        assert option in result.output


def test_without_pyspark_the_command_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    result = CliRunner().invoke(app, ["spark", "in/", "--out", "out/"])
    assert result.exit_code == 1
    assert "pip install 'newsgraph[spark]'" in result.stderr


@pytest.mark.spark
@pytest.mark.model
@pytest.mark.slow
def test_the_command_writes_the_tables_and_prints_a_summary(tmp_path):
    pytest.importorskip("pyspark")
    import pyarrow.dataset as ds

    folder = tmp_path / "in"
    folder.mkdir()
    names = sorted(p.name for p in ARTICLES.glob("*.txt"))[:3]
    for name in names:
        (folder / name).write_bytes((ARTICLES / name).read_bytes())
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "spark", str(folder), "--out", str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["rows"]["articles"] == 3 and summary["failed"] == 0
    assert summary["partitions"] == 3  # one file per task
    assert set(summary["pipeline_builds"].values()) == {1}
    paths = {row["path"] for row in ds.dataset(out / "articles", partitioning="hive").to_table().to_pylist()}
    assert paths == {str(folder / name) for name in names}
