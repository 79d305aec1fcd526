"""`params` and `check` end to end: JSON output, one process for many lines, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pint
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.storage.corpus_store import save_edition
from interregime.storage.database import create_engine, upgrade
from tests.analytics.parameter_fixtures import eu_content

runner = CliRunner()
LINE_2B001_A1 = ('"Unidirectional positioning repeatability" equal to or less (better) than 0,9 μm along one or more '
                 "linear axis with a travel length less than 1,0 m; or")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_params_text_json() -> None:
    code, out, _ = invoke("params", "--text", LINE_2B001_A1, "--format", "json")
    assert code == 0
    repeatability, travel = json.loads(out)
    assert repeatability == {
        "characteristic": "unidirectional positioning repeatability", "comparator": "<=", "value": 0.9,
        "low": None, "high": None, "unit": "µm",
        "qualifier": "along one or more linear axis with a travel length less than 1,0 m",
    }
    assert (travel["characteristic"], travel["comparator"], travel["value"], travel["unit"]) == (
        "travel length", "<", 1.0, "m")


def test_params_lines_keeps_order(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("Inner diameter greater than 300 mm; and\n\"Nuclear reactors\";\n15 kN or more;\n",
                     encoding="utf-8")
    code, out, _ = invoke("params", "--lines", str(lines), "--format", "json")
    assert code == 0
    first, second, third = json.loads(out)
    assert [(p["comparator"], p["value"], p["unit"]) for p in first] == [(">", 300.0, "mm")]
    assert second == []
    assert [(p["comparator"], p["value"], p["unit"]) for p in third] == [(">=", 15.0, "kN")]


def test_params_needs_one_input() -> None:
    code, _, _ = invoke("params")
    assert code != 0


def _database(tmp_path: Path, sources_dir: Path) -> str:
    url = f"sqlite:///{tmp_path / 'params.sqlite'}"
    engine: sa.Engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        save_edition(conn, eu_content(sources_dir))
    engine.dispose()
    return url


def test_check_spec_csv_and_errors(tmp_path: Path, sources_dir: Path) -> None:
    url = _database(tmp_path, sources_dir)
    spec = "axes=5, unidirectional positioning repeatability=0.8 um, travel=0.8 m"
    code, out, _ = invoke("--database", url, "check", "2B001", "--list", "eu-annex-i", "--spec", spec,
                          "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["verdict"] == "controlled"
    assert {"item": "2B001.b.2.a", "parameter": "unidirectional positioning repeatability",
            "comparison": "0.8 µm ≤ 0.9 µm", "status": "met"} in result["path"]

    code, out, _ = invoke("--database", url, "check", "2B001", "--spec", spec)
    assert code == 0 and out.startswith("2B001: controlled")

    items = tmp_path / "items.csv"
    items.write_text("id,axes,repeatability,travel\nfine,5,0.8 um,0.8 m\ncoarse,5,30 um,0.8 m\n"
                     "bad,5,5 kg,0.8 m\n", encoding="utf-8")
    code, out, _ = invoke("--database", url, "check", "2B001", "--csv", str(items), "--format", "csv")
    assert code == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["fine"]["verdict"] == "controlled"
    assert rows["coarse"]["verdict"] == "undetermined"
    assert "spindle run-out and camming" in rows["coarse"]["missing"]
    assert rows["bad"]["verdict"] == "error" and "mass" in rows["bad"]["error"]

    code, _, err = invoke("--database", url, "check", "2B001", "--spec", "repeatability=5 kg")
    assert code == 1 and "spec key 'repeatability'" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = invoke("--database", url, "check", "2B001", "--spec", "colour=red")
    assert code == 1 and "unknown spec key 'colour'" in err
    code, _, err = invoke("--database", url, "check", "9Z999", "--spec", "axes=5")
    assert code == 1 and "9Z999" in err


def test_params_json_units_read_with_a_default_pint_registry() -> None:
    """Units of this project's registry (Sa, WT, Mach, dBc...) are written the way pint itself reads them;
    what the plain spelling drops (Mach, the carrier) stays in the characteristic or the qualifier."""
    text = ("sampling rate exceeding 1 000 MSa/s; spurious free dynamic range greater than 68 dBc when "
            "synthesising a signal; Adjusted Peak Performance exceeding 70 Weighted TeraFLOPS (WT); "
            "flight speeds exceeding Mach 0,55; bias stability less than 130 micro g; pressure of 10 Torr or less")
    code, out, _ = invoke("params", "--text", text, "--list", "eu-annex-i", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [(r["characteristic"], r["value"], r["unit"]) for r in records] == [
        ("sampling rate", 1000.0, "megacount / second"),
        ("spurious free dynamic range", 68.0, "decibel"),
        ("adjusted peak performance", 70.0, "teracount / second"),
        ("flight speeds (mach number)", 0.55, "dimensionless"),
        ("bias stability", 130.0, "microstandard_gravity"),
        ("pressure", 10.0, "torr"),
    ]
    assert records[1]["qualifier"] == "relative to the carrier, when synthesising a signal"
    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry()
    assert [float(ureg.Quantity(r["value"], r["unit"]).to_base_units().magnitude) for r in records] == pytest.approx(
        [1e9, 10 ** 6.8, 7e13, 0.55, 130 * 9.80665e-6, 10 * 101325 / 760])  # pint's decibels are logarithmic
    assert all(ureg(r["unit"]) is not None for r in records)


def test_params_table_keeps_the_list_spelling() -> None:
    code, out, _ = invoke("params", "--text", "Adjusted Peak Performance exceeding 70 Weighted TeraFLOPS (WT)",
                          "--format", "csv")
    assert code == 0
    assert next(iter(csv.DictReader(io.StringIO(out))))["unit"] == "WT"
