"""`interregime overlaps` and `interregime concordance`: the JSON interfaces and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interregime.analytics.overlaps.semantic import FALLBACK_NOTICE
from interregime.analytics.search import dense
from interregime.cli.app import app
from tests.analytics.overlap_corpus import corpus_url

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def database(sources_dir: Path) -> str:
    return corpus_url(sources_dir)


def invoke(database: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--database", database, *args])
    return result.exit_code, result.stdout, result.stderr


def test_overlaps_json(database: str) -> None:
    code, out, _ = invoke(database, "overlaps", "--top", "30", "--format", "json")
    assert code == 0
    pairs = json.loads(out)
    assert len(pairs) == 30
    first = pairs[0]
    assert set(first) >= {"a", "b", "kind", "score", "explanation"}
    assert set(first["a"]) >= {"list", "code"} and first["a"]["regime"] != first["b"]["regime"]
    assert [p["score"] for p in pairs] == sorted((p["score"] for p in pairs), reverse=True)
    codes = {frozenset({p["a"]["code"], p["b"]["code"]}) for p in pairs}
    assert frozenset({"1C116", "1C216"}) in codes


def test_overlaps_filters(database: str) -> None:
    code, out, _ = invoke(database, "overlaps", "--regimes", "WA,MTCR", "--kind", "carved out", "--ignore-xrefs",
                          "--top", "200", "-f", "json")
    assert code == 0
    pairs = json.loads(out)
    assert pairs and all(p["kind"] == "carved out" for p in pairs)
    assert all({p["a"]["regime"], p["b"]["regime"]} == {"WA", "MTCR"} for p in pairs)


def test_overlaps_csv_and_html(database: str) -> None:
    code, out, _ = invoke(database, "overlaps", "--top", "3", "-f", "csv")
    assert code == 0 and out.splitlines()[0] == "a,b,kind,score,explanation" and len(out.splitlines()) >= 4
    code, out, _ = invoke(database, "overlaps", "--top", "3", "-f", "html")
    assert code == 0 and out.startswith("<!doctype html>") and out.count("<tr>") == 4


def test_concordance_json(database: str) -> None:
    code, out, _ = invoke(database, "concordance", "--list", "in-scomet", "--format", "json")
    assert code == 0
    rows = {row["code"]: row for row in json.loads(out)}
    assert set(rows["8A107"]) >= {"list", "code", "regime", "regime_code", "method", "confidence", "deviations"}
    assert (rows["8A107"]["regime"], rows["8A107"]["regime_code"], rows["8A107"]["method"]) == (
        "WA", "1.A.7", "code rule")
    assert rows["7A"]["regime"] is None and rows["7A"]["deviations"][0]["kind"] == "national only"


def test_bad_input_is_one_line(database: str) -> None:
    for args, message in [(("concordance", "--list", "wassenaar"), "no concordance for list 'wassenaar'"),
                          (("overlaps", "--regimes", "WA,XX"), "unknown regime 'XX'"),
                          (("overlaps", "--kind", "nesting"), "unknown overlap kind 'nesting'")]:
        code, _, err = invoke(database, *args)
        assert code == 1 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_empty_database_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = invoke(f"sqlite:///{tmp_path / 'empty.sqlite'}", "overlaps")
    assert code == 1 and "interregime build" in err


def test_overlaps_default_keeps_every_entrys_ten_best_partners(database: str) -> None:
    code, out, _ = invoke(database, "overlaps", "--ignore-xrefs", "-f", "json")
    assert code == 0
    pairs = json.loads(out)
    partners: dict[str, int] = {}
    for pair in pairs:
        for side in ("a", "b"):
            key = f"{pair[side]['list']}:{pair[side]['code']}"
            partners[key] = partners.get(key, 0) + 1
    assert len(pairs) > 1000 and min(partners.values()) >= 10
    code, out, _ = invoke(database, "overlaps", "--ignore-xrefs", "--partners", "2", "-f", "json")
    assert code == 0 and len(json.loads(out)) < len(pairs)


def test_overlaps_fall_back_to_lexical_scores_without_the_dense_model(database: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, lexical, err = invoke(database, "overlaps", "--ignore-xrefs", "--lexical", "--top", "40", "-f", "json")
    assert code == 0 and FALLBACK_NOTICE not in err
    monkeypatch.setattr(dense, "available", lambda: False)
    code, fallback, err = invoke(database, "overlaps", "--ignore-xrefs", "--semantic", "--top", "40", "-f", "json")
    assert code == 0 and err.splitlines() == [FALLBACK_NOTICE]
    assert json.loads(fallback) == json.loads(lexical)
