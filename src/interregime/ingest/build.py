"""The build: parse every selected source, then save all of it in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import sqlalchemy as sa

from interregime.domain.corpus import EditionContent, NativeCode
from interregime.domain.regimes import Membership
from interregime.ingest import registry
from interregime.ingest.context import SourceContext, SourceError, Warning_
from interregime.storage.corpus_store import save_edition, save_warnings
from interregime.storage.membership_store import save_memberships
from interregime.storage.parameter_store import store_parameters

MEMBERS = "members"
Progress = Callable[[str], None]


@dataclass
class BuildReport:
    editions: list[EditionContent] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    warnings: dict[str, list[Warning_]] = field(default_factory=dict)


def _crawl(name: str, module_name: str, sources_dir: Path, verify: bool) -> tuple[object, SourceContext]:
    module = registry.optional_module(module_name)
    if module is None:
        raise SourceError(name, "", f"no parser module {module_name}")
    context = SourceContext(sources_dir, verify_hashes=verify)
    try:
        result = module.crawl(context)
    except SourceError:
        raise
    except Exception as error:  # a parser bug or malformed input it did not anticipate
        files = ", ".join(getattr(module, "FILES", {})) or name
        raise SourceError(files, "", f"{type(error).__name__}: {error}") from error
    return result, context


def parse_sources(
    sources_dir: Path, only: Sequence[str] | None = None, progress: Progress | None = None, verify: bool = True
) -> BuildReport:
    """Parse the selected sources (all known ones by default) without touching the database."""
    selected = list(only) if only else [*registry.available_lists(), MEMBERS]
    report = BuildReport()
    for name in selected:
        if name == MEMBERS:
            continue
        if name not in registry.LIST_SOURCES:
            raise SourceError(name, "", f"unknown list; known: {', '.join([*registry.LIST_SOURCES, MEMBERS])}")
        if progress:
            progress(f"parsing {name}")
        contents, context = _crawl(name, registry.LIST_SOURCES[name], sources_dir, verify)
        report.editions.extend(cast(list[EditionContent], contents))
        report.warnings[name] = context.warnings
    native_module = registry.optional_module(registry.NATIVE_CODE_SOURCE)
    if report.editions and native_module is not None and _files_present(native_module, sources_dir):
        if progress:
            progress("attaching regime item numbers")
        native, context = _crawl("native codes", registry.NATIVE_CODE_SOURCE, sources_dir, verify)
        attach_native_codes(report.editions, cast(dict[str, list[NativeCode]], native))
        report.warnings["native-codes"] = context.warnings
    if MEMBERS in selected:
        if progress:
            progress("parsing memberships")
        memberships, context = _crawl(MEMBERS, registry.MEMBERSHIP_SOURCE, sources_dir, verify)
        report.memberships = list(cast(list[Membership], memberships))
        report.warnings[MEMBERS] = context.warnings
    return report


def _files_present(module: object, sources_dir: Path) -> bool:
    """Regime item numbers enrich the lists; a sources folder without their files builds without them."""
    files: dict[str, str] = getattr(module, "FILES", {})
    return all((sources_dir / name).is_file() for name in files)


def attach_native_codes(editions: Sequence[EditionContent], native: dict[str, list[NativeCode]]) -> None:
    """Attach regime item numbers, keyed by EU-style entry code, to entries that implement them."""
    for content in editions:
        for entry in content.entries:
            key = entry.eu_code or entry.code
            for code in native.get(key, []):
                if code not in entry.native_codes:
                    entry.native_codes.append(code)


def build(
    engine: sa.Engine,
    sources_dir: Path,
    only: Sequence[str] | None = None,
    progress: Progress | None = None,
    verify: bool = True,
) -> BuildReport:
    """Parse, then save everything in one transaction: a failure leaves the stored corpus untouched."""
    report = parse_sources(sources_dir, only, progress, verify)
    if progress:
        progress("saving")
    with engine.begin() as conn:
        for content in report.editions:
            edition_id = save_edition(conn, content)
            if progress:
                progress(f"extracting parameters of {content.edition.key}")
            store_parameters(conn, content, edition_id)
        for source, warnings in report.warnings.items():
            save_warnings(conn, source, warnings)
        if report.memberships:
            save_memberships(conn, report.memberships)
    return report
