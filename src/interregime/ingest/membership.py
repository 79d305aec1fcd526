"""Regime memberships from the Wikipedia articles, cross-checked against the US BIS Country Groups A:1–A:4."""

from __future__ import annotations

import json
from collections.abc import Callable

from interregime.domain.regimes import Membership, MembershipStatus, Regime
from interregime.ingest.context import OfficialFile, SourceContext, SourceError
from interregime.ingest.country_names import state_for
from interregime.ingest.membership_pages import parse_australia_group, parse_mtcr, parse_nsg, parse_wassenaar
from interregime.ingest.wiki_page import Page

LIST = "members"
_WIKI_BASE = (
    "https://raw.githubusercontent.com/isauravmanitripathi/One-Time-Use-Files/"
    "b437b13b6962a12dec1ca0c9eea5386c8e4d8191/json_parser/International-organisation-question-bank/markdown/"
)
AG_FILE = "membership/wikipedia_australia_group.md"
MTCR_FILE = "membership/wikipedia_missile_technology_control_regime.md"
NSG_FILE = "membership/wikipedia_nuclear_suppliers_group.md"
WA_FILE = "membership/wikipedia_wassenaar_arrangement.md"
BIS_GROUPS_FILE = "us_ccl/seelpeed_country-groups.json"

FILES: dict[str, str] = {
    AG_FILE: "7d0fc1b4658cdec8424e2f91e9497ca4864c5383cf9b68fc5c303535df78f118",
    MTCR_FILE: "ce54c46f4609a592b4bf5ee75328bbba1b62362f5053c1cd159d0d4eb95b4e2a",
    NSG_FILE: "1ad5104de55a0f45ec1c08cb3d4dec2a257e8049dbd08e299481821cc5a6ba57",
    WA_FILE: "e0448d2cbe80f3b0aeadd1a0eb4057fbce676e166d55b628f5898f54b0b1500d",
    BIS_GROUPS_FILE: "0b663a1427182c1f12a511f53df10b45966ca80a1777b3111080242b574ea3ec",
}

OFFICIAL: list[OfficialFile] = [
    *(
        OfficialFile(path, _WIKI_BASE + path.rsplit("/", 1)[1], FILES[path])
        for path in (AG_FILE, MTCR_FILE, NSG_FILE, WA_FILE)
    ),
    OfficialFile(
        BIS_GROUPS_FILE,
        "https://raw.githubusercontent.com/seelpeed-debug/export-controls-agent-mcp/"
        "7c618b80a6787b0e6d760a385cfa44c3b9e2e264/src/data/country-groups.json",
        FILES[BIS_GROUPS_FILE],
    ),
]

PAGE_PARSERS: dict[str, Callable[[Page, SourceContext], list[Membership]]] = {
    AG_FILE: parse_australia_group,
    MTCR_FILE: parse_mtcr,
    NSG_FILE: parse_nsg,
    WA_FILE: parse_wassenaar,
}

BIS_GROUP: dict[Regime, str] = {Regime.WA: "A:1", Regime.MTCR: "A:2", Regime.AG: "A:3", Regime.NSG: "A:4"}

# Differences the US government makes on purpose (15 CFR 740 Supp. 1 leaves these participants out).
US_EXCLUSIONS: dict[tuple[str, Regime], str] = {
    ("RU", Regime.WA): "the US leaves Russia out of Country Group A:1",
    ("RU", Regime.MTCR): "the US leaves Russia out of Country Group A:2",
    ("RU", Regime.NSG): "the US leaves Russia out of Country Group A:4",
    ("CN", Regime.NSG): "the US leaves China out of Country Group A:4",
    ("BY", Regime.NSG): "the US leaves Belarus out of Country Group A:4",
}


def crawl(context: SourceContext) -> list[Membership]:
    memberships: list[Membership] = []
    for path, parse in PAGE_PARSERS.items():
        page = Page.from_bytes(path, context.read(path, FILES[path]))
        memberships.extend(parse(page, context))
    cross_check(memberships, read_bis_groups(context), context)
    return memberships


def read_bis_groups(context: SourceContext) -> dict[Regime, set[str]]:
    """The ISO codes in BIS Country Groups A:1–A:4, by regime."""
    data = context.read(BIS_GROUPS_FILE, FILES[BIS_GROUPS_FILE])
    try:
        groups = json.loads(data)["groups"]
    except (ValueError, KeyError, TypeError) as error:
        raise SourceError(BIS_GROUPS_FILE, "groups", f"not a country-groups document ({error})") from None
    result: dict[Regime, set[str]] = {}
    for regime, group in BIS_GROUP.items():
        names = groups.get(group) if isinstance(groups, dict) else None
        if not isinstance(names, list):
            raise SourceError(BIS_GROUPS_FILE, f"groups.{group}", "missing or not a list of country names")
        codes: set[str] = set()
        for index, name in enumerate(names):
            state = state_for(str(name))
            if state is None:
                raise SourceError(BIS_GROUPS_FILE, f"groups.{group}[{index}]", f"unknown country {name!r}")
            codes.add(state.code)
        result[regime] = codes
    return result


def cross_check(memberships: list[Membership], bis: dict[Regime, set[str]], context: SourceContext) -> None:
    """Warn about each current sovereign participant missing from the BIS group, and the reverse."""
    for regime, group_codes in bis.items():
        group = BIS_GROUP[regime]
        current = {
            m.state.code: m
            for m in memberships
            if m.regime is regime
            and m.status is MembershipStatus.PARTICIPANT
            and m.state.is_sovereign
            and m.left is None
        }
        for code in sorted(current.keys() - group_codes):
            member = current[code]
            reason = US_EXCLUSIONS.get((code, regime), "not explained")
            context.warn(
                BIS_GROUPS_FILE,
                f"groups.{group}",
                f"{member.state.name} ({code}) is a {regime.value} participant in {member.source} "
                f"but not in BIS Country Group {group}: {reason}",
            )
        for code in sorted(group_codes - current.keys()):
            state = state_for(code)
            name = state.name if state else code
            context.warn(
                BIS_GROUPS_FILE,
                f"groups.{group}",
                f"{name} ({code}) is in BIS Country Group {group} but not a {regime.value} participant "
                "in the article",
            )
