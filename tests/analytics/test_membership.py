"""Membership analytics against independent counts from plain sets, and on small hand-made cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import combinations as subsets
from pathlib import Path

import pytest

from interregime.analytics import membership as analytics
from interregime.analytics.membership_charts import timeline_chart, upset_chart
from interregime.domain.regimes import EXPORT_CONTROL_REGIMES, Membership, MembershipStatus, Regime, State
from interregime.ingest import membership as source
from interregime.ingest.context import SourceContext

WA, MTCR, NSG, AG = Regime.WA, Regime.MTCR, Regime.NSG, Regime.AG


@pytest.fixture(scope="module")
def real(sources_dir: Path) -> list[Membership]:
    return source.crawl(SourceContext(sources_dir))


def participant_sets(memberships: list[Membership]) -> dict[Regime, set[str]]:
    sets: dict[Regime, set[str]] = {r: set() for r in EXPORT_CONTROL_REGIMES}
    for m in memberships:
        if m.status == "participant" and m.state.code != "EU" and m.left is None:
            sets[m.regime].add(m.state.code)
    return sets


def profiles(sets: dict[Regime, set[str]], regimes: tuple[Regime, ...]) -> dict[str, frozenset[Regime]]:
    everyone = set().union(*(sets[r] for r in regimes))
    return {code: frozenset(r for r in regimes if code in sets[r]) for code in everyone}


def codes(states: tuple[State, ...]) -> set[str]:
    return {s.code for s in states}


def test_current_combinations_match_a_plain_set_count(real: list[Membership]) -> None:
    sets = participant_sets(real)
    mine = profiles(sets, EXPORT_CONTROL_REGIMES)
    report = analytics.combinations(real)
    assert len(report.combinations) == len(set(mine.values())) == 8
    assert report.participant_count == len(mine) == 49
    for combo in report.combinations:
        assert codes(combo.states) == {c for c, p in mine.items() if p == frozenset(combo.regimes)}
    assert [c.size for c in report.combinations] == sorted((c.size for c in report.combinations), reverse=True)


def test_states_in_all_four_and_in_exactly_one(real: list[Membership]) -> None:
    sets = participant_sets(real)
    report = analytics.combinations(real)
    assert codes(report.in_all) == sets[WA] & sets[MTCR] & sets[NSG] & sets[AG]
    assert len(report.in_all) == 30
    for regime in EXPORT_CONTROL_REGIMES:
        others = set().union(*(sets[r] for r in EXPORT_CONTROL_REGIMES if r is not regime))
        assert codes(report.in_exactly_one.get(regime, ())) == sets[regime] - others
    assert codes(report.in_exactly_one[NSG]) == {"BY", "CN", "KZ", "RS"}


def test_eu_adherents_and_observers_are_beside_not_mixed_in(real: list[Membership]) -> None:
    report = analytics.combinations(real)
    assert all("EU" not in codes(c.states) for c in report.combinations)
    assert [(c.regimes, codes(c.states)) for c in report.non_sovereign] == [((AG,), {"EU"})]
    assert codes(report.adherents[MTCR]) == {"CN", "IL", "PK", "RO", "SK"}
    assert codes(report.observers[NSG]) == {"EU"}
    assert "IL" not in {s.code for c in report.combinations for s in c.states}


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_regime_sets_match_plain_sets(real: list[Membership], size: int) -> None:
    sets = participant_sets(real)
    for chosen in subsets(EXPORT_CONTROL_REGIMES, size):
        summary = analytics.regime_set_summary(real, chosen)
        mine = profiles(sets, chosen)
        assert codes(summary.union) == set(mine)
        assert codes(summary.intersection) == set.intersection(*(sets[r] for r in chosen))
        assert codes(summary.in_several) == {c for c, p in mine.items() if len(p) > 1}
        assert summary.coordination_load == len(set(mine.values()))


def test_wa_and_mtcr_coordination(real: list[Membership]) -> None:
    summary = analytics.regime_set_summary(real, [WA, MTCR])
    assert (len(summary.union), len(summary.intersection), summary.coordination_load) == (44, 33, 3)


def test_participants_per_year_match_join_years(real: list[Membership]) -> None:
    years = range(1970, 2026)
    table = analytics.participants_per_year(real, years)
    founded = {WA: 1996, MTCR: 1987, NSG: 1975, AG: 1985}
    for regime in EXPORT_CONTROL_REGIMES:
        ours = [m for m in real if m.regime is regime and m.status == "participant" and m.state.code != "EU"]
        for year in years:
            expected = sum(1 for m in ours if (m.joined if m.joined is not None else founded[regime]) <= year)
            assert table[year][regime] == expected, (regime, year)
    assert (table[1995][WA], table[1996][WA], table[2016][WA], table[2017][WA]) == (0, 41, 41, 42)
    assert (table[2015][MTCR], table[2016][MTCR]) == (34, 35)
    assert table[2025] == {WA: 42, MTCR: 35, NSG: 48, AG: 42}


def test_combinations_over_time(real: list[Membership]) -> None:
    reports = analytics.combinations_over_time(real, [1990, 2010])
    for report in reports:
        assert report.year is not None
        held: dict[str, set[Regime]] = {}
        for m in real:
            if m.status == "participant" and m.state.code != "EU":
                start = m.joined if m.joined is not None else analytics.FOUNDING_YEAR[m.regime]
                if start <= report.year:
                    held.setdefault(m.state.code, set()).add(m.regime)
        assert len(report.combinations) == len({frozenset(r) for r in held.values()})
        assert report.participant_count == len(held)
    assert "IN" not in {s.code for c in reports[1].combinations for s in c.states}


def test_matrix_rows_and_strongest_status(real: list[Membership]) -> None:
    rows = {row.state.code: row.cells for row in analytics.membership_matrix(real)}
    assert set(rows) == {m.state.code for m in real}
    assert rows["CN"] == {MTCR: MembershipStatus.ADHERENT, NSG: MembershipStatus.PARTICIPANT}
    assert rows["EU"] == {NSG: MembershipStatus.OBSERVER, AG: MembershipStatus.PARTICIPANT}
    assert rows["IN"] == {
        WA: MembershipStatus.PARTICIPANT,
        MTCR: MembershipStatus.PARTICIPANT,
        AG: MembershipStatus.PARTICIPANT,
    }
    old = {row.state.code for row in analytics.membership_matrix(real, year=1990)}
    assert "IN" not in old
    assert "US" in old


def _m(
    code: str,
    regime: Regime,
    joined: int | None = None,
    left: int | None = None,
    status: MembershipStatus = MembershipStatus.PARTICIPANT,
) -> Membership:
    return Membership(State(code, code), regime, status, joined, left)


def test_unknown_join_year_counts_from_founding() -> None:
    x = _m("XA", WA)
    assert not analytics.held_in(x, 1995)
    assert analytics.held_in(x, 1996)
    assert analytics.held_in(_m("XB", NSG, joined=1974), 1974)


def test_hand_made_combinations_and_leaving() -> None:
    data = [
        _m("AA", WA),
        _m("AA", MTCR, 1990),
        _m("BB", WA),
        _m("BB", MTCR, 1991),
        _m("CC", MTCR, 2000, left=2005),
        _m("DD", NSG, 1980),
        _m("DD", WA, status=MembershipStatus.ADHERENT),
        _m("EU", AG, 1985),
    ]
    now = analytics.combinations(data)
    assert [(c.regimes, codes(c.states)) for c in now.combinations] == [((WA, MTCR), {"AA", "BB"}), ((NSG,), {"DD"})]
    assert codes(now.adherents[WA]) == {"DD"}
    at_2003 = analytics.combinations(data, year=2003)
    assert [(c.regimes, codes(c.states)) for c in at_2003.combinations] == [
        ((WA, MTCR), {"AA", "BB"}),
        ((MTCR,), {"CC"}),
        ((NSG,), {"DD"}),
    ]
    assert analytics.combinations(data, year=2005).participant_count == 3
    assert codes(analytics.combinations(data, year=1995).in_exactly_one[NSG]) == {"DD"}
    summary = analytics.regime_set_summary(data, [MTCR, NSG], year=2003)
    assert codes(summary.union) == {"AA", "BB", "CC", "DD"}
    assert summary.intersection == ()
    assert summary.coordination_load == 2
    with pytest.raises(ValueError, match="at least one regime"):
        analytics.regime_set_summary(data, [])


def test_accessions_are_in_order_and_skip_unknown_years() -> None:
    data = [_m("AA", WA), _m("BB", MTCR, 1995), _m("CC", NSG, 1980), _m("EU", AG, 1985)]
    assert [m.state.code for m in analytics.accessions(data)] == ["CC", "BB"]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_charts_render_from_real_data(real: list[Membership], tmp_path: Path, suffix: str) -> None:
    upset = upset_chart(analytics.combinations(real), tmp_path / f"upset{suffix}")
    timeline = timeline_chart(real, tmp_path / f"timeline{suffix}", last_year=2025)
    for path in (upset, timeline):
        data = path.read_bytes()
        assert len(data) > 5000
        if suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"


def test_chart_refuses_unknown_extension(real: list[Membership], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unsupported chart format '\.pdf'"):
        upset_chart(analytics.combinations(real), tmp_path / "upset.pdf")
    assert not (tmp_path / "upset.pdf").exists()
