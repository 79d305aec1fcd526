"""Catalog mappings: shipped catalogs load, bad mappings fail with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.analytics.impact.catalog import load_catalog
from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.mapping import known_mappings, parse_mapping

DATA = Path(__file__).resolve().parents[1] / "data" / "impact"

KNOWN = {"epoch-ml-hardware", "techpowerup-gpus", "gpu-tensor-table", "printvault-printers", "opendronelist",
         "qubit-hardware"}


def test_known_mappings_are_shipped() -> None:
    assert set(known_mappings()) == KNOWN


@pytest.mark.parametrize(("name", "rows", "column"), [
    ("epoch-ml-hardware", 175, "density"), ("techpowerup-gpus", 3159, "tpp"), ("gpu-tensor-table", 30, "tpp"),
    ("printvault-printers", 347, "build_volume"), ("opendronelist", 145, "max_takeoff"),
    ("qubit-hardware", 101, "two_qubit_error"),
])
def test_shipped_catalogs_load(sources_dir: Path, name: str, rows: int, column: str) -> None:
    frame = load_catalog(name, sources_dir).frame
    assert frame.height == rows
    assert frame[column].drop_nulls().len() > 0


def test_units_are_converted(sources_dir: Path) -> None:
    printers = load_catalog("printvault-printers", sources_dir).frame
    afinia = printers.filter(printers["name"] == "H+1(HS)").row(0, named=True)
    assert afinia["build_volume"] == pytest.approx(0.207 * 0.255 * 0.230)
    drones = load_catalog("opendronelist", sources_dir).frame
    assert drones.filter(drones["name"] == "Agras T40")["max_takeoff"].item() == pytest.approx(101.0)


def test_csv_with_local_mapping() -> None:
    catalog = load_catalog(str(DATA / "tiny.csv"), None, DATA / "tiny.toml")
    assert catalog.frame["name"].to_list() == ["Big", "Small", "Mid"]
    assert catalog.frame["group"].to_list() == ["of_concern", "general_purpose", "general_purpose"]
    assert catalog.frame["tpp"].to_list() == [6400.0, 160.0, 2000.0]


def _mapping(**overrides: str) -> str:
    fields = {"name": '"t"', "source": '"tiny.csv"', "name_column": '"product"', **overrides}
    text = "\n".join(f"{k} = {v}" for k, v in fields.items())
    return text + '\n[characteristics]\ntops_fp16 = { column = "fp16_tflops", unit = "TFLOP/s" }\n'


def test_impossible_unit_is_named() -> None:
    text = _mapping().replace('unit = "TFLOP/s"', 'unit = "kg"')
    with pytest.raises(ImpactError, match=r"m.toml: characteristics.tops_fp16: unit 'kg' is impossible"):
        parse_mapping(text, "m.toml")


def test_unknown_characteristic_and_format() -> None:
    with pytest.raises(ImpactError, match="unknown characteristic 'warp'"):
        parse_mapping(_mapping().replace("tops_fp16 =", "warp ="), "m.toml")
    with pytest.raises(ImpactError, match="format 'xlsx' not supported"):
        parse_mapping(_mapping(source='"a.xlsx"'), "m.toml")


def test_unknown_column_is_named(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.toml"
    mapping.write_text((DATA / "tiny.toml").read_text().replace('"fp16_tflops"', '"fp16_tflop"'))
    with pytest.raises(ImpactError, match=r"column 'fp16_tflop' \(tops_fp16\) not in tiny.csv; did you mean"):
        load_catalog(str(DATA / "tiny.csv"), None, mapping)


def test_unknown_catalog_name(sources_dir: Path) -> None:
    with pytest.raises(ImpactError, match="unknown catalog 'gpus'"):
        load_catalog("gpus", sources_dir)
