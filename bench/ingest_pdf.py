"""Raw PDF text extraction time against the full parse time of a PDF-born list, best of N.

    .venv/bin/python bench/ingest_pdf.py wassenaar [in-scomet no-list-ii] [--repeat 3] [--sources DIR]

The raw time is pdfium's text of every page of the list's PDF files (``FILES`` of its source
module, found through ``interregime.ingest.registry``); the parse time is the module's ``crawl``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from interregime.ingest import registry
from interregime.ingest.context import SourceContext, default_sources_dir
from interregime.ingest.pdf_text import page_texts

REPO = Path(__file__).resolve().parents[1]


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(list_id: str, sources: Path, repeat: int) -> tuple[float, float, int]:
    module = registry.load_source(list_id)
    pdfs = [path for path in module.FILES if path.lower().endswith(".pdf")]
    if not pdfs:
        raise SystemExit(f"{list_id}: its source module reads no PDF file")
    data = {path: (sources / path).read_bytes() for path in pdfs}

    def extract() -> int:
        return sum(len(page_texts(content, path)) for path, content in data.items())

    def parse() -> object:
        return module.crawl(SourceContext(sources))

    pages = extract()
    return best_of(repeat, extract), best_of(repeat, parse), pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lists", nargs="+", help="list ids, e.g. wassenaar in-scomet no-list-ii")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", type=Path, default=default_sources_dir() or REPO.parent / "shared/data/raw")
    args = parser.parse_args(argv)
    print(f"{'list':<12} {'pages':>5} {'raw text (s)':>12} {'full parse (s)':>14} {'ratio':>6}")
    for list_id in args.lists:
        raw, full, pages = measure(list_id, args.sources, args.repeat)
        print(f"{list_id:<12} {pages:>5} {raw:>12.3f} {full:>14.3f} {full / raw:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
