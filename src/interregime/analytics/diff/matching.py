"""Pairing leftover texts of two editions by similarity: word-shingle candidates from an inverted
index, difflib only on the few best candidates, then a greedy one-to-one assignment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from interregime.analytics.diff.words import similarity

K = TypeVar("K", bound=Hashable)

CANDIDATES_PER_TEXT = 6
MIN_SHINGLE_OVERLAP = 0.3


def shingles(keys: Sequence[str]) -> set[tuple[str, ...]]:
    """Word bigrams, plus the words themselves for texts too short to have two bigrams."""
    grams: set[tuple[str, ...]] = {tuple(keys[i : i + 2]) for i in range(len(keys) - 1)}
    if len(keys) < 3:
        grams.update((key,) for key in keys)
    return grams


def _no_preference(old: object, new: object) -> int:
    return 0


@dataclass(frozen=True, slots=True)
class Pairing(Generic[K]):
    old: K
    new: K
    similarity: float


def candidate_pairs(old: Mapping[K, list[str]], new: Mapping[K, list[str]],
                    tie_break: Callable[[K, K], int] | None = None) -> list[Pairing[K]]:
    """For each old text, its most similar new texts by shingle overlap, scored with difflib."""
    prefer = tie_break or _no_preference
    old_grams = {key: shingles(words) for key, words in old.items()}
    new_grams = {key: shingles(words) for key, words in new.items()}
    index: dict[tuple[str, ...], list[K]] = {}
    for key, grams in new_grams.items():
        for gram in grams:
            index.setdefault(gram, []).append(key)
    pairs: list[Pairing[K]] = []
    for old_key, grams in old_grams.items():
        if not grams:
            continue
        shared: Counter[K] = Counter()
        for gram in grams:
            shared.update(index.get(gram, ()))
        ranked = sorted(
            ((count / max(len(grams), len(new_grams[new_key])), new_key) for new_key, count in shared.items()),
            key=lambda scored: (-scored[0], prefer(old_key, scored[1])),
        )
        for overlap, new_key in ranked[:CANDIDATES_PER_TEXT]:
            if overlap < MIN_SHINGLE_OVERLAP:
                break
            pairs.append(Pairing(old_key, new_key, similarity(old[old_key], new[new_key])))
    return pairs


def greedy_assignment(pairs: Sequence[Pairing[K]], threshold: float,
                      tie_break: Callable[[K, K], int] = _no_preference) -> list[Pairing[K]]:
    """One-to-one pairs at or above ``threshold``, best first; among equally similar pairs the one
    with the lowest ``tie_break`` wins (e.g. a pair within the same entry)."""
    ordered = sorted(
        (pair for pair in pairs if pair.similarity >= threshold),
        key=lambda pair: (-round(pair.similarity, 6), tie_break(pair.old, pair.new)),
    )
    taken_old: set[K] = set()
    taken_new: set[K] = set()
    chosen: list[Pairing[K]] = []
    for pair in ordered:
        if pair.old in taken_old or pair.new in taken_new:
            continue
        taken_old.add(pair.old)
        taken_new.add(pair.new)
        chosen.append(pair)
    return chosen


Paired = dict[K, tuple[K, float]]
Pass = Callable[[Pairing[K], Mapping[K, tuple[K, float]]], bool]


def pair_by_code_then_text(old: Mapping[K, list[str]], new: Mapping[K, list[str]], by_code: Mapping[K, K],
                           threshold: float, weak: float, passes: Sequence[Pass[K]],
                           tie_break: Callable[[K, K], int] = _no_preference) -> Paired[K]:
    """Old → (new, similarity). Pairs of the same code stand unless their texts share less than
    ``weak``; then, pass by pass, leftovers pair by similarity where the pass allows it (a pass sees
    the pairs made so far); a weak same-code pair stands if neither side found a better partner."""
    scored = {o: (n, 1.0 if old[o] == new[n] else similarity(old[o], new[n])) for o, n in by_code.items()}
    pairs: Paired[K] = {o: pair for o, pair in scored.items() if pair[1] >= weak}
    for allowed in passes:
        taken = {n for n, _ in pairs.values()}
        old_pool = {key: words for key, words in old.items() if key not in pairs}
        new_pool = {key: words for key, words in new.items() if key not in taken}
        candidates = [pair for pair in candidate_pairs(old_pool, new_pool, tie_break)
                      if allowed(pair, pairs)]
        for pair in greedy_assignment(candidates, threshold, tie_break):
            pairs[pair.old] = (pair.new, pair.similarity)
    taken = {n for n, _ in pairs.values()}
    for o, (n, score) in scored.items():
        if o not in pairs and n not in taken:
            pairs[o] = (n, score)
    return pairs
