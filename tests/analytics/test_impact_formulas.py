"""TPP and performance density against Epoch's own TPP column, the ground-truth set and TechPowerUp."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from interregime.analytics.impact.catalog import load_catalog, match_key
from interregime.analytics.impact.crosscheck import estimate_error, reference_tpp, tpp_agreement
from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.formulas import apply_formulas, tpp_of

# Rows where Epoch's reported TPP is not max(dense rate x bit length) of its own columns:
# MTIA 300 and Inferentia2/Trainium1 (Epoch's TPP ignores the FP8/INT8 column), Trainium3 and MI355X
# (Epoch uses a lower rate than its own FP8/FP16 columns), GB300 (Epoch above FP4 x 4), TPU v2 (45 vs 46 TFLOPS).
EPOCH_TPP_EXCEPTIONS = {
    "Meta MTIA 300", "Amazon Trainium3", "NVIDIA GB300 (Blackwell Ultra)", "AMD Instinct MI355X",
    "AWS Inferentia2", "Amazon Trainium1", "Google TPU v2",
}


def test_tpp_of_takes_the_largest_precision() -> None:
    assert tpp_of({"fp16": 989.4, "fp8": 1978.9, "fp64": 67}) == pytest.approx(15831, rel=1e-3)
    with pytest.raises(ImpactError, match="unknown precision 'fp12'"):
        tpp_of({"fp12": 1.0})


def test_epoch_tpp_agrees_within_one_percent(sources_dir: Path) -> None:
    frame = load_catalog("epoch-ml-hardware", sources_dir).frame
    agreement = tpp_agreement(frame, tolerance=0.01)
    assert agreement.compared == 161
    assert {row["name"] for row in agreement.exceptions} == EPOCH_TPP_EXCEPTIONS
    assert agreement.within == 154


def test_groundtruth_tpp_and_density(sources_dir: Path) -> None:
    folder = sources_dir / "gpu_tpp_groundtruth"
    throughput = pl.read_csv(folder / "throughput.csv").filter(~pl.col("with_sparsity"))
    tpp = throughput.group_by("name").agg(tpp=(pl.col("dense_tops") * pl.col("bit_length")).max())
    chips = pl.read_csv(folder / "chips.csv").join(tpp, on="name")
    frame = apply_formulas(chips.rename({"die_area_mm2": "die_area"}), ("performance_density",), "groundtruth")
    by_name = {row["name"]: row for row in frame.to_dicts()}
    assert by_name["NVIDIA H100 (SXM)"]["tpp"] == pytest.approx(15832, rel=0.001)
    assert by_name["NVIDIA A100 (SXM 80GB)"]["tpp"] == pytest.approx(4992, rel=0.001)
    assert by_name["NVIDIA H100 (SXM)"]["density"] == pytest.approx(15832 / 814, rel=0.001)
    assert by_name["NVIDIA H20"]["tpp"] < 4800


def test_formula_with_missing_input_names_it() -> None:
    with pytest.raises(ImpactError, match="formula 'performance_density' needs die_area"):
        apply_formulas(pl.DataFrame({"tpp": [1.0]}), ("performance_density",), "m.toml")


def test_match_key_pairs_names_across_catalogs() -> None:
    assert match_key("NVIDIA H100 SXM5 80GB") == match_key("H100-SXM") == match_key("H100 SXM5 80 GB")
    assert match_key("NVIDIA GeForce RTX 4090") == match_key("4090")
    assert match_key("Quadro 4000") != match_key("NVIDIA Quadro RTX 4000")


def test_techpowerup_estimate_error_on_matched_rows(sources_dir: Path) -> None:
    estimated = load_catalog("techpowerup-gpus", sources_dir).frame
    reference = reference_tpp(load_catalog("gpu-tensor-table", sources_dir).frame,
                              load_catalog("epoch-ml-hardware", sources_dir).frame)
    report = estimate_error(estimated, reference)
    assert report["matched"] >= 80
    assert report["median_abs_relative_error"] < 0.01
    assert report["share_within_10pct"] >= 0.7
    rows = {row["name"]: row for row in report["rows"]}
    assert rows["GeForce RTX 4090"]["relative_error"] == pytest.approx(0, abs=0.005)
    assert rows["Radeon Instinct MI300X"]["relative_error"] == pytest.approx(0, abs=0.005)
    assert 0.05 < rows["H100 SXM5 80 GB"]["relative_error"] < 0.10
