"""The impact page: what candidate thresholds capture in the real product catalogs, with charts."""

from __future__ import annotations

from dataclasses import dataclass

from interregime.analytics.impact.catalog import load_catalog
from interregime.analytics.impact.charts import capture_by_year_chart, capture_curves, rule_scatter
from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.evaluate import capture_by_year, evaluate, sweep
from interregime.analytics.impact.mapping import GENERAL_PURPOSE, OF_CONCERN
from interregime.analytics.impact.rule_library import resolve_rule
from interregime.web.report_model import ReportContext, ReportPage, ReportTable


@dataclass(frozen=True)
class Study:
    catalog: str
    rule: str
    characteristic: str
    low: float
    high: float
    scatter: tuple[str, str] | None = None


STUDIES = (
    Study("epoch-ml-hardware", "3A090.a", "tpp", 100, 40000, ("tpp", "density")),
    Study("techpowerup-gpus", "3A090.a", "tpp", 100, 40000, ("tpp", "density")),
    Study("printvault-printers", "build_volume >= 0.05 m^3", "build_volume", 0.001, 0.5),
    Study("opendronelist", "max_takeoff >= 25 kg", "max_takeoff", 0.1, 100),
)


def section(context: ReportContext) -> ReportPage | None:
    if context.sources_dir is None:
        return None
    rows: list[dict[str, object]] = []
    curves: list[dict[str, object]] = []
    charts: list[str] = []
    for study in STUDIES:
        try:
            catalog = load_catalog(study.catalog, context.sources_dir)
        except (ImpactError, OSError):
            continue
        result = evaluate(catalog.frame, resolve_rule(study.rule), study.catalog)
        groups = result.counts["by_group"]
        swept = sweep(catalog.frame, study.characteristic, study.low, study.high, 40)
        rows.append({
            "catalog": study.catalog, "rule": study.rule, "items": result.counts["items"],
            "captured": result.counts["captured"],
            "of_concern_captured": groups.get(OF_CONCERN, {}).get("captured", 0),
            "general_purpose_captured": groups.get(GENERAL_PURPOSE, {}).get("captured", 0),
            "best_threshold": swept.best.get("trade_off", "no labelled groups to separate"),
        })
        curves.extend({"catalog": study.catalog, "characteristic": study.characteristic, **point}
                      for point in swept.as_dict()["curve"])
        name = study.catalog
        capture_curves(swept, context.chart_path(f"impact-{name}-curves.png"), f"{name}: {study.characteristic}")
        charts.append(f"impact-{name}-curves.png")
        by_year = capture_by_year(result.frame)
        if by_year:
            capture_by_year_chart(by_year, context.chart_path(f"impact-{name}-years.png"),
                                  f"{name}: {study.rule} by release year")
            charts.append(f"impact-{name}-years.png")
        if study.scatter:
            rule_scatter(catalog.frame, result.rule, *study.scatter,
                         context.chart_path(f"impact-{name}-scatter.png"), f"{name}: {study.rule}")
            charts.append(f"impact-{name}-scatter.png")
    if not rows:
        return None
    return ReportPage(
        "impact", "Parameter impact",
        "Does a threshold separate the items of concern from general-purpose ones? Real catalogs, "
        "capture curves of both groups as the threshold moves, and capture share by release year.",
        [ReportTable("rules", ["catalog", "rule", "items", "captured", "of_concern_captured",
                               "general_purpose_captured", "best_threshold"], rows, caption="Rules applied"),
         ReportTable("curves", ["catalog", "characteristic", "threshold", "share_of_concern",
                                "share_general_purpose"], curves, caption="Capture curves")],
        charts,
    )
