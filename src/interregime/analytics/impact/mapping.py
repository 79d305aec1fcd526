"""Catalog mapping files (TOML): which source file, which columns hold what, and how items are labelled.

A mapping names the source file (relative to the sources folder), the name / manufacturer / date columns,
an optional segment classifier, the label rule that splits items into "of concern" and "general purpose",
numeric lookups used by formulas, the columns that carry characteristics (with their units), and the
derived characteristics (formula names, see ``formulas.py``) to add after loading.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.quantities import conversion_factor

OF_CONCERN = "of_concern"
GENERAL_PURPOSE = "general_purpose"
UNLABELLED = "unlabelled"
GROUPS = (OF_CONCERN, GENERAL_PURPOSE, UNLABELLED)
FORMATS = ("csv", "json", "parquet", "sqlite")
Match = Literal["exact", "regex"]


@dataclass(frozen=True)
class ValueRule:
    """``pattern`` (exact value or regex, per the classifier) maps to ``value``."""

    pattern: str
    value: str | float


@dataclass(frozen=True)
class Classifier:
    """Derive one value per row from ``column``: first matching rule wins, else ``default``.

    With no rules the column's own value is used (a plain copy).
    """

    column: str
    rules: tuple[ValueRule, ...] = ()
    default: str | float | None = None
    match: Match = "exact"


@dataclass(frozen=True)
class ColumnMapping:
    characteristic: str
    column: str
    unit: str
    factor: float


@dataclass(frozen=True)
class Mapping:
    name: str
    file: str
    source: str
    format: str
    name_column: str
    description: str = ""
    query: str | None = None
    manufacturer_column: str | None = None
    date_column: str | None = None
    segment: Classifier | None = None
    label: Classifier | None = None
    lookups: tuple[tuple[str, Classifier], ...] = ()
    columns: tuple[ColumnMapping, ...] = ()
    derived: tuple[str, ...] = ()


def _str(table: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise ImpactError(f"{where}: missing required key {key!r}")
        return None
    if not isinstance(value, str):
        raise ImpactError(f"{where}: key {key!r} must be a string, got {type(value).__name__}")
    return value


def _classifier(raw: Any, where: str) -> Classifier:
    if not isinstance(raw, dict):
        raise ImpactError(f"{where}: must be a table with 'column'")
    column = _str(raw, "column", where, required=True)
    assert column is not None
    match = raw.get("match", "exact")
    if match not in ("exact", "regex"):
        raise ImpactError(f"{where}: match must be 'exact' or 'regex', got {match!r}")
    rules: list[ValueRule] = []
    for index, rule in enumerate(raw.get("rules", [])):
        if not isinstance(rule, dict) or "pattern" not in rule or "value" not in rule:
            raise ImpactError(f"{where}: rules[{index}] needs 'pattern' and 'value'")
        if match == "regex":
            try:
                re.compile(str(rule["pattern"]))
            except re.error as exc:
                raise ImpactError(f"{where}: rules[{index}] bad regex {rule['pattern']!r}: {exc}") from None
        rules.append(ValueRule(str(rule["pattern"]), rule["value"]))
    return Classifier(column, tuple(rules), raw.get("default"), match)


def _label(raw: Any, where: str) -> Classifier:
    """``of_concern`` / ``general_purpose`` value lists become classifier rules mapping to the group names."""
    if not isinstance(raw, dict):
        raise ImpactError(f"{where}: must be a table")
    default = raw.get("default", UNLABELLED)
    if default not in GROUPS:
        raise ImpactError(f"{where}: default must be one of {', '.join(GROUPS)}, got {default!r}")
    rules = [{"pattern": value, "value": group}
             for group in (OF_CONCERN, GENERAL_PURPOSE) for value in raw.get(group, [])]
    return _classifier({**raw, "rules": rules, "default": default}, where)


def parse_mapping(text: str, where: str) -> Mapping:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImpactError(f"{where}: invalid TOML: {exc}") from None
    name = _str(raw, "name", where, required=True)
    source = _str(raw, "source", where, required=True)
    name_column = _str(raw, "name_column", where, required=True)
    assert name is not None and source is not None and name_column is not None
    fmt = _str(raw, "format", where) or Path(source).suffix.lstrip(".").lower().replace("db", "sqlite")
    if fmt not in FORMATS:
        raise ImpactError(f"{where}: format {fmt!r} not supported (use one of {', '.join(FORMATS)})")
    columns: list[ColumnMapping] = []
    for characteristic, spec in raw.get("characteristics", {}).items():
        spot = f"{where}: characteristics.{characteristic}"
        if not isinstance(spec, dict) or "column" not in spec:
            raise ImpactError(f"{spot} needs a 'column'")
        unit = str(spec.get("unit", ""))
        columns.append(ColumnMapping(characteristic, str(spec["column"]), unit,
                                     conversion_factor(unit, characteristic, spot)))
    lookups = tuple((key, _classifier(spec, f"{where}: lookups.{key}"))
                    for key, spec in raw.get("lookups", {}).items())
    derived = raw.get("derived", [])
    if not isinstance(derived, list) or not all(isinstance(d, str) for d in derived):
        raise ImpactError(f"{where}: 'derived' must be a list of formula names")
    return Mapping(
        name=name, file=where, source=source, format=fmt, name_column=name_column,
        description=_str(raw, "description", where) or "", query=_str(raw, "query", where),
        manufacturer_column=_str(raw, "manufacturer_column", where),
        date_column=_str(raw, "date_column", where),
        segment=_classifier(raw["segment"], f"{where}: segment") if "segment" in raw else None,
        label=_label(raw["label"], f"{where}: label") if "label" in raw else None,
        lookups=lookups, columns=tuple(columns), derived=tuple(derived),
    )


def load_mapping(path: Path) -> Mapping:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImpactError(f"mapping {path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ImpactError(f"mapping {path}: not UTF-8 text") from None
    return parse_mapping(text, str(path))


def known_mappings() -> dict[str, str]:
    """Shipped mapping name → mapping file name."""
    folder = resources.files("interregime.analytics.impact") / "mappings"
    found: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            found[entry.name.removesuffix(".toml")] = entry.name
    return found


def shipped_mapping(name: str) -> Mapping:
    known = known_mappings()
    if name not in known:
        names = ", ".join(sorted(known))
        raise ImpactError(f"unknown catalog {name!r} (known: {names}; or pass a path with --mapping)")
    resource = resources.files("interregime.analytics.impact") / "mappings" / known[name]
    return parse_mapping(resource.read_text(encoding="utf-8"), f"mappings/{known[name]}")
