"""Golden test: the events of two Wikinews articles (CC BY 2.5, tests/fixtures/ATTRIBUTION.md).

The golden files record what the coder finds today, in a compact form (category, mode,
codes, date, negation, trigger, evidence), so that any change in coding shows up as a diff to
review. After a deliberate change, rewrite them with ``pytest --update-golden``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.pipeline import extract_articles, read_articles

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = ["wikinews-north-korea-quasi-state-of-war", "wikinews-trump-syria-withdrawal"]


def compact(event: Any) -> dict[str, Any]:
    return {
        "category": event.category,
        "mode": event.mode,
        "source": [a.code for a in event.source],
        "target": [a.code for a in event.target],
        "date": event.date,
        "negated": event.negated,
        "attributed_to": event.attributed_to,
        "trigger": event.trigger,
        "evidence": event.evidence,
    }


@pytest.mark.model
@pytest.mark.parametrize("name", ARTICLES)
def test_golden_events(nlp, fixtures_dir: Path, request: pytest.FixtureRequest, name: str) -> None:
    path = fixtures_dir / "articles" / f"{name}.txt"
    extraction = next(extract_articles(read_articles([str(path)]), nlp))
    found = [compact(e) for e in extraction.events]
    for event in extraction.events:
        assert extraction.article.text[event.start : event.end] == event.evidence
    golden = GOLDEN / f"{name}.events.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert found == expected
