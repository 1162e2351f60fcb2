#!/usr/bin/env python3
"""PolNeAR dev scored in two halves, to tell rules that generalise from rules tuned to a text.

The 84 dev articles are split by the parity of the CRC-32 of their file name (without
``.txt``): half 0 was studied while writing the statement rules, half 1 only checked that
it does not fall behind. Both halves are scored with the shared scorer; a large gap between
them means a rule fits the studied half only.

    .venv/bin/python benchmarks/accuracy.py --sets polnear --keep /tmp/acc
    .venv/bin/python benchmarks/polnear_halves.py --pred /tmp/acc/polnear.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def half_of(name: str) -> int:
    """0 or 1: the half an article belongs to, from its file name without ``.txt``."""
    return zlib.crc32(name.encode("utf-8")) % 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pred", required=True, help="predictions for PolNeAR dev, JSON Lines")
    parser.add_argument(
        "--shared", default=str(HERE.parent.parent / "shared"), help="the shared material folder"
    )
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    scorer = shared / "tools" / "score.py"
    folder = shared / "eval" / "polnear-dev"
    if not scorer.exists():
        print(f"polnear_halves: no scorer under {shared}", file=sys.stderr)
        return 2
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for half in (0, 1):
            keys = Path(tmp) / f"half{half}.keys"
            keys.write_text("".join(n + "\n" for n in names if half_of(n) == half), encoding="utf-8")
            out = subprocess.run(
                [
                    sys.executable,
                    str(scorer),
                    "--polnear",
                    str(folder),
                    "--pred",
                    args.pred,
                    "--only",
                    str(keys),
                    "--json",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results[f"half{half}"] = json.loads(out.stdout.strip().splitlines()[-1])
    for name, r in results.items():
        print(
            f"{name}: {r['articles']} articles, statement P/R/F1 {r['statement_p']:.3f}/{r['statement_r']:.3f}/"
            f"{r['statement_f1']:.3f}, detection P/R/F1 {r['detect_p']:.3f}/{r['detect_r']:.3f}/{r['detect_f1']:.3f}"
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
