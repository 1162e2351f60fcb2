"""Shared fixtures. Tests that need the trained spaCy pipeline are marked ``model``."""

from __future__ import annotations

import html
from dataclasses import dataclass
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


# --- Reader test inputs: Wikinews fixture texts, and pages/records built around them -------------

WIKINEWS_FIXTURES = (
    "12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt",
    "20_2019-09-09_longtime-leader-of-zimbabwe-robert-mugabe-dies-aged-95.txt",
    "37_2020-01-12_sultan-qaboos-of-oman-dies.txt",
)


@dataclass
class FixtureArticle:
    """A Wikinews fixture split by hand (not by the reader under test): what a reader should find."""

    name: str
    title: str
    date: str
    url: str
    paragraphs: list[str]


def _split_fixture(path: Path) -> FixtureArticle:
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    # title, date line, body..., "Original url:", url (the fixtures' known layout)
    assert blocks[-2] == "Original url:"
    return FixtureArticle(
        name=path.name,
        title=blocks[0],
        date=path.name[3:13],
        url=blocks[-1],
        paragraphs=blocks[2:-2],
    )


@pytest.fixture(scope="session")
def wikinews_articles() -> list[FixtureArticle]:
    """The Wikinews fixture articles with their expected title, date, URL and paragraphs."""
    return [_split_fixture(FIXTURES / "articles" / name) for name in WIKINEWS_FIXTURES]


def build_html_page(article: FixtureArticle, charset: str = "utf-8", with_metadata: bool = True) -> str:
    """A news page around an article: navigation, share links, related stories, footer, script."""
    paragraphs = "\n".join(f"      <p>{html.escape(p)}</p>" for p in article.paragraphs)
    metadata = (
        f'  <meta property="og:title" content="{html.escape(article.title)}">\n'
        f'  <meta property="article:published_time" content="{article.date}T09:30:00+00:00">\n'
        '  <meta property="og:site_name" content="Wikinews">\n'
        '  <meta name="author" content="Jane Reporter">\n'
        f'  <link rel="canonical" href="{html.escape(article.url)}">\n'
        if with_metadata
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{html.escape(article.title)} - Wikinews, the free news source</title>
{metadata}  <script>window.dataLayer = [{{"event": "pageview"}}];</script>
  <style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news desk</a></li>
  <li><a href="/sport">Sport results and fixtures</a></li><li><a href="/login">Log in or create an account</a></li></ul></nav></header>
  <main>
    <article>
      <h1>{html.escape(article.title)}</h1>
{paragraphs}
    </article>
    <aside><h2>Related stories</h2><ul>
      <li><a href="/a">Storm damages coastal homes in northern fishing villages overnight</a></li>
      <li><a href="/b">Football club announces record transfer fee for young striker</a></li></ul></aside>
  </main>
  <footer><p>Subscribe to our newsletter for daily headlines delivered to your inbox.</p>
  <p>Copyright notice and privacy policy apply to all content on this website.</p></footer>
</body>
</html>
"""


def build_warc_record(
    warc_type: str,
    uri: str,
    block: bytes,
    date: str = "2024-03-05T12:00:00Z",
    content_type: str | None = None,
    number: int = 1,
) -> bytes:
    """One WARC/1.1 record (headers, block, CRLF CRLF), as a crawler writes it."""
    if content_type is None:
        content_type = (
            f"application/http; msgtype={warc_type}" if warc_type in ("request", "response") else "text/plain"
        )
    headers = (
        "WARC/1.1\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return headers.encode("ascii") + block + b"\r\n\r\n"


def http_response(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    """An HTTP/1.1 response message, the block of a WARC response record."""
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


@pytest.fixture(scope="session")
def page_builder():
    """:func:`build_html_page`, for tests that wrap fixture articles in HTML."""
    return build_html_page


@pytest.fixture(scope="session")
def warc_builder():
    """``(build_warc_record, http_response)``, for tests that write WARC files."""
    return build_warc_record, http_response


# --- A store to query: hand-made extractions of Wikinews fixture texts (no spaCy needed) ---------


@dataclass
class SampleStore:
    """A database written through the store writer, and what was written into it.

    ``ids`` maps short names (``mahan``, ``drones``, ``bolton``, ``copy``, ``hostile``,
    ``german``) to the stored article ids; ``extractions`` holds what was written for each.
    """

    path: Path
    ids: dict[str, str]
    extractions: dict[str, object]


def _span(text: str, phrase: str, after: str | None = None) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text`` (first occurrence after ``after``, if given)."""
    offset = text.index(after) if after is not None else 0
    start = text.index(phrase, offset)
    return start, start + len(phrase)


def _read_fixture(name: str):
    from newsgraph.clean import make_article
    from newsgraph.model import RawArticle
    from newsgraph.readers import read_paths

    (record,) = [r for r in read_paths([str(FIXTURES / "articles" / name)]) if isinstance(r, RawArticle)]
    return make_article(record)


def _mahan():
    from newsgraph.model import ActorRef, Entity, Event, Extraction, Mention, SpeakerRef, Statement

    article = _read_fixture("seed-layout-mahan-air.txt")
    t = article.text

    def mention(phrase: str, after: str | None = None) -> Mention:
        return Mention(phrase, *_span(t, phrase, after))

    entities = [
        Entity("e1", "Germany", "state", "DEU", "GOV", mentions=[mention("Germany")]),
        Entity("e2", "Mahan Air", "organization", "IRN", "BUS", mentions=[mention("Mahan Air")]),
        Entity("e3", "Mike Pompeo", "person", "USA", "GOV", "Secretary of State", [mention("Mike Pompeo")]),
        Entity("e4", "Steffen Seibert", "person", "DEU", "GOV", "spokesperson", [mention("Steffen Seibert")]),
        Entity("e5", "Richard Grenell", "person", "USA", "GOV", "ambassador", [mention("Richard Grenell")]),
        Entity("e6", "United States", "state", "USA", "GOV", mentions=[mention("United States")]),
    ]

    def statement(kind, content, cue, cue_after, speaker, mention_text, entity=None, addressee=None):
        start, end = _span(t, content)
        cue_start, cue_end = _span(t, cue, cue_after)
        m_start, m_end = _span(t, mention_text)
        return Statement(
            type=kind,
            content=t[start:end],
            start=start,
            end=end,
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            speaker=SpeakerRef(speaker, mention_text, m_start, m_end, entity),
            addressee=addressee,
        )

    pompeo_quote = (
        "The airline transports weapons and fighters across the Middle East, supporting the Iranian "
        "regime's destructive ambitions around the region"
    )
    statements = [
        statement(
            "direct",
            pompeo_quote,
            "according to",
            pompeo_quote,
            "Mike Pompeo",
            "US Secretary of State Mike Pompeo",
            "e3",
        ),
        statement(
            "indirect",
            "The Federal Aviation Office of Germany has suspended Mahan's permit",
            "said",
            "German officials",
            "German officials",
            "German officials",
        ),
        statement(
            "mixed",
            'it is possible "that this airline carries out transports to Germany that affect our '
            'security concerns," and the ban followed discussions within Europe and with the US',
            "said",
            "Steffen Seibert",
            "Steffen Seibert",
            "Steffen Seibert",
            "e4",
        ),
        statement(
            "direct",
            "contributed to incredible human suffering, violence, and political instability felt "
            "across the world",
            "alleged",
            "Richard Grenell",
            "Richard Grenell",
            "US Ambassador to Germany Richard Grenell",
            "e5",
        ),
    ]

    def event(category, source, target, evidence, date=None, goldstein=None, negated=False, trigger=None):
        start, end = _span(t, evidence)
        return Event(
            category=category,
            source=source,
            target=target,
            evidence=evidence,
            start=start,
            end=end,
            date=date,
            goldstein=goldstein,
            negated=negated,
            trigger=trigger,
            quad_class=4 if (goldstein or 0) < 0 else 1,
        )

    germany, mahan = ActorRef("Germany", "DEU", "GOV", "e1"), ActorRef("Mahan Air", "IRN", "BUS", "e2")
    events = [
        event(
            "SANCTION",
            [germany],
            [mahan],
            "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation",
            "2019-01-21",
            -4.0,
            trigger="banned",
        ),
        event(
            "SANCTION",
            [ActorRef("United States", "USA", "GOV", "e6")],
            [mahan],
            "Mahan has been the subject of United States sanctions since 2011",
            None,
            -4.0,
        ),
        # Overlaps the start of Grenell's statement (3).
        event(
            "ACCUSE",
            [ActorRef("Richard Grenell", "USA", "GOV", "e5")],
            [mahan],
            'Richard Grenell alleged, by way of example, Mahan had "contributed to incredible human suffering',
            "2019-01-23",
            -2.0,
            trigger="alleged",
        ),
        # The same span as the German officials' statement (1).
        event(
            "SANCTION",
            [ActorRef("Federal Aviation Office of Germany", "DEU", "GOV")],
            [mahan],
            "The Federal Aviation Office of Germany has suspended Mahan's permit",
            "2019-01-21",
            -4.0,
        ),
    ]
    return Extraction(article, entities, statements, events)


def _drones():
    from newsgraph.model import ActorRef, Entity, Event, Extraction, Mention, SpeakerRef, Statement

    article = _read_fixture("22_2019-09-15_oil-facilities-in-saudi-arabia-hit-by-drone-attacks.txt")
    t = article.text
    entities = [
        Entity(
            "e1",
            "Saudi Arabia",
            "state",
            "SAU",
            "GOV",
            mentions=[Mention("Saudi Arabia", *_span(t, "Saudi Arabia"))],
        ),
        Entity(
            "e2",
            "Houthi movement",
            "group",
            "YEM",
            "REB",
            mentions=[Mention("Houthi movement", *_span(t, "Houthi movement"))],
        ),
        Entity(
            "e3",
            "Yahya Sarea",
            "person",
            "YEM",
            "REB",
            "military spokesperson",
            [Mention("Yahya Sarea", *_span(t, "Yahya Sarea"))],
        ),
        Entity(
            "e4",
            "Mike Pompeo",
            "person",
            "USA",
            "GOV",
            "Secretary of State",
            [Mention("Mike Pompeo", *_span(t, "Mike Pompeo"))],
        ),
        Entity("e5", "Iran", "state", "IRN", "GOV", mentions=[Mention("Iran", *_span(t, "Iran"))]),
    ]

    def statement(kind, content, cue, cue_after, speaker, mention_text, mention_after=None, entity=None):
        start, end = _span(t, content)
        cue_start, cue_end = _span(t, cue, cue_after)
        m_start, m_end = _span(t, mention_text, mention_after)
        return Statement(
            kind,
            t[start:end],
            start,
            end,
            cue,
            SpeakerRef(speaker, mention_text, m_start, m_end, entity),
            cue_start=cue_start,
            cue_end=cue_end,
        )

    statements = [
        statement(
            "direct",
            "These attacks are our right, and we warn the Saudis that our targets will keep expanding",
            "said",
            "keep expanding",
            "Yahya Sarea",
            "Saree",
            "keep expanding",
            "e3",
        ),
        statement(
            "indirect",
            "it had carried out the attack using ten drones",
            "said",
            "Yahya Sarea",
            "Yahya Sarea",
            "Houthi military spokesperson Yahya Sarea",
            None,
            "e3",
        ),
        statement(
            "mixed",
            'there was "no evidence the attacks came from Yemen."',
            "saying",
            "blaming Iran",
            "Mike Pompeo",
            "US Secretary of State Mike Pompeo",
            None,
            "e4",
        ),
        statement("indirect", "were under control", "said", "state media", "state media", "state media"),
    ]
    houthis, saudi = (
        ActorRef("Houthi movement", "YEM", "REB", "e2"),
        ActorRef("Saudi Arabia", "SAU", "GOV", "e1"),
    )

    def event(category, source, target, evidence, date, goldstein, **extra):
        start, end = _span(t, evidence)
        return Event(category, source, target, evidence, start, end, date=date, goldstein=goldstein, **extra)

    events = [
        event(
            "ASSAULT",
            [houthis],
            [saudi],
            "oil facilities belonging to Saudi Arabia's state-owned Saudi Aramco were hit by multiple drone strikes",
            "2019-09-14",
            -10.0,
            trigger="hit",
            quad_class=4,
        ),
        event(
            "ACCUSE",
            [ActorRef("Mike Pompeo", "USA", "GOV", "e4")],
            [ActorRef("Iran", "IRN", "GOV", "e5")],
            "posted a message on Twitter blaming Iran for the attacks",
            "2019-09-14",
            -2.0,
            trigger="blaming",
        ),
        event(
            "ASSAULT", [saudi], [houthis], "providing airstrikes with the Royal Saudi Air Force", None, -10.0
        ),
    ]
    return Extraction(article, entities, statements, events)


def _bolton():
    from newsgraph.model import ActorRef, Entity, Event, Extraction, Mention, SpeakerRef, Statement

    article = _read_fixture("21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt")
    t = article.text
    entities = [
        Entity(
            "e1",
            "Donald Trump",
            "person",
            "USA",
            "GOV",
            "president",
            [Mention("Donald Trump", *_span(t, "Donald Trump"))],
        ),
        Entity(
            "e2",
            "John Bolton",
            "person",
            "USA",
            "GOV",
            "national security advisor",
            [Mention("Bolton", *_span(t, "Bolton"))],
        ),
        Entity(
            "e3",
            "Mike Pompeo",
            "person",
            "USA",
            "GOV",
            "Secretary of State",
            [Mention("Mike Pompeo", *_span(t, "Mike Pompeo"))],
        ),
    ]
    trump_quote = (
        "I informed John Bolton last night that his services are no longer needed at the White House. "
        "I disagreed strongly with many of his suggestions, as did others in the Administration"
    )
    pompeo_quote = (
        "I don't think that any leader around the world should make any assumption that because some one of "
        "us departs that President Trump’s foreign policy will change in a material way"
    )
    q1, q2 = _span(t, trump_quote), _span(t, pompeo_quote)
    statements = [
        Statement(
            "direct",
            t[q1[0] : q1[1]],
            *q1,
            "wrote",
            SpeakerRef("Donald Trump", "Trump", *_span(t, "Trump", "wrote"), "e1"),
            cue_start=_span(t, "wrote")[0],
            cue_end=_span(t, "wrote")[1],
        ),
        Statement(
            "direct",
            t[q2[0] : q2[1]],
            *q2,
            "told",
            SpeakerRef("Mike Pompeo", "Pompeo", *_span(t, "Pompeo", "material way"), "e3"),
            addressee=SpeakerRef("the press", "the press", *_span(t, "the press")),
            cue_start=_span(t, "told")[0],
            cue_end=_span(t, "told")[1],
        ),
    ]
    trump, bolton = ActorRef("Donald Trump", "USA", "GOV", "e1"), ActorRef("John Bolton", "USA", "GOV", "e2")
    ask = "had asked for national security advisor John R. Bolton's resignation"
    agree = "disagreed strongly with many of his suggestions"
    events = [
        Event(
            "REQUEST",
            [trump],
            [bolton],
            ask,
            *_span(t, ask),
            date="2019-09-09",
            goldstein=-1.0,
            trigger="asked",
        ),
        Event(
            "AGREE",
            [trump],
            [bolton],
            agree,
            *_span(t, agree),
            date="2019-09-10",
            goldstein=3.0,
            negated=True,
        ),
    ]
    return Extraction(article, entities, statements, events)


HOSTILE_TEXT = (
    'Officials said <script>alert("xss")</script> was found on the page.\n\n'
    '"Click <a href="javascript:alert(1)">here</a> and <img src=x onerror=alert(2)> now," the <u>minister</u> said.'
)


def _hostile():
    from newsgraph.model import ActorRef, Article, Entity, Event, Extraction, Mention, SpeakerRef, Statement

    t = HOSTILE_TEXT
    article = Article(
        id="hostile",
        text=t,
        content_hash="hash-hostile",
        title='<b>Bold</b> & <script>alert("title")</script>',
        date="2020-02-02",
        url="javascript:alert(document.cookie)",
        source="evil.example",
        language="en",
        cluster="hostile",
    )
    quote = 'Click <a href="javascript:alert(1)">here</a> and <img src=x onerror=alert(2)> now'
    script = '<script>alert("xss")</script>'
    minister = "the <u>minister</u>"
    entities = [
        Entity(
            "e1",
            "<svg onload=alert(4)>",
            "organization",
            "XSS",
            "GOV",
            mentions=[Mention(minister, *_span(t, minister))],
        )
    ]
    statements = [
        Statement(
            "direct",
            quote,
            *_span(t, quote),
            "said",
            SpeakerRef("<img src=x onerror=alert(3)>", minister, *_span(t, minister), "e1"),
            cue_start=_span(t, "said", "minister")[0],
            cue_end=_span(t, "said", "minister")[1],
        ),
    ]
    events = [
        Event(
            "PROTEST",
            [ActorRef("<svg onload=alert(4)>", "XSS", "GOV", "e1")],
            [ActorRef("Officials</title><script>alert(5)</script>", "USA", "GOV")],
            script,
            *_span(t, script),
            date="2020-02-02",
            goldstein=-6.5,
        ),
    ]
    return Extraction(article, entities, statements, events)


def build_sample_store(path: Path) -> SampleStore:
    """Write the sample articles (one a wire copy, one not English) into a new database at ``path``."""
    from newsgraph.model import Article, Extraction
    from newsgraph.store import StoreWriter

    mahan, drones, bolton, hostile = _mahan(), _drones(), _bolton(), _hostile()
    d = drones.article
    copy = Article(
        id="copy-of-drones",
        text=d.text + "\n\nThis story was distributed by a wire service.",
        content_hash="hash-copy-of-drones",
        title=d.title,
        date=d.date,
        url="https://mirror.example.com/drones",
        source="mirror.example.com",
        language="en",
        cluster=d.id,
    )
    german = Article(
        id="german",
        text="Die Regierung hat am Montag neue Sanktionen gegen die Fluggesellschaft beschlossen.",
        content_hash="hash-german",
        title="Sanktionen",
        date="2019-01-22",
        source="example.de",
        language="de",
        cluster="german",
    )
    with StoreWriter(path) as store:
        for extraction in (mahan, drones, bolton, hostile):
            store.write(extraction, "extracted", extractor="hand-made")
        store.write(Extraction(copy), "near_duplicate")
        store.write(Extraction(german), "not_english")
    extractions = {
        "mahan": mahan,
        "drones": drones,
        "bolton": bolton,
        "hostile": hostile,
        "copy": Extraction(copy),
        "german": Extraction(german),
    }
    return SampleStore(path, {name: e.article.id for name, e in extractions.items()}, extractions)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> SampleStore:
    """A database of hand-made extractions (session-wide: tests only read it)."""
    return build_sample_store(tmp_path_factory.mktemp("sample-store") / "sample.db")


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
