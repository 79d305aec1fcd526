"""Concordance: accuracy against the hand-checked labels, each sample reported separately, and time per list.

Usage: .venv/bin/python bench/concordance.py [--database URL] [--sources DIR] [--labels FILE] [--misses]
       .venv/bin/python bench/concordance.py --database URL --draw s3   # the entries of a sample

Without --database the corpus is built from --sources (default ../shared/data/raw) into a temporary
SQLite file first; the build is not timed. ``s1`` is the sample the rules and thresholds were tuned on;
``s2`` (``random.Random(11)``) and ``s3`` (``random.Random(13)``) were drawn afterwards (``--draw`` prints
them again) and labelled by reading the entries before any change made for them.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlalchemy as sa
from bench_corpus import corpus_arguments, opened_corpus

from interregime.analytics.concordance import ConcordanceRow, concordance
from interregime.analytics.concordance.evaluation import read_labels, score
from interregime.domain.corpus import EditionContent, Entry
from interregime.domain.regimes import Regime
from interregime.storage import corpus_store

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "concordance_labelled.csv"
NATIONAL_LISTS = ("us-ccl", "in-scomet", "no-list-ii")
# Strata of a new sample, each (list, description, test on the entry, how many to draw).
_CCL_MUNITIONS = re.compile(r"^\d[A-E][56]\d\d$")
_CCL_NATIONAL = re.compile(r"^\d[A-E]9\d\d$")
_CCL_OTHER_REGIMES = re.compile(r"^\d[A-E][123]\d\d$")
Stratum = tuple[str, str, Callable[[Entry], bool], int]


def _ccl_other(entry: Entry) -> bool:
    return not any(pattern.match(entry.code) for pattern in (_CCL_MUNITIONS, _CCL_NATIONAL, _CCL_OTHER_REGIMES))


def _of_regime(regime: Regime) -> Callable[[Entry], bool]:
    return lambda entry: entry.regime == regime


# Each sample: the seed of its draw and its strata. A sample excludes the entries of the samples before it.
SAMPLES: dict[str, tuple[int, list[Stratum]]] = {
    "s2": (11, [
        ("in-scomet", "SCOMET categories 0-5", lambda e: e.code[:1] in "012345", 30),
        ("us-ccl", "0x5zz / 600 series", lambda e: bool(_CCL_MUNITIONS.match(e.code)), 7),
        ("us-ccl", "x9xx", lambda e: bool(_CCL_NATIONAL.match(e.code)), 5),
        ("us-ccl", "MTCR/NSG/AG numbers", lambda e: bool(_CCL_OTHER_REGIMES.match(e.code)), 7),
        ("us-ccl", "any other ECCN", _ccl_other, 6),
        ("no-list-ii", "any entry", lambda e: True, 25),
    ]),
    "s3": (13, [
        ("in-scomet", "SCOMET categories 0-5", lambda e: e.code[:1] in "012345", 45),
        ("us-ccl", "0x5zz / 600 series", lambda e: bool(_CCL_MUNITIONS.match(e.code)), 4),
        ("us-ccl", "x9xx", lambda e: bool(_CCL_NATIONAL.match(e.code)), 4),
        ("us-ccl", "MTCR entry", _of_regime(Regime.MTCR), 10),
        ("us-ccl", "NSG entry", _of_regime(Regime.NSG), 10),
        ("us-ccl", "AG entry", _of_regime(Regime.AG), 6),
        ("us-ccl", "CWC entry", _of_regime(Regime.CWC), 2),
        ("us-ccl", "any other ECCN", _ccl_other, 4),
        ("no-list-ii", "any entry", lambda e: True, 20),
    ]),
    # Proportional to the lists' sizes (638 / 714 / 366 entries), uniform within each list: an estimate
    # for the entries no earlier sample labelled, not leaning on the hard strata as s2 and s3 do.
    "s4": (17, [
        ("us-ccl", "any entry", lambda e: True, 45),
        ("in-scomet", "any entry", lambda e: True, 50),
        ("no-list-ii", "any entry", lambda e: True, 25),
    ]),
    "s5": (19, [
        ("us-ccl", "any entry", lambda e: True, 45),
        ("in-scomet", "any entry", lambda e: True, 50),
        ("no-list-ii", "any entry", lambda e: True, 25),
    ]),
    "s6": (23, [
        ("us-ccl", "any entry", lambda e: True, 56),
        ("in-scomet", "any entry", lambda e: True, 62),
        ("no-list-ii", "any entry", lambda e: True, 32),
    ]),
}



def draw(contents: dict[str, EditionContent], sample: str,
         excluded: set[tuple[str, str]]) -> list[tuple[str, str, Entry]]:
    """A stratified random sample of national entries not in ``excluded``, in the order of its strata."""
    seed, strata = SAMPLES[sample]
    rng = random.Random(seed)
    drawn: list[tuple[str, str, Entry]] = []
    for list_id, stratum, member, size in strata:
        pool = [e for e in contents[list_id].entries if member(e) and (list_id, e.code) not in excluded]
        drawn.extend((list_id, stratum, entry) for entry in rng.sample(pool, min(size, len(pool))))
    return drawn


def _print_draw(contents: dict[str, EditionContent], labels_path: Path, sample: str) -> None:
    """The draw excludes entries labelled in the samples before it, so it prints the same list once labelled."""
    earlier = {(label.list_id, label.code) for label in read_labels(labels_path) if label.sample < sample}
    for list_id, stratum, entry in draw(contents, sample, earlier):
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
    corpus_arguments(parser)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--misses", action="store_true", help="print every wrong row")
    parser.add_argument("--draw", metavar="SAMPLE", help="print the entries of a new random sample and stop")
    args = parser.parse_args()
    with opened_corpus(args, "concordance-bench-") as engine:
        if args.draw:
            contents = {lid: corpus_store.load_edition(engine, lid) for lid in NATIONAL_LISTS}
            _print_draw(contents, args.labels, args.draw)
        else:
            run(engine, args.labels, args.misses, [*NATIONAL_LISTS, "eu-annex-i"])


if __name__ == "__main__":
    main()
