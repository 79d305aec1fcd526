"""Parameter extraction: precision and recall over the hand-labelled lines, throughput and coverage.

Usage: .venv/bin/python bench/parameters.py [--labels FILE] [--sources DIR] [--lists eu-annex-i,us-ccl,...]
                                           [--errors] [--no-coverage]

Without ``--labels`` the three labelled sets are scored side by side: the set the extractor was tuned on
(``parameters_labelled.jsonl``), the held-out set written after it (``parameters_heldout.jsonl``) and the
second held-out set, lines drawn at random (``parameters_heldout2.jsonl``).

A predicted parameter counts as right when its comparator, its value (or low and high) and its unit
agree with a label's, units compared through pint (same dimension, same magnitude in base units).
Thresholds found in a qualifier (``conditions``) count like any other.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.numbers import decimal_comma_for
from interregime.analytics.parameters.units import UnitError, parse_unit, to_si
from interregime.domain.parameters import Parameter

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "data" / "parameters_labelled.jsonl"
HELDOUT = REPO / "tests" / "data" / "parameters_heldout.jsonl"
HELDOUT2 = REPO / "tests" / "data" / "parameters_heldout2.jsonl"
EU_JSON = "eu_annex_i/eu_2021_821_annex_i_consolidated_20251115.json"


def flatten(parameters: Iterable[Parameter]) -> list[Parameter]:
    flat: list[Parameter] = []
    for parameter in parameters:
        flat.append(parameter)
        flat.extend(flatten(parameter.conditions))
    return flat


def _si(number: float | None, unit: str) -> tuple[float | None, str]:
    if number is None:
        return None, ""
    value, si_unit = to_si(number, parse_unit(unit))
    return value, si_unit


def _close(first: float | None, second: float | None) -> bool:
    if first is None or second is None:
        return first is second
    return math.isclose(first, second, rel_tol=1e-6, abs_tol=1e-12)


def same(label: dict[str, object], parameter: Parameter) -> bool:
    if label["comparator"] != parameter.comparator.value:
        return False
    unit = str(label["unit"])
    try:
        parse_unit(unit)
    except UnitError:
        return False
    for key in ("value", "low", "high"):
        expected = label[key]
        expected_si, expected_unit = _si(float(expected) if expected is not None else None, unit)  # type: ignore[arg-type]
        actual = getattr(parameter, key)
        actual_si, actual_unit = _si(actual, parameter.unit)
        if not _close(expected_si, actual_si) or (expected_si is not None and expected_unit != actual_unit):
            return False
    return True


def score(rows: list[dict[str, object]], show_errors: bool) -> tuple[int, int, int]:
    true_positive = predicted = expected = 0
    for row in rows:
        labels = list(row["parameters"])  # type: ignore[call-overload]
        found = flatten(extract_parameters(str(row["text"]), decimal_comma_for(str(row["list"]))))
        expected += len(labels)
        predicted += len(found)
        unmatched = list(labels)
        wrong: list[Parameter] = []
        for parameter in found:
            match = next((label for label in unmatched if same(label, parameter)), None)
            if match is None:
                wrong.append(parameter)
            else:
                unmatched.remove(match)
                true_positive += 1
        if show_errors and (wrong or unmatched):
            print(f"{row['list']} {row['code']}: {row['text']}")
            for parameter in wrong:
                print(f"   extra   {parameter.characteristic!r} {parameter.comparator.value} "
                      f"{parameter.value} [{parameter.low}, {parameter.high}] {parameter.unit!r}")
            for label in unmatched:
                print(f"   missed  {label['characteristic']!r} {label['comparator']} {label['value']} "
                      f"[{label['low']}, {label['high']}] {label['unit']!r}")
    return true_positive, predicted, expected


def _item_lines_eu(sources: Path) -> list[str]:
    data = json.loads((sources / EU_JSON).read_text(encoding="utf-8"))
    lines: list[str] = []
    for entry in data["entries"]:
        for line in entry["verbatim_text"].splitlines():
            text = line.partition(" ")[2]
            if not re.match(r"(?:Note|Technical|N\.B\.)", text):
                lines.append(text)
    return lines


def _item_lines_parsed(sources: Path, list_id: str) -> list[str]:
    from interregime.ingest.context import SourceContext
    from interregime.ingest.registry import load_source

    contents = load_source(list_id).crawl(SourceContext(sources))
    return [item.text for content in contents for entry in content.entries for item in entry.items]


def coverage_and_speed(name: str, lines: list[str], decimal_comma: bool) -> dict[str, float]:
    started = time.perf_counter()
    results = [extract_parameters(line, decimal_comma) for line in lines]
    elapsed = time.perf_counter() - started
    with_digit = [result for line, result in zip(lines, results, strict=True) if re.search(r"\d", line)]
    covered = sum(1 for result in with_digit if result)
    return {
        "lines": len(lines),
        "seconds": elapsed,
        "per_second": len(lines) / elapsed if elapsed else float("inf"),
        "digit_lines": len(with_digit),
        "coverage": covered / len(with_digit) if with_digit else 0.0,
        "parameters": sum(len(flatten(result)) for result in results),
    }


def _read_labels(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def precision_recall(path: Path, show_errors: bool) -> dict[str, float]:
    rows = _read_labels(path)
    true_positive, predicted, expected = score(rows, show_errors)
    return {
        "lines": len(rows), "expected": expected, "predicted": predicted, "right": true_positive,
        "precision": true_positive / predicted if predicted else 1.0,
        "recall": true_positive / expected if expected else 1.0,
    }


def _print_scores(scores: dict[str, dict[str, float]]) -> None:
    print("| measure | " + " | ".join(scores) + " |")
    print("|---|" + "---:|" * len(scores))
    rows = [
        ("labelled lines", lambda figures: f"{figures['lines']:.0f}"),
        ("labelled parameters", lambda figures: f"{figures['expected']:.0f}"),
        ("precision", lambda f: f"{f['precision']:.3f} ({f['right']:.0f}/{f['predicted']:.0f})"),
        ("recall", lambda figures: f"{figures['recall']:.3f} ({figures['right']:.0f}/{figures['expected']:.0f})"),
    ]
    for name, cell in rows:
        print(f"| {name} | " + " | ".join(cell(figures) for figures in scores.values()) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--labels", type=Path, help="score this labelled JSONL file only")
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "raw")
    parser.add_argument("--lists", default="eu-annex-i,us-ccl,wassenaar,in-scomet,no-list-ii")
    parser.add_argument("--errors", action="store_true", help="print every line with a wrong or missed parameter")
    parser.add_argument("--no-coverage", action="store_true", help="skip the throughput and coverage table")
    args = parser.parse_args(argv)

    extract_parameters("warm-up exceeding 1 mm")
    label_files = [args.labels] if args.labels else [LABELLED, HELDOUT, HELDOUT2]
    scores: dict[str, dict[str, float]] = {}
    for path in label_files:
        if args.errors:
            print(f"== {path.name}")
        scores[path.name] = precision_recall(path, args.errors)
    _print_scores(scores)
    if args.no_coverage:
        return 0

    print("| source | item lines | lines with a digit | coverage | parameters | seconds | items/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    sources_by_name: list[tuple[str, list[str], bool]] = [
        ("eu-annex-i (JSON lines)", _item_lines_eu(args.sources), True)
    ]
    for list_id in [name for name in args.lists.split(",") if name]:
        try:
            lines = _item_lines_parsed(args.sources, list_id)
        except Exception as error:  # a parser still being written must not stop the benchmark
            print(f"{list_id}: not measured ({type(error).__name__}: {error})", file=sys.stderr)
            continue
        sources_by_name.append((f"{list_id} (parsed items)", lines, decimal_comma_for(list_id)))
    for name, lines, decimal_comma in sources_by_name:
        figures = coverage_and_speed(name, lines, decimal_comma)
        print(f"| {name} | {figures['lines']:.0f} | {figures['digit_lines']:.0f} | {figures['coverage']:.1%} | "
              f"{figures['parameters']:.0f} | {figures['seconds']:.2f} | {figures['per_second']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
