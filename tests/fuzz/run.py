"""The long fuzz run behind `make fuzz`: mutated documents and uploads against a throw-away
database holding both real plans; prints the figures and fails on any crash or partial write.

    python -m tests.fuzz.run --documents 5000 --uploads 5000 --seed 1
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("accepted", "refused", "crashes", "partial_writes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--uploads", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dream-fuzz-db-") as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'fuzz.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(ROOT))
        rows = _run(options)
    print(f"{'':10} {'n':>7} " + " ".join(f"{column:>15}" for column in COLUMNS) + "  seconds")
    for name, figures, seconds in rows:
        cells = " ".join(f"{figures[column]:>15}" for column in COLUMNS)
        print(f"{name:10} {figures[name]:>7} {cells}  {seconds:7.0f}")
    failed = [figures for _name, figures, _seconds in rows if _failed(figures)]
    for figures in failed:
        for text in figures.get("tracebacks", []):
            print(text, file=sys.stderr)
    return 1 if failed else 0


def _run(options) -> list[tuple[str, dict, float]]:
    import django

    django.setup()
    from django.core.management import call_command

    from dream.ingest.services import document_import
    from tests.fuzz.documents import DOCUMENTS, document_fuzz

    call_command("migrate", verbosity=0)
    for path in DOCUMENTS.values():
        document_import(path=path)
    started = time.monotonic()
    figures = document_fuzz(options.documents, options.seed)
    rows = [("documents", figures, time.monotonic() - started)]
    if importlib.util.find_spec("tests.fuzz.uploads") is not None:
        from tests.fuzz.uploads import upload_fuzz

        started = time.monotonic()
        figures = upload_fuzz(options.uploads, options.seed)
        rows.append(("uploads", figures, time.monotonic() - started))
    else:
        print("tests/fuzz/uploads.py is missing: no uploads fuzzed", file=sys.stderr)
    return rows


def _failed(figures: dict) -> bool:
    return bool(figures["crashes"] or figures["partial_writes"])


if __name__ == "__main__":
    sys.exit(main())
