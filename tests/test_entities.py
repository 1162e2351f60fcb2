"""Entities: named mentions grouped into actors, with titles, roles and offsets."""

from __future__ import annotations

import pytest

from newsgraph.entities import fold, initials, is_acronym, name_part

pytestmark_model = pytest.mark.model  # the helpers above need no model


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("United States", "us"),
        ("Syrian Democratic Forces", "sdf"),
        ("Ministry of Foreign Affairs", "mfa"),
        ("Kremlin", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("SDF", True), ("U.S.", True), ("NATO", True), ("Kremlin", False), ("A", False)]
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Kremlin", "kremlin"),
        ("Erdoğan", "erdogan"),
        ("U.S.", "us"),
        ("Russia's", "russia"),
        ("Putin’s", "putin"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def entity_named(doc, name: str):
    matches = [e for e in doc._.ng_entities if e.name == name]
    assert len(matches) == 1, [e.name for e in doc._.ng_entities]
    return matches[0]


@pytestmark_model
def test_surname_and_title_join_the_full_name(nlp) -> None:
    text = "French President Emmanuel Macron met reporters. Later, Macron left for Berlin."
    doc = nlp(text)
    macron = entity_named(doc, "Emmanuel Macron")
    assert macron.kind == "person"
    assert [m.text for m in macron.mentions] == ["French President Emmanuel Macron", "Macron"]
    # A person the actor knowledge base knows takes its role; the title still joins the mention.
    assert macron.role == "President of France"
    for m in macron.mentions:
        assert text[m.start : m.end] == m.text


@pytestmark_model
def test_title_is_the_role_of_a_person_the_knowledge_base_does_not_know(nlp) -> None:
    text = "Finance Minister Jonas Gahrberg met reporters. Later, Gahrberg left for Berlin."
    doc = nlp(text)
    minister = entity_named(doc, "Jonas Gahrberg")
    assert [m.text for m in minister.mentions] == ["Finance Minister Jonas Gahrberg", "Gahrberg"]
    assert minister.role == "Finance Minister"


@pytestmark_model
def test_surname_first_then_full_name_is_one_entity(nlp) -> None:
    doc = nlp("Lavrov arrived on Monday. Foreign Minister Sergei Lavrov then met his counterpart.")
    lavrov = entity_named(doc, "Sergei Lavrov")
    assert len(lavrov.mentions) == 2


@pytestmark_model
def test_acronym_joins_the_organisation(nlp) -> None:
    doc = nlp("The Syrian Democratic Forces (SDF) announced a deal. Later the SDF said the army had arrived.")
    sdf = entity_named(doc, "Syrian Democratic Forces")
    assert sdf.kind == "group"  # the actor knowledge base knows the SDF as an armed group
    assert sum(1 for m in sdf.mentions if m.text == "SDF") == 2


@pytestmark_model
def test_ids_are_sequential_and_unique(nlp) -> None:
    doc = nlp("Angela Merkel met Emmanuel Macron in Paris. The United States and NATO were not there.")
    ids = [e.id for e in doc._.ng_entities]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]
    assert {e.kind for e in doc._.ng_entities} >= {"person", "state"}


@pytestmark_model
def test_name_written_with_and_without_accents_is_one_entity(nlp) -> None:
    doc = nlp("President Recep Tayyip Erdoğan spoke on Monday. Erdogan later left Ankara.")
    names = [e.name for e in doc._.ng_entities if e.kind == "person"]
    assert names == ["Recep Tayyip Erdoğan"]


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Former US Ambassador to the United Nations Nikki Haley", "Nikki Haley"),
        ("Senate Majority Leader Mitch McConnell", "Mitch McConnell"),
        ("General Mary-Kate Olsen", "Mary-Kate Olsen"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan"),
        ("Charles de Gaulle", "Charles de Gaulle"),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
    ],
)
def test_name_part_leaves_the_title_out(words: str, name: str) -> None:
    import spacy

    doc = spacy.blank("en")(words)
    assert name_part(doc[:]).text == name


@pytestmark_model
def test_title_swallowed_by_the_recogniser_becomes_the_role(nlp) -> None:
    doc = nlp("The remarks by former US Ambassador to the United Nations Nikki Haley drew applause.")
    haley = entity_named(doc, "Nikki Haley")
    assert haley.kind == "person"
    assert haley.role is not None and haley.role.endswith("Ambassador to the United Nations")
