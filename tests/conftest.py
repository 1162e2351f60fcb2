"""Shared fixtures. Tests that need the trained spaCy pipeline are marked ``model``."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of test inputs (Wikinews texts, CC BY 2.5; see fixtures/ATTRIBUTION.md)."""
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():
    """The full newsgraph pipeline (trained English model + newsgraph components), loaded once."""
    from newsgraph.nlp import build_pipeline

    return build_pipeline()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output instead of comparing (deliberate use only)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden-file tests rewrite their expected files (``pytest --update-golden``)."""
    return bool(request.config.getoption("--update-golden"))
