"""A pint registry with the units of the control lists, and recognition of unit spellings in text.

The spellings (``μm``, ``seconds of arc``, ``Gy(Si)``, ``g/cm3``...) live in ``units.toml``."""

from __future__ import annotations

import logging
import re
import tomllib
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pint

_DATA = Path(__file__).with_name("units.toml")
_EXPONENT = r"(?:\^?[-−]?[1-4](?![\d,.]\d)|[⁻]?[¹²³⁴])"
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁻−", "1234--")
_OPENING_QUOTE = re.compile(r"[\"'‘“](?=[A-Za-z])")
_CLOSING_QUOTE = re.compile(r"[\"'’”]")
_NOT_A_UNIT_AFTER = re.compile(r"\s+of\s+[\"'‘“]?freedom\b", re.IGNORECASE)


class UnitError(ValueError):
    """A unit that is unknown, or of the wrong kind for the quantity it is used for."""


@dataclass(frozen=True, slots=True)
class _Tables:
    registry: pint.UnitRegistry[Any]
    tokens: dict[str, str]
    pattern: re.Pattern[str]
    prefix_pattern: re.Pattern[str]
    plain: dict[str, str]
    plain_characteristic: dict[str, str]
    plain_qualifier: dict[str, str]


@cache
def _tables() -> _Tables:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(on_redefinition="warn")
    pint_log = logging.getLogger("pint.util")
    level = pint_log.level
    pint_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for line in data["definitions"]:
                registry.define(line)
    finally:
        pint_log.setLevel(level)
    tokens: dict[str, str] = {}
    for symbol, name in data["prefixable"].items():
        tokens.setdefault(symbol, name)
        for prefix, prefix_name in data["prefixes"].items():
            tokens.setdefault(prefix + symbol, prefix_name + name)
    for word, name in data["long_units"].items():
        for prefix, prefix_name in data["long_prefixes"].items():
            tokens.setdefault(prefix + word, prefix_name + name)
    tokens.update(data["aliases"])
    atoms = "|".join(re.escape(token) for token in sorted(tokens, key=len, reverse=True))
    atom = rf"(?:{atoms}){_EXPONENT}?(?![A-Za-z0-9µμ°%])"
    joined = r"(?:/|·|⋅|\*| per )"
    pattern = re.compile(rf"(?:/\s?)?{atom}(?:\s*{joined}\s*{atom})*")
    prefixed = "|".join(re.escape(token) for token in data["prefix_units"])
    prefix_pattern = re.compile(rf"(?<![A-Za-z])({prefixed})[ \u00a0]$")
    return _Tables(registry, tokens, pattern, prefix_pattern, data["plain"], data["plain_characteristic"],
                   data["plain_qualifier"])


def registry() -> pint.UnitRegistry[Any]:
    return _tables().registry


def _pint_expression(text: str) -> str:
    tables = _tables()
    parts: list[str] = []
    position = 0
    text = text.strip()
    if text.startswith("/"):
        parts.append("1")
    atom = re.compile(
        "|".join(re.escape(token) for token in sorted(tables.tokens, key=len, reverse=True))
    )
    while position < len(text):
        char = text[position]
        if char in "/·⋅*" or text.startswith(" per ", position):
            operator = "*" if char in "·⋅*" else "/"
            if parts and parts[-1] not in ("*", "/"):
                parts.append(operator)
            position += 5 if text.startswith(" per ", position) else 1
            continue
        if char.isspace():
            position += 1
            continue
        match = atom.match(text, position)
        if not match:
            raise UnitError(f"unknown unit {text!r}")
        parts.append(f"({tables.tokens[match.group(0)]})")
        position = match.end()
        exponent = re.compile(_EXPONENT).match(text, position)
        if exponent:
            parts.append("**" + exponent.group(0).translate(_SUPERSCRIPTS).replace("^", ""))
            position = exponent.end()
    return " ".join(parts).replace(" **", "**")


def match_unit(text: str, position: int) -> tuple[int, str] | None:
    """The unit spelled at ``position`` (one optional space before it): its end and its text. A unit in
    quotes ("3 'effective grams'") ends after its closing quote; "degrees of freedom" is a count."""
    start = position + 1 if text[position : position + 1] in (" ", "\u00a0") else position
    quote = _OPENING_QUOTE.match(text, start)
    match = _tables().pattern.match(text, quote.end() if quote else start)
    if not match or _NOT_A_UNIT_AFTER.match(text, match.end()):
        return None
    if quote:
        closing = _CLOSING_QUOTE.match(text, match.end())
        return (closing.end(), match.group(0)) if closing else None
    return match.end(), match.group(0)


def unit_before(text: str, position: int) -> tuple[int, str] | None:
    """A unit written before the number at ``position`` ("Mach 5"): its start and its text."""
    match = _tables().prefix_pattern.search(text, max(0, position - 12), position)
    return (match.start(), match.group(1)) if match else None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """A unit from a list spelling (``μm``, ``g/cm3``, ``seconds of arc``) or a pint expression."""
    stripped = text.strip()
    if not stripped:
        return registry().dimensionless
    tables = _tables()
    full = tables.pattern.fullmatch(stripped)
    try:
        if full:
            return registry().parse_units(_pint_expression(stripped))
        return registry().parse_units(stripped)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError) as error:
        raise UnitError(f"unknown unit {text!r}") from error


@lru_cache(maxsize=4096)
def unit_label(unit: pint.Unit) -> str:
    """The shortest pint-parsable spelling of ``unit`` that reads back as the same unit."""
    for candidate in (format(unit, "~"), str(unit)):
        try:
            if registry().parse_units(candidate) == unit:
                return candidate
        except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
            continue
    return str(unit)


@dataclass(frozen=True, slots=True)
class PlainUnit:
    """A unit as a default ``pint.UnitRegistry()`` reads it, with what that spelling leaves out: a
    name for the characteristic (``mach number`` when Mach becomes ``dimensionless``) and a reference
    for the qualifier (``relative to the carrier`` when dBc becomes ``decibel``)."""

    unit: str
    characteristic_note: str = ""
    qualifier_note: str = ""


@cache
def _default_registry() -> pint.UnitRegistry[Any]:
    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def plain_unit(text: str) -> PlainUnit:
    """``text`` (a unit of this registry) spelled for a default ``pint.UnitRegistry()``, with the same
    magnitude in base units: ``MSa / s`` → ``megacount / second``, ``WT`` → ``teracount / second``,
    ``Torr`` → ``torr``, ``micro_g`` → ``microstandard_gravity``, ``Mach`` → ``dimensionless``.
    A unit that pint knows already keeps its spelling."""
    if not text.strip():
        return PlainUnit("")
    tables = _tables()
    factors: list[tuple[str, float]] = []
    characteristic: list[str] = []
    qualifier: list[str] = []
    changed = False
    for name, power in parse_unit(text)._units.items():
        expression = name
        for prefix, base, _suffix in tables.registry.parse_unit_name(name):
            template = tables.plain.get(base)
            if template is not None and (not prefix or "{prefix}" in template):
                expression = template.replace("{prefix}", prefix)
                characteristic += [tables.plain_characteristic[base]] if base in tables.plain_characteristic else []
                qualifier += [tables.plain_qualifier[base]] if base in tables.plain_qualifier else []
                changed = True
                break
        factors.append((expression, float(power.real)))
    if not changed:
        return PlainUnit(text)
    try:
        unit = _default_registry().parse_units(" * ".join(f"({name}) ** {power:g}" for name, power in factors))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError) as error:
        raise UnitError(f"no plain pint spelling for unit {text!r}") from error
    written = str(unit) if "delta_" not in str(unit) else _written(factors)
    return PlainUnit(written, ", ".join(characteristic), ", ".join(qualifier))


def _written(factors: list[tuple[str, float]]) -> str:
    """``decibel / hertz``: pint writes a level divided by a unit as ``delta_decibel``, a name it does not
    read back, so such a unit is written from its factors."""
    def factor(name: str, power: float) -> str:
        return name if power == 1 else f"{name} ** {power:g}"

    numerator = [factor(name, power) for name, power in factors if power > 0]
    denominator = [factor(name, -power) for name, power in factors if power < 0]
    return (" * ".join(numerator) or "1") + "".join(f" / {name}" for name in denominator)


def to_si(value: float, unit: pint.Unit) -> tuple[float, str]:
    """``value`` in ``unit`` expressed in the registry's base units."""
    quantity = registry().Quantity(value, unit).to_base_units()
    return float(f"{float(quantity.magnitude):.12g}"), unit_label(quantity.units)


def convert(value: float, source: pint.Unit, target: pint.Unit) -> float:
    try:
        return float(registry().Quantity(value, source).to(target).magnitude)
    except pint.errors.DimensionalityError as error:
        raise UnitError(f"cannot convert {unit_label(source)} to {unit_label(target)}") from error


def same_dimension(first: pint.Unit, second: pint.Unit) -> bool:
    return bool(first.dimensionality == second.dimensionality)


def dimension_name(unit: pint.Unit) -> str:
    text = str(unit.dimensionality)
    if text == "dimensionless":
        return "a count (no unit)"
    return "a " + text.replace("[", "").replace("]", "") + " quantity"


@cache
def _spellings() -> dict[str, str]:
    """Pint unit name → the shortest list spelling that reads back as that unit."""
    tables = _tables()
    spellings: dict[str, str] = {}
    for token, expression in sorted(tables.tokens.items(), key=lambda pair: (" " in pair[0], len(pair[0]), pair[0])):
        try:
            unit = tables.registry.parse_units(expression)
        except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
            continue
        spellings.setdefault(str(unit), token)
    return spellings


def spelling(unit: pint.Unit) -> str:
    """``unit`` written the way the lists write units (``µm``, ``g/cm3``, ``/K``), readable by ``match_unit``."""
    if unit.dimensionless and str(unit) == "dimensionless":
        return ""
    numerator: list[str] = []
    denominator: list[str] = []
    text = str(unit)
    head, *tail = text.split(" / ")
    for side, factors in ((numerator, head.split(" * ")), *((denominator, [factor]) for factor in tail)):
        for factor in factors:
            name, _, power = factor.partition(" ** ")
            if name == "1":
                continue
            token = _spellings().get(name)
            if token is None:
                raise UnitError(f"no list spelling for unit {name!r}")
            if power == "0.5":
                side.append("√" + token)
            else:
                side.append(token + (power if power and power != "1" else ""))
    return "·".join(numerator) + "".join("/" + factor for factor in denominator)
