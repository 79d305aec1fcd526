"""Saving and loading editions of control lists. A build replaces editions in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

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
from interregime.ingest.context import Warning_
from interregime.storage import schema as t


@dataclass(frozen=True, slots=True)
class EditionSummary:
    list_id: str
    date: dt.date
    title: str
    source_file: str
    sha256: str
    entries: int
    items: int
    notes: int
    definitions: int
    cross_references: int
    regime: str | None


def _insert_returning_ids(conn: sa.Connection, table: sa.Table, rows: list[dict[str, object]]) -> list[int]:
    if not rows:
        return []
    result = conn.execute(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return [row[0] for row in result]


def _upsert_list(conn: sa.Connection, control_list: ControlList) -> None:
    values = {
        "title": control_list.title,
        "kind": control_list.kind.value,
        "authority": control_list.authority,
        "regime": control_list.regime.value if control_list.regime else None,
    }
    exists = conn.execute(
        sa.select(t.control_lists.c.id).where(t.control_lists.c.id == control_list.id)
    ).first()
    if exists:
        conn.execute(sa.update(t.control_lists).where(t.control_lists.c.id == control_list.id).values(values))
    else:
        conn.execute(sa.insert(t.control_lists).values(id=control_list.id, **values))


def save_edition(conn: sa.Connection, content: EditionContent) -> int:
    """Replace the stored edition (same list and date) with ``content``; runs inside the caller's
    transaction so that a whole build commits or rolls back together."""
    _upsert_list(conn, content.control_list)
    edition = content.edition
    conn.execute(
        sa.delete(t.editions).where(t.editions.c.list_id == edition.list_id, t.editions.c.date == edition.date)
    )
    edition_id = conn.execute(
        sa.insert(t.editions)
        .values(
            list_id=edition.list_id,
            date=edition.date,
            title=edition.title,
            source_file=edition.source_file,
            sha256=edition.sha256,
            source_url=edition.source_url,
            built_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        .returning(t.editions.c.id)
    ).scalar_one()
    entry_ids = _insert_returning_ids(
        conn,
        t.entries,
        [
            {
                "edition_id": edition_id,
                "position": position,
                "code": entry.code,
                "eu_code": entry.eu_code,
                "heading": entry.heading,
                "category": entry.category,
                "regime": entry.regime.value if entry.regime else None,
                "reasons": list(entry.reasons),
                "flags": list(entry.flags),
            }
            for position, entry in enumerate(content.entries)
        ],
    )
    item_rows: list[dict[str, object]] = []
    item_objects: list[Item] = []
    native_rows: list[dict[str, object]] = []
    for entry_id, entry in zip(entry_ids, content.entries, strict=True):
        for position, item in enumerate(entry.items):
            item_rows.append(
                {
                    "entry_id": entry_id,
                    "position": position,
                    "code": item.code,
                    "parent": item.parent,
                    "depth": item.depth,
                    "text": item.text,
                    "native_code": item.native_code,
                    "defined_terms": list(item.defined_terms),
                }
            )
            item_objects.append(item)
        native_rows.extend(
            {
                "entry_id": entry_id,
                "regime": native.regime.value,
                "code": native.code,
                "source": native.source,
                "date": native.date,
            }
            for native in entry.native_codes
        )
    item_ids = _insert_returning_ids(conn, t.items, item_rows)
    note_rows = [
        {"item_id": item_id, "position": position, "kind": note.kind.value, "label": note.label, "text": note.text}
        for item_id, item in zip(item_ids, item_objects, strict=True)
        for position, note in enumerate(item.notes)
    ]
    if note_rows:
        conn.execute(sa.insert(t.notes), note_rows)
    if native_rows:
        conn.execute(sa.insert(t.native_codes), native_rows)
    _insert_children(conn, edition_id, content)
    return int(edition_id)


def _insert_children(conn: sa.Connection, edition_id: int, content: EditionContent) -> None:
    if content.definitions:
        conn.execute(
            sa.insert(t.definitions),
            [{"edition_id": edition_id, "term": d.term, "text": d.text, "scope": d.scope} for d in content.definitions],
        )
    if content.cross_references:
        conn.execute(
            sa.insert(t.cross_references),
            [
                {
                    "edition_id": edition_id,
                    "from_code": x.from_code,
                    "to_code": x.to_code,
                    "to_list": x.to_list,
                    "kind": x.kind.value,
                    "text": x.text,
                }
                for x in content.cross_references
            ],
        )
    if content.documents:
        conn.execute(
            sa.insert(t.documents),
            [{"edition_id": edition_id, "kind": d.kind, "title": d.title, "text": d.text} for d in content.documents],
        )


def save_warnings(conn: sa.Connection, source: str, warnings: Iterable[Warning_]) -> None:
    conn.execute(sa.delete(t.build_warnings).where(t.build_warnings.c.source == source))
    rows = [{"source": source, "file": w.file, "place": w.place, "message": w.message} for w in warnings]
    if rows:
        conn.execute(sa.insert(t.build_warnings), rows)


def list_editions(engine: sa.Engine) -> list[EditionSummary]:
    e, en, it, no = t.editions, t.entries, t.items, t.notes
    entry_count = sa.select(sa.func.count()).where(en.c.edition_id == e.c.id).scalar_subquery()
    item_count = (
        sa.select(sa.func.count()).select_from(it.join(en)).where(en.c.edition_id == e.c.id).scalar_subquery()
    )
    note_count = (
        sa.select(sa.func.count())
        .select_from(no.join(it).join(en))
        .where(en.c.edition_id == e.c.id)
        .scalar_subquery()
    )
    def_count = sa.select(sa.func.count()).where(t.definitions.c.edition_id == e.c.id).scalar_subquery()
    xref_count = sa.select(sa.func.count()).where(t.cross_references.c.edition_id == e.c.id).scalar_subquery()
    query = (
        sa.select(
            e.c.list_id, e.c.date, e.c.title, e.c.source_file, e.c.sha256,
            entry_count, item_count, note_count, def_count, xref_count, t.control_lists.c.regime,
        )
        .join(t.control_lists, t.control_lists.c.id == e.c.list_id)
        .order_by(e.c.list_id, e.c.date)
    )
    with engine.connect() as conn:
        return [EditionSummary(*row) for row in conn.execute(query)]


def locate_edition(conn: sa.Connection, list_id: str, date_prefix: str | None = None) -> tuple[Edition, int]:
    """The edition of ``list_id`` whose date starts with ``date_prefix`` (the newest without one), and its row id."""
    rows = conn.execute(
        sa.select(t.editions).where(t.editions.c.list_id == list_id).order_by(t.editions.c.date.desc())
    ).all()
    if not rows:
        raise LookupError(f"no edition of list {list_id!r} in the database; run `interregime build`")
    if date_prefix:
        rows = [row for row in rows if row.date.isoformat().startswith(date_prefix)]
        if len(rows) != 1:
            raise LookupError(
                f"{len(rows)} editions of {list_id!r} match {date_prefix!r}; give a date or a unique prefix"
            )
    row = rows[0]
    return Edition(row.list_id, row.date, row.title, row.source_file, row.sha256, row.source_url), int(row.id)


def resolve_edition(engine: sa.Engine, list_id: str, date_prefix: str | None = None) -> Edition:
    """The edition of ``list_id`` whose date starts with ``date_prefix`` (the newest without one)."""
    with engine.connect() as conn:
        return locate_edition(conn, list_id, date_prefix)[0]


def list_ids(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(t.editions.c.list_id).distinct().order_by(t.editions.c.list_id)).scalars())


def load_edition(engine: sa.Engine, list_id: str, date_prefix: str | None = None,
                 codes: Sequence[str] | None = None, *, match_eu_code: bool = False) -> EditionContent:
    """Load an edition (or only the entries named in ``codes``) back into domain objects. With
    ``match_eu_code`` an entry is named by its list's code or by its EU-style code (SCOMET 8B201 is 2B001)."""
    with engine.connect() as conn:
        edition, edition_id = locate_edition(conn, list_id, date_prefix)
        list_row = conn.execute(sa.select(t.control_lists).where(t.control_lists.c.id == list_id)).one()
        control_list = ControlList(
            list_row.id, list_row.title, ListKind(list_row.kind), list_row.authority,
            Regime(list_row.regime) if list_row.regime else None,
        )
        entry_query = sa.select(t.entries).where(t.entries.c.edition_id == edition_id)
        if codes is not None:
            wanted = list(codes)
            named = t.entries.c.code.in_(wanted)
            entry_query = entry_query.where(sa.or_(named, t.entries.c.eu_code.in_(wanted)) if match_eu_code else named)
        entry_rows = conn.execute(entry_query.order_by(t.entries.c.position)).all()
        entries: dict[int, Entry] = {
            row.id: Entry(
                code=row.code, heading=row.heading, category=row.category,
                regime=Regime(row.regime) if row.regime else None, eu_code=row.eu_code,
                reasons=list(row.reasons), flags=list(row.flags),
            )
            for row in entry_rows
        }
        items: dict[int, Item] = {}
        item_rows = conn.execute(
            sa.select(t.items)
            .where(t.items.c.entry_id.in_(list(entries)))
            .order_by(t.items.c.entry_id, t.items.c.position)
        )
        for row in item_rows:
            item = Item(row.code, row.text, row.parent, row.depth, row.native_code, [], list(row.defined_terms))
            items[row.id] = item
            entries[row.entry_id].items.append(item)
        note_rows = conn.execute(
            sa.select(t.notes).join(t.items).where(t.items.c.entry_id.in_(list(entries)))
            .order_by(t.notes.c.item_id, t.notes.c.position)
        )
        for row in note_rows:
            items[row.item_id].notes.append(Note(NoteKind(row.kind), row.text, row.label))
        for row in conn.execute(sa.select(t.native_codes).where(t.native_codes.c.entry_id.in_(list(entries)))):
            entries[row.entry_id].native_codes.append(NativeCode(Regime(row.regime), row.code, row.source, row.date))
        definitions = [
            Definition(row.term, row.text, row.scope)
            for row in conn.execute(sa.select(t.definitions).where(t.definitions.c.edition_id == edition_id)
                                    .order_by(t.definitions.c.id))
        ]
        xrefs = [
            CrossReference(row.from_code, row.to_code, XRefKind(row.kind), row.text, row.to_list)
            for row in conn.execute(sa.select(t.cross_references).where(t.cross_references.c.edition_id == edition_id)
                                    .order_by(t.cross_references.c.id))
        ]
        documents = [
            Document(row.kind, row.title, row.text)
            for row in conn.execute(sa.select(t.documents).where(t.documents.c.edition_id == edition_id)
                                    .order_by(t.documents.c.id))
        ]
    return EditionContent(control_list, edition, list(entries.values()), definitions, xrefs, documents)


def load_warnings(engine: sa.Engine, source: str | None = None) -> list[dict[str, str]]:
    query = sa.select(t.build_warnings).order_by(t.build_warnings.c.id)
    if source:
        query = query.where(t.build_warnings.c.source == source)
    with engine.connect() as conn:
        return [
            {"source": row.source, "file": row.file, "place": row.place, "message": row.message}
            for row in conn.execute(query)
        ]
