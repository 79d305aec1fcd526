"""Named derived characteristics, added to a catalog after its columns are mapped.

* ``tpp`` — ECCN 3A090 Total Processing Performance: 2 × MacTOPS × bit length, maximised over precisions.
  Datasheet TOPS/TFLOPS already count a multiply-accumulate as 2 operations, so per precision
  TPP = dense TOPS × bit length, and the item's TPP is the largest of those (``tops_<precision>`` columns).
* ``performance_density`` — TPP / die area in mm² (3A090 'performance density'; the catalogs' die area is the
  whole logic die as recorded, which may differ from the regulation's 'applicable die area').
* ``tpp_estimate`` — TPP for catalogs without dense tensor rates (TechPowerUp). The largest of:
    - tensor path: tensor cores × boost clock × dense FP16 FMA per tensor core per clock × 2 × 16 bits
      (FMA/clock/TC from the mapping's ``fma_per_tensor_core_clock`` lookup: Volta/Turing 64, GA100 256,
      other Ampere, Ada and GB20x 128, Hopper 512, GB100/GB110 1024);
    - matrix path: FP16 rate × ``matrix_fp16_factor`` × 16 (AMD matrix cores run at 2× (CDNA3) or 4× (CDNA4)
      the vector FP16 rate that TechPowerUp lists; 1 elsewhere);
    - shader path: max(FP16 × 16, FP32 × 32, FP64 × 64) from the listed non-tensor rates.
  Boost clock is used because the regulation takes the highest claimed rate; for parts whose tensor clock is
  below the advertised boost (H100) the estimate runs high. Error is measured in ``crosscheck.py``.
* ``build_volume`` — build_x × build_y × build_z.
* ``two_qubit_error`` — 1 − two-qubit gate fidelity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.quantities import PRECISION_BITS

TENSOR_FMA_LOOKUP = "fma_per_tensor_core_clock"
MATRIX_FACTOR_LOOKUP = "matrix_fp16_factor"


@dataclass(frozen=True)
class Formula:
    name: str
    output: str
    build: Callable[[frozenset[str]], pl.Expr]
    requires: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = field(default=())


def _precision_columns(available: frozenset[str]) -> list[tuple[str, int]]:
    return [(f"tops_{p}", bits) for p, bits in PRECISION_BITS.items() if f"tops_{p}" in available]


def tpp_expression(available: frozenset[str]) -> pl.Expr:
    terms = [pl.col(column) * bits for column, bits in _precision_columns(available)]
    return pl.max_horizontal(terms)


def _density(available: frozenset[str]) -> pl.Expr:
    area = pl.col("die_area")
    return pl.when(area > 0).then(pl.col("tpp") / area).otherwise(None)


def _tpp_estimate(available: frozenset[str]) -> pl.Expr:
    tensor = (pl.col("tensor_cores") * pl.col("boost_clock") * pl.col(TENSOR_FMA_LOOKUP) * 2 * 16 / 1e6)
    terms = [tensor, pl.col("tops_fp16") * pl.col(MATRIX_FACTOR_LOOKUP) * 16]
    terms += [pl.col(column) * bits for column, bits in _precision_columns(available)]
    estimate = pl.max_horizontal(terms)
    return pl.when(estimate > 0).then(estimate).otherwise(None)


def _build_volume(available: frozenset[str]) -> pl.Expr:
    return pl.col("build_x") * pl.col("build_y") * pl.col("build_z") * 1e-9


def _two_qubit_error(available: frozenset[str]) -> pl.Expr:
    return 1.0 - pl.col("two_qubit_fidelity")


FORMULAS: dict[str, Formula] = {
    f.name: f
    for f in (
        Formula("tpp", "tpp", tpp_expression, requires_any=tuple(f"tops_{p}" for p in PRECISION_BITS)),
        Formula("performance_density", "density", _density, requires=("tpp", "die_area")),
        Formula("tpp_estimate", "tpp", _tpp_estimate,
                requires=("tensor_cores", "boost_clock", "tops_fp16", TENSOR_FMA_LOOKUP, MATRIX_FACTOR_LOOKUP)),
        Formula("build_volume", "build_volume", _build_volume, requires=("build_x", "build_y", "build_z")),
        Formula("two_qubit_error", "two_qubit_error", _two_qubit_error, requires=("two_qubit_fidelity",)),
    )
}


def apply_formulas(frame: pl.DataFrame, names: tuple[str, ...], where: str) -> pl.DataFrame:
    """Add each named formula's output column, in order; a missing input is a one-line error."""
    for name in names:
        formula = FORMULAS.get(name)
        if formula is None:
            raise ImpactError(f"{where}: unknown formula {name!r} (known: {', '.join(sorted(FORMULAS))})")
        available = frozenset(frame.columns)
        missing = [column for column in formula.requires if column not in available]
        if formula.requires_any and not available.intersection(formula.requires_any):
            missing.append(" or ".join(formula.requires_any))
        if missing:
            raise ImpactError(f"{where}: formula {name!r} needs {', '.join(missing)}")
        frame = frame.with_columns(formula.build(available).cast(pl.Float64).alias(formula.output))
    return frame


def tpp_of(throughputs: dict[str, float]) -> float:
    """TPP from dense per-precision rates in TOPS/TFLOPS, keyed by precision (``fp16``, ``int8``, ...)."""
    unknown = sorted(set(throughputs) - set(PRECISION_BITS))
    if unknown:
        raise ImpactError(f"unknown precision {unknown[0]!r} (known: {', '.join(PRECISION_BITS)})")
    if not throughputs:
        raise ImpactError("TPP needs at least one precision's throughput")
    return max(rate * PRECISION_BITS[p] for p, rate in throughputs.items())
