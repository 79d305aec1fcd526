"""Benchmark of `interregime classify`: recall and latency of BM25 alone, dense alone and hybrid.

    INTERREGIME_DATABASE_URL=sqlite:////tmp/search-dev.sqlite .venv/bin/python bench/classify.py [--rebuild]

Recall is measured at entry level: a query is answered at rank k when the k-th result group's EU-style
entry code is one of the query's expected codes. Figures are given for the whole query set and for
its `tune` and `test` halves (weights were chosen on `tune` only).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path

from interregime.analytics.search import dense
from interregime.analytics.search.classify import Classifier
from interregime.analytics.search.index import SearchIndex, cache_root, fingerprint, open_index
from interregime.analytics.search.ranking import Method
from interregime.storage.database import create_engine

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "classify_queries.jsonl"
DEPTH = 10


def load_queries(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def rank_of(classifier: Classifier, query: str, expected: set[str]) -> int | None:
    for rank, group in enumerate(classifier.classify(query, top=DEPTH), start=1):
        if group.entry in expected or group.code in expected:
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    count = len(ranks) or 1
    return {
        "R@1": sum(1 for r in ranks if r is not None and r <= 1) / count,
        "R@5": sum(1 for r in ranks if r is not None and r <= 5) / count,
        "R@10": sum(1 for r in ranks if r is not None and r <= 10) / count,
        "MRR": sum(1 / r for r in ranks if r is not None) / count,
    }


def evaluate(index: SearchIndex, method: Method, queries: list[dict[str, object]]) -> dict[str, object]:
    classifier = Classifier(index, method)
    for query in queries:
        classifier.classify(str(query["query"]), top=DEPTH)
    latencies: list[float] = []
    ranks: dict[str, list[int | None]] = {"all": [], "tune": [], "test": []}
    misses: list[str] = []
    for query in queries:
        started = time.perf_counter()
        rank = rank_of(classifier, str(query["query"]), set(query["expected"]))  # type: ignore[arg-type]
        latencies.append((time.perf_counter() - started) * 1000)
        ranks["all"].append(rank)
        ranks[str(query["split"])].append(rank)
        if rank is None or rank > 1:
            misses.append(f"{query['id']} rank={rank} {query['query']}")
    latencies.sort()
    return {
        "method": method.value,
        **{split: metrics(values) for split, values in ranks.items()},
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--rebuild", action="store_true", help="drop the cached index and build it again")
    parser.add_argument("--misses", action="store_true", help="print the queries not answered at rank 1")
    args = parser.parse_args()
    engine = create_engine()
    if args.rebuild:
        shutil.rmtree(cache_root() / "search" / fingerprint(engine), ignore_errors=True)
    started = time.perf_counter()
    index = open_index(engine, with_dense=dense.available())
    opened = time.perf_counter() - started
    queries = load_queries(args.queries)
    print(f"{len(queries)} queries; {len(index.documents)} item lines; index opened in {opened:.2f} s")
    print("index build (s): " + ", ".join(f"{k} {v:.1f}" for k, v in index.timings.items()))
    methods = [Method.BM25, *([Method.DENSE, Method.HYBRID] if index.vectors is not None else [])]
    header = f"{'method':8} {'split':5} {'R@1':>5} {'R@5':>5} {'R@10':>5} {'MRR':>5} {'p50ms':>6} {'p95ms':>6}"
    print(header)
    for method in methods:
        result = evaluate(index, method, queries)
        for split in ("all", "tune", "test"):
            m = result[split]
            assert isinstance(m, dict)
            print(f"{method.value:8} {split:5} {m['R@1']:5.3f} {m['R@5']:5.3f} {m['R@10']:5.3f} {m['MRR']:5.3f} "
                  f"{result['p50_ms']:6.1f} {result['p95_ms']:6.1f}")
        if args.misses:
            for line in result["misses"]:  # type: ignore[attr-defined]
                print("   ", line)


if __name__ == "__main__":
    main()
