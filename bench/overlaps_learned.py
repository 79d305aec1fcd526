"""Would learned weights beat the hand-set ones? A cross-validated check of the overlap scorer.

Usage: .venv/bin/python bench/overlaps_learned.py [--database URL] [--sources DIR] [--lexical]

Every signal the detector computes (text z-scores both ways, document, heading and characteristic cosines,
the structural and family indicators, the semantic z-scores when the dense model is installed) plus one-hot
pair types (product group letters, regimes) is a feature of a cross-regime pair. A class-weighted logistic
regression is fitted on the referencing entries of one half of the fixed split (``evaluation.half_of``) and
recall@10 is measured on the other half, both ways; the figure to compare is the pooled held-out recall
against the hand-set ``Weights`` on the same halves. Nothing here changes the detector.
"""

from __future__ import annotations

import argparse

import numpy as np
import sqlalchemy as sa
from bench_corpus import corpus_arguments, opened_corpus

from interregime.analytics.overlaps.detect import Detection, detect
from interregime.analytics.overlaps.evaluation import half_of, recall_at_k, referenced_pairs
from interregime.analytics.overlaps.similarity import Weights, standardise
from interregime.storage import corpus_store

STRUCTURAL = ("group", "category", "support", "develops", "knowhow", "base_development", "parallel_knowhow",
              "unrelated_knowhow", "parallel")


def pair_features(detection: Detection) -> tuple[list[str], np.ndarray]:
    features, weights, units = detection.features, Weights(), detection.units
    cross = features.cross
    text = standardise(features.text(weights), cross)
    named: dict[str, np.ndarray] = {"text z": text, "text z (other way)": text.T, "document": features.document,
                                    "heading": features.heading, "characteristic": features.characteristic,
                                    "weak short": features.weak_short(weights)}
    if features.semantic is not None:
        for name, matrix in (("semantic entry", features.semantic.entry), ("semantic items", features.semantic.items)):
            z = standardise(matrix, cross)
            named[f"{name} z"], named[f"{name} z (other way)"] = z, z.T
    named.update({name: getattr(features, name) for name in STRUCTURAL})
    letters = np.asarray([unit.group[1:] or "-" for unit in units])
    regimes = np.asarray([unit.regime.value for unit in units])
    for label, values in (("groups", letters), ("regimes", regimes)):
        for first in sorted(set(values)):
            for second in sorted(set(values)):
                indicator = ((values == first)[:, None] & (values == second)[None, :]).astype(np.float64)
                if indicator[cross].sum() >= 50:
                    named[f"{label} {first}-{second}"] = indicator
    return list(named), np.stack(list(named.values()), axis=-1)


def fit(matrix: np.ndarray, cross: np.ndarray, truth: dict[int, set[int]], l2: float = 10.0,
        epochs: int = 400, rate: float = 0.1) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    rows, labels = [], []
    for source, targets in truth.items():
        candidates = np.flatnonzero(cross[source])
        rows.append(matrix[source, candidates])
        labels.append(np.isin(candidates, list(targets)).astype(np.float64))
    x, y = np.concatenate(rows), np.concatenate(labels)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    x = (x - mean) / scale
    sample_weight = np.where(y == 1, (1 - y.mean()) / y.mean(), 1.0)
    sample_weight /= sample_weight.mean()
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(epochs):
        gradient = (1 / (1 + np.exp(-(x @ w + b))) - y) * sample_weight
        w -= rate * (x.T @ gradient / len(y) + l2 * w / len(y))
        b -= rate * float(gradient.mean())
    return w, b, mean, scale


def learned_scores(matrix: np.ndarray, model: tuple[np.ndarray, float, np.ndarray, np.ndarray]) -> np.ndarray:
    w, b, mean, scale = model
    scores = ((matrix - mean) / scale) @ w + b
    return np.asarray(scores + scores.T)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus_arguments(parser)
    parser.add_argument("--lexical", action="store_true", help="without the semantic features")
    args = parser.parse_args()
    with opened_corpus(args, "overlaps-learned-") as engine:
        run(engine, semantic=not args.lexical)


def run(engine: sa.Engine, semantic: bool) -> None:
    contents = [corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)]
    detection = detect(contents, ignore_xrefs=True, semantic=semantic, classify_pairs=False)
    units, cross = detection.units, detection.features.cross
    names, matrix = pair_features(detection)
    print(f"{len(names)} features; semantic {'on' if detection.features.semantic is not None else 'off'}")
    sets = {"EU N.B. + other-than": referenced_pairs([c for c in contents if c.control_list.id == "eu-annex-i"],
                                                     units),
            "+ CCL Related Controls": referenced_pairs(contents, units)}
    for name, truth in sets.items():
        halves = [half_of(truth, units, 0), half_of(truth, units, 1)]
        hand = [recall_at_k(detection.scores, units, half) for half in halves]
        for l2 in (1.0, 10.0, 1000.0):
            models = [fit(matrix, cross, half, l2) for half in halves]
            # the model fitted on one half is scored on the other
            held_out = [recall_at_k(learned_scores(matrix, models[1 - side]), units, halves[side]) for side in (0, 1)]
            found = sum(r.found for r in held_out)
            total = sum(r.referenced for r in held_out)
            print(f"{name}, l2 {l2:g}: learned, held out {found}/{total} = {found / total:.3f} (half A "
                  f"{held_out[0].value:.3f}, half B {held_out[1].value:.3f}); hand-set weights "
                  f"{sum(r.found for r in hand)}/{total} = {sum(r.found for r in hand) / total:.3f} "
                  f"(half A {hand[0].value:.3f}, half B {hand[1].value:.3f})")


if __name__ == "__main__":
    main()
