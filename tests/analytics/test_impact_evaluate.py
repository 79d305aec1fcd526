"""3A090 on the real GPU catalogs, the other catalogs, sweeps, charts and the Dask path."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.analytics.impact.catalog import load_catalog
from interregime.analytics.impact.charts import capture_by_year_chart, capture_curves, rule_scatter
from interregime.analytics.impact.evaluate import capture_by_year, evaluate, sweep
from interregime.analytics.impact.rule_library import resolve_rule
from interregime.analytics.impact.rules import parse_rule


def test_3a090a_on_epoch_spot_checks(sources_dir: Path) -> None:
    result = evaluate(load_catalog("epoch-ml-hardware", sources_dir).frame, resolve_rule("3A090.a"))
    captured = set(result.captured)
    assert {"NVIDIA H100 SXM5 80GB", "NVIDIA A100 SXM4 80 GB", "NVIDIA H200 SXM", "AMD Instinct MI300X"} <= captured
    assert "NVIDIA GeForce RTX 4090" in captured  # TPP 5,284.8 >= 4800 (a.1)
    assert "NVIDIA GeForce RTX 4080" in captured  # TPP 3,118 with density 8.2 (a.2)
    # H20: TPP 2,368 and density 2.9 — below a.1, a.2 and both prongs of 3A090.b.
    assert "NVIDIA HGX H20" in result.not_captured
    b = evaluate(load_catalog("epoch-ml-hardware", sources_dir).frame, resolve_rule("3A090.b"))
    assert "NVIDIA HGX H20" in b.not_captured
    assert result.counts["captured"] == 63
    assert result.counts["by_group"]["general_purpose"]["captured"] == 4


def test_3a090a_on_techpowerup(sources_dir: Path) -> None:
    result = evaluate(load_catalog("techpowerup-gpus", sources_dir).frame, resolve_rule("3A090.a"))
    captured = set(result.captured)
    assert {"H100 SXM5 80 GB", "A100 SXM4 80 GB", "GeForce RTX 4090", "Radeon Instinct MI300X"} <= captured
    assert "GeForce RTX 3090" not in captured
    by_group = result.counts["by_group"]
    assert by_group["of_concern"]["share"] > 5 * by_group["general_purpose"]["share"]


def test_printer_build_volume_rule(sources_dir: Path) -> None:
    frame = load_catalog("printvault-printers", sources_dir).frame
    result = evaluate(frame, parse_rule("build_volume >= 0.1 m^3"))
    assert result.counts["captured"] == int((frame["build_volume"] >= 0.1).sum())
    assert 0 < result.counts["captured"] < 10
    assert set(result.counts["by_group"]) == {"general_purpose"}


def test_drone_sweep_separates_payload_platforms(sources_dir: Path) -> None:
    frame = load_catalog("opendronelist", sources_dir).frame
    result = sweep(frame, "max_takeoff", 0.1, 120, 60)
    assert result.best["tpr_minus_fpr"] > 0.8
    assert result.best["share_of_concern_captured"] > result.best["share_general_purpose_captured"]
    assert result.share_of_concern == sorted(result.share_of_concern, reverse=True)


def test_sweep_on_epoch_tpp_and_charts(sources_dir: Path, tmp_path: Path) -> None:
    catalog = load_catalog("epoch-ml-hardware", sources_dir)
    result = sweep(catalog.frame, "tpp", 100, 30000, 40)
    assert result.items_of_concern + result.items_general_purpose + result.items_without_value == 175
    assert result.best["threshold_low"] <= result.best["threshold_high"]
    rule = resolve_rule("3A090.a")
    marked = evaluate(catalog.frame, rule).frame
    assert capture_curves(result, tmp_path / "curve.png").stat().st_size > 1000
    assert rule_scatter(catalog.frame, rule, "tpp", "density", tmp_path / "scatter.svg").read_text().startswith("<?xml")
    years = capture_by_year(marked)
    assert {row["year"] for row in years} >= {2020, 2023}
    assert capture_by_year_chart(years, tmp_path / "years.png").stat().st_size > 1000


def test_qubit_catalog_is_unlabelled(sources_dir: Path) -> None:
    frame = load_catalog("qubit-hardware", sources_dir).frame
    result = evaluate(frame, parse_rule("qubits >= 34 and two_qubit_error <= 0.01"))
    assert set(result.counts["by_group"]) == {"unlabelled"}
    assert result.counts["captured"] >= 1


def test_dask_two_worker_cluster_matches_polars(sources_dir: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from interregime.analytics.impact.dask_eval import captured_count, captured_names, from_polars

    frame = load_catalog("techpowerup-gpus", sources_dir).frame
    rule = parse_rule("tpp >= 4800 or (tpp >= 1600 and density >= 5.92) or not tdp < 600")
    expected = evaluate(frame, rule).captured
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        partitioned = from_polars(frame, partitions=4)
        assert sorted(captured_names(partitioned, rule)) == sorted(expected)
        assert captured_count(partitioned, rule) == len(expected)
