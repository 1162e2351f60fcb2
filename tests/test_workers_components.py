"""Component selection: what newsgraph leaves out of the trained pipeline changes no result.

``nlp.UNUSED_TRAINED_COMPONENTS`` are not loaded at all. These tests check that extraction
with them left out equals extraction with the model exactly as shipped, on Wikinews
articles, and that every annotation the extractors read is still produced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from newsgraph.nlp import (
    NEWSGRAPH_COMPONENTS,
    PRE_PARSER_COMPONENTS,
    UNUSED_TRAINED_COMPONENTS,
    resolve_model_name,
)
from newsgraph.pipeline import extract_articles, read_articles

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def shipped_pipeline():
    """The trained model as shipped (nothing excluded), followed by newsgraph's components."""
    from newsgraph import entities, events, statements  # noqa: F401  (registers the components)

    nlp = spacy.load(resolve_model_name())
    for component in PRE_PARSER_COMPONENTS:
        nlp.add_pipe(component, before="parser")
    for component in NEWSGRAPH_COMPONENTS:
        nlp.add_pipe(component, last=True)
    return nlp


def test_left_out_components_are_not_loaded_and_would_not_run(nlp, shipped_pipeline):
    for component in UNUSED_TRAINED_COMPONENTS:
        assert component not in nlp.component_names
        # Only components the model ships disabled may be left out: they never run anyway.
        assert component in shipped_pipeline.disabled
    assert nlp.pipe_names == shipped_pipeline.pipe_names


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name[:20])
def test_extraction_is_the_same_as_with_the_shipped_pipeline(nlp, shipped_pipeline, path):
    articles = list(read_articles([str(path)]))
    ours = [json.dumps(e.to_dict(), sort_keys=True) for e in extract_articles(articles, nlp)]
    shipped = [json.dumps(e.to_dict(), sort_keys=True) for e in extract_articles(articles, shipped_pipeline)]
    assert ours == shipped


def test_every_annotation_the_extractors_read_is_still_made(nlp):
    doc = nlp("The minister said on Monday that Germany had banned the airline's flights.")
    said = next(token for token in doc if token.text == "said")
    assert said.lemma_ == "say" and said.pos_ == "VERB" and said.tag_ == "VBD"
    assert said.dep_ == "ROOT" and doc[1].head == said and doc[1].dep_ == "nsubj"
    assert [(ent.text, ent.label_) for ent in doc.ents if ent.label_ == "GPE"] == [("Germany", "GPE")]
    assert len(list(doc.sents)) == 1
