"""An entry's family: the software and technology entries of its category that concern its goods.

The EU/CCL numbering puts goods in groups A-C and the software and technology for them in groups D
and E of the same category. Many D/E entries are "broad": once the codes they cite are stripped,
their main clause only says what activity they cover ("'technology' according to the General
Technology Note for the 'development' of equipment specified in …"). Such an entry covers goods of
its category, so goods entries of other regimes in that category are linked to it, and software
entries to broad technology for "development"/"production". Only the entries' own numbering
(category, group letter, number) and regime and their text are used; the codes they cite are not.

Two regime rules sharpen the family. The Wassenaar list is the base list: its broad development and
production technology covers every goods entry of the category, including those the other regimes
add (the CCL sends an NSG or MTCR entry's development technology there). Conversely, a regime's
broad software/technology for the "use" of goods covers the base-list goods it takes over, and the
numbering shows which: a Wassenaar goods entry with a parallel entry of that regime (2B001 and NSG
2B201, 2B009 and MTCR 2B109). Entries without an EU-style code (CCL 600- and 500-series) number their software and
technology after their own goods (1E607 for 1A607), so they have no category-wide family.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from interregime.analytics.overlaps.text import strip_references, tokens
from interregime.analytics.overlaps.units import Unit
from interregime.domain.regimes import Regime

GOODS_GROUPS = frozenset("ABC")
KNOWHOW_GROUPS = frozenset("DE")
ACTIVITIES = frozenset({"development", "production", "use", "operation", "maintenance", "repair", "overhaul",
                        "installation", "refurbishing"})
# Words of the boilerplate clause of a broad software/technology entry: what is left after removing
# them is the entry's subject, and a broad entry has (almost) none.
BOILERPLATE = ACTIVITIES | frozenset({
    "technology", "software", "according", "general", "nuclear", "note", "equipment", "material", "good", "item",
    "commodity", "specially", "designed", "modified", "required", "described", "ecc", "list", "listed",
})
DEVELOPING = frozenset({"development", "production"})
MAX_SUBJECT_WORDS = 2


def subject_words(unit: Unit) -> list[str]:
    """Content words of the entry's heading that are not the software/technology boilerplate."""
    return [word for word in tokens(strip_references(unit.heading)) if word not in BOILERPLATE]


def is_broad_knowhow(unit: Unit) -> bool:
    """A D/E entry in the EU numbering whose heading names an activity and (almost) nothing else."""
    if not unit.eu_code or unit.group[1:] not in KNOWHOW_GROUPS:
        return False
    return bool(activities(unit)) and len(subject_words(unit)) <= MAX_SUBJECT_WORDS


def _category_links(category: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """1 between an entry flagged in ``first`` and one flagged in ``second`` (either way round) of the
    same category; 0 on the diagonal."""
    same = (category[:, None] == category[None, :]) & (category[:, None] != "")
    linked = same & ((first[:, None] & second[None, :]) | (second[:, None] & first[None, :]))
    np.fill_diagonal(linked, False)
    return np.asarray(linked, dtype=np.float64)


def family_links(units: Sequence[Unit]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three unit × unit matrices over entries of one category:

    - support: goods ↔ broad software/technology;
    - develops: goods ↔ broad software/technology for their "development" or "production" (the CCL
      sends every goods entry's development and production technology to such entries, whichever
      regime the goods come from);
    - knowhow: software ↔ broad technology for "development"/"production" (the technology for
      developing the software)."""
    category = _categories(units)
    numbered = np.asarray([bool(unit.eu_code) for unit in units], dtype=bool)
    goods = numbered & np.asarray([unit.group[1:] in GOODS_GROUPS for unit in units], dtype=bool)
    knowhow = numbered & np.asarray([unit.group[1:] in KNOWHOW_GROUPS for unit in units], dtype=bool)
    broad = np.asarray([is_broad_knowhow(unit) for unit in units], dtype=bool)
    develops = broad & _develops(units)
    technology = np.asarray([unit.group[1:] == "E" for unit in units], dtype=bool)
    return (_category_links(category, goods, broad), _category_links(category, goods, develops),
            _category_links(category, knowhow & ~technology, develops & technology))


def _categories(units: Sequence[Unit]) -> np.ndarray:
    return np.asarray([unit.group[:1] for unit in units], dtype=object)


def _develops(units: Sequence[Unit]) -> np.ndarray:
    return np.asarray([bool(DEVELOPING & set(tokens(unit.heading))) for unit in units], dtype=bool)


def regime_links(units: Sequence[Unit], parallel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit × unit matrices over entries of one category (``parallel`` marks parallel numbers):

    - base_development: goods of another regime ↔ the Wassenaar list's broad development/production
      software or technology;
    - parallel_knowhow: Wassenaar goods that have a parallel entry of regime R ↔ R's broad software
      or technology for the "use" of goods."""
    category = _categories(units)
    regimes = np.asarray([unit.regime.value for unit in units], dtype=object)
    base = regimes == Regime.WA.value
    goods = np.asarray([bool(unit.eu_code) and unit.group[1:] in GOODS_GROUPS for unit in units], dtype=bool)
    broad = np.asarray([is_broad_knowhow(unit) for unit in units], dtype=bool)
    for_use = broad & np.asarray(["use" in activities(unit) for unit in units], dtype=bool)
    base_development = _category_links(category, goods & ~base, broad & base & _develops(units))
    parallel_knowhow = np.zeros_like(base_development)
    for regime in sorted(set(regimes[~base])):
        in_regime = regimes == regime
        has_parallel = (parallel[:, in_regime] > 0).any(axis=1)
        parallel_knowhow += _category_links(category, goods & base & has_parallel, for_use & in_regime)
    return base_development, parallel_knowhow


def activities(unit: Unit) -> frozenset[str]:
    return frozenset(ACTIVITIES & set(tokens(strip_references(unit.heading))))


def unrelated_knowhow(units: Sequence[Unit]) -> np.ndarray:
    """1 between two software/technology entries that name different activities ("use" against
    "development") or whose headings share no subject word: near-identical boilerplate, different goods."""
    knowhow = [position for position, unit in enumerate(units) if unit.group[1:] in KNOWHOW_GROUPS]
    named = [activities(units[position]) for position in knowhow]
    subjects = [frozenset(subject_words(units[position])) for position in knowhow]
    unrelated = np.zeros((len(units), len(units)))
    for first, (acts, words) in enumerate(zip(named, subjects, strict=True)):
        for second in range(first + 1, len(knowhow)):
            if (acts and named[second] and not acts & named[second]) or not words & subjects[second]:
                unrelated[knowhow[first], knowhow[second]] = unrelated[knowhow[second], knowhow[first]] = 1.0
    return unrelated
