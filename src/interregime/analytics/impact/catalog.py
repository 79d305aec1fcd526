"""Load a product catalog (CSV, JSON, Parquet or SQLite) through its mapping into a tidy polars frame.

The loaded frame has one row per item with ``name``, ``manufacturer``, ``year``, ``segment``, ``group``
(of_concern / general_purpose / unlabelled), every mapped characteristic as Float64 in its canonical unit,
the mapping's lookup columns, and the derived characteristics.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.formulas import apply_formulas
from interregime.analytics.impact.mapping import UNLABELLED, Classifier, Mapping, load_mapping, shipped_mapping
from interregime.analytics.impact.quantities import CANONICAL_UNITS

BASE_COLUMNS = ("name", "manufacturer", "year", "segment", "group")


@dataclass(frozen=True)
class Catalog:
    mapping: Mapping
    path: Path
    frame: pl.DataFrame

    @property
    def characteristics(self) -> list[str]:
        return [c for c in self.frame.columns if c in CANONICAL_UNITS]


def _read_sqlite(path: Path, query: str | None, where: str) -> pl.DataFrame:
    if not query:
        raise ImpactError(f"{where}: a SQLite source needs a 'query'")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            cursor = connection.execute(query)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
    except sqlite3.Error as exc:
        raise ImpactError(f"{where}: query failed on {path.name}: {exc}") from None
    data = {name: [None if row[i] is None else str(row[i]) for row in rows] for i, name in enumerate(names)}
    return pl.DataFrame(data, schema=dict.fromkeys(names, pl.String))


def read_source(path: Path, fmt: str, query: str | None = None, where: str = "") -> pl.DataFrame:
    """The raw table as written in the source file (JSON objects are flattened with '.' separators)."""
    where = where or str(path)
    if not path.is_file():
        raise ImpactError(f"{where}: source file {path} not found")
    try:
        if fmt == "csv":
            return pl.read_csv(path, infer_schema_length=None)
        if fmt == "parquet":
            return pl.read_parquet(path)
        if fmt == "json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                data = next((v for v in data.values() if isinstance(v, list)), [data])
            return pl.json_normalize(data, separator=".", infer_schema_length=None)
    except (pl.exceptions.PolarsError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImpactError(f"{where}: cannot read {path.name}: {str(exc).splitlines()[0]}") from None
    if fmt == "sqlite":
        return _read_sqlite(path, query, where)
    raise ImpactError(f"{where}: format {fmt!r} not supported")


def _column(raw: pl.DataFrame, column: str, role: str, mapping: Mapping, source: Path) -> pl.Expr:
    if column not in raw.columns:
        close = difflib.get_close_matches(column, raw.columns, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ImpactError(f"{mapping.file}: column {column!r} ({role}) not in {source.name}{hint}")
    return pl.col(column)


def _classify(raw: pl.DataFrame, classifier: Classifier, role: str, mapping: Mapping, source: Path,
              dtype: type[pl.DataType], copy: bool = True) -> pl.Expr:
    """With no rules and ``copy``, the column's own value; otherwise first matching rule, else the default."""
    value = _column(raw, classifier.column, role, mapping, source).cast(pl.String)
    if copy and not classifier.rules:
        expr = value.cast(dtype, strict=False)
        return expr if classifier.default is None else expr.fill_null(pl.lit(classifier.default, dtype))
    default = pl.lit(classifier.default, dtype)
    result: pl.Expr = pl.when(value.is_null()).then(default).otherwise(default)
    for rule in reversed(classifier.rules):
        hit = value.str.contains(rule.pattern) if classifier.match == "regex" else value == rule.pattern
        result = pl.when(hit.fill_null(False)).then(pl.lit(rule.value, dtype)).otherwise(result)
    return result


def _year(raw: pl.DataFrame, mapping: Mapping, source: Path) -> pl.Expr:
    if mapping.date_column is None:
        return pl.lit(None, pl.Int32)
    text = _column(raw, mapping.date_column, "date", mapping, source).cast(pl.String)
    return text.str.extract(r"(\d{4})", 1).cast(pl.Int32, strict=False)


def apply_mapping(raw: pl.DataFrame, mapping: Mapping, source: Path) -> pl.DataFrame:
    def text(column: str | None, role: str) -> pl.Expr:
        if column is None:
            return pl.lit(None, pl.String)
        return _column(raw, column, role, mapping, source).cast(pl.String)

    segment = (_classify(raw, mapping.segment, "segment", mapping, source, pl.String)
               if mapping.segment else pl.lit(None, pl.String))
    exprs = [text(mapping.name_column, "name").alias("name"),
             text(mapping.manufacturer_column, "manufacturer").alias("manufacturer"),
             _year(raw, mapping, source).alias("year"), segment.alias("segment")]
    for key, lookup in mapping.lookups:
        exprs.append(_classify(raw, lookup, f"lookup {key}", mapping, source, pl.Float64).alias(key))
    for spec in mapping.columns:
        value = _column(raw, spec.column, spec.characteristic, mapping, source)
        if raw.schema[spec.column] == pl.String:
            value = value.str.strip_chars().str.replace_all(",", "")
        exprs.append((value.cast(pl.Float64, strict=False) * spec.factor).alias(spec.characteristic))
    frame = raw.select(exprs)
    if mapping.label is not None:
        label = mapping.label
        source_frame = frame if label.column == "segment" else raw
        group = _classify(source_frame, label, "label", mapping, source, pl.String, copy=False)
        frame = frame.with_columns(source_frame.select(group.alias("group")).to_series())
    else:
        frame = frame.with_columns(pl.lit(UNLABELLED).alias("group"))
    frame = frame.filter(pl.col("name").is_not_null())
    return apply_formulas(frame, mapping.derived, mapping.file)


def load_catalog(catalog: str, sources_dir: Path | None = None, mapping_path: Path | None = None) -> Catalog:
    """``catalog`` is a shipped name (file read from ``sources_dir``) or, with ``mapping_path``, a file path."""
    if mapping_path is not None:
        mapping = load_mapping(mapping_path)
        candidate = Path(catalog)
        if candidate.is_file():
            path = candidate
        elif sources_dir is not None and (sources_dir / mapping.source).is_file():
            path = sources_dir / mapping.source
        else:
            path = candidate if candidate.suffix else Path(mapping.source)
    else:
        mapping = shipped_mapping(catalog)
        if sources_dir is None:
            raise ImpactError(f"catalog {catalog!r}: no sources folder given")
        path = sources_dir / mapping.source
    raw = read_source(path, mapping.format, mapping.query, mapping.file)
    return Catalog(mapping, path, apply_mapping(raw, mapping, path))


def match_key(name: str) -> str:
    """A name normalised for matching the same product across catalogs (vendor, memory size, form factor
    generation and punctuation removed: 'NVIDIA H100 SXM5 80GB' and 'H100-SXM' both give 'h100sxm')."""
    text = name.lower().replace("pcle", "pcie")
    text = re.sub(r"\bgeforce\s+rtx\b", " ", text)
    text = re.sub(r"\b(nvidia|amd|ati|intel|geforce|radeon|instinct|tesla|generation|hgx)\b", " ", text)
    text = re.sub(r"\b\d+\s*gb\b", " ", text)
    text = re.sub(r"\bsxm\d\b", "sxm", text)
    return re.sub(r"[^a-z0-9]", "", text)
