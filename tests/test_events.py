"""PLOVER event coding on small sentences written for the tests (model needed unless noted)."""

from __future__ import annotations

import pytest

from newsgraph.events import load_lexicon
from newsgraph.model import PLOVER_CATEGORIES, Article, Event
from newsgraph.pipeline import make_doc

DATE = "2022-01-28"  # a Friday


def events_of(nlp, text: str, date: str | None = DATE) -> list[Event]:
    article = Article(id="t", text=text, content_hash="t", date=date)
    return list(nlp(make_doc(nlp, article))._.ng_events)


def triples(events: list[Event]) -> set[tuple[str, str, str | None]]:
    out = set()
    for event in events:
        if event.negated:
            continue
        targets = [a.code for a in event.target if a.code] or [None]
        for source in event.source:
            for target in targets:
                out.add((event.category, source.code, target))
    return out


def test_lexicon_covers_every_category_with_scores() -> None:
    lexicon = load_lexicon()
    assert set(lexicon.categories) == set(PLOVER_CATEGORIES)
    for category in PLOVER_CATEGORIES:
        cameo, quad, goldstein = lexicon.info(category, None)
        assert len(cameo) == 2 and 1 <= quad <= 4 and -10 <= goldstein <= 10
    cooperative = [lexicon.info(c, None)[2] for c in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID")]
    conflictual = [lexicon.info(c, None)[2] for c in ("THREATEN", "PROTEST", "COERCE", "ASSAULT")]
    assert min(cooperative) > 0 > max(conflictual)
    assert lexicon.info("ASSAULT", "19") == ("19", 4, -10.0)


CATEGORY_CASES = [
    ("Norway agreed to send medical supplies to Kenya.", ("AGREE", "NOR", "KEN")),
    (
        "The Chilean president met the Peruvian foreign minister in Lima on Tuesday.",
        ("CONSULT", "CHL", "PER"),
    ),
    ("Finland praised Estonia for its reforms.", ("SUPPORT", "FIN", "EST")),
    ("Zambia extradited a suspect to Britain.", ("COOPERATE", "ZMB", "GBR")),
    ("Japan delivered food aid to the Philippines.", ("AID", "JPN", "PHL")),
    ("Serbia lifted a curfew in Montenegro.", ("CONCEDE", "SRB", "MNE")),
    ("Vietnam withdrew its troops from Cambodia.", ("RETREAT", "VNM", "KHM")),
    ("Egypt urged Ethiopia to resume talks.", ("REQUEST", "EGY", "ETH")),
    ("Albania condemned Serbia over the arrests.", ("ACCUSE", "ALB", "SRB")),
    ("Yemen rejected a U.S. request.", ("REJECT", "YEM", "USA")),
    ("Iran threatened to cut off electricity to Azerbaijan.", ("THREATEN", "IRN", "AZE")),
    ("Thousands of protesters rallied against the government in Caracas.", ("PROTEST", "VEN", "VEN")),
    ("Japan imposed sanctions on North Korea.", ("SANCTION", "JPN", "PRK")),
    ("Russia deployed troops to the border with Ukraine.", ("MOBILIZE", "RUS", "UKR")),
    ("Ghanaian authorities deported 168 Liberians.", ("COERCE", "GHA", "LBR")),
    ("Turkish warplanes bombed Kurdish positions in Syria.", ("ASSAULT", "TUR", "SYR")),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), CATEGORY_CASES, ids=[c[1][0] for c in CATEGORY_CASES])
def test_each_category(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(nlp, text))


ACTOR_CASES = [
    # compound source
    ("The U.S. and NATO rejected Russia's demand.", {("REJECT", "USA", "RUS"), ("REJECT", "NATO", "RUS")}),
    # passive with a "by" agent
    ("The attack was condemned by France.", {("ACCUSE", "FRA", None)}),
    # title and country adjective for an unknown person
    ("Brazilian President Jair Bolsonaro criticized Argentina.", {("ACCUSE", "BRA", "ARG")}),
    # seat of power as metonym
    ("The Kremlin accused Washington of meddling.", {("ACCUSE", "RUS", "USA")}),
    # country adjective on a sector word
    ("Russian troops shelled Ukrainian villages.", {("ASSAULT", "RUS", "UKR")}),
    # "with" phrase names the partner
    ("Greece held talks with Cyprus.", {("CONSULT", "GRC", "CYP")}),
    # possessive source of an event noun carried by a light verb
    ("Moscow's warnings of retaliation were repeated by Lavrov.", {("THREATEN", "RUS", None)}),
    # international organisation
    ("The IAEA criticized Iran.", {("ACCUSE", "IAEA", "IRN")}),
    # compound target
    (
        "Pakistan threatened to break off relations with Congo and Costa Rica.",
        {("THREATEN", "PAK", "COG"), ("THREATEN", "PAK", "CRI")},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), ACTOR_CASES, ids=[c[0][:30] for c in ACTOR_CASES])
def test_actor_patterns(nlp, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    found = triples(events_of(nlp, text))
    for category, source, target in expected:
        assert any(c == category and s == source and (target is None or t == target) for c, s, t in found), (
            found
        )


@pytest.mark.model
def test_people_named_earlier_keep_their_code(nlp) -> None:
    text = (
        "Chilean Foreign Minister Ana Placeholder visited Lima on Monday. "
        "Placeholder later criticized Bolivia."
    )
    assert ("ACCUSE", "CHL", "BOL") in triples(events_of(nlp, text))


@pytest.mark.model
def test_possessive_pronoun_resolves_to_the_leader(nlp) -> None:
    text = "Putin spoke on Thursday. His Foreign Minister Sergei Lavrov criticized Britain on Friday."
    assert ("ACCUSE", "RUS", "GBR") in triples(events_of(nlp, text))


@pytest.mark.model
def test_pronoun_in_reported_speech_is_the_speaker(nlp) -> None:
    text = "Iraq said it would allow the return of U.N. inspectors."
    assert ("AGREE", "IRQ", "UN") in triples(events_of(nlp, text))


@pytest.mark.model
def test_negation(nlp) -> None:
    events = events_of(nlp, "Israel did not meet Jordan's king.")
    consults = [e for e in events if e.category == "CONSULT"]
    assert consults and all(e.negated for e in consults)


@pytest.mark.model
def test_refusal_is_reject_not_negated_consult(nlp) -> None:
    events = events_of(nlp, "Israel refused to meet Jordan's king.")
    assert ("REJECT", "ISR", "JOR") in triples(events)
    assert not any(e.category == "CONSULT" for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "If Russia attacks Ukraine, NATO will respond.",
        "Would Russia attack Ukraine?",
        "Unless Iran releases the sailors, Britain will act.",
    ],
)
def test_conditionals_and_questions_are_not_events(nlp, text: str) -> None:
    found = triples(events_of(nlp, text))
    assert not any(c == "ASSAULT" or c == "RETREAT" for c, _, _ in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany will send aid to Sudan.", ("AGREE", "DEU", "SDN")),
        ("Portugal will support Turkey's bid.", ("AGREE", "PRT", "TUR")),
        ("Greece plans to impose restrictions on Turkey.", ("THREATEN", "GRC", "TUR")),
    ],
)
def test_future_acts(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
def test_obligation_in_a_statement_is_a_request(nlp) -> None:
    text = "The French president said that Iraq must cooperate with the inspectors."
    assert ("REQUEST", "FRA", "IRQ") in triples(events_of(nlp, text))


@pytest.mark.model
def test_events_in_statements_are_attributed(nlp) -> None:
    events = events_of(nlp, "Putin told Macron that the United States ignored Russia's demands.")
    rejects = [e for e in events if e.category == "REJECT"]
    assert rejects and rejects[0].attributed_to == "Vladimir Putin"
    assert ("CONSULT", "RUS", "FRA") in triples(events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Canada criticized Russia on Wednesday.", "2022-01-28", "2022-01-26"),
        ("Yesterday, Canada criticized Russia.", "2022-01-28", "2022-01-27"),
        ("On January 2, Canada criticized Russia.", "2022-01-28", "2022-01-02"),
        ("Canada criticized Russia.", "2022-01-28", None),
        ("Canada criticized Russia on Wednesday.", None, None),
    ],
)
def test_event_dates(nlp, text: str, date: str | None, expected: str | None) -> None:
    events = [e for e in events_of(nlp, text, date) if e.category == "ACCUSE"]
    assert events and events[0].date == expected


@pytest.mark.model
def test_date_carries_to_the_same_source(nlp) -> None:
    text = "Canada criticized Russia on Wednesday. Canada also praised Ukraine."
    praise = [e for e in events_of(nlp, text) if e.category == "SUPPORT"]
    assert praise and praise[0].date == "2022-01-26"


@pytest.mark.model
def test_quantity_and_location(nlp) -> None:
    events = events_of(nlp, "Moscow has amassed some 100,000 troops in Crimea.")
    mobilize = [e for e in events if e.category == "MOBILIZE"]
    assert mobilize
    assert mobilize[0].quantity is not None
    assert (mobilize[0].quantity.value, mobilize[0].quantity.unit) == (100000, "troops")
    assert mobilize[0].location is not None and mobilize[0].location.code == "UKR"


@pytest.mark.model
def test_evidence_points_into_the_text(nlp) -> None:
    text = "Canada criticized Russia on Wednesday.\n\nJapan praised Kenya."
    for event in events_of(nlp, text):
        assert text[event.start : event.end] == event.evidence
        assert "\n\n" not in event.evidence
        assert event.cameo and event.quad_class and event.goldstein is not None


@pytest.mark.model
def test_uses_entity_codes_from_the_entities_stage(nlp) -> None:
    from newsgraph.events import find_events
    from newsgraph.model import Entity, Mention

    text = "Zorblax criticized Kenya."
    doc = nlp(make_doc(nlp, Article(id="t", text=text, content_hash="t", date=DATE)))
    doc._.ng_entities = [
        Entity(id="e9", name="Zorblax", kind="state", code="NOR", mentions=[Mention("Zorblax", 0, 7)])
    ]
    events = find_events(doc)
    accuse = [e for e in events if e.category == "ACCUSE"]
    assert accuse and accuse[0].source[0].code == "NOR" and accuse[0].source[0].entity == "e9"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya named the rebel group as terrorists.", ("ACCUSE", "KEN", None)),
        ("The Chilean president spoke with Peru's president on the phone.", ("CONSULT", "CHL", "PER")),
    ],
)
def test_special_predicates(nlp, text: str, expected: tuple[str, str, str | None]) -> None:
    found = triples(events_of(nlp, text))
    category, source, target = expected
    assert any(c == category and s == source and (target is None or t == target) for c, s, t in found), found


@pytest.mark.model
def test_reciprocal_subject_is_the_reporter_and_the_other_side(nlp) -> None:
    text = "Lavrov struck an optimistic note, suggesting that the sides could continue dialogue after the letters from NATO."
    assert ("AGREE", "RUS", "NATO") in triples(events_of(nlp, text))


@pytest.mark.model
def test_definite_description_takes_the_earlier_code(nlp) -> None:
    text = (
        "The police chief wrote to the US Embassy in London on Monday. "
        "Foreign Secretary Dominic Raab urged the embassy to reconsider."
    )
    assert ("REQUEST", "GBR", "USA") in triples(events_of(nlp, text, "2019-10-10"))


# --- Mechanisms: each case is a frame the coder must read the same way wherever it occurs --------

SAME_COUNTRY_CASES = [
    # a named group of the source's own country is a target of its own
    ("Colombia described FARC as terrorists.", ("ACCUSE", "COL", "COL")),
    # another branch of the same state: the judiciary acting on the government
    ("A Kenyan court indicted the Kenyan interior minister.", ("ACCUSE", "KEN", "KEN")),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"), SAME_COUNTRY_CASES, ids=[c[0][:30] for c in SAME_COUNTRY_CASES]
)
def test_distinct_actors_of_the_source_country_are_targets(
    nlp, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
def test_the_source_itself_is_never_its_target(nlp) -> None:
    found = triples(events_of(nlp, "Vietnam withdrew its troops from Cambodia."))
    assert ("RETREAT", "VNM", "KHM") in found
    assert ("RETREAT", "VNM", "VNM") not in found


PLACE_TARGET_CASES = [
    # the place of the promised act
    ("Mongolia agreed to build a hospital in Nairobi.", ("AGREE", "MNG", "KEN")),
    # "the city of X", with X mis-tagged by the NER
    ("Supporters of the opposition blocked roads in the capital city of Lusaka.", ("PROTEST", "ZMB", "ZMB")),
    # the place of a subordinate clause ("when they attacked ... in Niamey")
    (
        "Two Chadian gunmen killed five people when they attacked a market in Niamey.",
        ("ASSAULT", "TCD", "NER"),
    ),
    # the place in the subject's own phrase
    ("The Cuban embassy in Ghana suspended its operations.", ("SANCTION", "CUB", "GHA")),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"), PLACE_TARGET_CASES, ids=[c[0][:30] for c in PLACE_TARGET_CASES]
)
def test_untargeted_events_fall_on_their_place(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
def test_meetings_take_no_target_from_their_venue(nlp) -> None:
    found = triples(events_of(nlp, "Chilean and Peruvian diplomats met in Geneva."))
    assert {("CONSULT", "CHL", None), ("CONSULT", "PER", None)} <= found
    assert not any(t == "CHE" for _, _, t in found)


@pytest.mark.model
def test_agreeing_on_terms_is_support_by_all_parties(nlp) -> None:
    found = triples(events_of(nlp, "Chile and Argentina agreed on a new border."))
    assert {("SUPPORT", "CHL", None), ("SUPPORT", "ARG", None)} <= found
    assert not any(c == "AGREE" for c, _, _ in found)


@pytest.mark.model
def test_a_date_naming_a_noun_does_not_date_the_clause(nlp) -> None:
    events = [
        e
        for e in events_of(nlp, "Canada condemned the December 31 attack on Wednesday.")
        if e.category == "ACCUSE"
    ]
    assert events and events[0].date == "2022-01-26"


ANAPHORA_CASES = [
    # a definite plural role word: the parties named together just before
    (
        "Chilean Foreign Minister Ana Placeholder and her Peruvian counterpart met in Lima on Monday. "
        "The ministers agreed to reopen the border.",
        {("AGREE", "CHL", None), ("AGREE", "PER", None)},
    ),
    # "the two countries"
    (
        "Ghana and Togo held talks on Monday. The two countries later signed a trade deal.",
        {("SUPPORT", "GHA", None), ("SUPPORT", "TGO", None)},
    ),
    # a thing named with countries in it ("the treaty between Mali and Niger") is not who "they" are
    (
        "Ghana and Togo met in Accra. They concluded that the treaty between Mali and Niger is void. "
        "They called on Mali to withdraw its troops.",
        {("REQUEST", "GHA", "MLI"), ("REQUEST", "TGO", "MLI")},
    ),
    # "the talks" stands for everyone who took part in them
    (
        "Ghana and Togo held talks in Accra on Monday. On Tuesday, Mali criticized the outcome of the talks.",
        {("ACCUSE", "MLI", "GHA"), ("ACCUSE", "MLI", "TGO")},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), ANAPHORA_CASES, ids=[c[0][:30] for c in ANAPHORA_CASES])
def test_references_to_several_parties(nlp, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    found = triples(events_of(nlp, text))
    assert expected <= found, found
    assert not any(s in ("NER", "LBY") for _, s, _ in found)


@pytest.mark.model
def test_a_party_left_out_is_no_target(nlp) -> None:
    text = "Ghana and Togo held talks on Monday. Mali later invited the countries to a summit, with the exception of Togo."
    found = triples(events_of(nlp, text))
    assert ("AGREE", "MLI", "GHA") in found
    assert ("AGREE", "MLI", "TGO") not in found


@pytest.mark.model
def test_the_host_of_joint_talks_is_no_target(nlp) -> None:
    found = triples(events_of(nlp, "Ghana and Togo held talks in Accra on Monday."))
    assert ("CONSULT", "TGO", None) in found
    assert ("CONSULT", "TGO", "GHA") not in found and ("CONSULT", "GHA", "GHA") not in found


FRAME_CASES = [
    # the object decides before the particle: "send troops to" is MOBILIZE, not "send to" (AID)
    ("Chad sent troops to Niger.", ("MOBILIZE", "TCD", "NER")),
    ("Mali gave a warm welcome to the Ghanaian president.", ("CONSULT", "MLI", "GHA")),
    # the subject of "is" for an adjective complement ("is willing/ready to")
    ("Norway is willing to send doctors to Chad.", ("AGREE", "NOR", "TCD")),
    ("France is ready to contribute troops to a force in Mali.", ("AGREE", "FRA", "MLI")),
    # a verb joined to a passive shares its surface subject, not the "by" agent
    ("The Ghanaian minister was condemned by Togo and resigned.", ("RETREAT", "GHA", None)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), FRAME_CASES, ids=[c[0][:30] for c in FRAME_CASES])
def test_syntactic_frames(nlp, text: str, expected: tuple[str, str, str | None]) -> None:
    found = triples(events_of(nlp, text))
    category, source, target = expected
    assert any(c == category and s == source and (target is None or t == target) for c, s, t in found), found


@pytest.mark.model
def test_passive_agent_does_not_act_in_the_joined_verb(nlp) -> None:
    found = triples(events_of(nlp, "The Ghanaian minister was condemned by Togo and resigned."))
    assert not any(c == "RETREAT" and s == "TGO" for c, s, _ in found)


@pytest.mark.model
def test_purpose_of_a_promised_act_is_promised(nlp) -> None:
    found = triples(events_of(nlp, "Norway is willing to send doctors to help Chad."))
    assert ("AGREE", "NOR", "TCD") in found
    assert not any(c == "AID" for c, _, _ in found)
    assert ("AGREE", "NOR", "NOR") not in found  # what is sent is not who receives it


@pytest.mark.model
def test_what_someone_must_be_ready_to_do_is_a_request(nlp) -> None:
    found = triples(events_of(nlp, "Ghana said that Togo must be ready to negotiate with Mali."))
    assert ("REQUEST", "GHA", "TGO") in found
    assert not any(c == "AGREE" for c, _, _ in found)


TARGET_FRAME_CASES = [
    # whoever a complaint is about ("complained that Niger had closed ...")
    ("Mali complained that Niger had closed the border.", ("ACCUSE", "MLI", "NER")),
    # who must comply for a threat not to be carried out
    (
        "Ghanaian farmers threatened to block roads unless Togo reopened the border.",
        ("THREATEN", "GHA", "TGO"),
    ),
    # "among" the parties
    ("The African Union may suspend mediation among Sudan's rival factions.", ("THREATEN", "AU", "SDN")),
    # what a protest is for
    ("Students in Nairobi marched to show their anger at Uganda's border policy.", ("PROTEST", "KEN", "UGA")),
    # people described by what they are doing: a protest, placed where they are dispersed
    ("Police in Lima dispersed farmers protesting a new tax.", ("PROTEST", "PER", "PER")),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"), TARGET_FRAME_CASES, ids=[c[0][:30] for c in TARGET_FRAME_CASES]
)
def test_targets_from_complements_and_circumstances(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
def test_an_act_joined_to_a_purpose_is_a_purpose(nlp) -> None:
    found = triples(events_of(nlp, "Chile demanded a UN presence to protect civilians and prevent clashes."))
    assert ("REQUEST", "CHL", "UN") in found
    assert not any(c == "COERCE" for c, _, _ in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops marched on Kyiv.", ("MOBILIZE", "RUS", "UKR")),
        ("The Kremlin protested the decision.", ("ACCUSE", "RUS", None)),
        ("Thousands of Russians protested in Moscow.", ("PROTEST", "RUS", "RUS")),
    ],
)
def test_protest_is_civilian_dissent(nlp, text: str, expected: tuple[str, str, str | None]) -> None:
    found = triples(events_of(nlp, text))
    assert expected in found
    assert not any(c == "PROTEST" for c, _, _ in found if expected[0] != "PROTEST")


LEXICAL_FRAME_CASES = [
    # a generic undertaking takes its kind from its modifier
    (
        "The Arab League envoy undertook a mediation mission between Syria and Lebanon.",
        {("CONSULT", "AL", "SYR"), ("CONSULT", "AL", "LBN")},
    ),
    # paying compensation makes amends (RETREAT)
    ("Kenya paid compensation to 20 Ugandan farmers.", {("RETREAT", "KEN", "UGA")}),
    # repression on charges also accuses
    (
        "Kenyan police arrested six Ugandan students on charges of espionage.",
        {("COERCE", "KEN", "UGA"), ("ACCUSE", "KEN", "UGA")},
    ),
    ("A Peruvian court charged the former president with corruption.", {("ACCUSE", "PER", "PER")}),
    # a non-governmental organisation with no country of its own
    ("A human rights group criticized Bolivia.", {("ACCUSE", "NGO", "BOL")}),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"), LEXICAL_FRAME_CASES, ids=[c[0][:30] for c in LEXICAL_FRAME_CASES]
)
def test_lexical_frames(nlp, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(events_of(nlp, text))


@pytest.mark.model
def test_state_institutions_take_the_only_country_named(nlp) -> None:
    text = "Kenya held elections on Monday. The judge ordered the arrest of three opposition leaders."
    assert ("COERCE", "KEN", "KEN") in triples(events_of(nlp, text))


@pytest.mark.model
def test_institutions_stay_uncoded_when_several_countries_are_named(nlp) -> None:
    text = "Kenya and Uganda held talks on Monday. The judge ordered the arrest of three opposition leaders."
    assert not any(c == "COERCE" for c, _, _ in triples(events_of(nlp, text)))


@pytest.mark.model
def test_an_adjective_is_no_role(nlp) -> None:
    found = triples(events_of(nlp, "Nepalese opposition parties organized a general strike in Kathmandu."))
    assert ("PROTEST", "NPL", "NPL") in found


MODE_CASES = [
    ("Kenyan police shot dead two Somali smugglers.", "ASSAULT", "firearms"),
    ("Syrian warplanes bombed rebel positions in Idlib.", "ASSAULT", "heavy-weapons"),
    ("Chadian gunmen killed five Nigerien soldiers with a car bomb.", "ASSAULT", "explosives"),
    ("Thousands of Kenyan teachers went on strike on Monday.", "PROTEST", "strike-lim"),
    ("A Bolivian activist began a hunger strike against the Bolivian government.", "PROTEST", "strike-hun"),
    ("Peruvian police arrested six Chilean fishermen.", "COERCE", "arrest"),
    ("Russia threatened to expel British diplomats.", "THREATEN", "expel"),
    ("Ghana refused to meet Togo.", "REJECT", "meet"),
    ("Chad asked Sudan to withdraw its troops.", "REQUEST", "yield"),
    ("The Chilean president spoke with Peru's president on the phone.", "CONSULT", "phone"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "category", "mode"), MODE_CASES, ids=[c[2] for c in MODE_CASES])
def test_modes(nlp, text: str, category: str, mode: str) -> None:
    modes = {e.mode for e in events_of(nlp, text) if e.category == category}
    assert mode in modes, modes


@pytest.mark.model
def test_no_mode_without_words_for_it(nlp) -> None:
    events = [e for e in events_of(nlp, "Canada criticized Russia.") if e.category == "ACCUSE"]
    assert events and events[0].mode is None


def test_lexicon_modes_are_plover_modes() -> None:
    plover_modes = {
        "ASSAULT": {
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
        },
        "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
        "COERCE": {
            "confiscate",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
        },
        "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
        "MOBILIZE": {"troops", "weapons", "police"},
        "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
        "AID": {"economic", "military", "humanitarian", "asylum"},
        "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    }
    lexicon = load_lexicon()
    assert set(lexicon.modes) <= set(plover_modes)
    for category, rules in lexicon.modes.items():
        assert {r.mode for r in rules} <= plover_modes[category], category


COORDINATION_CASES = [
    # two titled people joined inside one phrase
    (
        "Chilean President Ana Placeholder and Peruvian President Juan Placeholder spoke on the phone.",
        {("CONSULT", "CHL", None), ("CONSULT", "PER", None)},
    ),
    # one actor of the head's kind per country of an "of" list
    (
        "Kenya increased cooperation with the navies of Tanzania, Mozambique and Somalia.",
        {("COOPERATE", "KEN", "TZA"), ("COOPERATE", "KEN", "MOZ"), ("COOPERATE", "KEN", "SOM")},
    ),
    # counting on someone to act asks them to
    ('"We count on Chad to act with restraint," the Nigerien president said.', {("REQUEST", "NER", "TCD")}),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"), COORDINATION_CASES, ids=[c[0][:30] for c in COORDINATION_CASES]
)
def test_coordinations_and_expectations(nlp, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert expected <= triples(events_of(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whoever is let, made or helped to act is the target
        ("Sudanese rebels refused to allow UN planes to land.", ("REJECT", "SDN", "UN")),
        # an object pronoun is not its own clause's subject ("he ... him")
        (
            "The Chilean president refused to see Peru's foreign minister, saying he would only meet him in Santiago.",
            ("AGREE", "CHL", "PER"),
        ),
        # a threat against what a group does falls on the group's country
        (
            "Egyptian police warned that they would not tolerate rallies by the Kifaya group.",
            ("THREATEN", "EGY", "EGY"),
        ),
    ],
)
def test_targets_of_complements_and_pronouns(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Kenya released a statement on Monday.",  # said, not freed
        "The Kenyan president delivered a speech in Nairobi.",  # said, not given as aid
        "Kenya shares the desire for peace with Uganda.",  # a view, not cooperation
    ],
)
def test_things_said_are_no_material_acts(nlp, text: str) -> None:
    assert not any(c in ("RETREAT", "AID", "COOPERATE") for c, _, _ in triples(events_of(nlp, text)))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        # attacking a decision is verbal
        ("Erdogan attacked Israel's decision.", ("ACCUSE", "TUR", "ISR"), "ASSAULT"),
        # leaving a treaty cuts relations
        ("Trump withdrew the US from a nuclear treaty with Iran.", ("SANCTION", "USA", "IRN"), "RETREAT"),
        # "neither ... nor ... would" denies a cooperative act
        (
            "Neither the European Union nor the United States would endorse the result.",
            ("REJECT", "EU", None),
            "AGREE",
        ),
        # "would sometimes" tells what used to happen, not a threat
        ("Kenyan soldiers would sometimes kill Ugandan farmers.", ("ASSAULT", "KEN", "UGA"), "THREATEN"),
    ],
)
def test_word_sense_and_modality(
    nlp, text: str, expected: tuple[str, str, str | None], not_expected: str
) -> None:
    found = triples(events_of(nlp, text))
    category, source, target = expected
    assert any(c == category and s == source and (target is None or t == target) for c, s, t in found), found
    assert not any(c == not_expected for c, _, _ in found)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Arriving back home in 1964, the Omani sultan took power.",  # a journey with no one to meet
        "The Taliban seeks to retake control of Afghanistan.",  # seeking to act is no request
        "The Tunisian prime minister signed a decree banning face veils.",  # a domestic act, no agreement
        "Erdogan announced the change in a rally on Friday.",  # where it was said, no protest
    ],
)
def test_no_event_where_words_only_look_like_one(nlp, text: str) -> None:
    found = triples(events_of(nlp, text))
    assert not any(c in ("CONSULT", "AID", "REQUEST", "SUPPORT", "PROTEST") for c, _, _ in found), found


@pytest.mark.model
def test_helping_to_act_is_the_act(nlp) -> None:
    found = triples(events_of(nlp, "The Kenyan envoy helped negotiate the Iran nuclear deal."))
    assert not any(c == "AID" for c, _, _ in found), found


@pytest.mark.model
def test_who_withdraws_is_of_and_what_is_left_is_from(nlp) -> None:
    found = triples(events_of(nlp, "The withdrawal of Russian troops from Moldova began on Monday."))
    assert ("RETREAT", "RUS", "MDA") in found
    assert not any(s == "MDA" for _, s, _ in found)


@pytest.mark.model
def test_every_party_of_a_call_consults(nlp) -> None:
    found = triples(events_of(nlp, "The Chilean president spoke with Peru's president on the phone."))
    assert {("CONSULT", "CHL", "PER"), ("CONSULT", "PER", "CHL")} <= found
    found = triples(events_of(nlp, "The Chilean president met Peru's president in Lima."))
    assert ("CONSULT", "CHL", "PER") in found and ("CONSULT", "PER", "CHL") not in found


@pytest.mark.model
def test_a_person_defined_later_keeps_the_code(nlp) -> None:
    text = "Tomas Vantrell criticized Bolivia on Monday. Vantrell is the foreign minister of Chile."
    assert ("ACCUSE", "CHL", "BOL") in triples(events_of(nlp, text))


@pytest.mark.model
def test_the_one_met_is_the_visitor(nlp) -> None:
    text = "The Ghanaian president was met by the Kenyan foreign minister at the airport."
    found = triples(events_of(nlp, text))
    assert ("CONSULT", "GHA", "KEN") in found and ("CONSULT", "KEN", "GHA") not in found


@pytest.mark.model
def test_a_carried_event_noun_is_not_its_own_target(nlp) -> None:
    text = (
        "Nigerien troops attacked a Malian village on Monday. "
        "Officials said the rocket strikes were carried out by Chadian rebels."
    )
    found = triples(events_of(nlp, text))
    assert ("ASSAULT", "TCD", None) in found
    assert ("ASSAULT", "TCD", "NER") not in found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # a counterfactual did not happen, nor its complement
        ("The council withdrew a bill that would have allowed China to extradite suspects.", "COOPERATE"),
        ("Russia would have attacked Ukraine.", "ASSAULT"),
        # denying what was said of oneself rejects no request, and the denied deed did not happen
        ("Chile initially denied all claims that the journalist was slain.", "REJECT"),
        ("The Chilean president denied that he made any deal with Peru.", "AGREE"),
        ("The Chilean president denied that he made any deal with Peru.", "REJECT"),
        # owning up to a deed agrees to nothing
        ("The Chilean prince accepted responsibility for the murder.", "AGREE"),
        # an object that denies the act
        ("The Chilean government has conceded nothing to Peru.", "CONCEDE"),
    ],
)
def test_what_did_not_happen_is_no_event(nlp, text: str, not_expected: str) -> None:
    found = triples(events_of(nlp, text))
    assert not any(c == not_expected for c, _, _ in found), found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a declared withdrawal is a concession (docs/ANNOTATION.md: CONCEDE)
        ("Chile will withdraw the bill.", ("CONCEDE", "CHL", None)),
        ("Chile will withdraw its troops from Peru.", ("CONCEDE", "CHL", None)),
        ("Chile will allow refugees to return.", ("AGREE", "CHL", None)),
        # a person coded by an apposition's country is a person "her" refers to
        (
            "Jane Roe, the chief executive of Chile, announced that her government will withdraw the bill.",
            ("CONCEDE", "CHL", None),
        ),
        # an institution named with a possessive pronoun is its owner's
        ("French President Jean Roe said his government will send aid to Mali.", ("AGREE", "FRA", "MLI")),
    ],
)
def test_declarations_and_owned_institutions(nlp, text: str, expected: tuple[str, str, str | None]) -> None:
    found = triples(events_of(nlp, text))
    category, source, target = expected
    assert any(c == category and s == source and (target is None or t == target) for c, s, t in found), found


@pytest.mark.model
def test_a_possessive_whose_antecedent_search_returns_to_its_phrase_ends(nlp) -> None:
    text = (
        "A slide that Mr. Guajardo and his aides carry with them as they speak to American leaders "
        "shows what the car would cost if a tariff were imposed on imports from Mexico."
    )
    events_of(nlp, text)  # no RecursionError


# ----------------------------------------------------------------- fast paths over the doc's arrays


def _hand_built_doc():
    """ "The spokeswoman told CBC News the department will look." """
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["The", "spokeswoman", "told", "CBC", "News", "the", "department", "will", "look", "."]
    heads = [1, 2, 2, 4, 2, 6, 8, 8, 2, 2]
    deps = ["det", "nsubj", "ROOT", "compound", "dobj", "det", "nsubj", "aux", "ccomp", "punct"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "PROPN", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["the", "spokeswoman", "tell", "CBC", "News", "the", "department", "will", "look", "."]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_lexical_candidates_are_every_token_a_trigger_test_can_accept():
    from newsgraph.events import lexical_candidates, noun_trigger, verb_trigger

    lexicon = load_lexicon()
    doc = _hand_built_doc()
    verbs, nouns = lexical_candidates(doc, lexicon)
    assert {t.i for t in doc if t.lemma_.lower() in lexicon.verb_lemmas} == verbs
    assert all(verb_trigger(t, lexicon) is None for t in doc if t.i not in verbs)
    assert all(noun_trigger(t, lexicon) is None for t in doc if t.i not in nouns)
    # a second doc reads the cached answers and must agree
    assert lexical_candidates(_hand_built_doc(), lexicon) == (verbs, nouns)


GENERAL_GAP_CASES = [
    # An order or force to shut down is coercion of the one shut down, not a request.
    ("The Kenyan government ordered the Nairobi station to shut down.", ("COERCE", "KEN", "KEN")),
    ("Russia forced Ukraine to close its embassy in Moscow.", ("COERCE", "RUS", "UKR")),
    # A subpoena is a formal demand for documents or testimony.
    ("The Indian parliament issued a subpoena to the French foreign minister.", ("REQUEST", "IND", "FRA")),
    ("The Canadian parliament subpoenaed the Chinese ambassador.", ("REQUEST", "CAN", "CHN")),
    # A domestic company or broadcaster in an article about one country takes its code.
    ("The Kenyan government accused the network of fraud.", ("ACCUSE", "KEN", "KEN")),
    ("Police in Nairobi raided the company on Monday.", ("COERCE", "KEN", "KEN")),
    ("The Kenyan government accused the newspaper of fraud.", ("ACCUSE", "KEN", "KEN")),
    # Encouraging someone to act is asking them to.
    ("Germany encouraged Poland to sign the treaty.", ("REQUEST", "DEU", "POL")),
    # A national intelligence agency is its state's.
    ("The French minister encouraged the CIA to release the files.", ("REQUEST", "FRA", "USA")),
    ("The FSB detained a Ukrainian diplomat in Moscow.", ("COERCE", "RUS", "UKR")),
    # Not accepting a demand or request refuses it.
    ("Russia did not accept the American request.", ("REJECT", "RUS", "USA")),
    ("The Kenyan government did not accede to the protesters' demands.", ("REJECT", "KEN", "KEN")),
    # A reaction by a named author, in the face of which something was done, happened too.
    (
        "The Turkish president announced the change despite criticism by the Greek foreign minister.",
        ("ACCUSE", "GRC", "TUR"),
    ),
    ("Kenya passed the law amid protests by farmers in Nairobi.", ("PROTEST", "KEN", "KEN")),
    # Choosing or opting to act reports the act.
    ("Kenyan authorities have chosen to suppress the protests.", ("COERCE", "KEN", "KEN")),
    # Withholding aid cuts it; the recipient of what is withheld is the target.
    ("The American administration withheld military aid to Ukraine.", ("SANCTION", "USA", "UKR")),
    ("The American administration's withholding of aid to Ukraine angered Kyiv.", ("SANCTION", "USA", "UKR")),
    # A meeting "between" parties of two countries was held by both.
    (
        "He helped arrange a meeting between the American envoy and a Ukrainian official.",
        ("CONSULT", "USA", "UKR"),
    ),
    (
        "He helped arrange a meeting between the American envoy and a Ukrainian official.",
        ("CONSULT", "UKR", "USA"),
    ),
    # "The move" is the act criticised, not an earlier criticism of it.
    (
        "The Turkish president pledged to convert the museum. Greece criticized the plan. "
        "The American commission also condemned the move.",
        ("ACCUSE", "USA", "TUR"),
    ),
    # Committing a deed is doing it, no promise.
    ("Russian agents committed the murder of a Ukrainian journalist in Kyiv.", ("ASSAULT", "RUS", "UKR")),
    # A commission or regulator is a state body: in an article about one country, that country's.
    (
        "Kenyan regulators met on Monday. The commission refused to renew the company's licence.",
        ("REJECT", "KEN", "KEN"),
    ),
    # Arrests and charges with no agent are the state's: where they happen, else the one country.
    ("Two journalists were arrested in Moscow on Monday.", ("COERCE", "RUS", "RUS")),
    ("Kenyan protests grew. More than 100 people have been arrested since June.", ("COERCE", "KEN", "KEN")),
    ("Kenyan protests grew. Eleven men have been charged with murder.", ("ACCUSE", "KEN", None)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), GENERAL_GAP_CASES, ids=[c[0][:40] for c in GENERAL_GAP_CASES])
def test_general_gaps(nlp, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(events_of(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan government ordered an investigation into the crash.",
        "Russia ordered the Ukrainian ambassador to explain the remarks.",
    ],
)
def test_orders_that_close_nothing_are_no_coercion(nlp, text: str) -> None:
    assert not any(e.category == "COERCE" for e in events_of(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Two journalists were arrested on Monday.",  # no place, no country: no one to code
        "Two journalists were arrested by masked men on Monday.",  # an agent, and not the state
    ],
)
def test_agentless_arrests_need_a_country_and_no_agent(nlp, text: str) -> None:
    assert not any(e.category == "COERCE" for e in events_of(nlp, text))


@pytest.mark.model
def test_not_accepting_a_treaty_is_a_negated_agreement(nlp) -> None:
    events = events_of(nlp, "Russia did not accept the treaty.")
    assert not any(e.category == "REJECT" for e in events)
    assert any(e.category == "AGREE" and e.negated for e in events)


@pytest.mark.model
def test_a_reaction_of_no_one_named_is_a_circumstance(nlp) -> None:
    text = "The Turkish president announced the change despite criticism."
    assert not any(e.category == "ACCUSE" for e in events_of(nlp, text))


@pytest.mark.model
def test_a_planned_meeting_between_parties_is_not_held(nlp) -> None:
    text = "A planned meeting between the American envoy and a Ukrainian official was cancelled."
    assert not any(e.category == "CONSULT" and not e.negated for e in events_of(nlp, text))


@pytest.mark.model
def test_recognizing_a_thing_supports_no_one(nlp) -> None:
    text = "The temple has been recognized by UNESCO as world heritage."
    assert not any(e.category == "SUPPORT" for e in events_of(nlp, text))


@pytest.mark.model
def test_committing_a_deed_is_no_agreement(nlp) -> None:
    text = "Russian agents committed the murder of a Ukrainian journalist in Kyiv."
    assert not any(e.category == "AGREE" for e in events_of(nlp, text))


@pytest.mark.model
def test_being_encouraged_asks_nothing(nlp) -> None:
    text = "The French minister was encouraged by the talks with Germany."
    assert not any(e.category == "REQUEST" for e in events_of(nlp, text))


@pytest.mark.model
def test_a_broadcaster_signing_off_signs_nothing(nlp) -> None:
    text = "The Kenyan network signed off at midnight after the order."
    assert not any(e.category == "SUPPORT" for e in events_of(nlp, text))


def test_obligation_positions_are_the_words_of_obligation():
    import spacy
    from spacy.tokens import Doc

    from newsgraph.events import OBLIGATION_MODALS, obligation_positions

    assert obligation_positions(_hand_built_doc()) == frozenset()
    words = ["Iran", "Must", "stop", "and", "needs", "to", "talk", ";", "we", "have", "to", "wait", "."]
    lemmas = ["Iran", "must", "stop", "and", "need", "to", "talk", ";", "we", "have", "to", "wait", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas)
    assert obligation_positions(doc) == frozenset({1, 4, 9})
    assert obligation_positions(doc) == {
        t.i for t in doc if t.lower_ in OBLIGATION_MODALS or t.lemma_ in ("need", "have")
    }
