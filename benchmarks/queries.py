"""How long the exploring queries take on a large store (the API, the CLI and the web app share them).

Builds a synthetic store of N articles (hand-made extractions: each article has a few
statements and events, with actors drawn from a pool of names, dates spread over two years,
and one article in ten a wire copy), then times each query (best of a few runs).

    PYTHONPATH=src python benchmarks/queries.py --articles 20000
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.api import Database
from newsgraph.model import ActorRef, Article, Entity, Event, Extraction, Mention, SpeakerRef, Statement
from newsgraph.store import StoreWriter

COUNTRIES = ("USA", "RUS", "IRN", "CHN", "DEU", "FRA", "GBR", "SAU", "YEM", "ISR", "UKR", "TUR")
SECTORS = ("GOV", "MIL", "BUS", "CVL", "REB")
CATEGORIES = ("ACCUSE", "ASSAULT", "SANCTION", "CONSULT", "AGREE", "THREATEN", "PROTEST", "SUPPORT")
WORDS = tuple(
    [
        "sanctions",
        "talks",
        "troops",
        "border",
        "ceasefire",
        "drones",
        "oil",
        "pipeline",
        "election",
        "protest",
        "minister",
        "embassy",
        "missile",
        "agreement",
        "aid",
        "refugees",
        "court",
        "ruling",
        "strike",
        "negotiations",
    ]
)


def _people(n: int) -> list[tuple[str, str, str]]:
    rng = random.Random(1)
    first = ("Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Ivan", "Julia")
    last = (
        "Ivanova",
        "Schmidt",
        "Wang",
        "Haddad",
        "Novak",
        "Moreau",
        "Tanaka",
        "Okafor",
        "Silva",
        "Kowalski",
    )
    return [
        (f"{rng.choice(first)} {rng.choice(last)} {i}", rng.choice(COUNTRIES), rng.choice(SECTORS))
        for i in range(n)
    ]


def _extraction(i: int, rng: random.Random, people: list[tuple[str, str, str]]) -> Extraction:
    day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(730))
    a, b, c = rng.sample(people, 3)
    statements = []
    events = []
    text = ""
    for k, (speaker, _code, _sector) in enumerate((a, b, c)):
        quote = " ".join(rng.choice(WORDS) for _ in range(12))
        sentence = f'"{quote}," {speaker} said on day {k}. '
        start = len(text) + 1
        statements.append(
            Statement(
                "direct",
                quote,
                start,
                start + len(quote),
                "said",
                SpeakerRef(
                    speaker, speaker, len(text) + len(quote) + 4, len(text) + len(quote) + 4 + len(speaker)
                ),
            )
        )
        text += sentence
    for k in range(3):
        source, target = rng.sample((a, b, c), 2)
        evidence = f"{source[0]} acted against {target[0]}."
        start = len(text)
        text += evidence + " "
        events.append(
            Event(
                rng.choice(CATEGORIES),
                [ActorRef(source[0], source[1], source[2])],
                [ActorRef(target[0], target[1], target[2])],
                evidence,
                start,
                start + len(evidence),
                goldstein=rng.uniform(-10, 10),
                date=(day - datetime.timedelta(days=k)).isoformat() if k else None,
            )
        )
    text = text.strip()
    article = Article(
        id=f"a{i}",
        text=text,
        content_hash=f"h{i}",
        title=f"Story {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
        date=day.isoformat(),
        source=rng.choice(("example.org", "wire.example.com", "news.example.net")),
        language="en",
        cluster=f"a{i}",
    )
    entities = [
        Entity(f"e{k + 1}", name, "person", code, sector, mentions=[Mention(name, 0, 1)])
        for k, (name, code, sector) in enumerate((a, b, c))
    ]
    return Extraction(article, entities, statements, events)


def build(path: Path, n: int) -> float:
    """Write ``n`` articles (one in ten a wire copy of the previous one); returns the seconds taken."""
    rng = random.Random(7)
    people = _people(max(50, n // 20))
    started = time.perf_counter()
    with StoreWriter(path) as store:
        previous: Extraction | None = None
        for i in range(n):
            if previous is not None and i % 10 == 9:
                copy = Article(
                    id=f"a{i}",
                    text=previous.article.text + " (wire)",
                    content_hash=f"h{i}",
                    title=previous.article.title,
                    date=previous.article.date,
                    language="en",
                    cluster=previous.article.id,
                )
                store.write(Extraction(copy), "near_duplicate")
                continue
            previous = _extraction(i, rng, people)
            store.write(previous, "extracted")
    return time.perf_counter() - started


def timed(action: Callable[[], object], runs: int = 3) -> tuple[float, int]:
    """Best wall time of ``runs`` runs, and the size of the answer."""
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
        size = len(result) if hasattr(result, "__len__") else 0  # type: ignore[arg-type]
    return min(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", help="use (or build) this database instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not path.exists():
            seconds = build(path, args.articles)
            print(f"built {args.articles} articles in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        with Database(path) as db:
            counts = db.counts()
            print(
                f"store: {counts['articles']} articles, {counts['statements']} statements, {counts['events']} events"
            )
            person = db.statements(limit=1)[0].statement.speaker.name
            cases: list[tuple[str, Callable[[], object]]] = [
                ("statements(limit=100)", lambda: db.statements(limit=100)),
                (
                    f"statements(speaker={person.split()[1]!r}, limit=100)",
                    lambda: db.statements(speaker=person.split()[1], limit=100),
                ),
                (
                    "statements(query='ceasefire drones', limit=100)",
                    lambda: db.statements(query="ceasefire drones", limit=100),
                ),
                ("statements(query='sanctions') all", lambda: db.statements(query="sanctions")),
                (
                    "statements(since/until one month)",
                    lambda: db.statements(since="2019-06-01", until="2019-06-30"),
                ),
                ("events(actor='IRN', limit=100)", lambda: db.events(actor="IRN", limit=100)),
                (f"events(actor={person!r})", lambda: db.events(actor=person)),
                (
                    "events(category='ASSAULT', since, until)",
                    lambda: db.events(category="ASSAULT", since="2019-06-01", until="2019-06-30"),
                ),
                ("search('ceasefire', limit=20)", lambda: db.search("ceasefire")),
                (
                    "articles(category='ASSAULT', limit=25)",
                    lambda: db.search(None, category="ASSAULT", limit=25),
                ),
                ("actors()", lambda: db.actors()),
                (f"actor({person!r})", lambda: [db.actor(person)]),
                ("timeline()", lambda: db.timeline()),
                ("timeline(actor='IRN')", lambda: db.timeline(actor="IRN")),
                ("network(max_nodes=40)", lambda: db.network(max_nodes=40).links),
                ("statements().to_pandas() all", lambda: db.statements().to_pandas()),
            ]
            width = max(len(name) for name, _ in cases)
            for name, action in cases:
                seconds, size = timed(action)
                print(f"  {name:<{width}}  {seconds * 1000:9.1f} ms  ({size} results)")
            export_dir = Path(tmp) / "export"
            started = time.perf_counter()
            db.export("parquet", export_dir)
            print(f"  {'export parquet':<{width}}  {(time.perf_counter() - started) * 1000:9.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
