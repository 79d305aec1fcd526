"""The workspace page: coordination topics, their proposals, stages and consensus per stage."""

from __future__ import annotations

import datetime as dt

from interregime.domain.consensus import coordination_set, proposal_consensus
from interregime.storage import workspace_store
from interregime.web.report_model import ReportContext, ReportPage, ReportTable


def section(context: ReportContext) -> ReportPage | None:
    proposals = workspace_store.list_proposals(context.engine)
    if not proposals:
        return None
    memberships = context.memberships()
    today = dt.date.today()
    topics = workspace_store.list_topics(context.engine)
    topic_rows = [
        {"topic": t.id, "title": t.title, "technology": t.technology, "regimes": [r.value for r in t.regimes],
         "proposals": len(t.proposals), "states_to_coordinate": len(coordination_set(t, memberships, today))}
        for t in topics
    ]
    proposal_rows = [
        {"proposal": p.id, "regime": p.regime.value, "topic": p.topic or "", "title": p.title, "stage": p.stage.value,
         "version": p.current.number, "originating_states": list(p.originating_states),
         "positions": len(p.positions)}
        for p in proposals
    ]
    consensus_rows = [
        {"proposal": c.proposal_id, "regime": c.regime.value, "stage": c.stage.value, "status": c.status.value,
         "blocked_by": list(c.blocked_by), "reservations": [p.state for p in c.reservations],
         "participants": len(c.participants), "pending": len(c.pending)}
        for p in proposals
        for c in proposal_consensus(p, memberships, today)
    ]
    return ReportPage(
        "workspace",
        "Consensus workspace",
        "Proposed controls, the stages they have reached (threat, need, items, parameters, adopted) and whether "
        "each stage has consensus among the regime's participants: any objection blocks it, and it stays pending "
        "until every participant has spoken.",
        [
            ReportTable("topics", ["topic", "title", "technology", "regimes", "proposals", "states_to_coordinate"],
                        topic_rows, caption="Coordination topics"),
            ReportTable("proposals", ["proposal", "regime", "topic", "title", "stage", "version",
                                      "originating_states", "positions"], proposal_rows, caption="Proposals"),
            ReportTable("consensus", ["proposal", "regime", "stage", "status", "blocked_by", "reservations",
                                      "participants", "pending"], consensus_rows, caption="Consensus per stage"),
        ],
        facts=[("Topics", str(len(topics))), ("Proposals", str(len(proposals))),
               ("Adopted", str(sum(p.stage.value == "adopted" for p in proposals)))],
    )
