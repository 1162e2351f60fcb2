"""What event coding costs: full pipeline time over the bare trained pipeline's time.

Runs the Wikinews texts (``../shared/corpus/wikinews/*.txt`` by default, or any folder of
``.txt`` files) through ``nlp.pipe`` twice per round: once with newsgraph's components
disabled (tokenizer, tagger, parser, NER only) and once with all of them; the best of
``--rounds`` interleaved rounds of each is kept. Times are CPU time of this process, which
other processes on a shared machine disturb less than wall-clock time. Prints both times and their ratio; the last line is a
JSON object. ``--only-events`` disables the entities and statements components in the full
run, so the ratio is what the events component alone adds.

    python benchmarks/events_speed.py [FOLDER] [--rounds 3] [--only-events]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wikinews"


def timed(nlp, texts: list[str], disable: list[str]) -> float:  # type: ignore[no-untyped-def]
    """Seconds to run every text through the pipeline with ``disable`` switched off."""
    from newsgraph.nlp import NEWSGRAPH_COMPONENTS  # noqa: F401  (registers the extensions)

    start = time.process_time()
    with nlp.select_pipes(disable=disable):
        for doc in nlp.pipe(texts, batch_size=64):
            del doc
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only-events", action="store_true", help="time the events component alone")
    args = parser.parse_args(argv)
    files = sorted(Path(args.folder).glob("*.txt"))
    if not files:
        print(f"events_speed: no .txt files under {args.folder}", file=sys.stderr)
        return 2
    from newsgraph.nlp import NEWSGRAPH_COMPONENTS, build_pipeline

    nlp = build_pipeline()
    texts = [f.read_text(encoding="utf-8") for f in files]
    ours = [c for c in NEWSGRAPH_COMPONENTS if c in nlp.pipe_names]
    full_disable = [c for c in ours if c != "newsgraph_events"] if args.only_events else []
    timed(nlp, texts[:2], [])  # warm up (lexicon, knowledge base, gazetteer)
    bare_runs, full_runs = [], []
    for _ in range(args.rounds):  # interleaved, so that load from other processes hits both alike
        bare_runs.append(timed(nlp, texts, ours))
        full_runs.append(timed(nlp, texts, full_disable))
    bare, full = min(bare_runs), min(full_runs)
    ratio = full / bare
    print(f"{len(texts)} texts, {sum(len(t) for t in texts)} characters")
    print(f"bare pipeline: {bare:.2f} s; full pipeline: {full:.2f} s; ratio {ratio:.3f}")
    print(
        json.dumps(
            {
                "texts": len(texts),
                "bare_s": round(bare, 3),
                "full_s": round(full, 3),
                "ratio": round(ratio, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
