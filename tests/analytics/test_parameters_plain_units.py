"""Units for other programs: every unit the extractor emits, spelled by ``plain_unit``, reads with a
default ``pint.UnitRegistry()`` and means what the project's registry means by it."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pint
import pytest

from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.units import PlainUnit, parse_unit, plain_unit, to_si
from interregime.domain.parameters import Comparator, Parameter

EU_JSON = Path("eu_annex_i/eu_2021_821_annex_i_consolidated_20251115.json")
CCL_JSON = Path("us_ccl/waynehacking8_ccl_parsed_full_2025-07.json")
# A decibel level divided by a unit: pint reads the name but cannot make a quantity of it
# (OffsetUnitCalculusError), because its decibels are logarithmic and cannot be divided.
LEVEL_DENSITIES = {"dBm / Hz", "dB / km"}


@pytest.fixture(scope="module")
def ureg() -> pint.UnitRegistry[Any]:
    """A registry of pint's own, knowing none of the project's definitions."""
    return pint.UnitRegistry()


def _flatten(parameters: Iterable[Parameter]) -> Iterator[Parameter]:
    for parameter in parameters:
        yield parameter
        yield from _flatten(parameter.conditions)


def _eu_lines(sources_dir: Path) -> list[str]:
    data = json.loads((sources_dir / EU_JSON).read_text(encoding="utf-8"))
    return [line.partition(" ")[2] for entry in data["entries"] for line in entry["verbatim_text"].splitlines()]


def _ccl_lines(sources_dir: Path) -> list[str]:
    def texts(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for value in node.values():
                yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)
        elif isinstance(node, str):
            yield from node.splitlines()

    return list(texts(json.loads((sources_dir / CCL_JSON).read_text(encoding="utf-8"))))


def _is_level(ureg: pint.UnitRegistry[Any], unit: str) -> bool:
    """dB, dBm, dBW: pint's decibels are logarithmic, so their magnitudes do not scale."""
    return "decibel" in str(ureg.parse_units(unit))


def _check(ureg: pint.UnitRegistry[Any], parameter: Parameter) -> None:
    unit, si_unit = plain_unit(parameter.unit).unit, plain_unit(parameter.si_unit).unit
    ureg.parse_units(unit)
    if unit in LEVEL_DENSITIES:
        with pytest.raises(pint.errors.OffsetUnitCalculusError):
            ureg(unit)
        return
    assert ureg(unit).dimensionality == ureg(si_unit).dimensionality, (parameter.unit, unit, si_unit)
    assert ureg.parse_units(unit).dimensionality == ureg.parse_units(si_unit).dimensionality
    if not _is_level(ureg, unit):
        expected = to_si(1.0, parse_unit(parameter.unit))[0]
        assert math.isclose(ureg.Quantity(1.0, unit).to(si_unit).magnitude, expected, rel_tol=1e-9), (
            parameter.unit, unit, si_unit)


def test_every_corpus_unit_reads_with_a_default_pint_registry(ureg: pint.UnitRegistry[Any],
                                                              sources_dir: Path) -> None:
    emitted: dict[tuple[str, str], Parameter] = {}
    for lines, decimal_comma in ((_eu_lines(sources_dir), True), (_ccl_lines(sources_dir), False)):
        for line in lines:
            for parameter in _flatten(extract_parameters(line, decimal_comma)):
                emitted.setdefault((parameter.unit, parameter.si_unit), parameter)
    for parameter in emitted.values():
        _check(ureg, parameter)
    # the units a default registry used to reject are all in the corpus, so the loop above covered them
    assert {"MSa / s", "GSa / s", "word / s", "dBc", "Mach", "WT", "micro_g", "GFLOPS", "TOPS",
            "Torr"} <= {unit for unit, _ in emitted}
    assert len(emitted) > 150


@pytest.mark.parametrize(("label", "plain", "characteristic", "qualifier"), [
    ("Sa / s", "count / second", "", ""),
    ("MSa / s", "megacount / second", "", ""),
    ("GSa / s", "gigacount / second", "", ""),
    ("word / s", "count / second", "", ""),
    ("WT", "teracount / second", "", ""),
    ("GFLOPS", "gigacount / second", "", ""),
    ("TOPS", "teracount / second", "", ""),
    ("MTOPS", "megacount / second", "", ""),
    ("Torr", "torr", "", ""),
    ("micro_g", "microstandard_gravity", "", ""),
    ("Mach", "dimensionless", "mach number", ""),
    ("dBc", "decibel", "", "relative to the carrier"),
    ("dBi", "decibel", "", "relative to an isotropic antenna"),
    ("rad(Si)", "centigray", "", ""),
    ("Gy(Si)", "gray", "", ""),
    ("µm", "µm", "", ""),
    ("dBm", "dBm", "", ""),
    ("", "", "", ""),
])
def test_plain_spellings(ureg: pint.UnitRegistry[Any], label: str, plain: str, characteristic: str,
                         qualifier: str) -> None:
    assert (plain_unit(label).unit, plain_unit(label).characteristic_note, plain_unit(label).qualifier_note) == (
        plain, characteristic, qualifier)
    if label:
        _check(ureg, Parameter("x", Comparator.LT, 1.0, unit=label, si_unit=to_si(1.0, parse_unit(label))[1]))


def test_a_level_divided_by_a_unit_is_written_without_delta(ureg: pint.UnitRegistry[Any]) -> None:
    """pint prints ``decibel / hertz`` as ``delta_decibel / hertz``, a name it does not read back."""
    assert plain_unit("dBc/Hz") == PlainUnit("decibel / hertz", "", "relative to the carrier")
    ureg.parse_units(plain_unit("dBc/Hz").unit)
