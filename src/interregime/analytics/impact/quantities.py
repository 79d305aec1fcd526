"""Characteristics known to impact analysis, their canonical units, and unit conversion with pint.

Every characteristic column in a loaded catalog holds plain floats in its canonical unit, so rules and
formulas never convert at evaluation time; conversion happens once, when a mapping or a rule is read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pint

from interregime.analytics.impact.errors import ImpactError

OPERATIONS = "operation"
TPP_UNIT = "tera_bit_operation / second"
DENSITY_UNIT = "tera_bit_operation / second / millimeter ** 2"
THROUGHPUT_UNIT = "tera_operation / second"

# Bit length of each precision's inputs (3A090 Technical Note: the largest bit length of the multiply inputs).
PRECISION_BITS: dict[str, int] = {
    "fp64": 64, "fp32": 32, "tf32": 32, "fp16": 16, "bf16": 16, "fp16_tensor": 16,
    "fp8": 8, "fp6": 6, "fp4": 4, "int16": 16, "int8": 8, "int4": 4,
}

CANONICAL_UNITS: dict[str, str] = {
    "tpp": TPP_UNIT,
    "tpp_reported": TPP_UNIT,
    "density": DENSITY_UNIT,
    "die_area": "millimeter ** 2",
    "tdp": "watt",
    "memory": "gigabyte",
    "memory_bandwidth": "gigabyte / second",
    "transistors": "dimensionless",
    "process_node": "nanometer",
    "tensor_cores": "dimensionless",
    "boost_clock": "megahertz",
    "build_x": "millimeter",
    "build_y": "millimeter",
    "build_z": "millimeter",
    "build_volume": "meter ** 3",
    "weight": "kilogram",
    "max_takeoff": "kilogram",
    "endurance": "minute",
    "qubits": "dimensionless",
    "two_qubit_fidelity": "dimensionless",
    "two_qubit_error": "dimensionless",
    "temperature": "kelvin",
    **{f"tops_{precision}": THROUGHPUT_UNIT for precision in PRECISION_BITS},
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Any]:
    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry()
    ureg.define("operation = [operation] = op = OP = FLOP = flop")
    ureg.define("tera_operation = 1e12 * operation")
    ureg.define("TOPS = tera_operation / second")
    ureg.define("tera_bit_operation = 1e12 * bit * operation")
    return ureg


def canonical_unit(characteristic: str) -> str:
    try:
        return CANONICAL_UNITS[characteristic]
    except KeyError:
        known = ", ".join(sorted(CANONICAL_UNITS))
        raise ImpactError(f"unknown characteristic {characteristic!r} (known: {known})") from None


def _parse(unit: str, where: str) -> pint.Quantity[Any]:
    """A unit, optionally with a scale ('1e6', '1e6 * bit'); '^' is accepted for powers."""
    text = unit.strip().replace("^", "**") or "dimensionless"
    try:
        parsed = registry().parse_expression(text)
    except Exception as exc:
        raise ImpactError(f"{where}: cannot read unit {unit!r} ({type(exc).__name__})") from None
    if isinstance(parsed, int | float):
        return registry().Quantity(float(parsed), "dimensionless")
    if not isinstance(parsed, pint.Quantity):
        raise ImpactError(f"{where}: cannot read unit {unit!r}")
    return parsed


def conversion_factor(unit: str, characteristic: str, where: str) -> float:
    """Multiplier that turns a value in ``unit`` into the canonical unit of ``characteristic``."""
    target_text = canonical_unit(characteristic)
    source = _parse(unit, where)
    target = _parse(target_text, where)
    try:
        return float(source.to(target.units).magnitude / target.magnitude)
    except pint.DimensionalityError:
        raise ImpactError(
            f"{where}: unit {unit!r} is impossible for {characteristic!r} (needs a unit like {target_text!r})"
        ) from None
