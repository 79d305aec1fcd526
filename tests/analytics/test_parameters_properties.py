"""Properties: the extractor never raises, and parse → render → parse is stable."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from interregime.analytics.parameters.comparators import CANONICAL_PHRASES
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.numbers import decimal_comma_for
from interregime.analytics.parameters.render import render
from interregime.domain.parameters import Comparator, Parameter

LABELLED = Path(__file__).resolve().parents[1] / "data" / "parameters_labelled.jsonl"
WORDS = ["output", "power", "travel", "length", "sample", "rate", "peak", "wall", "thickness", "range", "payload"]
UNITS = ["µm", "mm", "m", "MPa", "GHz", "kg", "W", "%", "K", "dB", "g/cm3", "ns", "seconds of arc", ""]
IDIOMS = ["exceeding", "less than", "equal to or less (better) than", "not exceeding", "at least", "up to", "≤",
          "greater than", "equal to or greater than", "more than", "better than"]


def _key(parameter: Parameter) -> tuple[object, ...]:
    return (parameter.characteristic, parameter.comparator, parameter.value, parameter.low, parameter.high,
            parameter.unit, parameter.qualifier, tuple(_key(condition) for condition in parameter.conditions))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(extract_parameters(text), list)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(WORDS + IDIOMS + UNITS + [";", ",", "(", ")", "and", "or", "×", "10-6", "or more", "from", "to"]),
    st.from_regex(r"[0-9]{1,4}([,.][0-9]{1,3})?", fullmatch=True),
), max_size=25))
def test_never_raises_on_list_like_text(tokens: list[str]) -> None:
    for parameter in extract_parameters(" ".join(tokens)):
        assert parameter.comparator in Comparator


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    st.sampled_from([c for c in Comparator if c != Comparator.RANGE]),
    st.decimals(min_value="0.001", max_value="99999", places=3),
    st.sampled_from(UNITS),
)
def test_generated_parameter_round_trip(words: list[str], comparator: Comparator, value: object, unit: str) -> None:
    text = f"{' '.join(words)} {CANONICAL_PHRASES[comparator]} {value} {unit}".strip()
    (first,) = extract_parameters(text, decimal_comma=False)
    assert (first.comparator, first.value) == (comparator, float(str(value)))
    (second,) = extract_parameters(render(first), decimal_comma=False)
    assert _key(second) == _key(first)


def test_real_lines_round_trip() -> None:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    checked = 0
    for row in rows:
        style = decimal_comma_for(row["list"])
        for parameter in extract_parameters(row["text"], style):
            again = extract_parameters(render(parameter), style)
            assert [_key(p) for p in again] == [_key(parameter)], render(parameter)
            checked += 1
    assert checked > 200
