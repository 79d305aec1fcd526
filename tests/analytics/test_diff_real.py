"""Edition diffs on the real lists: SCOMET 2018 → 2024 and Norway List II 2022 → EU Annex I 2025."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.analytics.diff import Change, ChangeKind, EditionDiff, diff_editions
from interregime.analytics.diff.words import word_count, word_keys
from interregime.ingest.build import build
from interregime.storage.corpus_store import load_edition
from interregime.storage.database import create_engine, upgrade

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(sources_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('diff') / 'corpus.sqlite'}")
    upgrade(engine)
    build(engine, sources_dir, ["in-scomet", "no-list-ii", "eu-annex-i"])
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def scomet(corpus: sa.Engine) -> EditionDiff:
    return diff_editions(load_edition(corpus, "in-scomet", "2018"), load_edition(corpus, "in-scomet", "2024"))


@pytest.fixture(scope="module")
def norway_to_eu(corpus: sa.Engine) -> EditionDiff:
    return diff_editions(load_edition(corpus, "no-list-ii", "2022"), load_edition(corpus, "eu-annex-i", "2025"))


def find(result: EditionDiff, old_code: str = "", new_code: str = "") -> Change:
    found = [c for c in result.changes if (not old_code or c.old_code == old_code)
             and (not new_code or c.new_code == new_code)]
    assert len(found) == 1, found
    return found[0]


def test_eu_2025_raises_the_4a003_computer_threshold(norway_to_eu: EditionDiff) -> None:
    change = find(norway_to_eu, "4A003.b", "4A003.b")
    assert change.kind is ChangeKind.CHANGED
    assert change.parameter_changes == ("4A003.b adjusted peak performance threshold > 29 WT → > 70 WT",)
    assert "[-29-] {+70+}" in change.word_diff


def test_eu_2025_widens_composite_tube_diameters_and_renumbers_1a202b(norway_to_eu: EditionDiff) -> None:
    diameter = find(norway_to_eu, "1A202.a", "1A202.a")
    assert diameter.parameter_changes == ("1A202.a inside diameter threshold 75–400 mm → 75–650 mm",)
    moved = find(norway_to_eu, "1A202.b", "1A202.c")
    assert moved.kind is ChangeKind.RENUMBERED and moved.similarity == 1.0
    assert find(norway_to_eu, new_code="1A202.b").kind is ChangeKind.ADDED
    assert "12 mm or less" in find(norway_to_eu, new_code="1A202.b").new_text


def test_eu_2025_3a001_laser_output_power_threshold(norway_to_eu: EditionDiff) -> None:
    change = find(norway_to_eu, "3A001.b.7.c.2", "3A001.b.7.c.2")
    assert change.parameter_changes == ("3A001.b.7.c.2 output power threshold > 31.62 mW → > 100 mW",)


def test_scomet_thresholds_are_read_in_scomet_number_style(scomet: EditionDiff) -> None:
    """SCOMET writes "1,570 nm" for one thousand five hundred and seventy nanometres."""
    change = find(scomet, "8A605.d.1.a.1", "8A605.d.1.a.1")
    assert "8A605.d.1.a.1 wavelength threshold ≤ 1 510 nm → ≤ 1 570 nm" in change.parameter_changes
    assert "8A601.b detection range threshold > 1 000 m added" in find(scomet, "8A601.b", "8A601.b").parameter_changes


def test_reserved_entries_are_never_renumbered_into_each_other(scomet: EditionDiff) -> None:
    moved = [c for c in scomet.changes if c.kind is ChangeKind.RENUMBERED and c.level.value == "entry"]
    assert moved and not any("reserved" in c.old_text.lower() and len(c.old_text) < 20 for c in moved)
    assert find(scomet, "8B602", "8B602").kind is ChangeKind.CHANGED


def test_eu_2025_adds_entries_and_removes_none(norway_to_eu: EditionDiff) -> None:
    counts = norway_to_eu.counts()
    added = {c.new_code for c in norway_to_eu.changes if c.kind is ChangeKind.ADDED and c.level.value == "entry"}
    assert {"3A504", "4A506", "1C513", "3B501"} <= added
    assert "3B993" not in added  # a US ECCN, not an EU entry
    assert "removed/entry" not in counts
    assert counts["changed/item"] > 100


def test_scomet_2024_renumbers_entries_found_by_their_text(scomet: EditionDiff) -> None:
    viruses = find(scomet, "2D039", "2D040")
    assert viruses.kind is ChangeKind.RENUMBERED and viruses.old_text == "Rift Valley Fever virus"
    combustors = find(scomet, "3D003", "3D016")
    assert combustors.kind is ChangeKind.RENUMBERED and combustors.level.value == "entry"
    assert not [c for c in scomet.changes if c.old_code == "2H001" and c.kind is ChangeKind.RENUMBERED]


def test_scomet_2024_changes_thresholds_and_adds_category_1_entries(scomet: EditionDiff) -> None:
    mandrels = find(scomet, "4A001.c", "4A001.c")
    assert mandrels.parameter_changes == (
        "4A001.c form cylindrical rotors of inside diameter threshold 75–400 mm → 75–650 mm",)
    added = {c.new_code for c in scomet.changes if c.kind is ChangeKind.ADDED and c.level.value == "entry"}
    assert {"1B038", "1B039", "1B040", "1D026", "1D050"} <= added
    assert find(scomet, new_code="1B038").new_text.startswith("2-(N,N-Diethylamino)ethylchloride")


def test_no_boilerplate_renumbering_across_entries(scomet: EditionDiff, norway_to_eu: EditionDiff) -> None:
    for result in (scomet, norway_to_eu):
        for change in result.of_kind(ChangeKind.RENUMBERED):
            if change.old_code.split(".")[0] != change.new_code.split(".")[0] and change.level.value == "item":
                assert change.similarity >= 0.85 and word_count(word_keys(change.old_text)) >= 8, change
