"""`interregime diff` on the real lists: JSON change records, kind filter, --against, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.ingest.build import build
from interregime.storage.database import create_engine, upgrade

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def database(sources_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('diff-cli') / 'corpus.sqlite'}"
    engine = create_engine(url)
    upgrade(engine)
    build(engine, sources_dir, ["in-scomet", "no-list-ii", "eu-annex-i"])
    engine.dispose()
    yield url


def invoke(database: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database, *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_is_a_list_of_change_records(database: str) -> None:
    code, out, _ = invoke(database, "diff", "in-scomet", "2018", "2024", "--format", "json", "--kind", "renumbered")
    assert code == 0
    records = json.loads(out)
    assert records and {r["kind"] for r in records} == {"renumbered"}
    assert set(records[0]) == {"kind", "level", "old_code", "new_code", "label", "old_text", "new_text", "word_diff",
                               "parameter_changes", "similarity"}
    assert {"kind": "renumbered", "level": "entry", "old_code": "3D003", "new_code": "3D016"}.items() <= next(
        r for r in records if r["old_code"] == "3D003").items()


def test_against_diffs_two_lists_numbered_alike(database: str) -> None:
    code, out, _ = invoke(database, "diff", "no-list-ii", "2022", "2025", "--against", "eu-annex-i", "-f", "json")
    assert code == 0
    records = json.loads(out)
    change = next(r for r in records if r["old_code"] == "4A003.b")
    assert change["parameter_changes"] == ["4A003.b adjusted peak performance threshold > 29 WT → > 70 WT"]
    assert "[-29-] {+70+}" in change["word_diff"]
    code, out, _ = invoke(database, "diff", "no-list-ii", "2022", "2025", "--against", "eu-annex-i", "-f", "csv",
                          "--kind", "added")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and {row["kind"] for row in rows} == {"added"}
    assert {"3A504", "4A506"} <= {row["new_code"] for row in rows if row["level"] == "entry"}


@pytest.mark.parametrize(("args", "message"), [
    (["in-scomet", "2018", "2023"], "0 editions of 'in-scomet' match '2023'"),
    (["in-scomet", "2018", "2022", "--against", "no-list-ii"], "% of their entry codes; a diff needs"),
    (["no-such-list", "2018", "2024"], "no edition of list 'no-such-list'"),
])
def test_bad_input_is_one_line(database: str, args: list[str], message: str) -> None:
    code, out, err = invoke(database, "diff", *args)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
