"""Time of a whole 2024 evaluation round and of the pages and report files it feeds.

Run: .venv/bin/python benchmarks/evaluation.py [--repeat N]
Loads the 2024 plan into a fresh SQLite file (or DATABASE_URL), runs `dream evaluation-demo`
(three bodies' results, 408 graded units, two evaluators each, every grade checked, the round
closed, feedback raised, 부산's 2025 draft) and prints how long it took; then times, through
Django's test client, the public results page, a body's results page, the round's grades,
scores and units pages, the feedback page and the report page, and builds the annual report
as HTML, PDF and DOCX once each. Prints median and p95 in milliseconds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "seeds" / "2024-implementation-plan.txt"
PAGES = [
    "/results/2024/",
    "/results/2024/?_export=xlsx",
    "/results/2024/부산/",
    "/api/v1/results/2024",
    "/evaluations/2024/",
    "/evaluations/2024/units/",
    "/evaluations/2024/grades/",
    "/evaluations/2024/scores/",
    "/evaluations/2024/feedback/",
    "/reports/2024/",
    "/cycles/2025/부산/draft/",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DREAM_DATA_DIR", tempfile.mkdtemp(prefix="dream-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import warnings

    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from dream.accounts.models import User
    from dream.accounts.services import system_user
    from dream.evaluation.demo import evaluation_demo_run
    from dream.ingest.services import plan_document_import
    from dream.reports.selectors import report_data
    from dream.reports.services import report_bytes

    call_command("migrate", verbosity=0)
    plan_document_import(actor=system_user(), path=SAMPLE)
    started = time.perf_counter()
    report = evaluation_demo_run(2024)
    print(
        f"evaluation-demo: {time.perf_counter() - started:.1f} s "
        f"({report.assignments} assignments, {report.scores} scores, {report.grades} grades)"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="demo-committee"))
    print(f"{'page (Committee staff)':<40} {'median ms':>10} {'p95 ms':>8} {'KB':>7}")
    for page in PAGES:
        address = quote(page, safe="/?=_&")
        timings, size = [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (page, response.status_code)
            size = len(response.content)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(f"{page:<40} {statistics.median(timings):>10.1f} {p95:>8.1f} {size / 1024:>7.0f}")
    started = time.perf_counter()
    report_data(2024)
    print(f"report data: {(time.perf_counter() - started) * 1000:.0f} ms")
    for format in ("html", "pdf", "docx"):
        started = time.perf_counter()
        content, _digest = report_bytes(2024, format)
        print(
            f"report {format}: {time.perf_counter() - started:.1f} s, {len(content) / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
