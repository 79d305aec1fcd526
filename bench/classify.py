"""Benchmark of `interregime classify`: recall and latency of BM25 alone, dense alone and hybrid.

    INTERREGIME_DATABASE_URL=sqlite:////tmp/search-dev.sqlite .venv/bin/python bench/classify.py \
        [--queries FILE ...] [--rebuild] [--misses]

Recall is measured at entry level: a query is answered at rank k when the k-th result group's EU-style
entry code is one of the query's expected codes. Figures are given for each query file as a whole and
for each of its splits (`tune`/`test` in the development set, whose weights were chosen on `tune`;
`heldout` in the held-out set, which was not used for tuning). By default both files are measured.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path

from interregime.analytics.search import dense
from interregime.analytics.search.classifier import Classifier
from interregime.analytics.search.index import SearchIndex, cache_root, fingerprint, open_index
from interregime.analytics.search.methods import Method
from interregime.storage.database import create_engine

_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
QUERY_FILES = (_DATA / "classify_queries.jsonl", _DATA / "classify_heldout.jsonl")
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
        "n": float(len(ranks)),
    }


def evaluate(index: SearchIndex, method: Method, queries: list[dict[str, object]]) -> dict[str, object]:
    classifier = Classifier(index, method)
    for query in queries:
        classifier.classify(str(query["query"]), top=DEPTH)
    latencies: list[float] = []
    ranks: dict[str, list[int | None]] = {"all": []}
    misses: list[str] = []
    for query in queries:
        started = time.perf_counter()
        rank = rank_of(classifier, str(query["query"]), set(query["expected"]))  # type: ignore[arg-type]
        latencies.append((time.perf_counter() - started) * 1000)
        ranks["all"].append(rank)
        if query.get("split"):
            ranks.setdefault(str(query["split"]), []).append(rank)
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
    parser.add_argument("--queries", type=Path, nargs="+", default=list(QUERY_FILES),
                        help="JSON-lines query files (default: the development and the held-out set)")
    parser.add_argument("--rebuild", action="store_true", help="drop the cached index and build it again")
    parser.add_argument("--misses", action="store_true", help="print the queries not answered at rank 1")
    args = parser.parse_args()
    engine = create_engine()
    if args.rebuild:
        shutil.rmtree(cache_root() / "search" / fingerprint(engine), ignore_errors=True)
    started = time.perf_counter()
    index = open_index(engine, with_dense=dense.available())
    opened = time.perf_counter() - started
    query_sets = {path.stem: load_queries(path) for path in args.queries}
    sizes = ", ".join(f"{name} {len(queries)}" for name, queries in query_sets.items())
    print(f"queries: {sizes}; {len(index.documents)} item lines; index opened in {opened:.2f} s")
    print("index build (s): " + ", ".join(f"{k} {v:.1f}" for k, v in index.timings.items()))
    methods = [Method.BM25, *([Method.DENSE, Method.HYBRID] if index.vectors is not None else [])]
    print(f"{'queries':18} {'method':8} {'split':7} {'n':>4} {'R@1':>5} {'R@5':>5} {'R@10':>5} {'MRR':>5} "
          f"{'p50ms':>6} {'p95ms':>6}")
    for name, queries in query_sets.items():
        for method in methods:
            result = evaluate(index, method, queries)
            splits = [key for key, value in result.items() if isinstance(value, dict)
                      and (key == "all" or value["n"] < len(queries))]
            for split in splits:
                m = result[split]
                assert isinstance(m, dict)
                print(f"{name:18} {method.value:8} {split:7} {int(m['n']):4d} {m['R@1']:5.3f} {m['R@5']:5.3f} "
                      f"{m['R@10']:5.3f} {m['MRR']:5.3f} {result['p50_ms']:6.1f} {result['p95_ms']:6.1f}")
            if args.misses:
                for line in result["misses"]:  # type: ignore[attr-defined]
                    print("   ", line)

if __name__ == "__main__":
    main()
