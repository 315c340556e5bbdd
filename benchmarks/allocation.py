"""Time of the allocation's what-if for all 17 provinces (docs/allocation.md).

Run: .venv/bin/python benchmarks/allocation.py [--repeat N]
Calls `dream.allocation.services.what_if` (pure: exact fractions, rounding to 0.01억원 with
the remainder settled) with random base amounts (1–200억원) and scores (0–1), budget-neutral
and not, and prints median and p95 in milliseconds. No database is needed.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()

    import django

    django.setup()
    from dream.allocation.rules import PROVINCE_NAMES
    from dream.allocation.services import what_if

    rng = random.Random(11)
    for neutral in (True, False):
        times = []
        for _ in range(args.repeat):
            base = {n: Decimal(rng.randint(100, 20000)) / 100 for n in PROVINCE_NAMES}
            scores = {n: Decimal(rng.randint(0, 10000)) / 10000 for n in PROVINCE_NAMES}
            started = time.perf_counter()
            what_if(base, scores, budget_neutral=neutral, cap=Decimal("0.20"))
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        label = "총액 유지" if neutral else "총액 유지 안 함"
        print(
            f"what_if 17개 시·도, {label}: 중앙값 {statistics.median(times):.3f} ms, "
            f"p95 {p95:.3f} ms ({args.repeat}회)"
        )


if __name__ == "__main__":
    main()
