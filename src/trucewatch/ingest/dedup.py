"""Near-duplicate detection: one wire story carried by two outlets is linked, not dropped.

MinHash signatures over word 5-shingles (datasketch) estimate the Jaccard
similarity of two reports. Candidates are found by locality-sensitive hashing:
the 128 hash values are cut into 16 bands of 8, and two reports sharing any
whole band are compared. With b=16, r=8 the S-curve turns at about
(1/16)^(1/8) ≈ 0.71, below the 0.8 threshold, so few true pairs are missed
(Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3.4).

Band keys are plain strings so any store (a dict here, an indexed SQL table in
``trucewatch.store``) can look them up.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from trucewatch.text import normalize

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
THRESHOLD = 0.8
_SEED = 1  # fixed: signatures stored in a database must stay comparable across runs

_WORD = re.compile(r"\w+")


def shingles(body: str) -> set[bytes]:
    words = _WORD.findall(normalize(body).text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(body: str) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(shingles(body)))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    return [
        f"{band}:{hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
        for band in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal hash values."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


@dataclass(slots=True)
class Match:
    doc_id: str
    similarity: float


class MemoryIndex:
    """Near-duplicate index for one run without a database (``trucewatch extract``)."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._bands: dict[str, list[str]] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def find(self, sig: np.ndarray) -> Match | None:
        candidates = {doc for key in band_keys(sig) for doc in self._bands.get(key, ())}
        return best_match(sig, {c: self._signatures[c] for c in candidates}, self.threshold)

    def add(self, doc_id: str, sig: np.ndarray) -> None:
        self._signatures[doc_id] = sig
        for key in band_keys(sig):
            self._bands.setdefault(key, []).append(doc_id)


def best_match(
    sig: np.ndarray, candidates: dict[str, np.ndarray], threshold: float
) -> Match | None:
    """The most similar candidate at or above the threshold; ties go to the smallest id."""
    best: Match | None = None
    for doc_id in sorted(candidates):
        score = similarity(sig, candidates[doc_id])
        if score >= threshold and (best is None or score > best.similarity):
            best = Match(doc_id, score)
    return best
