"""The EU Annex I edition parsed once per test session, for the parameter tests."""

from __future__ import annotations

from pathlib import Path

from interregime.domain.corpus import EditionContent
from interregime.ingest.context import SourceContext
from interregime.ingest.eu_annex_i import crawl

_CACHE: dict[Path, EditionContent] = {}


def eu_content(sources_dir: Path) -> EditionContent:
    if sources_dir not in _CACHE:
        _CACHE[sources_dir] = crawl(SourceContext(sources_dir))[0]
    return _CACHE[sources_dir]
