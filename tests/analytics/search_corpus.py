"""A small corpus in three lists for the search tests: the machine-tool entry in EU, Wassenaar and US
form, its NSG neighbour, a UAV entry, a fermenter entry and a US-only chip entry."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from interregime.domain.corpus import (
    ControlList,
    CrossReference,
    Definition,
    Edition,
    EditionContent,
    Entry,
    Item,
    ListKind,
    Note,
    NoteKind,
    XRefKind,
)
from interregime.domain.regimes import Regime
from interregime.storage import corpus_store

MACHINE_TOOLS = [
    ("", "Machine tools and any combination thereof, for removing or cutting metals, ceramics or composites, "
         "which can be equipped with electronic devices for numerical control, as follows:", 0),
    ("b", "Machine tools for milling having any of the following:", 1),
    ("b.1", "Unidirectional positioning repeatability equal to or less (better) than {v} µm along one or more "
            "linear axis;", 2),
]
NSG_TOOLS = "Machine tools, other than those specified in {ref}, for removing or cutting metals, having two or " \
            "more axes which can be coordinated simultaneously for contouring control"
UAV = "Unmanned aerial vehicles, unmanned airships, related equipment and components, designed for controlled flight"
FERMENTERS = "Fermenters capable of cultivation of micro-organisms or of live cells having a capacity of 20 litres " \
             "or greater"


def _items(code: str, separator: str, value: str) -> list[Item]:
    items = []
    for label, text, depth in MACHINE_TOOLS:
        item_code = f"{code}{separator}{label}" if label else code
        parent = None if depth == 0 else (code if depth == 1 else f"{code}{separator}b")
        items.append(Item(item_code, text.format(v=value), parent, depth, defined_terms=["numerical control"]))
    return items


def _content(list_id: str, regime: Regime | None, sha: str, entries: list[Entry],
             xrefs: list[CrossReference] | None = None) -> EditionContent:
    control_list = ControlList(list_id, list_id, ListKind.REGIME if regime else ListKind.NATIONAL, list_id, regime)
    edition = Edition(list_id, dt.date(2025, 1, 1), list_id, f"{list_id}.json", sha)
    definitions = [Definition("numerical control", "automatic control of a process by a device using numeric data")]
    return EditionContent(control_list, edition, entries, definitions, xrefs or [])


def corpus(version: str = "1") -> list[EditionContent]:
    eu_tools = Entry("2B001", MACHINE_TOOLS[0][1], "2", Regime.WA, "2B001", _items("2B001", ".", "0,9"))
    eu_nsg = Entry("2B201", NSG_TOOLS.format(ref="2B001"), "2", Regime.NSG, "2B201",
                   [Item("2B201", NSG_TOOLS.format(ref="2B001"), notes=[Note(NoteKind.NOTE, "See also 2B001.")])])
    eu_uav = Entry("9A012", UAV, "9", Regime.WA, "9A012", [Item("9A012", UAV)])
    eu_fermenters = Entry("2B352", FERMENTERS, "2", Regime.AG, "2B352", [Item("2B352", FERMENTERS)])
    eu = _content("eu-annex-i", None, "eu" + version,
                  [eu_tools, eu_nsg, eu_uav, eu_fermenters],
                  [CrossReference("2B201", "2B001", XRefKind.SEE_ALSO, "See also 2B001.")])
    wa_tools = Entry("2.B.1", MACHINE_TOOLS[0][1], "2", Regime.WA, "2B001", _items("2.B.1", ".", "0.9"))
    wassenaar = _content("wassenaar", Regime.WA, "wa" + version, [wa_tools])
    us_tools = Entry("2B001", MACHINE_TOOLS[0][1], "2", Regime.WA, "2B001", _items("2B001", ".", "0.9"))
    chip_text = "Integrated circuits having a total processing performance of 4800 or more"
    us_chips = Entry("3A090", chip_text, "3", None, "", [Item("3A090", chip_text)])
    us = _content("us-ccl", None, "us" + version, [us_tools, us_chips])
    return [eu, wassenaar, us]


def store(engine: sa.Engine, contents: list[EditionContent]) -> None:
    with engine.begin() as conn:
        for content in contents:
            corpus_store.save_edition(conn, content)
