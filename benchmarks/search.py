"""Search latency over the bundled 2024 plan.

Run: .venv/bin/python benchmarks/search.py [--repeat N]
Imports the plan into a fresh SQLite file in a temporary folder (or the database named by
DATABASE_URL), then times search() for each query, `repeat` times after one warm-up run,
and prints the hit count, median and 95th percentile in ms; then the same for the whole
page /search/?q=… (view, template, base layout) for a few queries.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "seeds" / "2024-implementation-plan.txt"
PAGES = ["블록체인", "클러스터", "지역"]
QUERIES = [
    ("블록체인", {}),
    ("클러스터", {}),
    ("디지털 혁신", {}),
    ("지역", {}),
    ("조성", {"level": "province"}),
    ("일자리", {"strategy": "Ⅲ"}),
    ("청년 일자리 창출", {}),
    ("섬", {}),
    ("AI", {}),
    ("없는낱말", {}),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(run, repeat: int) -> tuple[float, float]:
    """Median and p95 in ms of `repeat` calls after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DREAM_DATA_DIR", tempfile.mkdtemp(prefix="dream-bench-"))
    (Path(os.environ["DREAM_DATA_DIR"]) / "static").mkdir(exist_ok=True)  # quiets WhiteNoise
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from dream.accounts.services import system_user
    from dream.ingest.services import plan_document_import
    from dream.search.models import SearchEntry
    from dream.search.selectors import search

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    plan_document_import(actor=system_user(), path=SAMPLE)
    imported = time.perf_counter() - start
    print(f"database: {django.db.connection.vendor}")
    print(f"import incl. search index: {imported:.2f} s, {SearchEntry.objects.count()} entries")
    print(f"{'query':<24} {'hits':>5} {'median ms':>10} {'p95 ms':>8}")
    for query, filters in QUERIES:
        median, p95 = timed(lambda q=query, f=filters: search(query=q, **f), args.repeat)
        label = query + "".join(f" {k}={v}" for k, v in filters.items())
        total = search(query=query, **filters).total
        print(f"{label:<24} {total:>5} {median:>10.1f} {p95:>8.1f}")
    client = Client(HTTP_HOST="localhost")
    for query in PAGES:
        median, p95 = timed(lambda q=query: client.get("/search/", {"q": q}), args.repeat)
        label = f"page /search/?q={query}"
        print(f"{label:<24} {'':>5} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
