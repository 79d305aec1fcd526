"""A parameter written back as list text, in one canonical wording, so that extracting the rendered
text gives the same parameter again."""

from __future__ import annotations

from interregime.analytics.parameters.comparators import CANONICAL_PHRASES
from interregime.analytics.parameters.units import parse_unit, spelling
from interregime.domain.parameters import Comparator, Parameter


def render_number(value: float) -> str:
    return f"{value:.12g}"


def _quantity(value: float | None, unit: str) -> str:
    written = spelling(parse_unit(unit)) if unit else ""
    number = render_number(value if value is not None else 0.0)
    return f"{number} {written}" if written else number


def render(parameter: Parameter) -> str:
    """``"unidirectional positioning repeatability" equal to or less than 0.9 µm along …``."""
    term = parameter.defined_term or parameter.characteristic
    name = f'"{term}"' if term else ""
    if parameter.comparator == Comparator.RANGE:
        low = "equal to or greater than" if parameter.low_inclusive else "exceeding"
        high = "equal to or less than" if parameter.high_inclusive else "less than"
        threshold = (f"{low} {_quantity(parameter.low, parameter.unit)} and "
                     f"{high} {_quantity(parameter.high, parameter.unit)}")
    else:
        threshold = f"{CANONICAL_PHRASES[parameter.comparator]} {_quantity(parameter.value, parameter.unit)}"
    text = f"{name} {threshold}".strip()
    return f"{text} {parameter.qualifier}" if parameter.qualifier else text
