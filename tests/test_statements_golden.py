"""Golden files: the statements of whole Wikinews articles, compared with tests/golden/*.json.

The expected files change only deliberately: ``pytest --update-golden`` rewrites them from
the current output (review the diff before committing it); a plain run compares and fails
on any difference, naming the statements that differ.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.pipeline import extract_articles, read_articles

pytestmark = pytest.mark.model

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = (
    "wikinews-amazon-fires-g7.txt",
    "wikinews-uk-urges-us-immunity.txt",
    "wikinews-trump-syria-withdrawal.txt",
)


def statements_record(path: Path, nlp) -> dict[str, Any]:
    (extraction,) = list(extract_articles(read_articles([str(path)]), nlp))
    entities = {e.id: e.name for e in extraction.entities}
    statements = []
    for s in extraction.statements:
        record = dataclasses.asdict(s)
        # Entity ids depend on the order entities are found; the golden file keeps the name.
        for role in ("speaker", "addressee", "according_to"):
            if record[role] is not None and record[role]["entity"] is not None:
                record[role]["entity"] = entities[record[role]["entity"]]
        statements.append(record)
    return {"article": path.name, "statements": statements}


@pytest.mark.parametrize("name", ARTICLES)
def test_statements_match_golden_file(nlp, fixtures_dir: Path, update_golden: bool, name: str) -> None:
    actual = statements_record(fixtures_dir / "articles" / name, nlp)
    golden = GOLDEN / (Path(name).stem + ".json")
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    assert golden.exists(), f"{golden} is missing: create it deliberately with pytest --update-golden"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    missing = [s for s in expected["statements"] if s not in actual["statements"]]
    unexpected = [s for s in actual["statements"] if s not in expected["statements"]]
    assert not missing and not unexpected, (
        f"{name}: {len(missing)} golden statements not found, {len(unexpected)} new ones "
        f"(run pytest --update-golden only if the change is intended)\n"
        f"missing: {json.dumps(missing, ensure_ascii=False)[:2000]}\n"
        f"new: {json.dumps(unexpected, ensure_ascii=False)[:2000]}"
    )
    assert actual == expected  # same statements, same order


def test_golden_statements_are_verifiable(fixtures_dir: Path) -> None:
    """Every golden content and mention is the article text at its offsets (checks the files themselves)."""
    for name in ARTICLES:
        golden = GOLDEN / (Path(name).stem + ".json")
        if not golden.exists():
            pytest.skip("golden files not created yet")
        (article,) = list(read_articles([str(fixtures_dir / "articles" / name)]))
        for s in json.loads(golden.read_text(encoding="utf-8"))["statements"]:
            assert article.text[s["start"] : s["end"]] == s["content"]
            speaker = s["speaker"]
            if speaker["start"] is not None:
                assert article.text[speaker["start"] : speaker["end"]] == speaker["mention"]
