"""Which entry and item of the old edition is which of the new: same code first, then leftovers
(and same-code pairs whose texts have little in common) by text similarity."""

from __future__ import annotations

from dataclasses import dataclass

from interregime.analytics.diff.matching import candidate_pairs, greedy_assignment
from interregime.analytics.diff.words import similarity, word_keys
from interregime.domain.corpus import EditionContent, Entry, Item

ENTRY_THRESHOLD = 0.7
ITEM_THRESHOLD = 0.75
# A same-code pair this dissimilar gives way when either side matches another text better.
WEAK_PAIR = 0.5
# Texts shorter than this ("Others;", "Glass;") move only within an entry and its counterpart.
MIN_WORDS_TO_MOVE_ACROSS = 4


@dataclass(slots=True)
class PlacedItem:
    entry: str
    item: Item
    keys: list[str]

    @property
    def relative(self) -> str:
        return self.item.code[len(self.entry):]


def entry_keys(entry: Entry) -> list[str]:
    return word_keys(" ".join(item.text for item in entry.items) or entry.heading)


def pair_entries(old: EditionContent, new: EditionContent) -> dict[str, tuple[str, float]]:
    """Old entry code → (new entry code, similarity); 1.0 for entries paired by their code."""
    new_codes = {entry.code for entry in new.entries}
    paired = {entry.code: (entry.code, 1.0) for entry in old.entries if entry.code in new_codes}
    taken = {code for code, _ in paired.values()}
    old_left = {entry.code: entry_keys(entry) for entry in old.entries if entry.code not in paired}
    new_left = {entry.code: entry_keys(entry) for entry in new.entries if entry.code not in taken}
    for pair in greedy_assignment(candidate_pairs(old_left, new_left), ENTRY_THRESHOLD):
        paired[pair.old] = (pair.new, pair.similarity)
    return paired


def place_items(content: EditionContent) -> list[PlacedItem]:
    return [PlacedItem(entry.code, item, word_keys(item.text)) for entry in content.entries for item in entry.items]


@dataclass(slots=True)
class ItemPairs:
    """Pairs of positions in the old and new ``place_items`` lists, with their similarity."""

    pairs: dict[int, tuple[int, float]]

    def new_of(self, old_index: int) -> int | None:
        found = self.pairs.get(old_index)
        return found[0] if found else None


def pair_items(old: list[PlacedItem], new: list[PlacedItem], entries: dict[str, tuple[str, float]]) -> ItemPairs:
    new_position = {(placed.entry, placed.item.code): index for index, placed in enumerate(new)}
    by_code: dict[int, tuple[int, float]] = {}
    for index, placed in enumerate(old):
        counterpart = entries.get(placed.entry)
        if counterpart is None:
            continue
        target = new_position.get((counterpart[0], counterpart[0] + placed.relative))
        if target is not None:
            by_code[index] = (target, similarity(placed.keys, new[target].keys))
    strong = {o: pair for o, pair in by_code.items() if pair[1] >= WEAK_PAIR}
    taken_new = {n for n, _ in strong.values()}
    old_pool = {i: placed.keys for i, placed in enumerate(old) if i not in strong}
    new_pool = {i: placed.keys for i, placed in enumerate(new) if i not in taken_new}

    def related(o: int, n: int) -> bool:
        counterpart = entries.get(old[o].entry)
        return counterpart is not None and counterpart[0] == new[n].entry

    def preference(o: int, n: int) -> int:
        return (0 if related(o, n) else 2) + (0 if old[o].relative == new[n].relative else 1)

    candidates = [
        pair for pair in candidate_pairs(old_pool, new_pool, preference)
        if related(pair.old, pair.new) or min(len(old[pair.old].keys), len(new[pair.new].keys))
        >= MIN_WORDS_TO_MOVE_ACROSS
    ]
    moved = {pair.old: (pair.new, pair.similarity) for pair in greedy_assignment(candidates, ITEM_THRESHOLD,
                                                                                   preference)}
    moved_new = {n for n, _ in moved.values()}
    pairs = dict(strong)
    pairs.update(moved)
    for o, (n, score) in by_code.items():
        if o not in pairs and n not in moved_new:
            pairs[o] = (n, score)
    return ItemPairs(pairs)
