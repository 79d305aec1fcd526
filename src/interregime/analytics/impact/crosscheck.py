"""Checks of derived TPP against other sources.

* :func:`tpp_agreement` — computed TPP vs a reported TPP column in the same catalog (Epoch's own
  'Total processing performance'): the rows outside a relative tolerance are the exceptions.
* :func:`estimate_error` — estimated TPP (TechPowerUp) vs reference catalogs, items matched by
  :func:`catalog.match_key`; reports relative-error statistics over the matched items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from interregime.analytics.impact.catalog import match_key


@dataclass(frozen=True)
class Agreement:
    compared: int
    within: int
    tolerance: float
    exceptions: list[dict[str, Any]]


def tpp_agreement(frame: pl.DataFrame, computed: str = "tpp", reported: str = "tpp_reported",
                  tolerance: float = 0.01) -> Agreement:
    both = frame.filter(pl.col(computed).is_not_null() & pl.col(reported).is_not_null() & (pl.col(reported) > 0))
    both = both.with_columns(relative_error=pl.col(computed) / pl.col(reported) - 1)
    outside = both.filter(pl.col("relative_error").abs() > tolerance)
    exceptions = outside.select("name", computed, reported, pl.col("relative_error").round(4)).to_dicts()
    return Agreement(both.height, both.height - outside.height, tolerance, exceptions)


def reference_tpp(*frames: pl.DataFrame) -> pl.DataFrame:
    """One reference TPP per match key (the first frame that has the item wins)."""
    parts = [f.filter(pl.col("tpp").is_not_null()).select("name", "tpp") for f in frames]
    stacked = pl.concat(parts).with_columns(key=pl.col("name").map_elements(match_key, return_dtype=pl.String))
    return stacked.unique("key", keep="first", maintain_order=True).rename({"name": "reference_name",
                                                                          "tpp": "reference_tpp"})


def estimate_error(estimated: pl.DataFrame, reference: pl.DataFrame) -> dict[str, Any]:
    """Relative error of ``estimated.tpp`` against ``reference_tpp`` for items matched by name key."""
    keyed = estimated.filter(pl.col("tpp").is_not_null()).with_columns(
        key=pl.col("name").map_elements(match_key, return_dtype=pl.String))
    matched = keyed.join(reference, on="key", how="inner").unique("key", keep="first", maintain_order=True)
    matched = matched.with_columns(relative_error=pl.col("tpp") / pl.col("reference_tpp") - 1)
    errors = matched["relative_error"].abs().to_numpy()
    if matched.height == 0:
        return {"matched": 0}
    return {
        "matched": matched.height,
        "median_abs_relative_error": round(float(np.median(errors)), 4),
        "p90_abs_relative_error": round(float(np.quantile(errors, 0.9)), 4),
        "share_within_10pct": round(float(np.mean(errors <= 0.10)), 4),
        "share_within_25pct": round(float(np.mean(errors <= 0.25)), 4),
        "rows": matched.select("name", "reference_name", pl.col("tpp").round(1), pl.col("reference_tpp").round(1),
                               pl.col("relative_error").round(4)).sort("name").to_dicts(),
    }
