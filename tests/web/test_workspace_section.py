"""The workspace page of the report, from the additive-manufacturing topic on the real memberships."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from interregime.domain.proposal_codec import proposal_from_record, topic_from_record
from interregime.ingest.build import build
from interregime.storage import workspace_store
from interregime.web.report import write_report
from interregime.web.report_model import ReportContext
from interregime.web.sections.workspace import section

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "topic_additive_manufacturing.json"


def test_workspace_page(engine: sa.Engine, sources_dir: Path, tmp_path: Path) -> None:
    context = ReportContext(engine, tmp_path / "report", sources_dir)
    assert section(context) is None, "no page without proposals"
    build(engine, sources_dir, only=["members"])
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    workspace_store.save_topic(engine, topic_from_record(data["topics"][0], "topics[0]"))
    for i, record in enumerate(data["proposals"]):
        workspace_store.create_proposal(engine, proposal_from_record(record, f"proposals[{i}]"))
    page = section(context)
    assert page is not None
    topics, proposals, consensus = page.tables
    assert [(r["topic"], r["regimes"], r["proposals"]) for r in topics.rows] == [("am-metal-pbf", ["MTCR", "WA"], 2)]
    assert [(r["proposal"], r["stage"], r["version"]) for r in proposals.rows] == [
        ("mtcr-2024-am-rocket", "need", 1), ("wa-2024-am-pbf", "items", 2)]
    status = {(r["proposal"], r["stage"]): (r["status"], r["blocked_by"]) for r in consensus.rows}
    assert status[("mtcr-2024-am-rocket", "need")] == ("blocked", ["RU"])
    assert status[("wa-2024-am-pbf", "items")] == ("pending", [])
    write_report(context, [section])
    html = (context.out_dir / "workspace.html").read_text(encoding="utf-8")
    assert "Consensus workspace" in html and "wa-2024-am-pbf" in html
    assert (context.out_dir / "downloads" / "workspace-consensus.csv").is_file()
