"""Rule evaluation rate: polars vs a plain-Python loop vs Dask on a 2-worker local cluster.

The synthetic catalog resamples (tpp, density) pairs from the real Epoch and TechPowerUp catalogs and
multiplies each value by log-normal noise (sigma 0.1); 5% of density values are blanked to exercise the
missing-value logic. The Python loop runs on a 200k-row subset and is reported as rows/s (scaled).

    .venv/bin/python bench/impact.py [--rows 10000000] [--sources ../shared/data/raw]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import polars as pl

from interregime.analytics.impact.catalog import load_catalog
from interregime.analytics.impact.dask_eval import captured_count
from interregime.analytics.impact.rule_library import resolve_rule
from interregime.analytics.impact.rules import captured_expr, evaluate_row

PYTHON_ROWS = 200_000


def synthetic(sources: Path, rows: int, seed: int = 7) -> pl.DataFrame:
    real = pl.concat([load_catalog(name, sources).frame.select("tpp", "density")
                      for name in ("epoch-ml-hardware", "techpowerup-gpus")]).drop_nulls()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, real.height, rows)
    tpp = real["tpp"].to_numpy()[picks] * rng.lognormal(0, 0.1, rows)
    density = real["density"].to_numpy()[picks] * rng.lognormal(0, 0.1, rows)
    density[rng.random(rows) < 0.05] = np.nan
    return pl.DataFrame({"tpp": tpp, "density": density}).with_columns(pl.col("density").fill_nan(None))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--sources", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/raw")
    args = parser.parse_args()
    rule = resolve_rule("3A090")
    frame = synthetic(args.sources, args.rows)
    print(f"rows {frame.height:,}; rule {rule.text}")

    start = time.perf_counter()
    polars_count = frame.select(captured_expr(rule).sum()).item()
    polars_seconds = time.perf_counter() - start
    polars_rate = frame.height / polars_seconds
    print(f"polars: {polars_seconds:.3f} s, {polars_rate:,.0f} rows/s, captured {polars_count:,}")

    subset = frame.head(PYTHON_ROWS)
    records = subset.to_dicts()
    start = time.perf_counter()
    python_count = sum(1 for row in records if evaluate_row(rule.node, row) is True)
    python_seconds = time.perf_counter() - start
    python_rate = len(records) / python_seconds
    expected = subset.select(captured_expr(rule).sum()).item()
    assert python_count == expected, (python_count, expected)
    print(f"python loop ({len(records):,} rows): {python_seconds:.3f} s, {python_rate:,.0f} rows/s")
    print(f"polars / python: {polars_rate / python_rate:,.0f}x")

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        partitioned = dd.from_pandas(frame.to_pandas(), npartitions=8).persist()  # type: ignore[no-untyped-call]
        start = time.perf_counter()
        dask_count = captured_count(partitioned, rule)
        dask_seconds = time.perf_counter() - start
    assert dask_count == polars_count, (dask_count, polars_count)
    print(f"dask 2 workers, 8 partitions: {dask_seconds:.3f} s, {frame.height / dask_seconds:,.0f} rows/s, "
          f"dask is {dask_seconds / polars_seconds:.1f}x slower than polars alone")


if __name__ == "__main__":
    main()
