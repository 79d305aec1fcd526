"""`interregime classify`: one description, a file of queries, a CSV, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.storage.database import create_engine, upgrade
from tests.analytics.search_corpus import corpus, store

runner = CliRunner()


@pytest.fixture
def database(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("INTERREGIME_CACHE_DIR", str(tmp_path / "cache"))
    engine: sa.Engine = create_engine(database_url)
    upgrade(engine)
    store(engine, corpus())
    engine.dispose()
    return database_url


def invoke(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database_url, "classify", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_result_list(database: str) -> None:
    code, out, _ = invoke(database, "quadcopter drone", "--top", "2")
    assert code == 0
    results = json.loads(out)
    assert len(results) == 2
    first = results[0]
    assert {"list", "code", "entry", "regime", "score", "members", "item", "explanation", "check"} <= set(first)
    assert (first["entry"], first["regime"]) == ("9A012", "WA")
    assert results[0]["score"] >= results[1]["score"]


def test_queries_file_gives_one_list_per_line(database: str, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("quadcopter drone\n\nmachine tools for milling 0.8 µm\nbioreactor\n", encoding="utf-8")
    code, out, _ = invoke(database, "--queries", str(queries), "--top", "3", "--format", "json")
    assert code == 0
    answers = json.loads(out)
    assert [answer[0]["entry"] for answer in answers] == ["9A012", "2B001", "2B352"]
    assert answers[1][0]["check"]["verdict"] == "met"


def test_csv_of_descriptions(database: str, tmp_path: Path) -> None:
    table = tmp_path / "products.csv"
    table.write_text("sku,description\n1,quadcopter drone\n2,bioreactor 50 litres\n", encoding="utf-8")
    code, out, _ = invoke(database, "--csv", str(table), "--column", "description", "--top", "1",
                          "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("row,description,rank,entry")
    assert [line.split(",")[3] for line in lines[1:]] == ["9A012", "2B352"]


def test_errors_are_one_line(database: str, tmp_path: Path) -> None:
    code, _, err = invoke(database, "drone", "--list", "nope")
    assert code == 1 and "no list 'nope'" in err and "Traceback" not in err
    code, _, err = invoke(database)
    assert code == 1 and "exactly one of" in err
    table = tmp_path / "bad.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = invoke(database, "--csv", str(table), "--column", "description")
    assert code == 1 and "no column 'description'" in err
