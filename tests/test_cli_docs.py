"""Documentation keeps up with the code: every command, option and export column is documented.

Like sqlite-utils' documentation tests: adding a command or an option to the CLI, or a column
to an export table (records.SCHEMAS), without documenting it fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from newsgraph.cli import app
from newsgraph.records import SCHEMAS

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Commands whose every option must be named in docs/cli.md.
EXPLORING = ("statements", "events", "actors", "search", "show", "export", "serve")


def _commands() -> dict[str, Any]:
    """The CLI's commands by name (Typer's own command classes)."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented(name):
    assert re.search(rf"newsgraph {re.escape(name)}\b", _docs_text()), (
        f"`newsgraph {name}` is not mentioned in README.md or docs/*.md"
    )


@pytest.mark.parametrize("name", EXPLORING)
def test_every_option_of_the_exploring_commands_is_documented(name):
    cli_doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    command = _commands()[name]
    for parameter in command.params:
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in cli_doc or f"{option} " in cli_doc, (
                    f"{name} {option} is not in docs/cli.md"
                )


def _section(text: str, table: str) -> str:
    match = re.search(rf"^## {table}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"docs/exports.md has no section '## {table}'"
    return match.group(1)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_export_column_is_documented(table):
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    section = _section(text, table)
    missing = [name for name in SCHEMAS[table].names if f"`{name}`" not in section]
    assert not missing, f"columns of {table} not documented in docs/exports.md: {missing}"
