"""`interregime impact` end to end on the real catalogs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from interregime.cli.app import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "impact"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_output_with_sweep_and_chart(sources_dir: Path, tmp_path: Path) -> None:
    chart = tmp_path / "curve.svg"
    code, out, _ = run("--sources", str(sources_dir), "impact", "epoch-ml-hardware", "--rule", "3A090.a",
                       "--sweep", "tpp:100:30000:20", "--format", "json", "--chart", str(chart))
    assert code == 0
    data = json.loads(out)
    assert "NVIDIA H100 SXM5 80GB" in data["captured"]
    assert "NVIDIA HGX H20" in data["not_captured"]
    assert data["counts"]["captured"] == len(data["captured"]) == 63
    assert len(data["sweep"]["curve"]) == 20
    assert chart.read_text().startswith("<?xml")


def test_local_file_with_mapping_and_csv() -> None:
    code, out, _ = run("impact", str(DATA / "tiny.csv"), "--mapping", str(DATA / "tiny.toml"),
                       "--rule", "tpp >= 1600", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "name,manufacturer,year,segment,group,captured"
    assert lines[1].startswith("Big,Acme,2023") and lines[1].endswith("True")
    assert lines[2].endswith("False")


def test_entry_falls_back_to_shipped_rule(sources_dir: Path, tmp_path: Path) -> None:
    code, out, err = run("--database", f"sqlite:///{tmp_path / 'empty.sqlite'}", "--sources", str(sources_dir),
                         "impact", "techpowerup-gpus", "--entry", "3A090.a", "-f", "json")
    assert code == 0, err
    assert "using the shipped rule" in err
    assert "GeForce RTX 4090" in json.loads(out)["captured"]


def test_errors_are_one_line(sources_dir: Path) -> None:
    code, _, err = run("--sources", str(sources_dir), "impact", "epoch-ml-hardware", "--rule", "tpp >= 4800 and")
    assert code == 1
    assert "rule error at position 16" in err and "Traceback" not in err
    code, _, err = run("--sources", str(sources_dir), "impact", "printvault-printers", "--rule", "tpp > 1")
    assert code == 1 and "has no characteristic 'tpp'" in err
    code, _, err = run("--sources", str(sources_dir), "impact", "nope", "--rule", "tpp > 1")
    assert code == 1 and "unknown catalog 'nope'" in err
    code, _, err = run("--sources", str(sources_dir), "impact", "epoch-ml-hardware", "--rule", "tpp > 1",
                       "--sweep", "tpp:1:x:3")
    assert code == 1 and "--sweep" in err


@pytest.fixture(scope="module")
def us_ccl_database(sources_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('impact-entry') / 'corpus.sqlite'}"
    code, _, err = run("--database", url, "--sources", str(sources_dir), "build", "--only", "us-ccl")
    assert code == 0, err
    return url


def _impact_json(database: str, sources_dir: Path, *args: str) -> tuple[dict[str, Any], str]:
    code, out, err = run("--database", database, "--sources", str(sources_dir), "impact", "epoch-ml-hardware",
                         *args, "-f", "json")
    assert code == 0, err
    return json.loads(out), err


@pytest.mark.parametrize("code", ["3A090.a", "3A090.b", "3A090"])
def test_entry_rule_follows_the_item_tree(us_ccl_database: str, sources_dir: Path, code: str) -> None:
    built, err = _impact_json(us_ccl_database, sources_dir, "--entry", code)
    shipped, _ = _impact_json(us_ccl_database, sources_dir, "--rule", code)
    assert "using the shipped rule" not in err
    assert sorted(built["captured"]) == sorted(shipped["captured"])
    assert built["counts"]["captured"] == shipped["counts"]["captured"]
    assert f"rule from the item tree of {code}" in err and built["rule"] in " ".join(err.split())
    assert "decontrol notes and exclusions are not part of the capture rule" in " ".join(err.split())
    assert built["entry"]["code"] == code


def test_entry_rule_reports_unmapped_branches(us_ccl_database: str, sources_dir: Path) -> None:
    built, err = _impact_json(us_ccl_database, sources_dir, "--entry", "3A090")
    assert built["counts"]["captured"] == 72
    assert "3A090.c: memory bandwidth density" in built["entry"]["unmapped"]
    assert built["entry"]["undetermined"] == ["3A090.c"]
    assert "memory bandwidth" in " ".join(err.split())
    a, _ = _impact_json(us_ccl_database, sources_dir, "--entry", "3A090.a")
    assert a["counts"]["captured"] == 63
    assert a["rule"] == "tpp >= 4800 or (tpp >= 1600 and density >= 5.92)"
