"""Statements: each attribution pattern of docs/statements.md on sentences written for the tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsgraph.model import Statement

pytestmark = pytest.mark.model


def extract(nlp, text: str) -> list[Statement]:
    doc = nlp(text)
    statements = list(doc._.ng_statements)
    for s in statements:
        assert text[s.start : s.end] == s.content  # the contract's invariant, for every case
        if s.cue_start is not None and s.cue_end is not None:
            assert text[s.cue_start : s.cue_end] == s.cue
        if s.speaker.start is not None and s.speaker.end is not None:
            assert text[s.speaker.start : s.speaker.end] == s.speaker.mention
    return statements


@dataclass
class Case:
    text: str
    type: str
    content: str
    speaker: str
    cue: str | None
    mention: str | None = "same as speaker"
    addressee: str | None = None
    according_to: str | None = None


CASES = {
    "trailing cue": Case(
        '"We need more time," Maria Lopez said.', "direct", "We need more time", "Maria Lopez", "said"
    ),
    "leading cue with colon": Case(
        'Maria Lopez said: "We need more time."', "direct", "We need more time.", "Maria Lopez", "said"
    ),
    "inverted cue with apposition": Case(
        '"We need more time," said Maria Lopez, a spokeswoman for the ministry.',
        "direct",
        "We need more time",
        "Maria Lopez",
        "said",
        mention="Maria Lopez, a spokeswoman for the ministry",
    ),
    "dash credit": Case(
        '"Nothing has changed." -John Smith', "direct", "Nothing has changed.", "John Smith", "-"
    ),
    "colon lead-in ending the previous paragraph": Case(
        'The minister, Anna Berg, explained her decision to reporters:\n\n"We will not back down."',
        "direct",
        "We will not back down.",
        "Anna Berg",
        "explained",
        mention="The minister, Anna Berg",
        addressee="reporters",
    ),
    "said that": Case(
        "Jones said that the plan would fail.", "indirect", "the plan would fail", "Jones", "said"
    ),
    "said without that": Case(
        "Jones said the plan would fail.", "indirect", "the plan would fail", "Jones", "said"
    ),
    "told someone": Case(
        "Jones told Smith that the plan would fail.",
        "indirect",
        "the plan would fail",
        "Jones",
        "told",
        addressee="Smith",
    ),
    "warned": Case("Jones warned the plan would fail.", "indirect", "the plan would fail", "Jones", "warned"),
    "according to": Case(
        "According to Jones, the plan will fail.", "indirect", "the plan will fail", "Jones", "According to"
    ),
    "cue at the end": Case(
        "The plan will fail, Jones said.", "indirect", "The plan will fail", "Jones", "said"
    ),
    "reported belief": Case(
        "Jones believes the plan will fail.", "indirect", "the plan will fail", "Jones", "believes"
    ),
    "reported intention": Case(
        "Jones wants to end the talks.", "indirect", "to end the talks", "Jones", "wants"
    ),
    "noun phrase with preposition": Case(
        "Jones warned of retaliation.", "indirect", "retaliation", "Jones", "warned of"
    ),
    "noun phrase object": Case(
        "Jones repeated Moscow's warnings of retaliation.",
        "indirect",
        "Moscow's warnings of retaliation",
        "Jones",
        "repeated",
    ),
    "request with addressee": Case(
        "The minister urged the embassy to reconsider.",
        "indirect",
        "the embassy to reconsider",
        "The minister",
        "urged",
        addressee="the embassy",
    ),
    "clause after a semicolon": Case(
        "It is an unlikely scenario; the campaign says she will continue her march this week.",
        "indirect",
        "she will continue her march this week",
        "the campaign",
        "says",
    ),
    "participle in a prepositional phrase": Case(
        "The United States was more forceful in blaming Iran for the attack.",
        "indirect",
        "Iran for the attack",
        "United States",
        "blaming",
        mention="The United States",
    ),
    "quoted fragments": Case(
        'Jones said the government would "carefully study" the plan.',
        "mixed",
        'the government would "carefully study" the plan',
        "Jones",
        "said",
    ),
    "nested report": Case(
        "President Vladimir Putin told French President Emmanuel Macron that the talks had failed, the Kremlin said.",
        "indirect",
        "the talks had failed",
        "Vladimir Putin",
        "told",
        mention="President Vladimir Putin",
        addressee="Emmanuel Macron",
        according_to="Kremlin",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_attribution_patterns(nlp, case: Case) -> None:
    statements = extract(nlp, case.text)
    assert len(statements) == 1, statements
    (s,) = statements
    assert (s.type, s.content, s.speaker.name, s.cue) == (case.type, case.content, case.speaker, case.cue)
    expected_mention = case.speaker if case.mention == "same as speaker" else case.mention
    assert s.speaker.mention == expected_mention
    assert (s.addressee.name if s.addressee else None) == case.addressee
    assert (s.according_to.name if s.according_to else None) == case.according_to


def test_interrupted_quote_gives_two_statements_with_one_cue(nlp) -> None:
    statements = extract(nlp, '"We will win," Jones said, "and we will do it soon."')
    assert [(s.content, s.speaker.name, s.cue) for s in statements] == [
        ("We will win", "Jones", "said"),
        ("and we will do it soon.", "Jones", "said"),
    ]


def test_floating_quote_continues_the_previous_speaker(nlp) -> None:
    statements = extract(nlp, '"We will win," Jones said. "Nobody can stop us now."')
    assert [(s.content, s.speaker.name, s.speaker.mention, s.cue) for s in statements] == [
        ("We will win", "Jones", "Jones", "said"),
        ("Nobody can stop us now.", "Jones", None, None),
    ]


def test_quote_over_paragraphs_keeps_its_speaker(nlp) -> None:
    statements = extract(nlp, 'Jones said: "The first part of it.\n\n"The second part of it."')
    assert [(s.type, s.content, s.speaker.name) for s in statements] == [
        ("direct", "The first part of it.", "Jones"),
        ("direct", "The second part of it.", "Jones"),
    ]


def test_mixed_marks_and_a_stray_mark_keep_the_rest(nlp) -> None:
    text = 'He said "this never closes.\n\nLater, “Curly words,” Jones said. Smith said: «Guillemet words.»'
    contents = [s.content for s in extract(nlp, text)]
    assert "Curly words" in contents
    assert "Guillemet words." in contents


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "deal" collapsed on Monday.',
        'She appeared on "Face the Nation" on Sunday.',
        'The film "Gone with the Wind" was shown again.',
        '"Will you resign?" a reporter asked the minister.',
    ],
    ids=["scare quotes", "title of a show", "title of a work", "reporter's question"],
)
def test_not_statements(nlp, text: str) -> None:
    assert extract(nlp, text) == []


SPEAKERS = {
    "pronoun": (
        "Chancellor Angela Merkel arrived in Paris on Monday.\n\nShe said the talks had failed.",
        "Angela Merkel",
        "She",
    ),
    "organisation pronoun": (
        'The Kremlin issued a statement on Friday.\n\n"The talks failed," it said.',
        "Kremlin",
        "it",
    ),
    "description of a leader": (
        "Russian President Vladimir Putin met troops on Monday.\n\nThe Russian leader said the talks had failed.",
        "Vladimir Putin",
        "The Russian leader",
    ),
    "title": (
        "Foreign Minister Sergei Lavrov spoke in Moscow. The foreign minister said the talks had failed.",
        "Sergei Lavrov",
        "The foreign minister",
    ),
    "surname": (
        "Foreign Minister Sergei Lavrov spoke in Moscow. Lavrov said the talks had failed.",
        "Sergei Lavrov",
        "Lavrov",
    ),
    "organisation description": (
        "The Ministry of Defence released figures on Friday. The ministry said the talks had failed.",
        "Ministry of Defence",
        "The ministry",
    ),
    "document of an organisation": (
        "The Kremlin's readout of the call was short. The readout said the talks had failed.",
        "Kremlin",
        "The readout",
    ),
    "document released by someone": (
        "A statement released by Erdogan's office said the operation would begin soon.",
        "Recep Tayyip Erdoğan",  # the actor knowledge base completes the surname
        "A statement",
    ),
    "document named in the issuer's clause": (
        "Prime Minister Jacinda Ardern announced the plan in a statement on Sunday. "
        "The statement also said the border would reopen.",
        "Jacinda Ardern",
        "The statement",
    ),
    "surname known to the actor knowledge base": (
        "Putin said the talks had failed.",
        "Vladimir Putin",
        "Putin",
    ),
    "plural pronoun after coordinated subjects": (
        "Ghana and Togo met in Accra. They said the treaty was void.",
        "Ghana and Togo",
        "They",
    ),
    "apposition": (
        "Dunn's mother, Charlotte Charles, said the driver should return.",
        "Charlotte Charles",
        "Dunn's mother, Charlotte Charles",
    ),
    "relative pronoun": (
        "The union leader, Jones, who said the talks had failed, left early.",
        "Jones",
        "who",
    ),
    "unnamed source keeps its description": (
        "A senior US official said the talks had failed.",
        "A senior US official",
        "A senior US official",
    ),
}


@pytest.mark.parametrize(("text", "name", "mention"), SPEAKERS.values(), ids=SPEAKERS.keys())
def test_speaker_resolution(nlp, text: str, name: str, mention: str) -> None:
    statements = extract(nlp, text)
    assert statements, "no statement found"
    s = statements[-1]
    assert (s.speaker.name, s.speaker.mention) == (name, mention)


def test_speakers_point_to_entities_of_the_article(nlp) -> None:
    doc = nlp(
        "Chancellor Angela Merkel arrived in Paris on Monday. A senior US official said the talks had failed. "
        "Merkel said they would go on."
    )
    entities = {e.id: e for e in doc._.ng_entities}
    statements = doc._.ng_statements
    assert len(statements) == 2
    for s in statements:
        assert s.speaker.entity in entities
        assert entities[s.speaker.entity].name == s.speaker.name
    merkel = entities[statements[1].speaker.entity]
    assert merkel.kind == "person"
    assert {m.text for m in merkel.mentions} >= {"Chancellor Angela Merkel", "Merkel"}


def test_gender_agreement_picks_the_right_person(nlp) -> None:
    text = (
        "Jane Doe, a spokeswoman for the company, met John Roe on Monday. "
        "John Roe left early. She said the deal was done."
    )
    (s,) = extract(nlp, text)
    assert s.speaker.name == "Jane Doe"


def test_empty_and_unquoted_text(nlp) -> None:
    assert extract(nlp, "") == []
    assert extract(nlp, "The river rose overnight and the bridge was closed.") == []
