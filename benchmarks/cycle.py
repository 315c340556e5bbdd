"""Server time of the annual cycle's pages with every body's 2025 draft in place.

Run: .venv/bin/python benchmarks/cycle.py [--repeat N]
Loads the 2024 plan into a fresh SQLite file (or DATABASE_URL), opens the 2025 cycle and
rolls every body's plan forward (17 provinces, 7 super-regions, the ministries), then
times the pages Committee staff and a body's editor use through Django's test client:
the compliance board (which runs the live checks of every draft), one draft's editor,
the compilation page, the Excel template and the API's cycle listing. Prints median and
p95 in milliseconds; the target is the public pages' (< 150 ms).
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
    "/cycles/2025/",
    "/cycles/2025/?_export=csv",
    "/cycles/2025/부산/",
    "/cycles/2025/부산/draft/",
    "/cycles/2025/경기/draft/",
    "/cycles/2025/compilation/",
    "/cycles/2025/부산/workbook.xlsx",
    "/api/v1/cycles/2025",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
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

    from dream.accounts.models import Membership, Organization, User
    from dream.accounts.services import system_user
    from dream.api.services import api_token_create
    from dream.cycle.drafting import submission_roll_forward
    from dream.cycle.services import cycle_open
    from dream.ingest.services import plan_document_import

    call_command("migrate", verbosity=0)
    plan_document_import(actor=system_user(), path=SAMPLE)
    staff = User.objects.create_user("bench-staff")
    Membership.objects.create(
        user=staff, organization=Organization.objects.get(kind="committee"), role="editor"
    )
    cycle = cycle_open(actor=staff, year=2025)
    drafts = 0
    for submission in cycle.submissions.select_related("organization"):
        submission_roll_forward(actor=staff, submission=submission)
        drafts += 1
    _, token = api_token_create(user=staff)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    print(
        f"database: {django.db.connection.vendor}; {drafts} drafts rolled forward; "
        f"{args.repeat} requests per page after one warm-up, as Committee staff"
    )
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'status':>7}")
    for page in PAGES:
        url = quote(page, safe="/?=&-._")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if page.startswith("/api/") else {}
        status = client.get(url, **headers).status_code
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{page:40} {statistics.median(times):10.1f} {p95:8.1f} {status:7}")


if __name__ == "__main__":
    main()
