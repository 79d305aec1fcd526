"""The sources the build knows, by list id. Each module has ``LIST``, ``FILES`` (relative path →
pinned sha256), ``OFFICIAL`` (official download addresses) and ``crawl(context)``."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

LIST_SOURCES: dict[str, str] = {
    "eu-annex-i": "interregime.ingest.eu_annex_i",
    "us-ccl": "interregime.ingest.us_ccl",
    "wassenaar": "interregime.ingest.wassenaar",
    "in-scomet": "interregime.ingest.in_scomet",
    "no-list-ii": "interregime.ingest.no_list_ii",
}
MEMBERSHIP_SOURCE = "interregime.ingest.membership"
NATIVE_CODE_SOURCE = "interregime.ingest.uk_lite"


def available_lists() -> list[str]:
    return [list_id for list_id, module in LIST_SOURCES.items() if _exists(module)]


def _exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def load_source(list_id: str) -> ModuleType:
    if list_id not in LIST_SOURCES:
        raise KeyError(f"unknown list {list_id!r}; known lists: {', '.join(LIST_SOURCES)}")
    return importlib.import_module(LIST_SOURCES[list_id])


def optional_module(name: str) -> ModuleType | None:
    return importlib.import_module(name) if _exists(name) else None
