"""What event coding costs: (bare pipeline + events component) time over the bare pipeline's.

Runs the Wikinews texts (``../shared/corpus/wikinews/*.txt`` by default, or any folder of
``.txt`` files) through the trained pipeline alone (tokenizer, tagger, parser, NER: the
"bare" time), then runs the ``newsgraph_events`` component alone over the parsed docs (the
"events" time). Each is the best of ``--rounds`` interleaved rounds of CPU time of this
process, which other processes on a shared machine disturb less than wall-clock time.
Prints both and the ratio (bare + events) / bare; the last line is a JSON object.

    python benchmarks/events_speed.py [FOLDER] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wikinews"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    files = sorted(Path(args.folder).glob("*.txt"))
    if not files:
        print(f"events_speed: no .txt files under {args.folder}", file=sys.stderr)
        return 2
    from newsgraph.actors import default_kb
    from newsgraph.nlp import NEWSGRAPH_COMPONENTS, build_pipeline

    nlp = build_pipeline()
    texts = [f.read_text(encoding="utf-8") for f in files]
    ours = [c for c in NEWSGRAPH_COMPONENTS if c in nlp.pipe_names]
    events = nlp.get_pipe("newsgraph_events")
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(texts[:2]))
    for doc in docs:  # warm up: lexicon, knowledge base, gazetteer
        events(doc)
    bare_runs, event_runs = [], []
    for _ in range(args.rounds):
        start = time.process_time()
        with nlp.select_pipes(disable=ours):
            docs = list(nlp.pipe(texts, batch_size=64))
        bare_runs.append(time.process_time() - start)
        default_kb().clear_caches()  # as on first sight: no phrase coded in an earlier round
        start = time.process_time()
        for doc in docs:
            events(doc)
        event_runs.append(time.process_time() - start)
    bare, coded = min(bare_runs), min(event_runs)
    ratio = (bare + coded) / bare
    print(f"{len(texts)} texts, {sum(len(t) for t in texts)} characters")
    print(f"bare pipeline: {bare:.2f} s; events component: {coded:.2f} s; ratio {ratio:.3f}")
    print(
        json.dumps(
            {
                "texts": len(texts),
                "bare_s": round(bare, 3),
                "events_s": round(coded, 3),
                "ratio": round(ratio, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
