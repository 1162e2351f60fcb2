"""The actor knowledge base: shipped data, phrase coding, user files and the PETRARCH importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.actors import (
    ActorKB,
    build_kb,
    default_kb,
    load_user_file,
    normalise_name,
    read_petrarch_actors,
    split_cameo_code,
)
from newsgraph.errors import UsageError


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return default_kb()


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [
        ("Russia", "RUS", "GOV"),
        ("the Russian Federation", "RUS", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("Washington", "USA", "GOV"),
        ("the White House", "USA", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("Kyiv", "UKR", "GOV"),
        ("Kiev", "UKR", "GOV"),
        ("Beijing", "CHN", "GOV"),
        ("Tehran", "IRN", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("the Knesset", "ISR", "LEG"),
        ("Britain", "GBR", "GOV"),
        ("Burma", "MMR", "GOV"),
        ("Ivory Coast", "CIV", "GOV"),
        ("U.S.", "USA", "GOV"),
    ],
)
def test_states_capitals_and_seats_of_power(kb: ActorKB, name: str, code: str, sector: str) -> None:
    info = kb.lookup(name)
    assert info is not None and (info.code, info.sector) == (code, sector)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("NATO", "NATO"),
        ("the EU", "EU"),
        ("European Union", "EU"),
        ("United Nations", "UN"),
        ("U.N.", "UN"),
        ("UNHCR", "UN"),
        ("OSCE", "OSCE"),
        ("African Union", "AU"),
        ("ASEAN", "ASEAN"),
        ("G-7", "G7"),
        ("G20", "G20"),
        ("IAEA", "IAEA"),
        ("International Criminal Court", "ICC"),
        ("the Taliban", "AFG"),
        ("Hezbollah", "LBN"),
    ],
)
def test_organisations(kb: ActorKB, name: str, code: str) -> None:
    info = kb.lookup(name)
    assert info is not None and info.code == code


@pytest.mark.parametrize("word", ["us", "who", "turkey", "chad"])
def test_lower_case_words_are_not_names(kb: ActorKB, word: str) -> None:
    assert kb.code_phrase(word) is None


@pytest.mark.parametrize("text", ["us", "who", "is"])
def test_acronyms_only_match_in_capitals(kb: ActorKB, text: str) -> None:
    assert kb.lookup(text) is None


@pytest.mark.parametrize(
    ("adjective", "code"),
    [("Russian", "RUS"), ("French", "FRA"), ("Frenchmen", "FRA"), ("Ukrainians", "UKR"), ("Emirati", "ARE")],
)
def test_adjectives_and_demonyms(kb: ActorKB, adjective: str, code: str) -> None:
    info = kb.adjective(adjective)
    assert info is not None and info.code == code


def test_every_sovereign_state_has_adjectives_and_a_point(kb: ActorKB) -> None:
    for code in ("RUS", "USA", "FRA", "NGA", "BRA", "IDN", "PSE", "XKX"):
        state = kb.state(code)
        assert state is not None and state.lat is not None and state.lon is not None


@pytest.mark.parametrize(
    ("role", "sector"),
    [
        ("president", "GOV"),
        ("Prime Minister", "GOV"),
        ("foreign minister", "GOV"),
        ("troops", "MIL"),
        ("forces", "MIL"),
        ("navy", "MIL"),
        ("police", "COP"),
        ("parliament", "LEG"),
        ("senators", "LEG"),
        ("court", "JUD"),
        ("judge", "JUD"),
        ("rebels", "REB"),
        ("militants", "REB"),
        ("protesters", "OPP"),
        ("civilians", "CVL"),
    ],
)
def test_role_words_give_sectors(kb: ActorKB, role: str, sector: str) -> None:
    found = kb.role(role)
    assert found is not None and found[0] == sector


def test_people_are_coded_by_office_at_the_date(kb: ActorKB) -> None:
    putin_pm = kb.lookup("Vladimir Putin", "2010-01-01")
    assert putin_pm is not None and putin_pm.code == "RUS" and putin_pm.role == "Prime Minister of Russia"
    putin_president = kb.lookup("Putin", "2022-01-28")
    assert putin_president is not None and putin_president.role == "President of Russia"
    johnson_out_of_office = kb.lookup("Boris Johnson", "2024-01-01")
    assert johnson_out_of_office is not None and johnson_out_of_office.code == "GBR"
    assert johnson_out_of_office.sector is None


def test_names_match_without_accents(kb: ActorKB) -> None:
    with_accent = kb.lookup("Erdoğan")
    without = kb.lookup("Erdogan")
    assert with_accent is not None and without is not None and with_accent.code == without.code == "TUR"


@pytest.mark.parametrize(
    ("phrase", "code", "sector", "name"),
    [
        ("French President Emmanuel Macron", "FRA", "GOV", "Emmanuel Macron"),
        ("Russian troops", "RUS", "MIL", None),
        ("His Foreign Minister Sergei Lavrov", "RUS", "GOV", "Sergei Lavrov"),
        ("Defence Minister Pierre Joxe", None, "GOV", "Pierre Joxe"),
        ("the Israeli government", "ISR", "GOV", None),
        ("Palestinian police", "PSE", "COP", None),
        ("Demonstrators in Baghdad", "IRQ", "OPP", None),
        ("the Libyan ambassador to Greece", "LBY", "GOV", None),
        ("European Community foreign ministers", "EU", None, None),
        ("Ethnic Albanians in south Serbia", "SRB", None, None),
        ("the pro-Iranian Hizbollah group", "LBN", None, None),
        ("the Syrian-backed Amal militia", "LBN", "MIL", None),
        ("Kenzo Oshima, the United Nations Emergency Relief Coordinator", "UN", None, None),
        # a membership named before the country describes it ("EU-member Poland")
        ("EU-member Poland", "POL", None, None),
    ],
)
def test_phrase_coding(
    kb: ActorKB, phrase: str, code: str | None, sector: str | None, name: str | None
) -> None:
    info = kb.code_phrase(phrase, "2022-01-28")
    assert info is not None
    assert info.code == code
    if sector is not None:
        assert info.sector == sector
    if name is not None:
        assert info.name == name


def test_normalise_name() -> None:
    assert normalise_name("The  U.S.") == "us"
    assert normalise_name("Çavuşoğlu") == "cavusoglu"


def test_user_yaml_file_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- {name: Jane Placeholder, names: [Placeholder], code: NOR, terms: [[GOV, Minister of Tests, 2020-01-01, null]]}\n"
        "- {name: Example Liberation Front, names: [ELF], code: ESP, sector: REB, kind: group}\n",
        encoding="utf-8",
    )
    kb = build_kb([path])
    person = kb.lookup("Placeholder", "2021-05-01")
    assert person is not None and (person.code, person.sector, person.kind) == ("NOR", "GOV", "person")
    before = kb.lookup("Placeholder", "2019-05-01")
    assert before is not None and before.sector is None
    group = kb.lookup("ELF")
    assert group is not None and (group.code, group.sector) == ("ESP", "REB")
    assert kb.lookup("Russia") is not None


def test_user_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,code,sector,kind,role,start,end\n"
        "Example Mayor,Mayor Example|E. Mayor,CHE,GOV,person,Mayor of Example,2018-01-01,2022-12-31\n",
        encoding="utf-8",
    )
    kb = ActorKB()
    assert load_user_file(kb, path) == 1
    info = kb.lookup("E. Mayor", "2020-06-01")
    assert info is not None and (info.code, info.sector) == ("CHE", "GOV")


PETRARCH_SAMPLE = """\
# a comment line
<!-- an XML comment
     over two lines -->
BARACK_OBAMA_  ; from CountryInfo
+OBAMA_
+PRESIDENT_OBAMA_
\t[USAELI <090120]
\t[USAGOV 090120-170120]
\t[USAELI >170120]

NORTH_ATLANTIC_COUNCIL_ [IGONAT]

EXAMPLELAND_  [JAP]
+EXAMPLE_CAPITAL_
"""


def test_petrarch_importer_reads_names_codes_and_dates() -> None:
    records = read_petrarch_actors(PETRARCH_SAMPLE)
    names = [r[0] for r in records]
    assert names[0] == ["BARACK OBAMA", "OBAMA", "PRESIDENT OBAMA"]
    obama = records[0][1]
    assert [(t.code, t.sector, t.start, t.end) for t in obama.terms] == [
        ("USA", "ELI", None, "2009-01-20"),
        ("USA", "GOV", "2009-01-20", "2017-01-20"),
        ("USA", "ELI", "2017-01-20", None),
    ]
    assert records[1][1].info.code == "NATO" and records[1][1].info.sector == "IGO"
    assert records[2][1].info.code == "JPN"


def test_petrarch_file_through_the_user_loader(tmp_path: Path) -> None:
    path = tmp_path / "sample.actors"
    path.write_text(PETRARCH_SAMPLE, encoding="utf-8")
    kb = ActorKB()
    assert load_user_file(kb, path) == 3
    info = kb.lookup("President Obama", "2012-01-01")
    assert info is not None and (info.code, info.sector) == ("USA", "GOV")
    after = kb.lookup("Obama", "2018-01-01")
    assert after is not None and after.sector == "ELI"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("RUSMIL", ("RUS", "MIL")),
        ("IGOUNO", ("UN", "IGO")),
        ("JAP", ("JPN", None)),
    ],
)
def test_split_cameo_code(code: str, expected: tuple[str | None, str | None]) -> None:
    assert split_cameo_code(code) == expected


def test_unreadable_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read actor file"):
        load_user_file(ActorKB(), tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {names: [no name here]}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no name"):
        load_user_file(ActorKB(), bad)


def test_environment_variable_names_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text("- {name: Zorblax Institute, code: NGO, sector: NGO}\n", encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_ACTORS", str(path))
    info = default_kb().lookup("Zorblax Institute")
    assert info is not None and info.code == "NGO"
    monkeypatch.delenv("NEWSGRAPH_ACTORS")
    assert default_kb().lookup("Zorblax Institute") is None


def test_cli_rejects_a_missing_actor_file() -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["extract", "--text", "x", "--actors", "/nonexistent/actors.yaml"])
    assert result.exit_code == 2
    assert "cannot read actor file" in result.output


@pytest.mark.model
def test_cli_actor_file_codes_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    monkeypatch.setenv("NEWSGRAPH_ACTORS", "")  # restored after the test: --actors writes to it
    path = tmp_path / "actors.yaml"
    path.write_text("- {name: Zorblax, code: NOR, sector: GOV, kind: state}\n", encoding="utf-8")
    args = [
        "extract",
        "--text",
        "Zorblax criticized Kenya on Monday.",
        "--date",
        "2022-01-28",
        "--actors",
        str(path),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert any(e["category"] == "ACCUSE" and e["source"][0]["code"] == "NOR" for e in record["events"])
