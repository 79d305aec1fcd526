"""Reading the three CCL JSON files: every field used is popped, and what is left over is reported
as one warning per unknown field."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from interregime.ingest.context import SourceContext, SourceError

_ECCN = re.compile(r"^\d[A-E]\d{3}$")
_LEADING_ECCN = re.compile(r"^(?P<code>\d[A-E]\d{3})\s+(?P<rest>.*)$", re.DOTALL)
# Fields of the structure file this parser reads, and those it knowingly leaves aside.
_IGNORED_TOP = ("$comment", "citation", "source", "retrievedAt", "deepCategories", "deepCategoryNote")
_IGNORED_ENTRY = ("topLevelParagraphs",)  # a label → text index derived from ``items``


def load_json(context: SourceContext, file: str, sha256: str) -> object:
    data = context.read(file, sha256)
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise SourceError(file, f"byte {error.start}", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise SourceError(file, f"line {error.lineno} column {error.colno}", f"malformed JSON: {error.msg}") from None


def _pop(file: str, place: str, record: dict[str, object], key: str, kind: type | tuple[type, ...]) -> object:
    if key not in record:
        raise SourceError(file, f"{place}.{key}", "missing key")
    value = record.pop(key)
    if not isinstance(value, kind):
        raise SourceError(file, f"{place}.{key}", f"unexpected {type(value).__name__} value")
    return value


def _pop_list(file: str, place: str, record: dict[str, object], key: str) -> list[object]:
    value = _pop(file, place, record, key, list)
    return value if isinstance(value, list) else []


def _object(file: str, place: str, value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise SourceError(file, place, f"expected an object, found {type(value).__name__}")
    return value


@dataclass
class StructureEntry:
    """One ECCN of the structure file (newest eCFR): heading, reasons and licence metadata."""

    code: str
    place: str
    heading: str
    reasons: str
    country_chart: list[tuple[str, str]]
    licence_exceptions: dict[str, str]
    sta: str
    related_controls: str
    items: object = None


@dataclass
class Structure:
    date: dt.date
    entries: list[StructureEntry]
    leftovers: Counter[str] = field(default_factory=Counter)


def read_structure(file: str, data: object) -> Structure:
    top = _object(file, "", data)
    date_text = _pop(file, "", top, "ecfrIssueDate", str)
    try:
        date = dt.date.fromisoformat(str(date_text))
    except ValueError:
        raise SourceError(file, "ecfrIssueDate", f"not a date: {date_text!r}") from None
    records = _pop_list(file, "", top, "entries")
    count = top.pop("entryCount", None)
    if count is not None and count != len(records):
        raise SourceError(file, "entryCount", f"says {count} entries but the file holds {len(records)} (truncated?)")
    for key in _IGNORED_TOP:
        top.pop(key, None)
    leftovers: Counter[str] = Counter(top)
    entries = [_structure_entry(file, f"entries[{index}]", record, leftovers) for index, record in enumerate(records)]
    return Structure(date, entries, leftovers)


def _structure_entry(file: str, place: str, value: object, leftovers: Counter[str]) -> StructureEntry:
    record = _object(file, place, value)
    code = str(_pop(file, place, record, "eccn", str))
    if not _ECCN.match(code):
        raise SourceError(file, f"{place}.eccn", f"{code!r} is not an ECCN")
    place = f"{place}({code})"
    category = _pop(file, place, record, "category", str)
    group = _pop(file, place, record, "productGroup", str)
    if code[0] != category or code[1] != group:
        raise SourceError(file, place, f"category {category!r}/group {group!r} do not match the ECCN")
    heading = str(_pop(file, place, record, "heading", str)).strip()
    reasons = _pop(file, place, record, "reasonForControl", (str, type(None))) or ""
    chart_rows = _pop_list(file, place, record, "countryChart")
    chart: list[tuple[str, str]] = []
    for index, value in enumerate(chart_rows):
        row_place = f"{place}.countryChart[{index}]"
        row = _object(file, row_place, value)
        control = str(_pop(file, row_place, row, "control", str))
        chart.append((control, str(_pop(file, row_place, row, "countryChart", str))))
        leftovers.update(f"countryChart.{key}" for key in row)
    flags = _object(file, f"{place}.licenceExceptionFlags", record.pop("licenceExceptionFlags", {}))
    sta = _pop(file, place, record, "staSpecialConditions", (str, type(None))) or ""
    related = _pop(file, place, record, "relatedControls", (str, type(None))) or ""
    items = record.pop("items", None)
    for key in _IGNORED_ENTRY:
        record.pop(key, None)
    leftovers.update(f"entries[].{key}" for key in record)
    return StructureEntry(
        code, place, heading, str(reasons), chart, {str(k): str(v) for k, v in flags.items()}, str(sta),
        str(related), items,
    )


@dataclass
class FullTextEntry:
    code: str
    place: str
    description: str
    details: str


@dataclass
class FullText:
    entries: dict[str, FullTextEntry]
    documents: list[FullTextEntry]
    leftovers: Counter[str] = field(default_factory=Counter)


def read_full_text(file: str, data: object) -> FullText:
    """Categories → product groups → ECCNs. An ECCN filed under the code "ECCN" with its number at the
    start of the description is recovered; a non-ECCN record (the APP technical note) is a document."""
    if not isinstance(data, list):
        raise SourceError(file, "", f"expected a list of categories, found {type(data).__name__}")
    result = FullText({}, [])
    for c_index, category_value in enumerate(data):
        c_place = f"[{c_index}]"
        category = _object(file, c_place, category_value)
        _pop(file, c_place, category, "name", str)
        category.pop("description", None)
        groups = _pop_list(file, c_place, category, "product_groups")
        result.leftovers.update(f"category.{key}" for key in category)
        for g_index, group_value in enumerate(groups):
            g_place = f"{c_place}.product_groups[{g_index}]"
            group = _object(file, g_place, group_value)
            _pop(file, g_place, group, "name", str)
            group.pop("description", None)
            records = _pop_list(file, g_place, group, "eccn")
            result.leftovers.update(f"product_group.{key}" for key in group)
            for e_index, record in enumerate(records):
                _full_text_entry(file, f"{g_place}.eccn[{e_index}]", record, result)
    return result


def _full_text_entry(file: str, place: str, value: object, result: FullText) -> None:
    record = _object(file, place, value)
    code = str(_pop(file, place, record, "code", str)).strip()
    description = str(_pop(file, place, record, "description", str)).strip()
    details = str(_pop(file, place, record, "details", str))
    result.leftovers.update(f"eccn.{key}" for key in record)
    if not _ECCN.match(code):
        leading = _LEADING_ECCN.match(description)
        if leading is None:
            result.documents.append(FullTextEntry(code, place, description, details))
            return
        code, description = leading["code"], leading["rest"].strip()
    result.entries.setdefault(code, FullTextEntry(code, place, description, details))


def read_headings(file: str, data: object) -> dict[str, str]:
    """The eCFR heading list: ``{"code": "ECCN-0A002", "text": ...}`` rows."""
    if not isinstance(data, list):
        raise SourceError(file, "", f"expected a list, found {type(data).__name__}")
    headings: dict[str, str] = {}
    for index, value in enumerate(data):
        row = _object(file, f"[{index}]", value)
        code = str(_pop(file, f"[{index}]", row, "code", str)).removeprefix("ECCN-")
        if _ECCN.match(code):
            headings[code] = str(_pop(file, f"[{index}]", row, "text", str))
    return headings
