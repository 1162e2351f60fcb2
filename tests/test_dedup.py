"""Near-duplicate detection: MinHash signatures of word shingles, looked up with LSH."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from newsgraph.dedup import (
    NUM_PERM,
    NearDuplicateIndex,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
)

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
WIKINEWS = sorted(ARTICLES.glob("[0-9][0-9]_*.txt"))


def body(path: Path) -> str:
    """The article's paragraphs, without the dump's title/date/URL lines."""
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return "\n\n".join(p for p in paragraphs[2:] if not p.startswith(("Original url", "http")))


def wire_copy(text: str) -> str:
    """What a wire copy elsewhere looks like: a dateline, a trimmed end, a house-style edit."""
    paragraphs = text.split("\n\n")
    edited = ["WASHINGTON (Wire) —", *paragraphs[:-1]]
    return "\n\n".join(edited).replace("Twitter", "X (formerly Twitter)", 1).replace(" said", " stated", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", set()),
        ("...", set()),
        ("Iran rejects talks", {b"iran rejects talks"}),
        ("One two three four five", {b"one two three four five"}),
        ("One, two! three four five six", {b"one two three four five", b"two three four five six"}),
    ],
)
def test_shingles_are_lowercase_five_word_runs(text, expected):
    assert shingles(text) == expected


def test_signatures_are_deterministic_and_round_trip_through_bytes():
    text = body(WIKINEWS[0])
    first, second = signature(text), signature(text)
    assert first is not None and second is not None
    assert signature_bytes(first) == signature_bytes(second)
    assert len(signature_bytes(first)) == 4 * NUM_PERM
    restored = signature_from_bytes(signature_bytes(first))
    assert restored.jaccard(first) == 1.0


def test_a_text_without_words_has_no_signature():
    assert signature("  — \n\n ") is None


@pytest.mark.parametrize("path", WIKINEWS, ids=lambda p: p.stem)
def test_a_lightly_edited_copy_joins_the_original_cluster(path):
    original = body(path)
    copy = wire_copy(original)
    assert copy != original
    index = NearDuplicateIndex()
    original_sig = signature(original)
    copy_sig = signature(copy)
    assert original_sig is not None and copy_sig is not None
    index.add("original", original_sig, cluster="original")
    assert index.find_cluster(copy_sig) == "original"


def test_different_articles_are_not_clustered():
    texts = [body(path) for path in WIKINEWS] + [body(ARTICLES / "seed-layout-mahan-air.txt")]
    assert len(texts) >= 4
    index = NearDuplicateIndex()
    for number, text in enumerate(texts):
        sig = signature(text)
        assert sig is not None
        assert index.find_cluster(sig) is None, f"article {number} matched an unrelated article"
        index.add(f"a{number}", sig, cluster=f"a{number}")
    for first, second in itertools.combinations(texts, 2):
        sig1, sig2 = signature(first), signature(second)
        assert sig1 is not None and sig2 is not None
        assert sig1.jaccard(sig2) < 0.2


def test_a_copy_joins_the_earliest_cluster_and_excluded_or_removed_articles_do_not_match():
    original = body(WIKINEWS[0])
    copy = wire_copy(original)
    sig, copy_sig = signature(original), signature(copy)
    assert sig is not None and copy_sig is not None
    index = NearDuplicateIndex()
    index.add("later", sig, cluster="later", order=20)
    index.add("first", sig, cluster="first", order=10)
    assert index.find_cluster(copy_sig) == "first"
    assert index.find_cluster(copy_sig, exclude=frozenset({"first"})) == "later"
    index.remove("first")
    index.remove("later")
    assert index.find_cluster(copy_sig) is None
    assert len(index) == 0
