"""Storage round-trip, atomic builds and migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from interregime.domain.corpus import (
    ControlList,
    CrossReference,
    Definition,
    Document,
    Edition,
    EditionContent,
    Entry,
    Item,
    ListKind,
    NativeCode,
    Note,
    NoteKind,
    XRefKind,
)
from interregime.domain.regimes import Regime
from interregime.storage import corpus_store
from interregime.storage.tables import metadata


def sample_content(date: dt.date = dt.date(2025, 1, 1), heading: str = "Machine tools") -> EditionContent:
    entry = Entry(
        code="2B001", heading=heading, category="2", regime=Regime.WA, eu_code="2B001",
        items=[
            Item("2B001", heading, None, 0, notes=[Note(NoteKind.NB, "SEE ALSO 2B201.", "N.B.")]),
            Item("2B001.b", "Machine tools for milling", "2B001", 1),
            Item("2B001.b.2", "Five or more axes", "2B001.b", 2, defined_terms=["contouring control"],
                 notes=[Note(NoteKind.DECONTROL, "2B001.b.2 does not control gear cutters.", "Note")]),
        ],
        native_codes=[NativeCode(Regime.WA, "2.B.1", "test", dt.date(2025, 12, 1))],
        reasons=["NS"], flags=["sensitive:2.B.1.b.2"],
    )
    return EditionContent(
        ControlList("test-list", "A test list", ListKind.NATIONAL, "XX"),
        Edition("test-list", date, "Test edition", "test.json", "0" * 64, "https://example.org/list"),
        [entry],
        [Definition("contouring control", "Two or more numerically controlled motions...", "Cat 2")],
        [CrossReference("2B001", "2B201", XRefKind.SEE_ALSO, "SEE ALSO 2B201.")],
        [Document("general note", "General Technology Note", "The export of technology...")],
    )


def test_round_trip(engine: sa.Engine) -> None:
    content = sample_content()
    with engine.begin() as conn:
        corpus_store.save_edition(conn, content)
    loaded = corpus_store.load_edition(engine, "test-list")
    assert loaded.edition == content.edition
    assert loaded.control_list == content.control_list
    assert loaded.entries == content.entries
    assert loaded.definitions == content.definitions
    assert loaded.cross_references == content.cross_references
    assert loaded.documents == content.documents
    [summary] = corpus_store.list_editions(engine)
    assert (summary.entries, summary.items, summary.notes, summary.definitions) == (1, 3, 2, 1)


def test_saving_an_edition_twice_replaces_it(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        corpus_store.save_edition(conn, sample_content(heading="old"))
    with engine.begin() as conn:
        corpus_store.save_edition(conn, sample_content(heading="new"))
    [summary] = corpus_store.list_editions(engine)
    assert summary.items == 3
    assert corpus_store.load_edition(engine, "test-list").entries[0].heading == "new"


def test_a_failed_transaction_leaves_the_previous_edition(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        corpus_store.save_edition(conn, sample_content(heading="kept"))
    with pytest.raises(RuntimeError), engine.begin() as conn:
        corpus_store.save_edition(conn, sample_content(heading="lost"))
        raise RuntimeError("parser of the next source failed")
    assert corpus_store.load_edition(engine, "test-list").entries[0].heading == "kept"


def test_editions_resolve_by_date_prefix(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        corpus_store.save_edition(conn, sample_content(dt.date(2018, 2, 2)))
        corpus_store.save_edition(conn, sample_content(dt.date(2024, 9, 2)))
    assert corpus_store.resolve_edition(engine, "test-list").date == dt.date(2024, 9, 2)
    assert corpus_store.resolve_edition(engine, "test-list", "2018").date == dt.date(2018, 2, 2)
    with pytest.raises(LookupError, match="2 editions"):
        corpus_store.resolve_edition(engine, "test-list", "20")
    with pytest.raises(LookupError, match="no edition"):
        corpus_store.resolve_edition(engine, "other-list")


def test_migrations_create_exactly_the_schema(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_default_database_is_a_file_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    from interregime.storage import database

    monkeypatch.delenv(database.DATABASE_URL_ENV, raising=False)
    monkeypatch.setattr(database, "user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert database.default_database_url() == f"sqlite:///{tmp_path / 'data' / 'interregime.sqlite'}"
    monkeypatch.setenv(database.DATABASE_URL_ENV, "postgresql://u@h/db")
    assert database.default_database_url() == "postgresql://u@h/db"


def test_locate_edition_gives_the_edition_and_its_row_id(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        old_id = corpus_store.save_edition(conn, sample_content(dt.date(2018, 2, 2)))
        new_id = corpus_store.save_edition(conn, sample_content(dt.date(2024, 9, 2)))
    with engine.connect() as conn:
        assert corpus_store.locate_edition(conn, "test-list") == (sample_content(dt.date(2024, 9, 2)).edition, new_id)
        assert corpus_store.locate_edition(conn, "test-list", "2018")[1] == old_id
        with pytest.raises(LookupError, match="no edition"):
            corpus_store.locate_edition(conn, "other-list")


def test_load_edition_can_name_entries_by_their_eu_style_code(engine: sa.Engine) -> None:
    content = sample_content()
    scomet = Entry(code="8B201", heading="Machine tools", category="8", regime=None, eu_code="2B001",
                   items=[Item("8B201", "Machine tools", None, 0)])
    content.entries[0].eu_code = "9X999"
    content.entries.insert(0, scomet)
    with engine.begin() as conn:
        corpus_store.save_edition(conn, content)
    by_code = corpus_store.load_edition(engine, "test-list", codes=["2B001"])
    assert [entry.code for entry in by_code.entries] == ["2B001"]
    either = corpus_store.load_edition(engine, "test-list", codes=["2B001"], match_eu_code=True)
    assert [entry.code for entry in either.entries] == ["8B201", "2B001"]
    assert [entry.code for entry in corpus_store.load_edition(
        engine, "test-list", codes=["9X999"], match_eu_code=True).entries] == ["2B001"]
