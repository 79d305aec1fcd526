"""TPP cross-checks for issue 8: Epoch's own TPP column against the 3A090 formula, and the TechPowerUp
estimate against datasheet/Epoch figures on the products both name.

Usage: .venv/bin/python bench/tpp_checks.py [--sources DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from interregime.analytics.impact.catalog import load_catalog
from interregime.analytics.impact.crosscheck import estimate_error, reference_tpp, tpp_agreement

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "raw")
    sources = parser.parse_args().sources

    epoch = load_catalog("epoch-ml-hardware", sources).frame
    agreement = tpp_agreement(epoch)
    print(f"Epoch: TPP from throughput columns within {agreement.tolerance:.0%} of Epoch's TPP column: "
          f"{agreement.within}/{agreement.compared}")
    for row in agreement.exceptions:
        print(f"  exception: {row['name']}: computed {row['tpp']:.0f}, Epoch {row['tpp_reported']:.0f} "
              f"({row['relative_error']:+.1%})")

    estimated = load_catalog("techpowerup-gpus", sources).frame
    reference = reference_tpp(load_catalog("gpu-tensor-table", sources).frame, epoch)
    report = estimate_error(estimated, reference)
    print(f"TechPowerUp TPP estimate vs tensor table / Epoch on {report['matched']} products matched by name: "
          f"median |error| {report['median_abs_relative_error']:.2%}, "
          f"p90 |error| {report['p90_abs_relative_error']:.0%}, "
          f"within 10% {report['share_within_10pct']:.1%}, within 25% {report['share_within_25pct']:.1%}")


if __name__ == "__main__":
    main()
