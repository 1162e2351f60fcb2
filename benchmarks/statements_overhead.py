"""How much newsgraph's entity and statement components add to the spaCy model's own time.

Runs the bare trained pipeline (``nlp.pipe`` without newsgraph's components) and the full
pipeline over the same articles, a few times each, and prints the ratio of the best
times. The target is a small ratio (< 1.15): extraction must cost little next to parsing.

    python benchmarks/statements_overhead.py [PATH ...]   # default: tests/fixtures/articles

(The figures in docs/statements.md were measured on the 40 Wikinews articles of the
project's shared corpus.)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsgraph.nlp import NEWSGRAPH_COMPONENTS, PRE_PARSER_COMPONENTS, build_pipeline
from newsgraph.pipeline import make_doc, read_articles

REPEATS = 3


def best_time(run: object, repeats: int = REPEATS) -> float:
    """The fastest of ``repeats`` runs of ``run()`` in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> int:
    paths = argv or [str(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles")]
    articles = list(read_articles(paths))
    nlp = build_pipeline()
    own = (*PRE_PARSER_COMPONENTS, *NEWSGRAPH_COMPONENTS)
    trained = [name for name in nlp.pipe_names if name not in own]
    ours = [
        name
        for name in nlp.pipe_names
        if name in (*PRE_PARSER_COMPONENTS, "newsgraph_entities", "newsgraph_statements")
    ]

    def bare() -> None:
        with nlp.select_pipes(enable=trained):
            for _ in nlp.pipe(make_doc(nlp, a) for a in articles):
                pass

    def full() -> None:
        with nlp.select_pipes(enable=trained + ours):
            for _ in nlp.pipe(make_doc(nlp, a) for a in articles):
                pass

    bare()  # warm up
    # Alternate the two so that load from other processes falls on both alike; keep the best of each.
    t_bare = t_full = float("inf")
    for _ in range(REPEATS):
        t_bare = min(t_bare, best_time(bare, 1))
        t_full = min(t_full, best_time(full, 1))
    words = sum(len(a.text.split()) for a in articles)
    print(f"articles: {len(articles)}  words: {words}")
    print(f"bare nlp.pipe: {t_bare:.2f} s   with entities+statements: {t_full:.2f} s")
    print(f"ratio: {t_full / t_bare:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
