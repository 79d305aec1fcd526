"""Overlaps between regimes: all-pairs detection time, brute-force ratio, recall@10 in ignore-xrefs mode
and precision of the top pairs against the hand labels, lexical only and with the semantic feature.

Usage: .venv/bin/python bench/overlaps.py [--database URL] [--sources DIR] [--cold]

Without --database the corpus is built from --sources (default ../shared/data/raw) into a temporary
SQLite file first; the build is not timed. Detection time covers units, features, scores, candidate
pairs and classification over every stored list; loading the editions is timed separately. The
semantic run reads the embedding cache (warm once any detection or search has encoded the lines);
--cold also times one semantic detection with an empty temporary cache (encodes every line, ~1 min).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import tempfile
import time
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from bench_corpus import corpus_arguments, opened_corpus

from interregime.analytics.overlaps.baseline import brute_force_scores
from interregime.analytics.overlaps.detect import Detection, detect
from interregime.analytics.overlaps.evaluation import EVIDENCE, half_of, listed_pairs, recall_at_k, referenced_pairs
from interregime.analytics.overlaps.semantic import semantic_similarity
from interregime.analytics.overlaps.similarity import Weights, cosine
from interregime.analytics.overlaps.text import strip_references
from interregime.analytics.search.dense import available
from interregime.analytics.search.index import CACHE_ENV
from interregime.domain.corpus import EditionContent
from interregime.storage import corpus_store

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "overlap_pairs_labelled.csv"



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
    corpus_arguments(parser)
    parser.add_argument("--cold", action="store_true", help="also time a semantic detection with an empty cache")
    parser.add_argument("--draw", metavar="SAMPLE", help="print a seeded random sample of 50 of the lexical top "
                        "200 pairs (for hand labelling; s5 is the first drawn this way) and stop")
    args = parser.parse_args()
    with opened_corpus(args, "overlaps-bench-") as engine:
        if args.draw:
            _print_draw(engine, args.draw)
        else:
            run(engine, args.cold)


def _cold_detection(contents: list[EditionContent]) -> float:
    previous = os.environ.get(CACHE_ENV)
    with tempfile.TemporaryDirectory(prefix="overlaps-cold-cache-") as cache:
        os.environ[CACHE_ENV] = cache
        try:
            started = time.perf_counter()
            detect(contents, ignore_xrefs=True, semantic=True)
            return time.perf_counter() - started
        finally:
            if previous is None:
                del os.environ[CACHE_ENV]
            else:
                os.environ[CACHE_ENV] = previous


def run(engine: sa.Engine, cold: bool = False) -> None:
    started = time.perf_counter()
    contents = [corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)]
    loaded = time.perf_counter() - started

    started = time.perf_counter()
    lexical = detect(contents, ignore_xrefs=True, semantic=False)
    lexical_time = time.perf_counter() - started
    if not available():
        print("dense model not installed: only the lexical figures below are meaningful")
    detect(contents, ignore_xrefs=True, classify_pairs=False, semantic=True)  # fills the embedding cache if it is cold
    started = time.perf_counter()
    detection = detect(contents, ignore_xrefs=True, semantic=True)
    detect_time = time.perf_counter() - started
    cold_time = _cold_detection(contents) if cold else None
    started = time.perf_counter()
    features = detection.features
    lines = [text for _, text in features.lines]
    headings = [" ".join(strip_references(unit.heading).split()) for unit in detection.units]
    semantic_similarity(lines, features.line_unit, headings)
    semantic_time = time.perf_counter() - started
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
    sets = {"EU N.B. + other-than": truth_eu, "EU N.B. + other-than + CCL Related Controls": truth_all}

    print(f"lists: {', '.join(c.control_list.id for c in contents)}; units {len(units)}; "
          f"candidate pairs {len(detection.overlaps)} (lexical only {len(lexical.overlaps)}); loading {loaded:.2f} s")
    print(f"detection (ignore-xrefs, all pairs + classification): lexical only {lexical_time:.2f} s; with the "
          f"semantic feature, warm embedding cache {detect_time:.2f} s"
          + (f"; cold (empty cache) {cold_time:.1f} s" if cold_time is not None else "")
          + f"; of which the semantic matrices (store, 6k×6k line cosines, entry vectors) {semantic_time:.2f} s")
    print(f"pairwise scoring, vectorised (sparse products): {vector_time:.3f} s; pairwise Python loop: "
          f"{brute_time:.2f} s; same scores: {same}; ratio {brute_time / vector_time:.0f}x")
    brute_detect = detect_time - vector_time + brute_time
    print(f"whole detection with the loop instead: {brute_detect:.2f} s; ratio {brute_detect / detect_time:.1f}x")
    print(f"evidence: {'; '.join(f'{k}: ' + ', '.join(sorted(x.value for x in v)) for k, v in EVIDENCE.items())}")
    print("recall@10: for each entry that explicitly references entries of another regime, its partners "
          "of other regimes are ranked by score (its own row of the matrix); a referenced partner is found "
          "if it ranks among the 10 best. Pooled = found pairs / referenced pairs; per-entry mean = mean "
          "over referencing entries of their share found. Half A (weights tuned) / half B: fixed split of "
          "the referencing entries by a hash of their key.")
    scorings = {"TF-IDF cosine alone": detection.features.document, "lexical score": lexical.scores,
                "with semantic": detection.scores}
    if detection.features.semantic is not None:
        scorings["semantic entry cosine alone"] = detection.features.semantic.entry
        scorings["semantic best item cosine alone"] = detection.features.semantic.items
    for name, truth in sets.items():
        print(f"recall@10 {name} ({sum(map(len, truth.values()))} pairs, {len(truth)} entries):")
        for scoring, scores in scorings.items():
            parts = [recall_at_k(scores, units, part) for part in (truth, half_of(truth, units, 0),
                                                                      half_of(truth, units, 1))]
            print(f"  {scoring}: pooled {parts[0].value:.3f} ({parts[0].found}/{parts[0].referenced}), per-entry "
                  f"mean {parts[0].entry_mean:.3f}; half A {parts[1].value:.3f} ({parts[1].found}/"
                  f"{parts[1].referenced}), half B {parts[2].value:.3f} ({parts[2].found}/{parts[2].referenced})")
    for name, truth in sets.items():
        listed = {scoring: listed_pairs(scores, units, truth) for scoring, scores in
                  (("lexical", lexical.scores), ("with semantic", detection.scores))}
        print(f"referenced pairs the detector lists (either entry ranks the other in its top 10; not the "
              f"target metric) {name}: " + "; ".join(f"{scoring} {found}/{total} = {found / total:.3f}"
                                                   for scoring, (found, total) in listed.items()))
    misses = recall_at_k(detection.scores, units, truth_all).misses
    knowhow = sum(1 for s, t, _ in misses if {units[s].group[1:], units[t].group[1:]} & {"D", "E"})
    print(f"misses (with semantic) involving software/technology entries: {knowhow}/{len(misses)}")
    lexical_rank = {(s, t): rank for s, t, rank in recall_at_k(lexical.scores, units, truth_eu).misses}
    eu_misses = recall_at_k(detection.scores, units, truth_eu).misses
    print("EU misses with semantic (rank; lexical rank): " + ", ".join(
        f"{units[s].display_code}→{units[t].display_code} {rank} ({lexical_rank.get((s, t), 'hit')})"
        for s, t, rank in sorted(eu_misses, key=lambda miss: miss[2])))
    recovered = sorted(set(lexical_rank) - {(s, t) for s, t, _ in eu_misses})
    print("EU pairs recovered by the semantic feature: " + ", ".join(
        f"{units[s].display_code}→{units[t].display_code}" for s, t in recovered))
    for name, result in (("lexical", lexical), ("with semantic", detection)):
        _report_precision(name, result)


DRAW_SEEDS = {"s5": 29}


def _print_draw(engine: sa.Engine, sample: str) -> None:
    contents = [corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)]
    top = detect(contents, ignore_xrefs=True, semantic=False).overlaps[:200]
    for overlap in random.Random(DRAW_SEEDS[sample]).sample(top, 50):
        print(f"{overlap.a.list_id}:{overlap.a.code},{overlap.b.list_id}:{overlap.b.code}")


def _report_precision(name: str, detection: Detection) -> None:
    top = [(f"{o.a.list_id}:{o.a.code}", f"{o.b.list_id}:{o.b.code}") for o in detection.overlaps[:200]]
    right, judged, total = _precision(top)
    samples = {sample: _precision(top, f"{sample}:") for sample in ("s2", "s3", "s4", "s5")}
    print(f"precision of the {name} top 200: first labelled sample {right}/{judged} = "
          f"{right / max(judged, 1):.3f} ({judged} of {total} labelled); "
          + "; ".join(f"random sample {sample}: {r}/{j} = {r / max(j, 1):.3f}"
                      for sample, (r, j, _) in samples.items()))


if __name__ == "__main__":
    main()
