"""`overlaps` and `concordance`: how the regimes' entries overlap, and which regime entry each
national entry implements."""

from __future__ import annotations

import html
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from interregime.cli.output import Format, emit
from interregime.cli.state import state
from interregime.domain.corpus import EditionContent
from interregime.domain.regimes import Regime
from interregime.storage import corpus_store


class AnalysisFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


FormatOption = Annotated[AnalysisFormat, typer.Option("--format", "-f", help="table, json, csv or html")]
OVERLAP_COLUMNS = ["a", "b", "kind", "score", "explanation"]
CONCORDANCE_COLUMNS = ["list", "code", "regime", "regime_code", "method", "confidence", "deviations"]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _contents(ctx: typer.Context) -> dict[str, EditionContent]:
    engine = state(ctx).engine()
    ids = corpus_store.list_ids(engine)
    if not ids:
        raise LookupError("the database holds no lists; run `interregime build`")
    return {list_id: corpus_store.load_edition(engine, list_id) for list_id in ids}


def _html(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values())
        elif isinstance(value, list):
            value = "; ".join(cell(v) for v in value)
        return html.escape("" if value is None else str(value))

    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{cell(row.get(c))}</td>" for c in columns) + "</tr>" for row in rows)
    return (f"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1>\n<table>\n<tr>{head}</tr>\n{body}\n</table></body></html>\n")


def _emit(rows: list[dict[str, Any]], fmt: AnalysisFormat, columns: list[str], title: str,
          flat: list[dict[str, Any]]) -> None:
    if fmt == AnalysisFormat.html:
        sys.stdout.write(_html(flat, columns, title))
    elif fmt == AnalysisFormat.json:
        emit(rows, Format.json)
    else:
        emit(flat, Format(fmt.value), columns, title=title)


def overlaps(
    ctx: typer.Context,
    regimes: Annotated[str | None, typer.Option("--regimes", help="comma-separated: WA,MTCR,NSG,AG,CWC")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="comma-separated: nested, carved out, conflicting, "
                                                           "duplicate, related")] = None,
    ignore_xrefs: Annotated[bool, typer.Option("--ignore-xrefs", help="do not use the lists' cross-references "
                                                                     "(nor codes in the text)")] = False,
    partners: Annotated[int | None, typer.Option("--partners", min=1, help="each entry's best partners in other "
                                                                          "regimes that make a pair (default 10)")]
    = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="keep only this many pairs, best first "
                                                                 "(default: all pairs)")] = None,
    semantic: Annotated[bool, typer.Option("--semantic/--lexical", help="also compare entries by sentence "
                                                                        "embeddings (needs the dense model; the "
                                                                        "first run encodes the corpus)")] = False,
    fmt: FormatOption = AnalysisFormat.table,
) -> None:
    """Pairs of entries from different regimes that control overlapping items, scored and classified.

    A pair is listed when either entry ranks the other among its --partners (default 10) best partners
    in other regimes, so every entry's own top partners appear whatever their global rank."""
    # The analyses load numpy, scipy and pint: imported here so that other commands start fast.
    from interregime.analytics.overlaps import OverlapKind, detect, select
    from interregime.analytics.overlaps.detect import PARTNERS

    chosen_regimes = [Regime.parse(value) for value in _split(regimes)]
    kinds = [OverlapKind.parse(value) for value in _split(kind)]
    detection = detect(list(_contents(ctx).values()), chosen_regimes or None, ignore_xrefs=ignore_xrefs,
                       partners=partners or PARTNERS, semantic=semantic)
    found = select(detection.overlaps, kinds or None, top)
    rows = [{"a": o.a.as_dict(), "b": o.b.as_dict(), "kind": o.kind.value, "score": o.score,
             "explanation": o.explanation, "shared_terms": list(o.shared_terms),
             "compared_parameters": list(o.comparisons)} for o in found]
    flat = [{**row, "a": f"{o.a.list_id} {o.a.code} ({o.a.regime.value})",
             "b": f"{o.b.list_id} {o.b.code} ({o.b.regime.value})"} for row, o in zip(rows, found, strict=True)]
    _emit(rows, fmt, OVERLAP_COLUMNS, "overlaps between regimes", flat)


def concordance_command(
    ctx: typer.Context,
    list_id: Annotated[str, typer.Option("--list", help="a national list (us-ccl, in-scomet, no-list-ii) or "
                                                         "eu-annex-i")],
    fmt: FormatOption = AnalysisFormat.table,
) -> None:
    """Every entry of a list with the regime entry it implements, how that was found, and deviations."""
    from interregime.analytics.concordance import SUPPORTED, concordance

    if list_id not in SUPPORTED:
        raise ValueError(f"no concordance for list {list_id!r}; expected one of {', '.join(SUPPORTED)}")
    rows = [row.as_dict() for row in concordance(_contents(ctx), list_id)]
    flat = [{**row, "deviations": [f"{d['kind']}: {d['detail']}" for d in row["deviations"]]}  # type: ignore[attr-defined]
            for row in rows]
    _emit(rows, fmt, CONCORDANCE_COLUMNS, f"concordance of {list_id}", flat)


def register(app: typer.Typer) -> None:
    app.command()(overlaps)
    app.command("concordance")(concordance_command)
