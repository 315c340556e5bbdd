"""Import time and peak memory for the bundled 2024 plan.

Run: .venv/bin/python benchmarks/import_plan.py [--repeat N]
Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set.
Prints: reading (parse only), first import into an empty database (parse + store),
re-import of the same file (parse + compare, no writes), and the process's peak RSS.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "seeds" / "2024-implementation-plan.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DREAM_DATA_DIR", tempfile.mkdtemp(prefix="dream-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from dream.accounts.services import system_user
    from dream.ingest.reader import plan_document_read
    from dream.ingest.services import plan_document_import

    call_command("migrate", verbosity=0)
    actor = system_user()
    reads = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        plan_document_read(SAMPLE)
        reads.append(time.perf_counter() - start)
    start = time.perf_counter()
    first = plan_document_import(actor=actor, path=SAMPLE)
    first_import = time.perf_counter() - start
    again = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        plan_document_import(actor=actor, path=SAMPLE)
        again.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {django.db.connection.vendor}")
    print(f"records created by first import: {first.created}")
    print(f"read only (median of {args.repeat}): {statistics.median(reads):.3f} s")
    print(f"first import (read + store): {first_import:.3f} s")
    print(f"re-import, no changes (median of {args.repeat}): {statistics.median(again):.3f} s")
    print(f"peak RSS of the process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
