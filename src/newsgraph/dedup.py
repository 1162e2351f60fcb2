"""Near-duplicate detection: MinHash signatures of word shingles, looked up with LSH.

Wire stories reappear across outlets with a changed headline, a trimmed last paragraph or
a house-style edit. Exact copies share a content hash (:func:`newsgraph.clean.content_hash`);
near-copies are found here: each article's text becomes the set of its 5-word shingles,
summarised by a 128-permutation MinHash (datasketch, fixed seed, so runs are reproducible),
and an LSH index proposes earlier articles that may be similar (tuned low, for recall); a
candidate counts when the estimated Jaccard similarity reaches the threshold (0.8).

A near-duplicate joins the cluster of the article it matches, named by the cluster's first
article; wire copies are stored but extracted once. Signatures are stored with the article
(:class:`newsgraph.store.StoredSignature`), so later runs find copies of earlier articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: Words per shingle: long enough that unrelated articles share almost none.
SHINGLE_WORDS = 5
#: MinHash permutations: the Jaccard estimate's standard error is about 1/sqrt(128) ~ 0.09.
NUM_PERM = 128
#: Estimated Jaccard similarity of shingle sets from which two articles are near-duplicates.
THRESHOLD = 0.8
#: The LSH index proposes candidates from this similarity on; the estimate then decides.
#: LSH tuned to 0.8 itself (9 bands of 13 rows) would miss 60% of pairs at exactly 0.8 and
#: 7% at 0.9; tuned to 0.5 (25 bands of 5 rows) it misses well under 0.1% from 0.8 up.
CANDIDATE_THRESHOLD = 0.5
#: Fixed so that signatures from different runs and processes are comparable.
SEED = 1
#: datasketch's permutation scheme (its default since 2.0; 32-bit hash values).
SCHEME = "affine32"
#: The parameters a signature was made with; only signatures with equal params are compared.
SIGNATURE_PARAMS = f"words={SHINGLE_WORDS};perm={NUM_PERM};seed={SEED};scheme={SCHEME}"

_WORD = re.compile(r"\w+")
_HASH_DTYPE = np.uint32


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word sequences of the text, lower-cased, punctuation ignored.

    A text shorter than ``size`` words is one shingle (all its words); an empty text has none.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> LeanMinHash | None:
    """The MinHash of the text's shingles; None for a text without words."""
    shingle_set = shingles(text)
    if not shingle_set:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(shingle_set))
    return LeanMinHash(minhash)


def signature_bytes(minhash: LeanMinHash) -> bytes:
    """The hash values as stored in the database (little-endian uint32)."""
    return np.asarray(minhash.hashvalues, dtype=_HASH_DTYPE).astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """A signature read back from the database."""
    values = np.frombuffer(data, dtype="<u4").astype(_HASH_DTYPE)
    if len(values) != NUM_PERM:
        raise ValueError(f"a stored signature has {len(values)} values, expected {NUM_PERM}")
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


@dataclass
class _Member:
    order: int
    cluster: str
    minhash: LeanMinHash


class NearDuplicateIndex:
    """The LSH index of the articles seen so far, with their clusters, in the order seen.

    Keys are article ids. ``order`` is the ingest order (the store's ``ingest_seq`` for
    stored articles, then increasing for the current run), so the first article of a
    cluster stays its representative.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM)
        self._members: dict[str, _Member] = {}
        self._next_order = 0

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._members

    def __len__(self) -> int:
        return len(self._members)

    def add(self, article_id: str, minhash: LeanMinHash, cluster: str, order: int | None = None) -> None:
        """Index an article (replacing what was indexed under its id)."""
        if article_id in self._members:
            self.remove(article_id)
        if order is None:
            order = self._next_order
        self._next_order = max(self._next_order, order + 1)
        self._members[article_id] = _Member(order, cluster, minhash)
        self._lsh.insert(article_id, minhash)

    def remove(self, article_id: str) -> None:
        """Forget an article (it failed to store, or is being replaced)."""
        if self._members.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def cluster_of(self, article_id: str) -> str | None:
        """The cluster an indexed article belongs to."""
        member = self._members.get(article_id)
        return member.cluster if member else None

    def find_cluster(self, minhash: LeanMinHash, exclude: frozenset[str] = frozenset()) -> str | None:
        """The cluster of the earliest indexed article similar enough to ``minhash``, if any.

        LSH candidates are confirmed with the estimated Jaccard similarity; ``exclude``
        names articles not to match (the article itself, articles it replaces).
        """
        best: _Member | None = None
        for candidate in self._lsh.query(minhash):
            if candidate in exclude:
                continue
            member = self._members[candidate]
            if minhash.jaccard(member.minhash) < self.threshold:
                continue
            if best is None or member.order < best.order:
                best = member
        return best.cluster if best else None
