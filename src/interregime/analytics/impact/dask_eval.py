"""The same rule evaluation on Dask dataframes, for catalogs partitioned on disk or larger than memory.

A rule compiles to two boolean masks per partition — definitely true and definitely false — so missing
values follow the same three-valued logic as the polars path (``rules.to_polars``) and the captured set is
identical. Partitions are pandas frames; each partition is evaluated independently.

Running on a real cluster: start a scheduler and workers (``dask scheduler`` on one host,
``dask worker tcp://SCHEDULER:8786`` on each worker host), then in the analysis process
``from distributed import Client; client = Client("tcp://SCHEDULER:8786")`` before calling
:func:`captured_names`; the computation goes to whichever client is current. Read the catalog where the
workers can reach it (``dd.read_parquet("s3://bucket/catalog/*.parquet")`` or a shared filesystem), with
characteristic columns already in canonical units (``catalog.load_catalog(...).frame.write_parquet``).
For a local test cluster: ``Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=False))``.
"""

from __future__ import annotations

from typing import Any

import dask.dataframe as dd
import polars as pl

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.rules import AllOf, Compare, Negation, Node, Rule, comparisons


def _masks(node: Node, frame: Any) -> tuple[Any, Any]:
    """(definitely true, definitely false) boolean series for ``node`` over a pandas or Dask frame."""
    if isinstance(node, Compare):
        column = frame[node.characteristic]
        known = column.notnull()
        ops = {">=": column >= node.value, ">": column > node.value, "<=": column <= node.value,
               "<": column < node.value, "==": column == node.value, "!=": column != node.value}
        hit = ops[node.op] & known
        return hit, known & ~hit
    if isinstance(node, Negation):
        true, false = _masks(node.part, frame)
        return false, true
    parts = [_masks(part, frame) for part in node.parts]
    true, false = parts[0]
    for part_true, part_false in parts[1:]:
        if isinstance(node, AllOf):
            true, false = true & part_true, false | part_false
        else:
            true, false = true | part_true, false & part_false
    return true, false


def captured_mask(frame: Any, rule: Rule) -> Any:
    """Boolean series: the rule is definitely true for the row (pandas or Dask)."""
    missing = [c.characteristic for c in comparisons(rule.node) if c.characteristic not in frame.columns]
    if missing:
        raise ImpactError(f"dask: frame has no characteristic {missing[0]!r}")
    return _masks(rule.node, frame)[0]


def from_polars(frame: pl.DataFrame, partitions: int) -> dd.DataFrame:
    result: dd.DataFrame = dd.from_pandas(frame.to_pandas(), npartitions=partitions)  # type: ignore[no-untyped-call]
    return result


def captured_names(frame: dd.DataFrame, rule: Rule, name_column: str = "name") -> list[str]:
    """Names of captured items, computed on the current Dask client (local or remote cluster)."""
    mask = captured_mask(frame, rule)
    return [str(name) for name in frame[name_column][mask].compute().tolist()]


def captured_count(frame: dd.DataFrame, rule: Rule) -> int:
    return int(captured_mask(frame, rule).sum().compute())
