"""Exports of an existing database: wall time and peak memory of each.

Run: .venv/bin/python benchmarks/exports.py [--only NAME]
Reads the database DREAM is configured with (DATABASE_URL, else DREAM_DATA_DIR's SQLite
file; grow one with `dream bench-data --tasks N`) and changes nothing in it. Each export
runs in a process of its own, so that its peak resident memory (VmHWM) is its own; the
table prints the rows of the largest table, the wall time, the bytes written, the memory
before the export (Django loaded) and the peak during it. The exports: the whole data
package (`dream export`), its zip download, and the sectoral practical-task table of the
newest year as CSV and Excel (`/sectoral/?_export=…`).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ["datapackage", "datapackage_zip", "sectoral_csv", "sectoral_xlsx"]


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


def response_bytes(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def export(name: str) -> int:
    """Run one export in this process; the bytes it produced."""
    from django.test import Client

    from dream.opendata.services import datapackage_export

    client = Client(HTTP_HOST="localhost")
    if name == "datapackage":
        with tempfile.TemporaryDirectory() as directory:
            datapackage_export(directory=Path(directory))
            return sum(path.stat().st_size for path in Path(directory).iterdir())
    if name == "datapackage_zip":
        return response_bytes(client.get("/downloads/datapackage.zip"))
    export_format = name.removeprefix("sectoral_")
    response = client.get("/sectoral/", {"_export": export_format})
    assert response.status_code == 200, response.status_code
    return response_bytes(response)


def measure(name: str) -> dict:
    """One export in this process: what the parent prints."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from dream.plans.models import Task

    tasks = Task.objects.count()
    before = memory_mb("VmRSS")
    start = time.perf_counter()
    written = export(name)
    seconds = time.perf_counter() - start
    return {
        "export": name,
        "database": connection.vendor,
        "tasks": tasks,
        "seconds": seconds,
        "mb_written": written / 1e6,
        "rss_before_mb": before,
        "peak_mb": memory_mb("VmHWM"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=EXPORTS, help="one export, printed as JSON")
    args = parser.parse_args()
    if args.only:
        print(json.dumps(measure(args.only)))
        return
    header = f"{'export':<16} {'db':<10} {'tasks':>9} {'s':>7} {'MB out':>7} {'MB before':>9} {'MB peak':>8}"
    print(header)
    for name in EXPORTS:
        output = subprocess.run(
            [sys.executable, __file__, "--only", name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(output.splitlines()[-1])
        print(
            f"{row['export']:<16} {row['database']:<10} {row['tasks']:>9,} {row['seconds']:>7.1f}"
            f" {row['mb_written']:>7.2f} {row['rss_before_mb']:>9.0f} {row['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
