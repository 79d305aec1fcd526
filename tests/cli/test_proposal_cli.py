"""The consensus workspace end to end on the real memberships: import, positions, a block, what-if, consensus."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.domain.consensus import participants
from interregime.domain.regimes import Regime
from interregime.storage.database import create_engine
from interregime.storage.membership_store import load_memberships

runner = CliRunner()
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "topic_additive_manufacturing.json"
WA, MTCR, TOPIC = "wa-2024-am-pbf", "mtcr-2024-am-rocket", "am-metal-pbf"
ON = "2025-03-01"


@pytest.fixture
def built(database_url: str, sources_dir: Path) -> str:
    result = runner.invoke(
        app, ["--database", database_url, "--sources", str(sources_dir), "build", "--only", "members"]
    )
    assert result.exit_code == 0, result.stderr
    return database_url


def run(database_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database_url, *args])
    return result.exit_code, result.stdout, result.stderr


def ok(database_url: str, *args: str) -> str:
    code, out, err = run(database_url, *args)
    assert code == 0, err
    return out


def stages(database_url: str) -> dict[tuple[str, str], dict[str, object]]:
    data = json.loads(ok(database_url, "consensus", TOPIC, "--date", ON, "--format", "json"))
    return {(row["proposal"], row["stage"]): row for row in data["stages"]}


def test_topic_end_to_end(built: str, tmp_path: Path) -> None:
    imported = json.loads(ok(built, "proposal", "import", str(FIXTURE), "--format", "json"))
    assert imported == {"file": str(FIXTURE), "topics": 1, "proposals": 2, "positions": 13}

    data = json.loads(ok(built, "consensus", TOPIC, "--date", ON, "--format", "json"))
    assert data["regimes"] == ["MTCR", "WA"]
    engine = create_engine(built)
    memberships = load_memberships(engine)
    engine.dispose()
    wa_members = participants(memberships, Regime.WA, dt.date(2025, 3, 1))
    mtcr_members = participants(memberships, Regime.MTCR, dt.date(2025, 3, 1))
    assert set(data["coordination_set"]) == wa_members | mtcr_members
    assert data["coordination_set"]["FR"] == ["MTCR", "WA"]
    diverging = {d["state"]: d for d in data["divergences"]}
    assert diverging["RU"]["positions"] == {WA: "no position", MTCR: "oppose"}
    assert "US" not in diverging
    by_stage = {(r["proposal"], r["stage"]): r for r in data["stages"]}
    assert by_stage[(WA, "threat")]["status"] == "pending"
    assert by_stage[(WA, "items")]["status"] == "pending" and by_stage[(WA, "items")]["spoken"] == 7
    assert by_stage[(MTCR, "need")]["status"] == "blocked" and by_stage[(MTCR, "need")]["blocked_by"] == ["RU"]

    silent = sorted(wa_members - {"US", "DE", "JP", "FR", "GB", "IT", "RU"})
    positions = tmp_path / "positions.csv"
    positions.write_text("proposal_id,stage,state,position,date,reason\n" + "".join(
        f"{WA},items,{state},support,2025-02-{10 + i % 10},\n" for i, state in enumerate(silent)), encoding="utf-8")
    result = json.loads(ok(built, "proposal", "import", str(positions), "--format", "json"))
    assert result["positions"] == len(silent) and result["proposals_created"] == 0
    assert stages(built)[(WA, "items")]["status"] == "reached"

    ok(built, "proposal", "position", WA, "RU", "block", "--date", "2025-02-25", "--reason", "no agreed threat")
    row = stages(built)[(WA, "items")]
    assert (row["status"], row["blocked_by"]) == ("blocked", ["RU"])
    code, _, err = run(built, "proposal", "stage", WA, "parameters", "--outcome", "wording", "--date", ON)
    assert code == 1 and "no consensus on items; blocked by RU" in err
    code, _, err = run(built, "proposal", "stage", WA, "adopted", "--outcome", "wording", "--date", ON)
    assert code == 1 and "cannot go from items to adopted; allowed: parameters, withdrawn" in err

    scenario = json.loads(ok(built, "consensus", TOPIC, "--date", ON, "--what-if", "RU=support,BR=support",
                             "--format", "json"))
    outcome = {r["proposal"]: r for r in scenario}
    assert (outcome[WA]["before"], outcome[WA]["after"], outcome[WA]["newly_reached"]) == ("blocked", "reached", True)
    assert outcome[MTCR]["after"] == "pending" and "IN" in outcome[MTCR]["still_pending"]
    assert stages(built)[(WA, "items")]["status"] == "blocked", "what-if must not record anything"

    ok(built, "proposal", "position", WA, "ru", "support-with-reservation", "--date", "2025-02-28",
       "--reason", "threshold review in two years")
    assert stages(built)[(WA, "items")]["status"] == "reached"
    ok(built, "proposal", "stage", WA, "parameters", "--date", ON, "--outcome",
       "2.B.11. Additive manufacturing equipment using powder-bed fusion of metals ...")
    shown = json.loads(ok(built, "proposal", "show", WA, "--date", ON, "--format", "json"))
    assert shown["stage"] == "parameters" and shown["revision"] == 2
    assert [c["stage"] for c in shown["consensus"]] == ["threat", "need", "items", "parameters"]
    assert shown["consensus"][2]["status"] == "reached" and shown["consensus"][3]["status"] == "pending"

    ok(built, "proposal", "redefine", WA, "--description", "narrower text", "--parameter",
       "total beam power >= 3 kW", "--parameter", "build volume = 0.1..2 m**3", "--date", ON)
    shown = json.loads(ok(built, "proposal", "show", WA, "--date", ON, "--format", "json"))
    assert len(shown["versions"]) == 3 and shown["versions"][1]["parameters"][1]["value"] == 2000
    assert shown["versions"][2]["parameters"] == [
        {"characteristic": "total beam power", "comparator": ">=", "value": 3.0, "unit": "kW"},
        {"characteristic": "build volume", "comparator": "range", "low": 0.1, "high": 2.0, "low_inclusive": True,
         "high_inclusive": True, "unit": "m**3"},
    ]
    code, _, err = run(built, "proposal", "redefine", WA, "--description", "stale", "--revision", "2")
    assert code == 1 and "was changed by someone else (revision 3, you edited revision 2)" in err

    code, _, err = run(built, "proposal", "position", MTCR, "CN", "support", "--date", ON)
    assert code == 1 and "CN is not a MTCR participant on 2025-03-01" in err
    code, _, err = run(built, "proposal", "position", MTCR, "US", "support", "--stage", "items", "--date", ON)
    assert code == 1 and "has not reached items" in err

    exported = json.loads(ok(built, "proposal", "export", "--topic", TOPIC))
    assert [p["id"] for p in exported["proposals"]] == [MTCR, WA]
    assert len(exported["proposals"][1]["positions"]) == 8 + len(silent) + 2
    table = list(csv.DictReader(io.StringIO(ok(built, "proposal", "export", "--format", "csv"))))
    assert len(table) == 5 + 8 + len(silent) + 2 and table[0]["proposal_id"] == MTCR


def test_linking_and_listing(built: str) -> None:
    for ident, regime in (("wa-x", "WA"), ("ag-x", "AG")):
        ok(built, "proposal", "create", ident, "--title", "t", "--regime", regime, "--description", "d",
           "--entry", "wassenaar:2.B.11", "--parameter", "laser power > 500 W", "--date", "2025-01-10")
    linked = json.loads(ok(built, "proposal", "link", "x", "wa-x", "ag-x", "--title", "X", "--format", "json"))
    assert [p["id"] for p in linked] == ["ag-x", "wa-x"] and {p["topic"] for p in linked} == {"x"}
    ok(built, "proposal", "position", "ag-x", "EU", "support", "--date", "2025-01-11")
    rows = list(csv.DictReader(io.StringIO(ok(built, "proposal", "list", "--topic", "x", "--format", "csv"))))
    assert [(r["id"], r["stage"], r["positions"]) for r in rows] == [("ag-x", "threat", "1"), ("wa-x", "threat", "0")]
    code, _, err = run(built, "proposal", "position", "wa-x", "EU", "support", "--date", "2025-01-11")
    assert code == 1 and "EU is not a WA participant" in err
    code, _, err = run(built, "proposal", "create", "y", "--title", "t", "--regime", "WA", "--description", "d",
                       "--parameter", "laser power about 500 W")
    assert code == 1 and "parameter 'laser power about 500 W' is not" in err
    code, _, err = run(built, "consensus", "nope")
    assert code == 1 and "no coordination topic 'nope'" in err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", '{"topics": [\n  {"id": "x",}\n]}', "bad.json: line 2 column 14: invalid JSON"),
        ("bad.json", '{"proposals": [{"id": "p", "title": "t", "regime": "XX", "created": "2024-01-01",'
                     ' "versions": [{"date": "2024-01-01", "description": "d"}]}]}',
         "bad.json: proposals[0].regime: unknown regime 'XX'"),
        ("bad.json", '{"proposals": [{"id": "p", "title": "t", "regime": "WA", "created": "2024-01-01",'
                     ' "versions": [{"date": "2024-01-01", "description": "d"}], "positions":'
                     ' [{"state": "CN", "stage": "threat", "position": "support", "date": "2024-02-01"}]}]}',
         "bad.json: proposals[0].positions[0]: CN is not a WA participant on 2024-02-01"),
        ("bad.csv", "proposal_id,stage,state,position,date\nwa-x,threat,US,maybe,2024-01-01\n",
         "bad.csv: line 2: column position: unknown position 'maybe'"),
        ("bad.csv", "proposal_id,stage,state,date\n", "bad.csv: line 1: missing column(s) position"),
        ("bad.csv", "proposal_id,stage,state,position,date\nnew,threat,US,support,2024-01-01\n",
         "bad.csv: line 2: column title: empty, and proposal new does not exist yet"),
    ],
)
def test_import_errors_name_file_and_place(built: str, tmp_path: Path, name: str, text: str, message: str) -> None:
    ok(built, "proposal", "create", "wa-x", "--title", "t", "--regime", "WA", "--description", "d",
       "--date", "2024-01-01")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(built, "proposal", "import", str(path))
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
