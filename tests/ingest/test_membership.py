"""The memberships parsed from the Wikipedia articles, against the real files and broken copies of them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.domain.regimes import Membership, MembershipStatus, Regime
from interregime.ingest import membership
from interregime.ingest.build import build
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.country_names import state_for
from interregime.storage.membership_store import load_memberships

PARTICIPANT = MembershipStatus.PARTICIPANT


@pytest.fixture(scope="module")
def parsed(sources_dir: Path) -> tuple[list[Membership], SourceContext]:
    context = SourceContext(sources_dir)
    return membership.crawl(context), context


def codes(memberships: list[Membership], regime: Regime, status: MembershipStatus = PARTICIPANT) -> set[str]:
    return {m.state.code for m in memberships if m.regime is regime and m.status is status}


def joined(memberships: list[Membership], regime: Regime, code: str) -> int | None:
    (found,) = [
        m for m in memberships if m.regime is regime and m.state.code == code and m.status is PARTICIPANT
    ]
    return found.joined


def test_participant_counts(parsed: tuple[list[Membership], SourceContext]) -> None:
    memberships, _ = parsed
    sovereign = [m for m in memberships if m.state.is_sovereign]
    assert len(codes(sovereign, Regime.AG)) == 42
    assert len(codes(sovereign, Regime.MTCR)) == 35
    assert len(codes(sovereign, Regime.NSG)) == 48
    assert len(codes(sovereign, Regime.WA)) == 42
    assert codes(memberships, Regime.AG) - codes(sovereign, Regime.AG) == {"EU"}
    assert len(memberships) == len({(m.state.code, m.regime, m.status) for m in memberships})


def test_adherents_and_observers_are_kept_apart(parsed: tuple[list[Membership], SourceContext]) -> None:
    memberships, _ = parsed
    assert codes(memberships, Regime.MTCR, MembershipStatus.ADHERENT) == {"CN", "IL", "PK", "RO", "SK"}
    assert codes(memberships, Regime.AG, MembershipStatus.ADHERENT) == {"KZ"}
    assert codes(memberships, Regime.NSG, MembershipStatus.OBSERVER) == {"EU"}
    assert "CN" not in codes(memberships, Regime.MTCR)


def test_join_years(parsed: tuple[list[Membership], SourceContext]) -> None:
    memberships, _ = parsed
    assert joined(memberships, Regime.MTCR, "IN") == 2016
    assert joined(memberships, Regime.AG, "IN") == 2018
    assert joined(memberships, Regime.NSG, "AR") == 1994
    assert joined(memberships, Regime.NSG, "GR") == 1984
    assert joined(memberships, Regime.MTCR, "KR") == 2001
    assert joined(memberships, Regime.NSG, "CN") == 2004
    assert joined(memberships, Regime.AG, "EU") == 1985
    assert joined(memberships, Regime.NSG, "CZ") == joined(memberships, Regime.NSG, "SK") == 1993
    assert "IN" not in codes(memberships, Regime.NSG)


def test_names_resolve_to_iso_codes(parsed: tuple[list[Membership], SourceContext]) -> None:
    memberships, _ = parsed
    assert {"KR", "CZ", "TR", "RU", "US", "GB"} <= codes(memberships, Regime.WA)
    assert all(re.fullmatch(r"[A-Z]{2}", m.state.code) for m in memberships)
    names = {m.state.code: m.state.name for m in memberships}
    assert names["KR"] == "South Korea"
    assert names["RU"] == "Russia"


def test_navigation_box_countries_are_not_participants(
    parsed: tuple[list[Membership], SourceContext],
) -> None:
    memberships, _ = parsed
    listed_in_navbox_only = {"IR", "IQ", "KP", "SY", "TW", "LY", "EG", "PK", "CN", "BR", "AL"}
    assert not listed_in_navbox_only & codes(memberships, Regime.AG)


def test_wassenaar_years_only_where_the_text_states_them(
    parsed: tuple[list[Membership], SourceContext], sources_dir: Path
) -> None:
    memberships, _ = parsed
    text = " ".join((sources_dir / membership.WA_FILE).read_text(encoding="utf-8").split())
    wa = [m for m in memberships if m.regime is Regime.WA]
    with_year = [m for m in wa if m.joined is not None]
    assert len(wa) - len(with_year) == 41
    for m in with_year:
        assert re.search(rf"{m.state.name} joined [^.]*{m.joined}", text), m


def test_every_page_entry_has_a_source(parsed: tuple[list[Membership], SourceContext]) -> None:
    memberships, _ = parsed
    for m in memberships:
        assert re.match(r"wikipedia_\w+\.md § .+, line \d+$", m.source), m.source


def test_typo_and_bis_differences_are_warned(
    parsed: tuple[list[Membership], SourceContext], sources_dir: Path
) -> None:
    memberships, context = parsed
    messages = [str(w) for w in context.warnings]
    assert any("Greece1984)" in m and ":78:" in m for m in messages)
    groups = json.loads((sources_dir / membership.BIS_GROUPS_FILE).read_text(encoding="utf-8"))["groups"]
    for regime, group in membership.BIS_GROUP.items():
        bis = set()
        for name in groups[group]:
            state = state_for(name)
            assert state is not None, name
            bis.add(state.code)
        article = {c for c in codes(memberships, regime) if c != "EU"}
        warned = {
            re.search(r"\(([A-Z]{2})\)", m)[1]  # type: ignore[index]
            for m in messages
            if f"groups.{group}:" in m
        }
        assert warned == article ^ bis, regime
    assert any("Russia (RU) is a WA participant" in m and "leaves Russia out" in m for m in messages)


@pytest.fixture
def broken_sources(sources_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the files this source reads, for breaking one of them."""
    for relative in membership.FILES:
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources_dir / relative, target)
    return tmp_path


def _rewrite(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_country_names_file_and_line(broken_sources: Path) -> None:
    _rewrite(broken_sources, membership.MTCR_FILE, "  * Iceland, 1993", "  * Atlantis, 1993")
    with pytest.raises(SourceError) as raised:
        membership.crawl(SourceContext(broken_sources, verify_hashes=False))
    assert str(raised.value) == f"{membership.MTCR_FILE}:163: unknown country 'Atlantis'"


def test_truncated_file_is_an_error(broken_sources: Path) -> None:
    path = broken_sources / membership.NSG_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  * Japan(1974)")], encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"nuclear_suppliers_group\.md:59: the article states 48 .* but lists 22"
    ):
        membership.crawl(SourceContext(broken_sources, verify_hashes=False))


def test_missing_members_section_is_an_error(broken_sources: Path) -> None:
    _rewrite(broken_sources, membership.WA_FILE, "## Membership", "## Members hip")
    with pytest.raises(SourceError, match=r"wikipedia_wassenaar_arrangement\.md: no ## Membership heading"):
        membership.crawl(SourceContext(broken_sources, verify_hashes=False))


def test_unreadable_entry_is_an_error(broken_sources: Path) -> None:
    _rewrite(broken_sources, membership.AG_FILE, "  * Mexico (2013)", "  * Mexico (20l3)")
    with pytest.raises(SourceError, match=r"wikipedia_australia_group\.md:146: cannot read"):
        membership.crawl(SourceContext(broken_sources, verify_hashes=False))


def test_wrong_hash_is_an_error(broken_sources: Path) -> None:
    _rewrite(broken_sources, membership.AG_FILE, "Mexico (2013)", "Mexico (2014)")
    with pytest.raises(SourceError, match=r"wikipedia_australia_group\.md: sha256 .* does not match"):
        membership.crawl(SourceContext(broken_sources))


def test_bad_bis_group_names_the_group(broken_sources: Path) -> None:
    _rewrite(broken_sources, membership.BIS_GROUPS_FILE, '"Argentina"', '"Argentinia"')
    with pytest.raises(SourceError, match=r"seelpeed_country-groups\.json:groups\.A:1\[0\]: unknown country"):
        membership.crawl(SourceContext(broken_sources, verify_hashes=False))


def test_build_saves_and_loads(
    engine: sa.Engine, sources_dir: Path, parsed: tuple[list[Membership], SourceContext]
) -> None:
    report = build(engine, sources_dir, only=["members"])
    loaded = load_memberships(engine)
    assert sorted(loaded, key=repr) == sorted(parsed[0], key=repr) == sorted(report.memberships, key=repr)
    assert {m.state.code for m in load_memberships(engine, regime=Regime.NSG)} == codes(
        parsed[0], Regime.NSG
    ) | {"EU"}
