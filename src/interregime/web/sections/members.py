"""The memberships page: combinations of the four regimes, the matrix, and the accession timeline."""

from __future__ import annotations

from interregime.analytics.membership import combinations, membership_matrix
from interregime.analytics.membership_charts import timeline_chart, upset_chart
from interregime.domain.regimes import EXPORT_CONTROL_REGIMES
from interregime.web.report_model import ReportContext, ReportPage, ReportTable


def section(context: ReportContext) -> ReportPage | None:
    memberships = context.memberships()
    if not memberships:
        return None
    report = combinations(memberships)
    upset_chart(report, context.chart_path("members-upset.png"))
    timeline_chart(memberships, context.chart_path("members-timeline.png"))
    combination_rows = [
        {"regimes": " + ".join(r.value for r in c.regimes), "states": c.size,
         "members": ", ".join(s.name for s in c.states)}
        for c in report.combinations
    ]
    matrix_rows = [
        {"state": row.state.name, "code": row.state.code,
         **{regime.value: row.cells[regime].value if regime in row.cells else "" for regime in EXPORT_CONTROL_REGIMES}}
        for row in membership_matrix(memberships)
    ]
    return ReportPage(
        "members", "Memberships",
        "Every state sits in a different subset of the four regimes; each combination is a different "
        "set of consents a control agreed in several regimes needs.",
        [ReportTable("combinations", ["regimes", "states", "members"], combination_rows,
                     caption="Membership combinations (sovereign participants)"),
         ReportTable("matrix", ["state", "code", *(r.value for r in EXPORT_CONTROL_REGIMES)], matrix_rows,
                     caption="Membership matrix")],
        ["members-upset.png", "members-timeline.png"],
        [("sovereign participants", str(report.participant_count)),
         ("distinct combinations", str(len(report.combinations))),
         ("in all four regimes", str(len(report.in_all)))],
    )
