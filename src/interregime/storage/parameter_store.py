"""Extracting and saving the parameters of every stored item of an edition, and loading them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

import sqlalchemy as sa

from interregime.analytics.parameters.logic import entry_logic
from interregime.analytics.parameters.numbers import decimal_comma_for
from interregime.domain.corpus import EditionContent
from interregime.domain.parameters import Comparator, Parameter
from interregime.storage import corpus_store
from interregime.storage import parameter_schema as p
from interregime.storage import schema as t


@dataclass(frozen=True, slots=True)
class StoredParameter:
    entry: str
    item: str
    role: str
    note_label: str
    parameter: Parameter


def _rows(item_id: int, role: str, label: str, parameters: Sequence[Parameter], counter: list[int],
          parent: int | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for parameter in parameters:
        own = counter[0]
        counter[0] += 1
        rows.append({
            "item_id": item_id, "position": own, "parent_position": parent, "role": role, "note_label": label,
            "characteristic": parameter.characteristic, "comparator": parameter.comparator.value,
            "value": parameter.value, "low": parameter.low, "high": parameter.high,
            "low_inclusive": parameter.low_inclusive, "high_inclusive": parameter.high_inclusive,
            "unit": parameter.unit, "si_value": parameter.si_value, "si_low": parameter.si_low,
            "si_high": parameter.si_high, "si_unit": parameter.si_unit, "qualifier": parameter.qualifier,
            "defined_term": parameter.defined_term, "source_text": parameter.source_text,
            "span_start": parameter.span[0], "span_end": parameter.span[1],
        })
        rows.extend(_rows(item_id, "condition", label, parameter.conditions, counter, own))
    return rows


def store_parameters(conn: sa.Connection, content: EditionContent, edition_id: int) -> int:
    """Extract the parameters of every item of a just-saved edition inside the caller's transaction."""
    decimal_comma = decimal_comma_for(content.control_list.id)
    ids = {
        (row.entry_code, row.item_code): row.id
        for row in conn.execute(
            sa.select(t.entries.c.code.label("entry_code"), t.items.c.code.label("item_code"), t.items.c.id)
            .join(t.entries, t.items.c.entry_id == t.entries.c.id)
            .where(t.entries.c.edition_id == edition_id)
        )
    }
    rows: list[dict[str, object]] = []
    for entry in content.entries:
        for code, logic in entry_logic(entry, decimal_comma).items():
            item_id = ids[(entry.code, code)]
            counter = [0]
            rows.extend(_rows(item_id, "threshold", "", logic.parameters, counter, None))
            for note in logic.decontrols:
                rows.extend(_rows(item_id, "decontrol", note.label, note.parameters, counter, None))
    conn.execute(sa.delete(p.parameters).where(p.parameters.c.item_id.in_(list(ids.values()))))
    if rows:
        conn.execute(sa.insert(p.parameters), rows)
    return len(rows)


def save_parameters(engine: sa.Engine, list_id: str, date_prefix: str | None = None) -> int:
    """Extract the parameters of every item of the edition and replace the stored ones; returns the count."""
    content = corpus_store.load_edition(engine, list_id, date_prefix)
    with engine.begin() as conn:
        return store_parameters(conn, content, corpus_store.locate_edition(conn, list_id, date_prefix)[1])


def _parameter(row: sa.Row[tuple[object, ...]], conditions: tuple[Parameter, ...]) -> Parameter:
    m = row._mapping
    return Parameter(
        characteristic=m["characteristic"], comparator=Comparator(m["comparator"]), value=m["value"],
        low=m["low"], high=m["high"], unit=m["unit"], si_value=m["si_value"], si_low=m["si_low"],
        si_high=m["si_high"], si_unit=m["si_unit"], qualifier=m["qualifier"], defined_term=m["defined_term"],
        source_text=m["source_text"], span=(m["span_start"], m["span_end"]),
        low_inclusive=bool(m["low_inclusive"]), high_inclusive=bool(m["high_inclusive"]), conditions=conditions,
    )


def load_parameters(engine: sa.Engine, list_id: str, date_prefix: str | None = None,
                    codes: Sequence[str] | None = None, *,
                    edition_date: dt.date | None = None) -> list[StoredParameter]:
    """Stored parameters of the edition (or of the entries in ``codes``), conditions nested in their parameter.
    ``edition_date``: the exact date of an already resolved edition, in place of ``date_prefix``."""
    with engine.connect() as conn:
        edition_id: int | sa.ScalarSelect[int]
        if edition_date is None:
            edition_id = corpus_store.locate_edition(conn, list_id, date_prefix)[1]
        else:
            edition_id = sa.select(t.editions.c.id).where(
                t.editions.c.list_id == list_id, t.editions.c.date == edition_date
            ).scalar_subquery()
        query = (
            sa.select(p.parameters, t.entries.c.code.label("entry_code"), t.items.c.code.label("item_code"))
            .join(t.items, p.parameters.c.item_id == t.items.c.id)
            .join(t.entries, t.items.c.entry_id == t.entries.c.id)
            .where(t.entries.c.edition_id == edition_id)
            .order_by(t.entries.c.position, t.items.c.position, p.parameters.c.position.desc())
        )
        if codes is not None:
            query = query.where(t.entries.c.code.in_(list(codes)))
        rows = conn.execute(query).all()
    built: dict[tuple[int, int], Parameter] = {}
    children: dict[tuple[int, int], list[Parameter]] = {}
    result: list[StoredParameter] = []
    for row in rows:
        key = (row.item_id, row.position)
        parameter = _parameter(row, tuple(reversed(children.pop(key, []))))
        built[key] = parameter
        if row.parent_position is not None:
            children.setdefault((row.item_id, row.parent_position), []).append(parameter)
        else:
            result.append(StoredParameter(row.entry_code, row.item_code, row.role, row.note_label, parameter))
    ordered: list[StoredParameter] = []
    for _key, group in groupby(result, key=lambda stored: (stored.entry, stored.item)):
        ordered.extend(reversed(list(group)))
    return ordered
