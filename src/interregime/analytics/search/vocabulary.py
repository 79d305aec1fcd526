"""Query expansion with the trade-term vocabulary shipped in ``vocabulary.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from interregime.analytics.search.normalise import terms, words


@dataclass(frozen=True, slots=True)
class TradeTerm:
    phrases: tuple[tuple[str, ...], ...]
    means: str
    means_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Expansion:
    """Words a query gained, and the phrases of the query that brought them."""

    text: str
    added_terms: tuple[str, ...]
    matched: tuple[str, ...]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(terms(phrase)) or tuple(words(phrase))


@lru_cache(maxsize=1)
def vocabulary() -> tuple[TradeTerm, ...]:
    raw = tomllib.loads(resources.files(__package__).joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    entries: list[TradeTerm] = []
    for number, record in enumerate(raw.get("term", []), start=1):
        phrases, means = record.get("phrases"), record.get("means")
        if not isinstance(phrases, list) or not phrases or not isinstance(means, str) or not means.strip():
            raise ValueError(f"vocabulary.toml term {number}: needs a non-empty `phrases` list and `means` text")
        keys = tuple(key for key in (_phrase_key(str(phrase)) for phrase in phrases) if key)
        entries.append(TradeTerm(keys, means, tuple(terms(means))))
    return tuple(entries)


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max((len(phrase) for entry in vocabulary() for phrase in entry.phrases), default=1)


def _runs(sequence: list[str]) -> set[tuple[str, ...]]:
    """Every run of consecutive words of ``sequence``, up to the length of the longest vocabulary phrase."""
    width = _longest_phrase()
    return {tuple(sequence[start:start + size]) for start in range(len(sequence))
            for size in range(1, min(width, len(sequence) - start) + 1)}


def expand(query: str) -> Expansion:
    """The meanings of every trade term found in ``query`` (matched on stemmed words, stop words kept
    out of the way, and also on plain words so that short forms such as "ins" still match)."""
    stemmed, plain = terms(query), words(query)
    own = set(stemmed)
    runs = _runs(stemmed) | _runs(plain)
    added: list[str] = []
    texts: list[str] = []
    matched: list[str] = []
    for entry in vocabulary():
        hit = next((phrase for phrase in entry.phrases if phrase in runs), None)
        if hit is None:
            continue
        matched.append(" ".join(hit))
        texts.append(entry.means)
        added.extend(term for term in entry.means_terms if term not in own and term not in added)
    return Expansion(" ".join(texts), tuple(added), tuple(matched))
