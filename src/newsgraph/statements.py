"""Statements: who said what (docs/ANNOTATION.md), with speakers resolved to entities.

Registered as the spaCy component ``newsgraph_statements``; results in ``doc._.ng_statements``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Statement


def find_statements(doc: Doc) -> list[Statement]:
    """The attributed statements of the article. (First version: none yet.)"""
    return []


@Language.component("newsgraph_statements")
def statements_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_statements``."""
    doc._.ng_statements = find_statements(doc)
    return doc
