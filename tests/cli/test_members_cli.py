"""The `members` analytics commands end to end on the real membership articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interregime.cli.app import app

runner = CliRunner()


@pytest.fixture
def built(database_url: str, sources_dir: Path) -> str:
    result = runner.invoke(
        app, ["--database", database_url, "--sources", str(sources_dir), "build", "--only", "members"]
    )
    assert result.exit_code == 0, result.stderr
    return database_url


def run(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database_url, "members", *args])
    return result.exit_code, result.stdout, result.stderr


def test_combinations_json_is_one_object_per_combination(built: str) -> None:
    code, out, _ = run(built, "combinations", "--format", "json")
    assert code == 0
    combinations = json.loads(out)
    assert {"regimes": ["WA", "MTCR", "AG"], "count": 1, "states": ["IN"]} in combinations
    assert all(set(c) == {"regimes", "count", "states"} for c in combinations)
    states = [state for c in combinations for state in c["states"]]
    assert len(states) == len(set(states)) == 49 and "EU" not in states


def test_combinations_summary_json(built: str) -> None:
    code, out, _ = run(built, "combinations", "--summary", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["participants"], data["distinct_combinations"], len(data["in_all"])) == (49, 8, 30)
    assert {"regimes": ["WA", "MTCR", "AG"], "count": 1, "states": ["IN"]} in data["combinations"]
    assert sum(c["count"] for c in data["combinations"]) == 49
    assert data["non_sovereign_participants"] == [{"regimes": ["AG"], "states": ["EU"]}]
    assert data["adherents"]["AG"] == ["KZ"]


def test_matrix_history_and_coordination(built: str) -> None:
    code, out, _ = run(built, "matrix", "--year", "2016", "--format", "csv")
    rows = {r["state"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    assert (rows["IN"]["MTCR"], rows["IN"]["WA"], rows["IN"]["AG"]) == ("participant", "", "")
    code, out, _ = run(built, "history", "--from", "2015", "--to", "2018", "--format", "json")
    assert [(r["year"], r["MTCR"], r["WA"], r["AG"]) for r in json.loads(out)] == [
        (2015, 34, 41, 41),
        (2016, 35, 41, 41),
        (2017, 35, 42, 41),
        (2018, 35, 42, 42),
    ]
    code, out, _ = run(built, "coordination", "--regimes", "WA,MTCR", "--format", "json")
    data = json.loads(out)
    assert (data["union"], data["intersection"], data["coordination_load"]) == (44, 33, 3)


def test_charts_and_errors(built: str, tmp_path: Path) -> None:
    code, _, _ = run(built, "upset", "--out", str(tmp_path / "u.png"))
    assert code == 0 and (tmp_path / "u.png").read_bytes().startswith(b"\x89PNG")
    code, _, _ = run(built, "timeline", "--out", str(tmp_path / "t.svg"))
    assert code == 0 and b"<svg" in (tmp_path / "t.svg").read_bytes()
    result = runner.invoke(app, ["--database", built, "members", "coordination", "--regimes", "WA,XX"])
    assert result.exit_code != 0
    assert result.stderr.strip() == "error: unknown regime 'XX'; expected one of WA, MTCR, NSG, AG, CWC"
    result = runner.invoke(app, ["--database", built, "members", "upset", "--out", str(tmp_path / "u.pdf")])
    assert result.exit_code == 1
    assert "u.pdf: unsupported chart format '.pdf'; use .png or .svg" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_database_says_what_to_do(database_url: str) -> None:
    result = runner.invoke(app, ["--database", database_url, "members", "combinations"])
    assert result.exit_code == 1
    assert "no memberships stored; run `interregime build --only members` first" in result.stderr
