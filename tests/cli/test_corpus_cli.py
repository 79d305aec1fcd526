"""The corpus commands end to end on the real EU Annex I: build, lists, show, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.domain.corpus import ControlList, Edition, EditionContent, Entry, Item, ListKind
from interregime.storage import corpus_store

runner = CliRunner()

EU_FILE = "eu_annex_i/eu_2021_821_annex_i_consolidated_20251115.json"


def invoke(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database_url, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def eu_sources(sources_dir: Path, tmp_path: Path) -> Path:
    """A private sources folder holding a copy of the EU file, so a test may corrupt it."""
    folder = tmp_path / "sources"
    (folder / "eu_annex_i").mkdir(parents=True)
    shutil.copy(sources_dir / EU_FILE, folder / EU_FILE)
    return folder


def test_build_lists_and_show(database_url: str, eu_sources: Path) -> None:
    code, _, _ = invoke(database_url, "--sources", str(eu_sources), "build", "--only", "eu-annex-i")
    assert code == 0
    code, out, _ = invoke(database_url, "lists", "--format", "json")
    [edition] = json.loads(out)
    assert (edition["list"], edition["edition"], edition["entries"]) == ("eu-annex-i", "2025-11-15", 384)
    assert edition["items"] > 3000 and edition["notes"] > 500 and edition["definitions"] > 100

    code, out, _ = invoke(database_url, "show", "2B001.b.2", "--list", "eu-annex-i", "--format", "json")
    view = json.loads(out)
    assert view["code"] == "2B001.b.2"
    assert view["text"].startswith("Five or more axes which can be coordinated simultaneously")
    assert view["children"] == ["2B001.b.2.a", "2B001.b.2.b", "2B001.b.2.c"]
    assert {"from": "2B001", "to": "2B201", "to_list": "eu-annex-i", "kind": "see also"}.items() <= next(
        x for x in view["cross_references"] if x["to"] == "2B201"
    ).items()
    assert any(d["term"] == "contouring control" for d in view["definitions"])

    code, out, _ = invoke(database_url, "show", "2.B.1.b.2", "--list", "eu-annex-i", "--format", "json")
    assert json.loads(out)["code"] == "2B001.b.2"


def test_a_bad_source_leaves_the_corpus_intact(database_url: str, eu_sources: Path) -> None:
    assert invoke(database_url, "--sources", str(eu_sources), "build", "--only", "eu-annex-i")[0] == 0
    (eu_sources / EU_FILE).write_text('{"entries": [', encoding="utf-8")
    code, _, err = invoke(database_url, "--sources", str(eu_sources), "build", "--only", "eu-annex-i")
    assert code == 1
    assert "\n" not in err.strip() and EU_FILE in err and "Traceback" not in err
    _, out, _ = invoke(database_url, "lists", "--format", "json")
    assert json.loads(out)[0]["entries"] == 384


def test_unknown_code_and_list_are_one_line_errors(database_url: str, eu_sources: Path) -> None:
    invoke(database_url, "--sources", str(eu_sources), "build", "--only", "eu-annex-i")
    code, _, err = invoke(database_url, "show", "2B999", "--list", "eu-annex-i")
    assert code == 1 and "no entry or item '2B999'" in err and "\n" not in err.strip()
    code, _, err = invoke(database_url, "show", "2B001", "--list", "nowhere")
    assert code == 1 and "no edition of list 'nowhere'" in err


def test_json_output_is_pure_on_stdout(tmp_path: Path, eu_sources: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    command = [sys.executable, "-m", "interregime.cli.app", "--database", url, "--sources", str(eu_sources)]
    subprocess.run([*command, "build", "--only", "eu-annex-i", "--format", "json"], check=True,
                   capture_output=True)
    result = subprocess.run([*command, "lists", "--format", "json"], check=True, capture_output=True, text=True)
    assert json.loads(result.stdout)[0]["list"] == "eu-annex-i"
    assert sa.create_engine(url).connect().execute(sa.text("select count(*) from entries")).scalar() == 384



def test_show_finds_entries_by_eu_style_code_and_with_list_prefers_the_lists_own(
    database_url: str, engine: sa.Engine,
) -> None:
    """SCOMET-like numbering: entry 8B201 is EU-style 2B001, while the list's own 2B001 is something else."""
    entries = [
        Entry(code="8B201", heading="Machine tools", category="8", regime=None, eu_code="2B001",
              items=[Item("8B201", "Machine tools", None, 0), Item("8B201.a", "Turning", "8B201", 1)]),
        Entry(code="2B001", heading="Own 2B001", category="2", regime=None, eu_code="9X999",
              items=[Item("2B001", "Own 2B001", None, 0)]),
    ]
    edition = Edition("test-list", dt.date(2025, 1, 1), "Test", "t.json", "0" * 64)
    content = EditionContent(ControlList("test-list", "A test list", ListKind.NATIONAL, "XX"), edition, entries,
                             [], [], [])
    with engine.begin() as conn:
        corpus_store.save_edition(conn, content)

    code, out, _ = invoke(database_url, "show", "2B001", "--list", "test-list", "--format", "json")
    assert (code, json.loads(out)["entry"]) == (0, "2B001")
    code, out, _ = invoke(database_url, "show", "2B001", "--format", "json")
    assert (code, [view["entry"] for view in json.loads(out)]) == (0, ["8B201", "2B001"])
    code, out, _ = invoke(database_url, "show", "2B001.a", "--format", "json")
    assert (code, [view["code"] for view in json.loads(out)]) == (0, ["8B201.a"])
    code, out, _ = invoke(database_url, "show", "9X999", "--list", "test-list", "--format", "json")
    assert (code, json.loads(out)["entry"]) == (0, "2B001")
