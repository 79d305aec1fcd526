"""A user's description of an item (``axes=5, repeatability=0.8 um``), matched to the
characteristics of an entry by name, by synonym (``synonyms.toml``) and by unit dimension."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pint

from interregime.analytics.parameters.numbers import find_numbers, value_of, word_number
from interregime.analytics.parameters.units import UnitError, dimension_name, parse_unit, same_dimension
from interregime.domain.parameters import Parameter

_DATA = Path(__file__).with_name("synonyms.toml")


class SpecError(ValueError):
    """A spec that cannot be checked: unknown key, unreadable value, or a unit of the wrong kind."""


@dataclass(frozen=True, slots=True)
class SpecValue:
    key: str
    magnitude: float
    unit: pint.Unit | None
    text: str


def normalise_key(key: str) -> str:
    return " ".join(re.sub(r"[\"'“”‘’_]", " ", key).lower().split())


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {normalise_key(key): tuple(names) for key, names in _data()["synonyms"].items()}


@cache
def _same_characteristic() -> dict[str, str]:
    """Every name of the ``[same_characteristic]`` table mapped to its key."""
    canonical: dict[str, str] = {}
    for key, names in _data().get("same_characteristic", {}).items():
        for name in (key, *names):
            normalised = normalise_key(name)
            if canonical.get(normalised, normalise_key(key)) != normalise_key(key):
                raise ValueError(f"synonyms.toml: {name!r} is in two [same_characteristic] groups")
            canonical[normalised] = normalise_key(key)
    return canonical


def characteristic_name(characteristic: str) -> str:
    """The name ``characteristic`` goes by in ``[same_characteristic]`` ("drift rate stability" is
    "bias stability"); any other name normalised as it is."""
    name = normalise_key(characteristic)
    return _same_characteristic().get(name, name)


def parse_spec_value(key: str, value: str | float) -> SpecValue:
    if isinstance(value, int | float):
        return SpecValue(key, float(value), None, str(value))
    text = value.strip()
    spelled = word_number(text)
    if spelled is not None:
        return SpecValue(key, float(spelled), None, text)
    matches = find_numbers(text)
    if not matches or matches[0].start() != 0:
        raise SpecError(f"spec key {key!r}: {value!r} does not start with a number")
    decimal_comma = not re.search(r"\d\.\d", text)
    magnitude = value_of(matches[0], decimal_comma)
    unit_text = text[matches[0].end() :].strip()
    if not unit_text:
        return SpecValue(key, magnitude, None, text)
    try:
        return SpecValue(key, magnitude, parse_unit(unit_text), text)
    except UnitError as error:
        raise SpecError(f"spec key {key!r}: unknown unit {unit_text!r}") from error


def spec_pairs(spec: Mapping[str, str | float] | str) -> dict[str, str | float]:
    """Key/value pairs from a mapping or from ``"axes=5, repeatability=0.8 um"``."""
    if isinstance(spec, str):
        pairs: dict[str, str | float] = {}
        for part in re.split(r"[;,](?=\s*[^,;=]+=)", spec):
            if not part.strip():
                continue
            if "=" not in part:
                raise SpecError(f"spec part {part.strip()!r} is not of the form key=value")
            key, _, value = part.partition("=")
            pairs[key.strip()] = value.strip()
        return pairs
    return dict(spec)


def parse_spec(spec: Mapping[str, str | float] | str) -> dict[str, SpecValue]:
    parsed = {normalise_key(key): parse_spec_value(key, value) for key, value in spec_pairs(spec).items()}
    if not parsed:
        raise SpecError("the specification is empty; give KEY=VALUE pairs such as 'axes=5, travel=0.8 m'")
    return parsed


def _unknown_key(key: str, every: list[Parameter], entry_code: str) -> SpecError:
    known = sorted({parameter.characteristic for parameter in every if parameter.characteristic})
    return SpecError(f"unknown spec key {key!r} for {entry_code}; its characteristics are: {', '.join(known)}")


def validate_keys(keys: Iterable[str], parameters: Iterable[Parameter], entry_code: str) -> None:
    """Refuse, before reading any value, keys that name no characteristic of the entry."""
    every = list(parameters)
    unnamed = any(not parameter.characteristic for parameter in every)
    for key in keys:
        name = normalise_key(key)
        if not unnamed and not any(name_score(name, parameter.characteristic) for parameter in every):
            raise _unknown_key(name, every, entry_code)


def name_score(key: str, characteristic: str) -> int:
    """3: same name, 2: synonym, 1: a key of two or more words all in the characteristic, 0: no match.
    A one-word key names longer characteristics only through ``synonyms.toml``, so that ``axes``
    does not silently stand for "rotary axes"."""
    if not characteristic:
        return 0
    if key == characteristic:
        return 3
    if characteristic in _synonyms().get(key, ()):
        return 2
    key_words = set(key.split())
    characteristic_words = set(characteristic.replace("-", " ").split()) | set(characteristic.split())
    return 1 if len(key_words) >= 2 and key_words <= characteristic_words else 0


def _unit_of(parameter: Parameter) -> pint.Unit:
    return parse_unit(parameter.unit)


def dimension_fits(value: SpecValue, parameter: Parameter) -> bool:
    unit = _unit_of(parameter)
    if value.unit is None:
        return bool(unit.dimensionless)
    return same_dimension(value.unit, unit)


def match_parameter(parameter: Parameter, spec: Mapping[str, SpecValue]) -> SpecValue | None:
    """The spec value that describes ``parameter``: the best name match of the right dimension;
    for a threshold without a name, the only spec value of its dimension."""
    ranked = sorted(
        ((name_score(key, parameter.characteristic), key) for key in spec), key=lambda pair: -pair[0]
    )
    for score, key in ranked:
        if score and dimension_fits(spec[key], parameter):
            return spec[key]
    if not parameter.characteristic and parameter.unit:
        fitting = [value for value in spec.values() if value.unit is not None and dimension_fits(value, parameter)]
        if len(fitting) == 1:
            return fitting[0]
    return None


def validate_spec(spec: Mapping[str, SpecValue], parameters: Iterable[Parameter], entry_code: str) -> None:
    """Refuse keys that name nothing in the entry, and values whose unit cannot measure what they name."""
    every = list(parameters)
    for key, value in spec.items():
        named = [parameter for parameter in every if name_score(key, parameter.characteristic)]
        if any(dimension_fits(value, parameter) for parameter in named):
            continue
        if named:
            parameter = named[0]
            unit = _unit_of(parameter)
            if value.unit is None:
                raise SpecError(f"spec key {key!r}: {value.text!r} has no unit, but {parameter.characteristic!r} "
                                f"is measured in {parameter.unit}")
            raise SpecError(f"spec key {key!r}: {value.text!r} is {dimension_name(value.unit)}, but "
                            f"{parameter.characteristic!r} is {dimension_name(unit)} ({parameter.unit or 'a count'})")
        if value.unit is not None and any(
            not parameter.characteristic and dimension_fits(value, parameter) for parameter in every
        ):
            continue
        raise _unknown_key(key, every, entry_code)
