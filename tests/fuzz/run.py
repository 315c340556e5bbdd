"""The long fuzz run behind `make fuzz`: mutated documents and uploads against throw-away
databases holding both real plans; prints the figures and fails on any crash or partial write.

    python -m tests.fuzz.run --documents 5000 --uploads 5000 --seed 1 --jobs 2

The cases are shared out between `--jobs` processes, each with its own SQLite file; process
k runs its share with the seed `seed * 1000 + k`, so a run is repeatable for the same
seed and number of jobs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("accepted", "refused", "crashes", "partial_writes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--uploads", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    jobs = max(1, options.jobs)
    shares = [
        (options.seed * 1000 + k, _share(options.documents, jobs, k), _share(options.uploads, jobs, k))
        for k in range(jobs)
    ]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        results = pool.starmap(_run_share, shares)
    seconds = time.monotonic() - started
    rows = [(name, _merged([result[name] for result in results])) for name in ("documents", "uploads")]
    print(f"{jobs} process(es), seed {options.seed}, {seconds:.0f} s in all")
    print(f"{'':10} {'n':>7} " + " ".join(f"{column:>15}" for column in COLUMNS))
    for name, figures in rows:
        cells = " ".join(f"{figures[column]:>15,}" for column in COLUMNS)
        print(f"{name:10} {figures['n']:>7,} {cells}")
    failed = [figures for _name, figures in rows if figures["crashes"] or figures["partial_writes"]]
    for figures in failed:
        for text in figures["tracebacks"]:
            print(text, file=sys.stderr)
    return 1 if failed else 0


def _share(total: int, jobs: int, k: int) -> int:
    return total // jobs + (1 if k < total % jobs else 0)


def _run_share(seed: int, documents: int, uploads: int) -> dict:
    """One process: a fresh migrated SQLite file with both plans, then its share of cases."""
    with tempfile.TemporaryDirectory(prefix="dream-fuzz-db-") as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'fuzz.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from dream.ingest.services import document_import
        from tests.fuzz.documents import DOCUMENTS, document_fuzz
        from tests.fuzz.uploads import upload_fuzz

        call_command("migrate", verbosity=0)
        for path in DOCUMENTS.values():
            document_import(path=path)
        return {
            "documents": _counted(document_fuzz(documents, seed), "documents"),
            "uploads": _counted(upload_fuzz(uploads, seed), "uploads"),
        }


def _counted(figures: dict, name: str) -> dict:
    return {"n": figures[name], **{key: figures[key] for key in (*COLUMNS, "tracebacks")}}


def _merged(shares: list[dict]) -> dict:
    total: Counter[str] = Counter()
    tracebacks: list[str] = []
    for figures in shares:
        total.update({key: figures[key] for key in ("n", *COLUMNS)})
        tracebacks += figures["tracebacks"]
    return {**total, "tracebacks": tracebacks}


if __name__ == "__main__":
    sys.exit(main())
