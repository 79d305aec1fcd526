"""Regime entries as comparison units: one per entry of a regime, however many lists implement it.

An entry implemented by several lists (EU 2B001, CCL 2B001, Wassenaar 2.B.1, SCOMET 8B001) is one
unit, keyed by its EU-style code and represented by the text of the most authoritative list holding
it; entries without an EU-style code (CCL 600-series, SCOMET chemicals) are keyed by list and code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from interregime.domain.corpus import EditionContent, Entry
from interregime.domain.regimes import Regime

# Which list's wording represents an entry that several lists carry.
# Lists whose entry codes follow the EU category/group/number scheme even without an eu_code.
EU_NUMBERED_LISTS = frozenset({"eu-annex-i", "no-list-ii", "us-ccl"})
LIST_PREFERENCE: tuple[str, ...] = ("eu-annex-i", "wassenaar", "no-list-ii", "us-ccl", "in-scomet")


@dataclass(slots=True)
class Unit:
    key: str
    list_id: str
    code: str
    eu_code: str
    regime: Regime
    heading: str
    entry: Entry
    implementations: list[tuple[str, str]] = field(default_factory=list)

    @property
    def display_code(self) -> str:
        return self.eu_code or self.code

    @property
    def group(self) -> str:
        """Category and product group (``2B``) in the EU/CCL numbering; empty for other numberings."""
        code = self.eu_code or (self.code if self.list_id in EU_NUMBERED_LISTS else "")
        return code[:2] if len(code) == 5 and code[0].isdigit() else ""


def unit_key(list_id: str, entry: Entry) -> str:
    return entry.eu_code or f"{list_id}:{entry.code}"


def _rank(list_id: str) -> int:
    return LIST_PREFERENCE.index(list_id) if list_id in LIST_PREFERENCE else len(LIST_PREFERENCE)


def build_units(contents: Iterable[EditionContent], regimes: Sequence[Regime] | None = None,
                moved: Mapping[tuple[str, str], str] | None = None) -> list[Unit]:
    """Units of regime-based entries (``regimes`` restricts which), in a stable order. ``moved`` maps
    (list, code) of an entry whose EU code now names other goods to the EU code of its own goods
    (``concordance.renumbered``: the CCL's 9A120 belongs with the EU's 9A112)."""
    by_key: dict[str, Unit] = {}
    moved = moved or {}
    ordered = sorted(contents, key=lambda content: _rank(content.control_list.id))
    for content in ordered:
        list_id = content.control_list.id
        for entry in content.entries:
            if entry.regime is None or (regimes and entry.regime not in regimes):
                continue
            key = moved.get((list_id, entry.code)) or unit_key(list_id, entry)
            unit = by_key.get(key)
            if unit is None:
                unit = Unit(key, list_id, entry.code, entry.eu_code, entry.regime, entry.heading, entry)
                by_key[key] = unit
            unit.implementations.append((list_id, entry.code))
    return sorted(by_key.values(), key=lambda unit: unit.key)


def key_index(units: Sequence[Unit]) -> dict[tuple[str, str], int]:
    """(list, entry code) of every implementation → position of its unit."""
    index: dict[tuple[str, str], int] = {}
    for position, unit in enumerate(units):
        for implementation in unit.implementations:
            index[implementation] = position
    return index
