"""Regime item numbers from the UK LITE permissions finder (2018), checked against LITE's lists."""

from __future__ import annotations

import collections
import datetime as dt
import shutil
from pathlib import Path

import pytest

from interregime.domain.corpus import EditionContent, Entry, NativeCode
from interregime.domain.regimes import Regime
from interregime.ingest import uk_lite
from interregime.ingest.build import attach_native_codes
from interregime.ingest.context import SourceContext, SourceError


@pytest.fixture(scope="session")
def parsed(sources_dir: Path) -> tuple[dict[str, list[NativeCode]], SourceContext]:
    context = SourceContext(sources_dir)
    return uk_lite.crawl(context), context


@pytest.fixture(scope="session")
def native(parsed: tuple[dict[str, list[NativeCode]], SourceContext]) -> dict[str, list[NativeCode]]:
    return parsed[0]


def _codes(native: dict[str, list[NativeCode]], entry: str) -> list[tuple[Regime, str]]:
    return [(code.regime, code.code) for code in native.get(entry, [])]


def test_mtcr_spot_checks(native: dict[str, list[NativeCode]]) -> None:
    assert _codes(native, "6D102") == [(Regime.MTCR, "11.D.1"), (Regime.MTCR, "12.D.3")]
    assert _codes(native, "6A107") == [(Regime.MTCR, "12.A.3")]
    assert _codes(native, "6B108") == [(Regime.MTCR, "17.B.1")]
    assert _codes(native, "ML10") == [(Regime.MTCR, "3.A.1"), (Regime.MTCR, "3.A.2")]


def test_nsg_spot_checks(native: dict[str, list[NativeCode]]) -> None:
    assert _codes(native, "6D203") == [(Regime.NSG, "P2:5.D.2")]
    assert _codes(native, "6A203") == [(Regime.NSG, "P2:5.B.3"), (Regime.NSG, "P2:1.A.2")]
    assert (Regime.NSG, "P2:3.A.2.h") in _codes(native, "6A005")


def test_wassenaar_items_and_partial_marks(native: dict[str, list[NativeCode]]) -> None:
    assert _codes(native, "6E003") == [(Regime.WA, "6.E.3.d"), (Regime.WA, "6.E.3.e")]
    partial = {code.code: code.source.endswith("(partial)") for code in native["6A008"]}
    assert partial == {"11.A.1": True, "12.A.5.b": True}
    first = native["6D102"][0]
    assert first.date == dt.date(2018, 11, 2)
    assert first.source.startswith(uk_lite.ENTRIES) and "EU Dual-Use List row" in first.source


def test_counts(native: dict[str, list[NativeCode]]) -> None:
    assert len(native) == 29
    regimes = collections.Counter(code.regime for codes in native.values() for code in codes)
    assert regimes == {Regime.MTCR: 75, Regime.NSG: 39, Regime.WA: 2, Regime.CWC: 1}
    eu_entries = sorted(code for code in native if code[0].isdigit())
    assert len(eu_entries) == 20 and all(code.startswith("6") for code in eu_entries)


def test_codes_unknown_to_lite_are_warned(
    parsed: tuple[dict[str, list[NativeCode]], SourceContext],
) -> None:
    messages = [str(warning) for warning in parsed[1].warnings]
    assert any("N5D2 is not in LITE's NSG list" in message for message in messages)
    assert any("unrecognised regime bracket [Md]" in message for message in messages)
    assert not any("M12A5 " in message for message in messages)  # LITE lists its sub-items
    assert len(messages) == 17


def test_build_attaches_by_eu_code(native: dict[str, list[NativeCode]]) -> None:
    entry = Entry(code="6D102", heading="", category="6", regime=Regime.MTCR, eu_code="6D102")
    other = Entry(code="6D101", heading="", category="6", regime=Regime.MTCR, eu_code="6D101")
    content = EditionContent(control_list=None, edition=None, entries=[entry, other])  # type: ignore[arg-type]
    attach_native_codes([content], native)
    assert [code.code for code in entry.native_codes] == ["11.D.1", "12.D.3"]
    assert other.native_codes == []


def _copy_sources(sources_dir: Path, target: Path) -> None:
    for relative in uk_lite.FILES:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources_dir / relative, destination)
        destination.chmod(0o644)


def test_wrong_hash_is_a_source_error(tmp_path: Path, sources_dir: Path) -> None:
    _copy_sources(sources_dir, tmp_path)
    (tmp_path / uk_lite.NSG_DUAL_USE).write_text("N,PARENT,1,UK\n")
    with pytest.raises(SourceError, match="does not match the pinned"):
        uk_lite.crawl(SourceContext(tmp_path))


def test_malformed_regime_list_names_file_and_line(tmp_path: Path, sources_dir: Path) -> None:
    _copy_sources(sources_dir, tmp_path)
    (tmp_path / uk_lite.NSG_DUAL_USE).write_text("N,PARENT,1,UK\nN1;broken\n")
    with pytest.raises(SourceError) as error:
        uk_lite.crawl(SourceContext(tmp_path, verify_hashes=False))
    assert str(error.value).startswith(f"{uk_lite.NSG_DUAL_USE}:line 2:")


def test_missing_column_is_a_source_error(tmp_path: Path, sources_dir: Path) -> None:
    _copy_sources(sources_dir, tmp_path)
    (tmp_path / uk_lite.ENTRIES).write_text("sheet,row,rating\nEU Dual-Use List,4,6A001\n")
    with pytest.raises(SourceError, match="missing column"):
        uk_lite.crawl(SourceContext(tmp_path, verify_hashes=False))
