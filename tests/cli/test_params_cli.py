"""`params` and `check` end to end: JSON output, one process for many lines, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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
