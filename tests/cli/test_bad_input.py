"""Bad input on every command: one line on stderr naming the file, line or field, no traceback, nothing lost."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interregime.cli.app import app

runner = CliRunner()
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "topic_additive_manufacturing.json"


def run(database: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database, *args])
    return result.exit_code, result.stdout, result.stderr


def error_line(database: str, *args: str, code: int = 1) -> str:
    """The one error line of a failing command (no output on stdout)."""
    exit_code, out, err = run(database, *args)
    lines = err.strip().splitlines()
    assert (exit_code, out, len(lines)) == (code, "", 1), err
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, sources_dir: Path) -> str:
    """The EU list and the memberships, built once for the module."""
    database = f"sqlite:///{tmp_path_factory.mktemp('bad-input') / 'corpus.sqlite'}"
    code, _, err = run(database, "--sources", str(sources_dir), "build", "--only", "eu-annex-i", "--only", "members")
    assert code == 0, err
    return database


@pytest.fixture
def empty(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"


@pytest.fixture
def workspace(tmp_path: Path, sources_dir: Path) -> str:
    """Memberships and the additive-manufacturing topic, in a database of its own (the tests write to it)."""
    database = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    for args in (("--sources", str(sources_dir), "build", "--only", "members"), ("proposal", "import", str(FIXTURE))):
        code, _, err = run(database, *args)
        assert code == 0, err
    return database


def test_unreachable_postgresql_is_one_line_without_the_password() -> None:
    line = error_line("postgresql://nobody:secret@127.0.0.1:1/x", "lists")
    assert line.startswith("error: database postgresql://nobody:***@127.0.0.1:1/x: ")
    assert "secret" not in line


@pytest.mark.parametrize("url", ["sqlite:////nonexistent-folder/x.sqlite", "not a url"])
def test_unusable_database_url_is_one_line(url: str) -> None:
    assert "database" in error_line(url, "lists")


def test_database_that_is_not_sqlite(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(bytes(range(256)) * 4)
    assert error_line(f"sqlite:///{garbage}", "lists").endswith("file is not a database")


def test_usage_errors_are_one_line_with_exit_code_2(empty: str) -> None:
    assert "give exactly one of --text or --lines" in error_line(empty, "params", code=2)
    assert "--out" in error_line(empty, "members", "upset", code=2)
    assert "No such command" in error_line(empty, "nonsense", code=2)


def test_user_text_is_not_read_as_markup(corpus: str, sources_dir: Path) -> None:
    assert error_line(corpus, "show", "[/bold]", "--list", "eu-annex-i").endswith("'[/bold]' in list eu-annex-i")
    assert "'tpp:a:2:3'" in error_line(corpus, "--sources", str(sources_dir), "impact", "epoch-ml-hardware",
                                       "--rule", "3A090.a", "--sweep", "tpp:a:2:3")


def test_lines_file_not_utf8_names_file_and_line(empty: str, tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_bytes(b"Inner diameter greater than 300 mm\n\xff\xfe latin-1\n")
    assert error_line(empty, "params", "--lines", str(lines)) == f"error: {lines}: line 2: not UTF-8 text"
    assert error_line(empty, "params", "--lines", str(tmp_path)) == f"error: {tmp_path}: is a folder, not a file"


def test_params_unknown_list(empty: str) -> None:
    assert "--list 'nonsense': unknown list" in error_line(empty, "params", "--text", "0,9 um", "--list", "nonsense")


@pytest.mark.parametrize(("content", "problem"), [
    (b"id,axes\nm1,5\nm2,5,6 um\n", "line 3: 3 cells, but the header has 2 columns"),
    (b'id,axes\n"m1,5\n', "line 2: unexpected end of data"),
    (b"id,axes\nm1,5\nm2,\xff\n", "line 3: not UTF-8 text"),
])
def test_check_csv_malformed_rows(corpus: str, tmp_path: Path, content: bytes, problem: str) -> None:
    specs = tmp_path / "specs.csv"
    specs.write_bytes(content)
    assert error_line(corpus, "check", "2B001", "--csv", str(specs)) == f"error: {specs}: {problem}"


def test_show_edition_needs_list(corpus: str) -> None:
    assert "--edition '2024' needs --list" in error_line(corpus, "show", "2B001", "--edition", "2024")


def test_warnings_unknown_source(corpus: str) -> None:
    assert "--source 'nonsense': unknown source" in error_line(corpus, "warnings", "--source", "nonsense")


@pytest.mark.parametrize(("args", "problem"), [
    (("list", "--status", "nonsense"), "--status 'nonsense': expected participant, adherent, observer or all"),
    (("list", "--state", "France"), "--state 'France': not an ISO 3166 alpha-2 code"),
    (("matrix", "--regimes", ","), "--regimes ',' names no regime"),
    (("history", "--from", "2020", "--to", "2010"), "--from 2020 is after --to 2010"),
    (("upset", "--out", "chart.png", "--year", "1900"), "no sovereign participants in WA+MTCR+NSG+AG in 1900"),
    (("timeline", "--out", "chart.svg", "--to", "1900"), "no participants in WA+MTCR+NSG+AG up to 1900"),
])
def test_members_bad_options(corpus: str, tmp_path: Path, args: tuple[str, ...], problem: str) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("chart.") else a for a in args)
    assert problem in error_line(corpus, "members", *args)
    assert not list(tmp_path.glob("chart.*"))


def _document(**changes: object) -> dict[str, object]:
    document: dict[str, object] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document.update(changes)
    return document


def _proposal_ids(database: str) -> list[str]:
    code, out, err = run(database, "proposal", "list", "--format", "json")
    assert code == 0, err
    return [p["id"] for p in json.loads(out)]


def test_import_of_a_stored_proposal_writes_nothing(workspace: str, tmp_path: Path) -> None:
    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))["proposals"]
    fresh = copy.deepcopy(stored[0]) | {"id": "wa-2099-new"}
    path = tmp_path / "again.json"
    path.write_text(json.dumps({"proposals": [fresh, stored[1]]}), encoding="utf-8")
    assert error_line(workspace, "proposal", "import", str(path)) == (
        f"error: {path}: proposals[1].id: proposal {stored[1]['id']} already exists")
    assert "wa-2099-new" not in _proposal_ids(workspace)


@pytest.mark.parametrize(("change", "field"), [
    ({"extra": []}, "extra"),
    ({"topics": [{"id": "t", "title": "T", "colour": "red"}]}, "topics[0].colour"),
])
def test_import_refuses_unknown_fields(corpus: str, tmp_path: Path, change: dict[str, object], field: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(_document(**change)), encoding="utf-8")
    assert error_line(corpus, "proposal", "import", str(path)).startswith(f"error: {path}: {field}: unknown field")


def test_import_does_not_redefine_a_stored_topic(workspace: str, tmp_path: Path) -> None:
    path = tmp_path / "topic.json"
    path.write_text(json.dumps({"topics": [{"id": "am-metal-pbf", "title": "Other"}]}), encoding="utf-8")
    assert "topics[0].id: topic am-metal-pbf already exists" in error_line(workspace, "proposal", "import", str(path))
    code, out, _ = run(workspace, "proposal", "export")
    assert code == 0
    assert json.loads(out)["topics"][0]["title"] == "Additive manufacturing: metal powder-bed fusion"


@pytest.mark.parametrize(("content", "problem"), [
    ("proposal_id,stage,state,position,date,reason\nwa-2024-am-pbf,items,DE,support,2025-03-01,ok,extra\n",
     "line 2: 7 cells, but the header has 6 columns"),
    ('proposal_id,stage,state,position,date,reason\n"wa-2024-am-pbf,items,DE,support,2025-03-01,ok\n',
     "line 2: unexpected end of data"),
    ("proposal_id,stage,state,position,date,reason,title,regime,created,description\n"
     "new one,threat,,,,,T,WA,2025-01-01,D\n", "line 2: column proposal_id: 'new one' is not an identifier"),
])
def test_positions_csv_malformed_rows(workspace: str, tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "positions.csv"
    path.write_text(content, encoding="utf-8")
    assert error_line(workspace, "proposal", "import", str(path)).startswith(f"error: {path}: {problem}")


def test_proposal_create_checks_identifier_and_states(workspace: str) -> None:
    base = ("proposal", "create", "--title", "T", "--regime", "WA", "--description", "D")
    assert "IDENT: 'bad id' is not an identifier" in error_line(workspace, *base, "bad id")
    assert "--state: '' is not an ISO 3166 alpha-2 code" in error_line(workspace, *base, "ok-id", "--state", "")
    assert _proposal_ids(workspace) == ["mtcr-2024-am-rocket", "wa-2024-am-pbf"]


def test_revision_zero_is_a_conflict(workspace: str) -> None:
    line = error_line(workspace, "proposal", "redefine", "wa-2024-am-pbf", "--description", "D", "--revision", "0")
    assert "you edited revision 0" in line


def test_link_with_an_unknown_proposal_creates_no_topic(workspace: str) -> None:
    assert error_line(workspace, "proposal", "link", "new-topic", "nope", "wa-2024-am-pbf") == (
        "error: no proposal 'nope'")
    assert error_line(workspace, "proposal", "list", "--topic", "new-topic") == (
        "error: no coordination topic 'new-topic'")


def test_sweep_with_too_many_steps(empty: str, sources_dir: Path) -> None:
    line = error_line(empty, "--sources", str(sources_dir), "impact", "epoch-ml-hardware", "--rule", "3A090.a",
                      "--sweep", "tpp:1:2:100000000")
    assert "2 <= STEPS <= 1000" in line


def test_report_into_an_existing_file(empty: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    assert error_line(empty, "report", "--out", str(target)).endswith("is a file; give a folder for the report")
    assert target.read_text(encoding="utf-8") == "keep me"
