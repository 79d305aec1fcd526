"""Text matching of national entries that no code rule places: TF-IDF cosine against the regime
entries (and their item lines) of the regimes the national category can come from."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from interregime.analytics.overlaps.text import STOPWORDS, entry_lines, strip_references, tokens
from interregime.analytics.overlaps.vectors import tfidf
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime

_CAS = re.compile(r"\b\d{2,7}-\d{2}-\d\b")
ITEM_LEVEL_COSINE = 0.5
# A longer entry goes to the entry owning one item line it nearly repeats (a SCOMET list of named
# stabilisers against the EU item naming them), whatever the whole-entry cosines say.
NEAR_COPY_COSINE = 0.8
# A short entry (a single organism or chemical) that matches no item this well is not matched at all.
SHORT_ENTRY_COSINE = 0.45
SHORT_ENTRY_LINES = 2
# A species name spelt within this many letters of the one a reference gives is the same species.
SPECIES_EDITS = 2
# Each side of a split glued word, unless it is a stopword ("materials"+"such", "and"+"nozzles").
MIN_GLUED_PART = 4


def _parts(word: str) -> list[str]:
    """A hyphenated token also written solid and as its parts ("sub-system" matches "subsystem",
    "peste-des-petits-ruminants" matches "peste des petits ruminant"), each part stemmed like a token."""
    if "-" not in word:
        return [word]
    parts = [part for piece in word.split("-") for part in tokens(piece)]
    return [word, word.replace("-", ""), *parts] if len(parts) > 1 else [word, word.replace("-", "")]


def _words(text: str) -> list[str]:
    """Tokens (and the parts of hyphenated ones), CAS registry numbers, and each pair of adjacent
    tokens written as one ("monkey pox" also as "monkeypox")."""
    return _with_pairs([part for word in tokens(text) if word != "cas" for part in _parts(word)], text)


def _with_pairs(words: list[str], text: str) -> list[str]:
    return [*words, *(a + b for a, b in itertools.pairwise(words)), *_CAS.findall(text)]


def unglue(word: str, known: set[str] | frozenset[str]) -> list[str]:
    """Split a word the PDF extraction glued together ("materialssuch", "andnozzles") into the two
    words it is made of, each known to the references or a stopword (a side shorter than four letters
    must be a stopword); the word itself when it is known or no split fits."""
    if word in known or len(word) < 2 * MIN_GLUED_PART - 1:
        return [word]
    for cut in range(2, len(word) - 1):
        sides = [side if side in STOPWORDS else (tokens(side) or [""])[0] for side in (word[:cut], word[cut:])]
        if all(side in STOPWORDS or (len(side) >= MIN_GLUED_PART and side in known) for side in sides):
            return [side for side in sides if side not in STOPWORDS]
    return [word]


def _query_words(text: str, known: set[str]) -> list[str]:
    """The words of a national line that some reference uses, glued words split first."""
    words = [part for word in tokens(text) if word != "cas" for glued in unglue(word, known)
             for part in _parts(glued)]
    return [word for word in _with_pairs(words, text) if word in known]


def _parent_words(entry: Entry, code: str) -> list[str]:
    """The words of an item's parent line, so that a sub-item ("such as boron slurry") also carries
    what its parent says ("high energy density materials")."""
    item = entry.item(code)
    parent = entry.item(item.parent) if item is not None and item.parent else None
    return _words(strip_references(parent.text)) if parent is not None else []


def _with_descendants(lines: list[tuple[str, str]], words: list[list[str]]) -> list[list[str]]:
    """Each line's words plus those of the lines below it, so that a national line condensing a
    sub-list ("zirconium, beryllium, magnesium … less than 60 µm") meets the regime item whose
    sub-items name one metal each."""
    return [[*own, *(w for (other, _), theirs in zip(lines, words, strict=True)
                     if other.startswith(code + ".") for w in theirs)]
            for (code, _), own in zip(lines, words, strict=True)]


def _edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _species_by_genus(texts: Sequence[str]) -> dict[str, set[str]]:
    """Each word of the references → the words that follow it (a genus → its species)."""
    following: dict[str, set[str]] = {}
    for text in texts:
        words = tokens(text)
        for genus, species in itertools.pairwise(words):
            following.setdefault(genus, set()).add(species)
    return following


def _unmatched_name(lines: list[tuple[str, str]], species: dict[str, set[str]]) -> bool:
    """A two-word name ("Puccinia erianthi", "Rickettsia rickettsii") whose first word (the genus) the
    references use but never followed by this second word, or one spelt within two letters of it: the
    genus alone would match another species of the list, so the entry is left unmatched. Spelling
    variants ("endobioticum" for the EU's "endobioticium") still match."""
    words = [word for _, text in lines for word in tokens(text) if word != "cas"]
    if len(words) != 2 or not all(word.isalpha() for word in words) or words[0] not in species:
        return False
    return all(_edit_distance(words[1], known) > SPECIES_EDITS for known in species[words[0]])


def _line_codes(lines: list[list[tuple[str, str]]]) -> list[str]:
    """The item code of every line of every entry, in order."""
    return [code for one_entry in lines for code, _ in one_entry]


@dataclass(frozen=True)
class Reference:
    """A regime entry as the concordance knows it: its EU-style code and the text standing for it."""

    regime: Regime
    code: str
    entry: Entry


@dataclass(frozen=True)
class TextMatch:
    reference: Reference
    item_code: str
    cosine: float
    item_cosine: float


class TextMatcher:
    """Matches national entries against a fixed set of references, one vocabulary for both sides."""

    def __init__(self, references: Sequence[Reference], queries: Sequence[Entry]) -> None:
        self.references = list(references)
        self.queries = list(queries)
        self._query_row = {id(entry): row for row, entry in enumerate(self.queries)}
        ref_lines = [entry_lines(ref.entry, ignore_xrefs=True) for ref in self.references]
        query_lines = [entry_lines(entry, ignore_xrefs=True) for entry in self.queries]
        ref_items = [_words(text) for lines in ref_lines for _, text in lines]
        owners = [ref.entry for ref, lines in zip(self.references, ref_lines, strict=True) for _ in lines]
        in_context = [[*own, *_parent_words(owner, code)]
                      for own, owner, code in zip(ref_items, owners, _line_codes(ref_lines), strict=True)]
        below = []
        start = 0
        for lines in ref_lines:
            below.extend(_with_descendants(lines, ref_items[start:start + len(lines)]))
            start += len(lines)
        known = {word for words in ref_items for word in words}
        # Words no reference uses cannot match; left in, they would only dilute the query vectors.
        query_docs = [[w for _, text in lines for w in _query_words(text, known)] for lines in query_lines]
        ref_docs = [[w for _, text in lines for w in _words(text)] for lines in ref_lines]
        vectors = tfidf([*ref_docs, *query_docs], bigrams=False).matrix
        split = len(self.references)
        self._entry_cosine = np.asarray((vectors[split:] @ vectors[:split].T).todense())
        self._item_codes = _line_codes(ref_lines)
        self._item_owner = np.asarray([row for row, lines in enumerate(ref_lines) for _ in lines], dtype=np.int64)
        items = len(self._item_codes)
        # An item line alone, with its parent line or with the lines below it: whichever the national text
        # resembles most.
        cosines = []
        for docs in (ref_items, in_context, below):
            vectors = tfidf([*docs, *query_docs], bigrams=False).matrix
            cosines.append(vectors[items:] @ vectors[:items].T)
        self._item_cosine = cosines[0].maximum(cosines[1]).maximum(cosines[2])
        self._short = [len(lines) <= SHORT_ENTRY_LINES for lines in query_lines]
        species = _species_by_genus([text for lines in ref_lines for _, text in lines])
        self._unmatched_name = [_unmatched_name(lines, species) for lines in query_lines]
        self._regimes = np.asarray([ref.regime.value for ref in self.references], dtype=object)
        self._codes = np.asarray([ref.code for ref in self.references], dtype=str)

    def best(self, entry: Entry, regimes: Sequence[Regime], prefix: str = "", groups: str = "",
             among: frozenset[str] | None = None, floor: float | None = None) -> TextMatch | None:
        """The best reference of ``regimes`` (whose code starts with ``prefix``, whose product group letter
        is one of ``groups`` and whose code is ``among``, if given). ``floor`` replaces the short-entry
        floor when the candidates were chosen on other evidence."""
        row = self._query_row[id(entry)]
        if self._unmatched_name[row] and floor is None:
            return None
        allowed = np.isin(self._regimes, [regime.value for regime in regimes])
        if prefix:
            allowed &= np.char.startswith(self._codes, prefix)
        if groups:
            allowed &= np.isin(np.asarray([code[1:2] for code in self._codes]), list(groups))
        if among is not None:
            allowed &= np.isin(self._codes, sorted(among))
        if not allowed.any():
            return None
        item_row = np.asarray(self._item_cosine[row].todense()).ravel()
        item_allowed = allowed[self._item_owner]
        item_scores = np.where(item_allowed, item_row, -1.0)
        best_item = int(np.argmax(item_scores))
        item_floor = ITEM_LEVEL_COSINE if self._short[row] else NEAR_COPY_COSINE
        if item_scores[best_item] >= item_floor:
            owner = int(self._item_owner[best_item])
            return TextMatch(self.references[owner], self._item_codes[best_item],
                             float(self._entry_cosine[row, owner]), float(item_scores[best_item]))
        scores = np.where(allowed, self._entry_cosine[row], -1.0)
        if floor is not None:  # candidates chosen on other evidence: an entry or one of its lines may decide
            by_line = np.full(len(self.references), -1.0)
            np.maximum.at(by_line, self._item_owner, item_scores)
            scores = np.maximum(scores, by_line)
        best = int(np.argmax(scores))
        short_floor = SHORT_ENTRY_COSINE if floor is None else floor
        if scores[best] < 0 or (scores[best] == 0 and floor is None) or (
                self._short[row] and scores[best] < short_floor):
            return None
        return TextMatch(self.references[best], self.references[best].code, float(scores[best]),
                         float(item_scores[best_item]))
