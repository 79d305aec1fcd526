"""`impact`: evaluate a candidate control on a real product catalog (who is captured, sweeps, charts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from interregime.analytics.impact.catalog import Catalog, load_catalog
from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.evaluate import capture_by_year, evaluate, sweep
from interregime.analytics.impact.rule_library import named_rules, resolve_rule, rule_from_item
from interregime.analytics.impact.rules import Rule
from interregime.cli.output import Format, emit, stderr
from interregime.cli.state import state

# Phrases of extracted parameters → catalog characteristics, for --entry.
CHARACTERISTIC_PHRASES = {
    "total processing performance": "tpp", "performance density": "density",
    "build volume": "build_volume", "maximum take-off mass": "max_takeoff", "take-off mass": "max_takeoff",
    "endurance": "endurance", "number of qubits": "qubits", "physical qubits": "qubits",
    "two-qubit gate error": "two_qubit_error", "c-not error": "two_qubit_error", "die area": "die_area",
}


def _parse_sweep(text: str) -> tuple[str, float, float, int, str]:
    parts = text.split(":")
    if len(parts) not in (4, 5):
        raise ImpactError(f"--sweep {text!r}: expected CHAR:LOW:HIGH:STEPS[:above|below]")
    try:
        low, high, steps = float(parts[1]), float(parts[2]), int(parts[3])
    except ValueError:
        raise ImpactError(f"--sweep {text!r}: LOW and HIGH must be numbers and STEPS an integer") from None
    return parts[0], low, high, steps, parts[4] if len(parts) == 5 else "above"


def _entry_rule(ctx: typer.Context, code: str, list_id: str) -> tuple[Rule, dict[str, Any]]:
    """A rule from the item tree of corpus item ``code`` (an entry or a sub-item) and what it leaves out;
    when the corpus or the extractor is missing, fall back to a shipped named rule of the same code (said on
    stderr)."""
    try:
        from interregime.analytics.parameters.numbers import decimal_comma_for
        from interregime.cli.corpus_view import candidate_entry_codes, find_item
        from interregime.storage import corpus_store

        content = corpus_store.load_edition(state(ctx).engine(), list_id, codes=candidate_entry_codes(code))
        found = [(entry, item) for entry in content.entries if (item := find_item(entry, code)) is not None]
        if not found:
            raise LookupError(f"entry {code} not found in list {list_id!r}")
        entry, item = found[0]
        built = rule_from_item(entry, item.code, CHARACTERISTIC_PHRASES, decimal_comma_for(list_id))
    except (ImportError, LookupError, OSError, ValueError) as error:
        named = named_rules().get(code.lower())
        if named is None:
            raise ImpactError(f"--entry {code}: cannot build a rule from the corpus ({str(error).splitlines()[0]}) "
                              "and no shipped rule has that code") from None
        stderr.print(f"--entry {code}: corpus not usable ({str(error).splitlines()[0]}); "
                     f"using the shipped rule from {named.file}", highlight=False)
        return named.rule, {"source": named.file}
    stderr.print(f"--entry {code}: rule from the item tree of {built.code} ({list_id}): {built.rule.text}",
                 highlight=False)
    if built.unmapped:
        stderr.print(f"--entry {code}: not mapped to a catalog characteristic: " + "; ".join(built.unmapped),
                     highlight=False)
    if built.undetermined:
        stderr.print(f"--entry {code}: undetermined branches, not counted as capturing: "
                     + ", ".join(built.undetermined), highlight=False)
    stderr.print(f"--entry {code}: decontrol notes and exclusions are not part of the capture rule"
                 + (f" (not modelled: {'; '.join(built.not_modelled)})" if built.not_modelled else ""),
                 highlight=False)
    return built.rule, {"source": f"{list_id} {built.code}", "unmapped": list(built.unmapped),
                        "undetermined": list(built.undetermined), "not_modelled": list(built.not_modelled)}


def _chart(path: Path, catalog: Catalog, rule: Rule, sweep_result: Any, marked: Any) -> None:
    # matplotlib takes half a second to import: only the commands that draw pay for it.
    from interregime.analytics.impact.charts import capture_by_year_chart, capture_curves, rule_scatter

    name = catalog.mapping.name
    if sweep_result is not None:
        capture_curves(sweep_result, path, f"{name}: {sweep_result.characteristic}")
    elif len(rule.characteristics) == 2:
        x, y = rule.characteristics
        rule_scatter(catalog.frame, rule, x, y, path, f"{name}: {rule.text}")
    else:
        capture_by_year_chart(capture_by_year(marked), path, f"{name}: {rule.text}")
    stderr.print(f"chart written to {path}", highlight=False)


def impact(
    ctx: typer.Context,
    catalog: Annotated[str, typer.Argument(help="a known catalog name, or a file path with --mapping")],
    mapping: Annotated[Path | None, typer.Option("--mapping", help="mapping TOML for a catalog file")] = None,
    rule_text: Annotated[str | None, typer.Option("--rule", help="rule expression or shipped rule id")] = None,
    entry: Annotated[str | None, typer.Option("--entry", help="build the rule from a corpus entry")] = None,
    list_id: Annotated[str, typer.Option("--list", help="list holding --entry")] = "us-ccl",
    sweep_text: Annotated[str | None, typer.Option("--sweep", help="CHAR:LOW:HIGH:STEPS[:above|below]")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")] = Format.table,
    chart: Annotated[Path | None, typer.Option("--chart", help="write a .png or .svg chart")] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help="folder of source files")] = None,
) -> None:
    """Which catalog items a candidate control captures, by group, manufacturer, year and segment."""
    if (rule_text is None) == (entry is None):
        raise ImpactError("give exactly one of --rule EXPR or --entry CODE")
    folder = state(ctx).sources(sources) if mapping is None or sources is not None else state(ctx).sources_dir
    loaded = load_catalog(catalog, folder, mapping)
    built_from: dict[str, Any] | None = None
    if rule_text is not None:
        rule = resolve_rule(rule_text)
    else:
        rule, built_from = _entry_rule(ctx, str(entry), list_id)
    result = evaluate(loaded.frame, rule, loaded.mapping.name)
    swept = None
    if sweep_text:
        characteristic, low, high, steps, direction = _parse_sweep(sweep_text)
        swept = sweep(loaded.frame, characteristic, low, high, steps, direction)
    if chart is not None:
        _chart(chart, loaded, rule, swept, result.frame)
    if fmt == Format.json:
        payload: dict[str, Any] = {"catalog": loaded.mapping.name, "rule": rule.text, "captured": result.captured,
                                   "not_captured": result.not_captured, "counts": result.counts,
                                   "capture_by_year": capture_by_year(result.frame)}
        if built_from is not None:
            payload["entry"] = {"code": entry, **built_from}
        if swept is not None:
            payload["sweep"] = swept.as_dict()
        emit(payload, fmt)
        return
    if fmt == Format.csv:
        rows = result.frame.select("name", "manufacturer", "year", "segment", "group", "captured").to_dicts()
        emit(rows, fmt)
        return
    groups = [{"group": g, **v} for g, v in result.counts["by_group"].items()]
    emit(groups, fmt, title=f"{loaded.mapping.name}: {rule.text} — {result.counts['captured']} of "
                            f"{result.counts['items']} captured")
    if swept is not None and swept.best:
        stderr.print(swept.best["trade_off"], highlight=False)


def register(app: typer.Typer) -> None:
    app.command("impact")(impact)
