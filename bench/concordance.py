"""Concordance: accuracy against the hand-checked labels, each sample reported separately, and time per list.

Usage: .venv/bin/python bench/concordance.py [--database URL] [--sources DIR] [--labels FILE] [--misses]
       .venv/bin/python bench/concordance.py --database URL --draw s2   # the entries of a new sample

Without --database the corpus is built from --sources (default ../shared/data/raw) into a temporary
SQLite file first; the build is not timed. ``s1`` is the sample the rules and thresholds were tuned on;
``s2`` was drawn afterwards with ``random.Random(11)`` (``--draw s2`` prints it again) and labelled by
reading the entries before any change made for it.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlalchemy as sa

from interregime.analytics.concordance import ConcordanceRow, concordance
from interregime.analytics.concordance.evaluation import read_labels, score
from interregime.domain.corpus import EditionContent, Entry
from interregime.ingest.build import build
from interregime.storage import corpus_store
from interregime.storage.database import create_engine, upgrade

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "concordance_labelled.csv"
NATIONAL_LISTS = ("us-ccl", "in-scomet", "no-list-ii")
SEED = 11

# Strata of a new sample, each (list, description, test on the entry code, how many to draw).
_CCL_MUNITIONS = re.compile(r"^\d[A-E][56]\d\d$")
_CCL_NATIONAL = re.compile(r"^\d[A-E]9\d\d$")
_CCL_OTHER_REGIMES = re.compile(r"^\d[A-E][123]\d\d$")
STRATA: list[tuple[str, str, Callable[[str], bool], int]] = [
    ("in-scomet", "SCOMET categories 0-5", lambda code: code[:1] in "012345", 30),
    ("us-ccl", "0x5zz / 600 series", lambda code: bool(_CCL_MUNITIONS.match(code)), 7),
    ("us-ccl", "x9xx", lambda code: bool(_CCL_NATIONAL.match(code)), 5),
    ("us-ccl", "MTCR/NSG/AG numbers", lambda code: bool(_CCL_OTHER_REGIMES.match(code)), 7),
    ("us-ccl", "any other ECCN", lambda code: not (_CCL_MUNITIONS.match(code) or _CCL_NATIONAL.match(code)
                                                   or _CCL_OTHER_REGIMES.match(code)), 6),
    ("no-list-ii", "any entry", lambda code: True, 25),
]


def _engine(database: str | None, sources: Path, folder: Path) -> sa.Engine:
    if database:
        return create_engine(database)
    engine = create_engine(f"sqlite:///{folder / 'corpus.sqlite'}")
    upgrade(engine)
    build(engine, sources, only=["eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii"])
    return engine


def draw(contents: dict[str, EditionContent], excluded: set[tuple[str, str]]) -> list[tuple[str, str, Entry]]:
    """A stratified random sample of national entries not yet labelled, in the order of ``STRATA``."""
    rng = random.Random(SEED)
    drawn: list[tuple[str, str, Entry]] = []
    for list_id, stratum, member, size in STRATA:
        pool = [e for e in contents[list_id].entries if member(e.code) and (list_id, e.code) not in excluded]
        drawn.extend((list_id, stratum, entry) for entry in rng.sample(pool, min(size, len(pool))))
    return drawn


def _print_draw(contents: dict[str, EditionContent], labels_path: Path, sample: str) -> None:
    """The draw excludes entries labelled in the other samples, so it prints the same list once labelled."""
    other = {(label.list_id, label.code) for label in read_labels(labels_path) if label.sample != sample}
    for list_id, stratum, entry in draw(contents, other):
        print(f"{list_id},{entry.code},{stratum},{entry.heading[:90]}")


def _report(rows: dict[tuple[str, str], ConcordanceRow], labels_path: Path, misses: bool) -> None:
    labels = read_labels(labels_path)
    for sample, result in sorted(score(rows, labels).items()):
        by_list = {lid: [lb for lb in labels if lb.sample == sample and lb.list_id == lid] for lid in NATIONAL_LISTS}
        sizes = ", ".join(f"{len(v)} {lid}" for lid, v in by_list.items() if v)
        print(f"sample {sample} ({sizes}): {result.right}/{result.total} = {result.accuracy:.3f}")
        for label, row in result.misses if misses else []:
            got = f"{row.regime.value if row.regime else 'national'} {row.regime_entry} ({row.method}, " \
                  f"{row.confidence})"
            print(f"  miss {label.list_id} {label.code}: expected {label.regime} {label.regime_entry or '*'}, "
                  f"got {got}  [{label.note}]")


def run(engine: sa.Engine, labels_path: Path, misses: bool, lists: Sequence[str]) -> None:
    started = time.perf_counter()
    contents = {list_id: corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)}
    print(f"loading {len(contents)} editions: {time.perf_counter() - started:.2f} s")
    rows: dict[tuple[str, str], ConcordanceRow] = {}
    for list_id in lists:
        started = time.perf_counter()
        found = concordance(contents, list_id)
        elapsed = time.perf_counter() - started
        national = sum(1 for row in found if row.regime is None)
        print(f"concordance {list_id}: {len(found)} entries ({national} national only) in {elapsed:.2f} s")
        rows.update(((row.list_id, row.code), row) for row in found)
    _report(rows, labels_path, misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database")
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "raw")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--misses", action="store_true", help="print every wrong row")
    parser.add_argument("--draw", metavar="SAMPLE", help="print the entries of a new random sample and stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="concordance-bench-") as folder:
        engine = _engine(args.database, args.sources, Path(folder))
        if args.draw:
            contents = {lid: corpus_store.load_edition(engine, lid) for lid in NATIONAL_LISTS}
            _print_draw(contents, args.labels, args.draw)
        else:
            run(engine, args.labels, args.misses, [*NATIONAL_LISTS, "eu-annex-i"])
        engine.dispose()


if __name__ == "__main__":
    main()
