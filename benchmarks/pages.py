"""Server time of every public page with the 2024 plan loaded.

Run: .venv/bin/python benchmarks/pages.py [--repeat N]
Requests go through Django's test client (the full middleware and view stack, no
network), against a fresh SQLite file in a temporary folder unless DATABASE_URL is set.
Prints median and p95 in milliseconds per page; the target is < 150 ms per page and
< 100 ms for search.
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
DIGITAL_SAMPLE = ROOT / "data" / "seeds" / "2023-digital-plan.txt"
PAGES = [
    "/",
    "/map/?metric=jobs_change&region=충청권",
    "/provinces/서울/",
    "/provinces/경남/",
    "/super-regions/충청권/",
    "/super-regions/부울경/",
    "/compare/",
    "/sectoral/",
    "/sectoral/?sort=-national_budget_eok",
    "/findings/",
    "/downloads/",
    "/search/?q=블록체인",
    "/search/?q=클러스터",
    "/search/?q=디지털 혁신",
    "/search/?q=지역&level=province",
    "/digital/",
    "/digital/goals/",
    "/digital/goals/digital-economy-output/",
    "/digital/links/",
    "/digital/districts/",
    "/sources/2024-implementation-plan/lines/8000/",
    "/sources/2024-implementation-plan/lines/6904-6905/",
    "/sources/2023-digital-plan/lines/893/",
]


def _url(page: str) -> str:
    return quote(page, safe="/?=&-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
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

    from dream.accounts.services import system_user
    from dream.digital.services import digital_plan_import
    from dream.ingest.services import plan_document_import
    from dream.links.services import link_proposals_refresh

    call_command("migrate", verbosity=0)
    plan_document_import(actor=system_user(), path=SAMPLE)
    digital_plan_import(actor=system_user(), path=DIGITAL_SAMPLE)
    link_proposals_refresh(year=2024)
    client = Client(HTTP_HOST="127.0.0.1")
    print(
        f"database: {django.db.connection.vendor}, {args.repeat} requests per page after one warm-up"
    )
    print(f"{'page':48} {'median ms':>10} {'p95 ms':>8} {'status':>7}")
    for page in PAGES:
        status = client.get(_url(page)).status_code
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(_url(page))
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{page:48} {statistics.median(times):10.1f} {p95:8.1f} {status:7}")


if __name__ == "__main__":
    main()
