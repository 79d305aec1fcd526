"""Parameters of a stored edition: saved with their conditions, loaded back, deleted with their items."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from interregime.storage import parameter_schema as p
from interregime.storage import schema as t
from interregime.storage.corpus_store import save_edition
from interregime.storage.parameter_store import load_parameters, save_parameters
from tests.analytics.parameter_fixtures import eu_content


def test_save_load_and_cascade(engine: sa.Engine, sources_dir: Path) -> None:
    with engine.begin() as conn:
        save_edition(conn, eu_content(sources_dir))
    saved = save_parameters(engine, "eu-annex-i")
    assert saved > 1500
    assert save_parameters(engine, "eu-annex-i") == saved

    stored = load_parameters(engine, "eu-annex-i", codes=["2B001"])
    first = next(s for s in stored if s.item == "2B001.b.2.b")
    assert (first.role, first.parameter.characteristic, first.parameter.value, first.parameter.unit) == (
        "threshold", "unidirectional positioning repeatability", 1.4, "µm")
    (travel,) = first.parameter.conditions
    assert (travel.characteristic, travel.low, travel.high, travel.low_inclusive) == ("travel length", 1.0, 4.0, True)
    decontrol = [s for s in stored if s.role == "decontrol" and s.item == "2B001.a"]
    assert next((s.note_label, s.parameter.value, s.parameter.unit) for s in decontrol) == ("Note 2", 42.0, "mm")
    assert [s.item for s in stored][:2] == ["2B001.a", "2B001.a"]

    with engine.begin() as conn:
        conn.execute(sa.delete(t.editions))
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(p.parameters)).scalar_one() == 0
