"""How well the HTML reader finds an article's body: token F1 against known main texts.

Reads every ``*.html`` page in a folder that has a ``<name>.expected.txt`` next to it (the
saved news pages of ``../shared/corpus/html``: ``NN_zyte_*.html``), runs it through
newsgraph's own reader and cleaning (exactly what ``newsgraph extract`` does), and compares
the clean text with the expected body: lower-cased word tokens (letters and digits), bag of
words, precision / recall / F1 per page, then the mean F1.

    python benchmarks/html_extraction.py [FOLDER] [--min-f1 0.90]

Prints one line per page and the mean; the last line is a JSON object. With ``--min-f1``
it exits with status 1 when the mean F1 is below the threshold (a CI gate), and with
status 2 when the folder holds no page to score. The pages are copyrighted, so they are
not in the repository: the gate runs only where the folder exists.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "html"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text: str) -> collections.Counter[str]:
    """Bag of lower-cased word tokens (letters/digits), the unit of the score."""
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


def token_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of ``predicted`` against ``expected``."""
    pred, gold = tokens(predicted), tokens(expected)
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(gold.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def pages(folder: Path) -> list[tuple[Path, Path]]:
    """(page, expected text) pairs of the folder, sorted by name."""
    pairs = []
    for page in sorted(folder.glob("*.html")):
        if page.name.endswith(".expected.html"):
            continue
        expected = page.with_name(page.name.removesuffix(".html") + ".expected.txt")
        if expected.exists():
            pairs.append((page, expected))
    return pairs


def extracted_text(page: Path) -> tuple[str, str | None]:
    """The clean body newsgraph reads from a page, and the failure reason if it read none."""
    from newsgraph.clean import make_article
    from newsgraph.model import RawArticle
    from newsgraph.readers import read_paths

    for record in read_paths([str(page)]):
        if isinstance(record, RawArticle):
            return make_article(record).text, None
        return "", getattr(record, "reason", "no article")
    return "", "no article"


def main(argv: list[str] | None = None) -> int:
    """Score every page, print the table and the JSON summary; the exit status is the gate."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--min-f1", type=float, default=None, help="exit 1 when the mean F1 is below")
    args = parser.parse_args(argv)

    pairs = pages(args.folder) if args.folder.is_dir() else []
    if not pairs:
        print(f"no *.html pages with .expected.txt in {args.folder}", file=sys.stderr)
        print(json.dumps({"folder": str(args.folder), "pages": 0, "mean_f1": None}))
        return 2
    rows = []
    for page, expected in pairs:
        text, failure = extracted_text(page)
        precision, recall, f1 = token_prf(text, expected.read_text(encoding="utf-8"))
        rows.append({"page": page.name, "precision": precision, "recall": recall, "f1": f1})
        note = f"  ({failure})" if failure else ""
        print(f"{f1:6.3f}  P={precision:5.3f} R={recall:5.3f}  {page.name}{note}")
    mean_f1 = sum(r["f1"] for r in rows) / len(rows)
    print(f"{mean_f1:6.3f}  mean F1 over {len(rows)} pages")
    passed = args.min_f1 is None or mean_f1 >= args.min_f1
    summary = {
        "folder": str(args.folder),
        "pages": len(rows),
        "mean_f1": round(mean_f1, 4),
        "mean_precision": round(sum(r["precision"] for r in rows) / len(rows), 4),
        "mean_recall": round(sum(r["recall"] for r in rows) / len(rows), 4),
        "min_f1": args.min_f1,
        "passed": passed,
    }
    print(json.dumps(summary))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
