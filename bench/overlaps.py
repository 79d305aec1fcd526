"""Overlaps between regimes: all-pairs detection time, brute-force ratio, recall@10 in ignore-xrefs mode
and precision of the top pairs against the hand labels.

Usage: .venv/bin/python bench/overlaps.py [--database URL] [--sources DIR]

Without --database the corpus is built from --sources (default ../shared/data/raw) into a temporary
SQLite file first; the build is not timed. Detection time covers units, features, scores, candidate
pairs and classification over every stored list; loading the editions is timed separately.
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
import time
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from interregime.analytics.overlaps.baseline import brute_force_scores
from interregime.analytics.overlaps.detect import detect
from interregime.analytics.overlaps.evaluation import EVIDENCE, recall_at_k, referenced_pairs
from interregime.analytics.overlaps.similarity import Weights, cosine
from interregime.ingest.build import build
from interregime.storage import corpus_store
from interregime.storage.database import create_engine, upgrade

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "overlap_pairs_labelled.csv"


def _engine(database: str | None, sources: Path, folder: Path) -> sa.Engine:
    if database:
        return create_engine(database)
    engine = create_engine(f"sqlite:///{folder / 'corpus.sqlite'}")
    upgrade(engine)
    build(engine, sources, only=["eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii"])
    return engine


def _precision(top: list[tuple[str, str]], sample: str = "") -> tuple[int, int, int]:
    """Right, judged and total among ``top``, on the labels whose note starts with ``sample`` (later
    random samples are marked "s2:", "s3:"; without ``sample``, the first sample's unmarked labels)."""
    labels: dict[frozenset[str], bool] = {}
    with LABELS.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            marked = re.match(r"s\d+:", row["note"]) is not None
            if (sample and row["note"].startswith(sample)) or (not sample and not marked):
                labels[frozenset({row["a"], row["b"]})] = row["overlap"].strip().lower() == "yes"
    judged = [labels[frozenset(pair)] for pair in top if frozenset(pair) in labels]
    return sum(judged), len(judged), len(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database")
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "raw")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="overlaps-bench-") as folder:
        engine = _engine(args.database, args.sources, Path(folder))
        run(engine)
        engine.dispose()


def run(engine: sa.Engine) -> None:
    started = time.perf_counter()
    contents = [corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)]
    loaded = time.perf_counter() - started

    started = time.perf_counter()
    detection = detect(contents, ignore_xrefs=True)
    detect_time = time.perf_counter() - started
    features = detection.features
    started = time.perf_counter()
    features.document = cosine(features.doc_vectors.matrix)
    features.heading = cosine(features.heading_vectors.matrix)
    vectorised = features.combined(Weights())
    vector_time = time.perf_counter() - started
    started = time.perf_counter()
    brute = brute_force_scores(features)
    brute_time = time.perf_counter() - started
    same = np.allclose(brute, vectorised, atol=1e-8) and np.allclose(vectorised, detection.scores, atol=1e-8)

    units = detection.units
    truth_all = referenced_pairs(contents, units)
    truth_eu = referenced_pairs([c for c in contents if c.control_list.id == "eu-annex-i"], units)
    recall_all = recall_at_k(detection.scores, units, truth_all)
    recall_eu = recall_at_k(detection.scores, units, truth_eu)
    baseline_all = recall_at_k(detection.features.document, units, truth_all)
    baseline_eu = recall_at_k(detection.features.document, units, truth_eu)
    top = [(f"{o.a.list_id}:{o.a.code}", f"{o.b.list_id}:{o.b.code}") for o in detection.overlaps[:200]]
    right, judged, total = _precision(top)
    samples = {name: _precision(top, f"{name}:") for name in ("s2", "s3")}

    print(f"lists: {', '.join(c.control_list.id for c in contents)}; units {len(units)}; "
          f"candidate pairs {len(detection.overlaps)}; loading {loaded:.2f} s")
    print(f"detection (ignore-xrefs, all pairs + classification): {detect_time:.2f} s")
    print(f"pairwise scoring, vectorised (sparse products): {vector_time:.3f} s; pairwise Python loop: "
          f"{brute_time:.2f} s; same scores: {same}; ratio {brute_time / vector_time:.0f}x")
    brute_detect = detect_time - vector_time + brute_time
    print(f"whole detection with the loop instead: {brute_detect:.2f} s; ratio {brute_detect / detect_time:.1f}x")
    print(f"evidence: {'; '.join(f'{k}: ' + ', '.join(sorted(x.value for x in v)) for k, v in EVIDENCE.items())}")
    print("recall@10: for each entry that explicitly references entries of another regime, its partners "
          "of other regimes are ranked by score (its own row of the matrix); a referenced partner is found "
          "if it ranks among the 10 best. Pooled = found pairs / referenced pairs; per-entry mean = mean "
          "over referencing entries of their share found.")
    for name, recall, base in (("EU N.B. + other-than + CCL Related Controls", recall_all, baseline_all),
                               ("EU N.B. + other-than", recall_eu, baseline_eu)):
        print(f"recall@10 {name}: pooled {recall.value:.3f} ({recall.found}/{recall.referenced} pairs, "
              f"{recall.entries} entries), per-entry mean {recall.entry_mean:.3f}; TF-IDF cosine alone "
              f"{base.value:.3f} / {base.entry_mean:.3f}")
    knowhow = sum(1 for s, t, _ in recall_all.misses if {units[s].group[1:], units[t].group[1:]} & {"D", "E"})
    print(f"misses involving software/technology entries: {knowhow}/{len(recall_all.misses)}")
    print(f"precision of top 200, first labelled sample: {right}/{judged} = {right / max(judged, 1):.3f} "
          f"({judged} of {total} labelled); "
          + "; ".join(f"random sample {name}: {r}/{j} = {r / max(j, 1):.3f}" for name, (r, j, _) in samples.items()))


if __name__ == "__main__":
    main()
