"""Who sits in which regimes: the state × regime matrix, the distinct membership combinations, the
states whose consent several regimes need, and how all of it changed year by year.

Counting rules:

* Combinations, unions, intersections and yearly counts are over sovereign *participants* only. The EU
  (a participant of the Australia Group) and adherents and observers are reported beside them.
* "Current" means every membership without a ``left`` year.
* At a given year, a membership counts from its join year. A membership whose join year is unknown (all
  of the Wassenaar Arrangement's but India's) counts from the regime's founding year, ``FOUNDING_YEAR``:
  the data does not say it started later, and it cannot have started earlier.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interregime.domain.regimes import EXPORT_CONTROL_REGIMES, Membership, MembershipStatus, Regime, State

# The NSG's founders list 1974 as accession year (the year of India's test); it first met in 1975.
FOUNDING_YEAR: dict[Regime, int] = {
    Regime.NSG: 1975,
    Regime.AG: 1985,
    Regime.MTCR: 1987,
    Regime.WA: 1996,
    Regime.CWC: 1997,
}

_STATUS_RANK = {MembershipStatus.PARTICIPANT: 0, MembershipStatus.ADHERENT: 1, MembershipStatus.OBSERVER: 2}


def held_in(membership: Membership, year: int) -> bool:
    """Whether ``membership`` held during ``year`` (unknown join year: from the regime's founding)."""
    if membership.joined is None and year < FOUNDING_YEAR[membership.regime]:
        return False
    return membership.active_in(year)


def holds(membership: Membership, year: int | None) -> bool:
    """Held in ``year``, or currently when ``year`` is None."""
    return membership.left is None if year is None else held_in(membership, year)


def _state_order(state: State) -> tuple[bool, str]:
    return (not state.is_sovereign, state.name.casefold())


def _sorted_states(states: Iterable[State]) -> tuple[State, ...]:
    return tuple(sorted(states, key=_state_order))


@dataclass(frozen=True, slots=True)
class MatrixRow:
    state: State
    cells: dict[Regime, MembershipStatus]


def membership_matrix(
    memberships: Sequence[Membership],
    year: int | None = None,
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
) -> list[MatrixRow]:
    """One row per state holding any status in ``regimes``; a cell holds the strongest status."""
    states: dict[str, State] = {}
    cells: dict[str, dict[Regime, MembershipStatus]] = {}
    for m in memberships:
        if m.regime not in regimes or not holds(m, year):
            continue
        states.setdefault(m.state.code, m.state)
        row = cells.setdefault(m.state.code, {})
        if m.regime not in row or _STATUS_RANK[m.status] < _STATUS_RANK[row[m.regime]]:
            row[m.regime] = m.status
    ordered = _sorted_states(states.values())
    return [MatrixRow(s, {r: cells[s.code][r] for r in regimes if r in cells[s.code]}) for s in ordered]


def participations(
    memberships: Sequence[Membership],
    year: int | None = None,
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
    sovereign: bool = True,
) -> dict[State, frozenset[Regime]]:
    """Each participant (sovereign ones, or else the others) → the regimes of ``regimes`` it participates in."""
    found: dict[str, tuple[State, set[Regime]]] = {}
    for m in memberships:
        if (
            m.regime in regimes
            and m.status is MembershipStatus.PARTICIPANT
            and m.state.is_sovereign is sovereign
            and holds(m, year)
        ):
            found.setdefault(m.state.code, (m.state, set()))[1].add(m.regime)
    return {state: frozenset(held) for state, held in found.values()}


@dataclass(frozen=True, slots=True)
class Combination:
    """A set of regimes and the states that participate in exactly those (of the regimes considered)."""

    regimes: tuple[Regime, ...]
    states: tuple[State, ...]

    @property
    def size(self) -> int:
        return len(self.states)


def group_by_combination(held: dict[State, frozenset[Regime]], regimes: Sequence[Regime]) -> list[Combination]:
    """Combinations, largest first; ties by more regimes first, then in ``regimes`` order."""
    groups: dict[tuple[Regime, ...], list[State]] = {}
    for state, mine in held.items():
        key = tuple(r for r in regimes if r in mine)
        if key:
            groups.setdefault(key, []).append(state)
    found = [Combination(key, _sorted_states(states)) for key, states in groups.items()]
    found.sort(key=lambda c: (-c.size, -len(c.regimes), [regimes.index(r) for r in c.regimes]))
    return found


def _states_by_regime(
    memberships: Sequence[Membership], status: MembershipStatus, year: int | None, regimes: Sequence[Regime]
) -> dict[Regime, tuple[State, ...]]:
    found: dict[Regime, list[State]] = {}
    for m in memberships:
        if m.regime in regimes and m.status is status and holds(m, year):
            found.setdefault(m.regime, []).append(m.state)
    return {r: _sorted_states(found[r]) for r in regimes if r in found}


@dataclass(frozen=True, slots=True)
class CombinationReport:
    regimes: tuple[Regime, ...]
    year: int | None
    combinations: tuple[Combination, ...]
    non_sovereign: tuple[Combination, ...]
    adherents: dict[Regime, tuple[State, ...]]
    observers: dict[Regime, tuple[State, ...]]

    @property
    def participant_count(self) -> int:
        return sum(c.size for c in self.combinations)

    @property
    def in_all(self) -> tuple[State, ...]:
        return next((c.states for c in self.combinations if len(c.regimes) == len(self.regimes)), ())

    @property
    def in_exactly_one(self) -> dict[Regime, tuple[State, ...]]:
        return {c.regimes[0]: c.states for c in self.combinations if len(c.regimes) == 1}


def combinations(
    memberships: Sequence[Membership],
    year: int | None = None,
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
) -> CombinationReport:
    regimes = tuple(regimes)
    return CombinationReport(
        regimes=regimes,
        year=year,
        combinations=tuple(group_by_combination(participations(memberships, year, regimes), regimes)),
        non_sovereign=tuple(group_by_combination(participations(memberships, year, regimes, sovereign=False), regimes)),
        adherents=_states_by_regime(memberships, MembershipStatus.ADHERENT, year, regimes),
        observers=_states_by_regime(memberships, MembershipStatus.OBSERVER, year, regimes),
    )


@dataclass(frozen=True, slots=True)
class RegimeSetSummary:
    """What a set of regimes asks of its sovereign participants.

    ``coordination_load`` is the number of distinct combinations *of these regimes* among the states in
    their union: how many differently-placed groups of states a change across the set has to reach.
    """

    regimes: tuple[Regime, ...]
    year: int | None
    union: tuple[State, ...]
    intersection: tuple[State, ...]
    in_several: tuple[State, ...]
    combinations: tuple[Combination, ...]

    @property
    def coordination_load(self) -> int:
        return len(self.combinations)


def regime_set_summary(
    memberships: Sequence[Membership], regimes: Sequence[Regime], year: int | None = None
) -> RegimeSetSummary:
    if not regimes:
        raise ValueError("name at least one regime")
    regimes = tuple(dict.fromkeys(regimes))
    held = participations(memberships, year, regimes)
    return RegimeSetSummary(
        regimes=regimes,
        year=year,
        union=_sorted_states(held),
        intersection=_sorted_states(s for s, mine in held.items() if len(mine) == len(regimes)),
        in_several=_sorted_states(s for s, mine in held.items() if len(mine) > 1),
        combinations=tuple(group_by_combination(held, regimes)),
    )


def year_span(memberships: Sequence[Membership], last: int | None = None) -> range:
    """From the earliest founding or join year among ``memberships`` to ``last`` (default: this year)."""
    starts = [m.joined if m.joined is not None else FOUNDING_YEAR[m.regime] for m in memberships]
    end = last if last is not None else datetime.date.today().year
    return range(min(starts, default=end), end + 1)


def participants_per_year(
    memberships: Sequence[Membership],
    years: Iterable[int],
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
) -> dict[int, dict[Regime, int]]:
    """Sovereign participants per regime in each of ``years``."""
    table: dict[int, dict[Regime, int]] = {}
    for year in years:
        held = participations(memberships, year, regimes)
        table[year] = {r: sum(1 for mine in held.values() if r in mine) for r in regimes}
    return table


def combinations_over_time(
    memberships: Sequence[Membership],
    years: Iterable[int],
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
) -> list[CombinationReport]:
    return [combinations(memberships, year, regimes) for year in years]


def accessions(
    memberships: Sequence[Membership], regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES
) -> list[Membership]:
    """Sovereign participants' memberships with a known join year, in order of joining."""
    found = [
        m
        for m in memberships
        if m.regime in regimes
        and m.status is MembershipStatus.PARTICIPANT
        and m.state.is_sovereign
        and m.joined is not None
    ]
    return sorted(found, key=lambda m: (m.joined or 0, regimes.index(m.regime), m.state.name))
