"""`members list` on the real membership sources: participants by default, others on request."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from interregime.cli.app import app
from interregime.ingest.build import build

runner = CliRunner()


def test_participants_by_default_and_adherents_on_request(engine: sa.Engine, database_url: str,
                                                         sources_dir: Path) -> None:
    build(engine, sources_dir, ["members"])
    result = runner.invoke(app, ["--database", database_url, "members", "list", "--format", "json"])
    rows = json.loads(result.stdout)
    assert Counter(row["regime"] for row in rows) == {"AG": 43, "MTCR": 35, "NSG": 48, "WA": 42}
    assert {row["state"] for row in rows if row["regime"] == "AG"} >= {"EU", "IN", "AU"}
    assert all(row["source"] for row in rows)
    result = runner.invoke(app, ["--database", database_url, "members", "list", "--regime", "MTCR",
                                 "--status", "adherent", "--format", "json"])
    assert {row["state"] for row in json.loads(result.stdout)} == {"CN", "IL", "PK", "RO", "SK"}
    result = runner.invoke(app, ["--database", database_url, "members", "list", "--status", "bogus"])
    assert result.exit_code == 1 and "bogus" in result.stderr
