"""DREAM side by side with Datasette at real size, 100 k and 1 M tasks, on SQLite and PostgreSQL.

Run: .venv/bin/python benchmarks/scale.py [--sizes real,100k,1m] [--requests 30]
     (`make bench SIZES=real,100k BENCH_REQUESTS=30`; needs `pip install -e ".[bench]"`)

For each size a database is built once under --dir (default var/bench; --rebuild starts
over): "real" is the bundled 2024 plan and the digital plan imported as `make run` does;
100k and 1m are copies of it grown with `dream bench-data --tasks N` (earlier years, project
rows; the 2024 pages keep their rows). DREAM runs under gunicorn in production mode (DEBUG
off, 2 sync workers, 127.0.0.1) and Datasette serves the same SQLite file read-only (-i).
With BENCH_PG_URL (postgres://user:pass@host:port/base) each size is also built in a fresh
PostgreSQL database <base>_<size> that DREAM serves; Datasette still serves the SQLite copy
of the same rows. Each URL gets --requests timed requests at concurrency 1 and 8 after a
warm-up, one new connection per request for both servers; a URL stops early after
--url-seconds. The table prints p50/p95 in ms, requests per second, and the ratios DREAM ÷
Datasette (latency: p95; throughput: req/s) for the pairs that return the same rows.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "benchmarks"))
from pages import PAGES  # noqa: E402

SIZES = {"real": None, "100k": 100_000, "1m": 1_000_000}
CONCURRENCY = (1, 8)
YEAR = 2024


@dataclass
class Pair:
    """A DREAM URL and, when one returns the same rows, the Datasette URL beside it."""

    group: str
    dream: str
    datasette: str | None = None
    note: str = "same rows"


@dataclass
class Timing:
    p50: float
    p95: float
    rate: float
    count: int
    errors: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "real,100k,1m"))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 30)))
    parser.add_argument("--url-seconds", type=float, default=30.0)
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="which of sqlite,postgresql to serve"
    )
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--only", default="", help="time only DREAM URLs matching this regex")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    args = parser.parse_args()
    sizes = [size.strip().lower() for size in args.sizes.split(",") if size.strip()]
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown}: choose from {', '.join(SIZES)}")
    pg_url = os.environ.get("BENCH_PG_URL", "")
    print(f"sizes: {', '.join(sizes)}; {args.requests} requests per URL at concurrency 1 and 8")
    if not pg_url:
        print("PostgreSQL: skipped (set BENCH_PG_URL=postgres://user:pass@host:port/base)")
    if args.rebuild:
        for size in {*sizes, "real"}:
            shutil.rmtree(args.dir / size, ignore_errors=True)
    for size in sizes:
        sqlite_file = _sqlite_database(args.dir, size)
        if "sqlite" in args.databases:
            env = {"DREAM_DATA_DIR": str(sqlite_file.parent)}
            _run(size, "sqlite", sqlite_file, env=env, args=args)
        if pg_url and "postgresql" in args.databases:
            url = _pg_database(pg_url, size, args.dir)
            env = {"DREAM_DATA_DIR": str(sqlite_file.parent), "DATABASE_URL": url}
            _run(size, "postgresql", sqlite_file, env=env, args=args)


def _dream(*command: str, env: dict) -> None:
    subprocess.run([str(BIN / "dream"), *command], env={**os.environ, **env}, check=True)


def _build(size: str, env: dict, *, import_plans: bool) -> None:
    """The real plans as `make run` loads them; a larger size grown from them."""
    started = time.perf_counter()
    _dream("migrate", "--noinput", "-v", "0", env=env)
    if import_plans:
        _dream("import-plan", "data/seeds/2024-implementation-plan.txt", env=env)
        _dream("import-plan", "data/seeds/2023-digital-plan.txt", env=env)
        _dream("seed-agencies", env=env)
        _dream("seed-pilot-districts", env=env)
        _dream("propose-links", env=env)
    if SIZES[size] is not None:
        _dream("bench-data", "--tasks", str(SIZES[size]), env=env)
    print(f"built {size} in {time.perf_counter() - started:.0f} s")


def _sqlite_database(base: Path, size: str) -> Path:
    """The size's SQLite file, built unless it is there; a larger size starts from a copy
    of the real one."""
    folder = base / size
    file = folder / "dream.sqlite3"
    if file.exists():
        print(f"{size}: reusing {file} (--rebuild to build it again)")
        _dream("migrate", "--noinput", "-v", "0", env={"DREAM_DATA_DIR": str(folder)})
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if SIZES[size] is not None:
            shutil.copyfile(_sqlite_database(base, "real"), file)
        _build(size, {"DREAM_DATA_DIR": str(folder)}, import_plans=SIZES[size] is None)
    # Datasette opens the file immutable: everything must be in the main file, not the WAL.
    with contextlib.closing(sqlite3.connect(file)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _dream("collectstatic", "--noinput", "-v", "0", env={"DREAM_DATA_DIR": str(folder)})
    return file


def _pg_database(pg_url: str, size: str, base: Path) -> str:
    """A fresh PostgreSQL database <base>_<size>, built like the SQLite one; kept between
    runs (a marker file beside the SQLite file remembers that it was finished)."""
    import psycopg

    parts = urlsplit(pg_url)
    name = f"{parts.path.lstrip('/') or 'dream_bench'}_{size}"
    url = urlunsplit(parts._replace(path=f"/{name}"))
    marker = base / size / f"postgresql-{name}.built"
    if marker.exists():
        print(f"{size}: reusing PostgreSQL database {name} (--rebuild to build it again)")
        _dream("migrate", "--noinput", "-v", "0", env={"DATABASE_URL": url})
        return url
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    _build(size, {"DATABASE_URL": url, "DREAM_DATA_DIR": str(base / size)}, import_plans=True)
    marker.touch()
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _server(command: list[str], env: dict, port: int, log: Path):
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, cwd=ROOT, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} stopped: see {log}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _run(size: str, vendor: str, sqlite_file: Path, *, env: dict, args) -> None:
    dream_port, datasette_port = _free_port(), _free_port()
    dream_env = {
        **env,
        "DREAM_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DREAM_BIND": f"127.0.0.1:{dream_port}",
        "DREAM_WORKERS": "2",
        "DREAM_LOG_LEVEL": "WARNING",
    }
    gunicorn = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    datasette = [
        str(BIN / "datasette"), "serve", "-i", str(sqlite_file), "--host", "127.0.0.1",
        "--port", str(datasette_port), "--setting", "sql_time_limit_ms", "5000",
        "--setting", "max_returned_rows", "5000",
    ]  # fmt: skip
    logs = sqlite_file.parent
    with (
        _server(gunicorn, dream_env, dream_port, logs / f"gunicorn-{vendor}.log") as dream,
        _server(datasette, {}, datasette_port, logs / "datasette.log") as ds,
    ):
        pairs = [
            pair for pair in _pairs(dream_port, sqlite_file) if re.search(args.only, pair.dream)
        ]
        print()
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"== {size} on {vendor}: {_counts(sqlite_file)}; DREAM: gunicorn, 2 sync workers; "
            f"Datasette {_datasette_version()}: 1 process, SQLite file read-only"
            + (" (the SQLite copy of the same rows)" if vendor != "sqlite" else "")
            + f"; load average {load} on {os.cpu_count()} cores"
        )
        print("pairs compared:")
        for pair in pairs:
            if pair.datasette:
                print(f"  {pair.dream}  ⇔  {pair.datasette}  ({pair.note})")
        header = (
            f"{'group':12} {'DREAM URL':46} {'c':>2} │ {'DREAM p50':>9} {'p95':>7} {'req/s':>6} │"
            f" {'DS p50':>7} {'p95':>7} {'req/s':>6} │ {'p95 ×':>6} {'req/s %':>7}"
        )
        print(header)
        print("─" * len(header))
        for pair in pairs:
            for concurrency in CONCURRENCY:
                mine = _measure(dream_port, pair.dream, concurrency, args)
                theirs = (
                    _measure(datasette_port, pair.datasette, concurrency, args)
                    if pair.datasette
                    else None
                )
                print(_row(pair, concurrency, mine, theirs, args.requests), flush=True)
        workers = _children(dream.pid)
        peaks = ", ".join(f"{_peak_mb(pid):.0f}" for pid in workers)
        print(f"peak RSS MB: gunicorn workers {peaks}; Datasette {_peak_mb(ds.pid):.0f}")


def _counts(sqlite_file: Path) -> str:
    with contextlib.closing(sqlite3.connect(sqlite_file)) as connection:
        tasks = connection.execute("SELECT COUNT(*) FROM plans_task").fetchone()[0]
        years = connection.execute("SELECT COUNT(DISTINCT year) FROM plans_plan").fetchone()[0]
    return f"{tasks:,} tasks in {years} year{'s' if years > 1 else ''}"


def _datasette_version() -> str:
    from importlib.metadata import version

    return version("datasette")


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", quote(path, safe="/?=&-_.,:%"), headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _pairs(dream_port: int, sqlite_file: Path) -> list[Pair]:
    """The pages of benchmarks/pages.py, search, the API and the table downloads; for the
    tables, the Datasette query that returns the same rows."""
    status, body = _get(dream_port, f"/api/v1/plans?year={YEAR}&level=sectoral")
    if status != 200:
        raise SystemExit(f"DREAM answered {status} to /api/v1/plans: {body[:200]!r}")
    sectoral = json.loads(body)["items"][0]["id"]
    with contextlib.closing(sqlite3.connect(sqlite_file)) as connection:
        ds_sectoral = connection.execute(
            "SELECT id FROM plans_plan WHERE year = ? AND level = 'sectoral' AND is_draft = 0",
            [YEAR],
        ).fetchone()[0]
        search_terms, single = _search_terms(connection)
        scaled = connection.execute(
            "SELECT 1 FROM plans_plan WHERE year = ? AND is_draft = 0", [YEAR - 1]
        ).fetchone()
    db = f"/{sqlite_file.stem}"
    practical = f"plan_id={ds_sectoral}&kind=practical&_size=max"
    findings = f"year={YEAR}&_size=max"
    entries = f"{db}/search_searchentry.json?_size=50&"
    return [
        *[Pair("page", page) for page in PAGES],
        Pair("search", "/search/?q=섬"),
        Pair("search", "/search/?q=지역"),
        Pair("search api", "/api/v1/search?q=지역&limit=50"),  # every year
        Pair("search api", f"/api/v1/search?q=지역&year={YEAR}&limit=50", entries + search_terms("지역"),
             "≈ FTS match of the same index, DREAM also finds ministries by name"),
        Pair("search api", f"/api/v1/search?q=섬&year={YEAR}&limit=50", entries + single("섬"),
             "≈ the same entries"),
        Pair("api", f"/api/v1/plans?year={YEAR}&limit=100",
             f"{db}/plans_plan.json?year={YEAR}&is_draft=0&_size=100"),
        Pair("api", f"/api/v1/plans/{sectoral}", f"{db}/plans_task.json?plan_id={ds_sectoral}&_size=max",
             "≈ Datasette: the plan's tasks only; DREAM: the tree with strategies, budgets, indicators"),
        Pair("api", f"/api/v1/findings?year={YEAR}&limit=100",
             f"{db}/ingest_finding.json?year={YEAR}&_size=100"),
        Pair("api", "/api/v1/digital"),
        Pair("table", "/sectoral/", f"{db}/plans_task.json?{practical}",
             "HTML page (practical-task table) vs JSON of its rows"),
        Pair("table csv", "/sectoral/?_export=csv", f"{db}/plans_task.csv?{practical}"),
        Pair("table", "/findings/", f"{db}/ingest_finding.json?{findings}",
             "HTML page vs JSON of its rows"),
        Pair("table csv", "/findings/?_export=csv", f"{db}/ingest_finding.csv?{findings}"),
        *(_generated_year_pages() if scaled else []),
    ]  # fmt: skip


def _generated_year_pages() -> list[Pair]:
    """The same pages for a generated year (the year before the plan's), which holds the
    size's share of tasks (finer rows included): the pages above show the real 2024 plan."""
    year = f"year={YEAR - 1}"
    return [
        Pair("year at scale", f"/?{year}"),
        Pair("year at scale", f"/sectoral/?{year}"),
        Pair("year at scale", f"/sectoral/?{year}&_export=csv"),
        Pair("year at scale", f"/findings/?{year}"),
        Pair("year at scale", f"/provinces/경남/?{year}"),
        Pair("year at scale", f"/search/?q=지역&{year}"),
        Pair("year at scale", f"/search/?q=섬&{year}"),
        Pair("year at scale", f"/api/v1/search?q=지역&{year}&limit=50"),
        Pair("year at scale", f"/api/v1/findings?{year}&limit=100"),
    ]


def _search_terms(connection) -> tuple:
    """Datasette's query for DREAM's search index as it is built now: year-prefixed tokens
    (y2024지역, single syllables too) in `index_terms`, or plain tokens in `terms` with a
    LIKE scan for one syllable."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(search_searchentry)")}
    year = f"&year={YEAR}" if "year" in columns else ""
    sample = ""
    if "index_terms" in columns:
        row = connection.execute(
            "SELECT index_terms FROM search_searchentry WHERE index_terms != '' LIMIT 1"
        ).fetchone()
        sample = row[0] if row else ""
    if sample.startswith("y"):
        return (lambda word: f"_search=y{YEAR}{word}{year}",) * 2
    return (lambda word: f"_search={word}{year}", lambda word: f"title__contains={word}{year}")


def _measure(port: int, path: str, concurrency: int, args) -> Timing:
    for _ in range(2):
        _get(port, path)
    count = max(args.requests, concurrency)
    deadline = time.perf_counter() + args.url_seconds
    times: list[float] = []
    errors = 0

    def one(_) -> None:
        nonlocal errors
        if time.perf_counter() > deadline:
            return
        start = time.perf_counter()
        status, _body = _get(port, path)
        times.append((time.perf_counter() - start) * 1000)
        errors += status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(count)))
    wall = time.perf_counter() - started
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return Timing(statistics.median(times), p95, len(times) / wall, len(times), errors)


def _row(pair: Pair, concurrency: int, mine: Timing, theirs: Timing | None, asked: int) -> str:
    url = pair.dream if len(pair.dream) <= 46 else pair.dream[:45] + "…"
    row = (
        f"{pair.group:12} {url:46} {concurrency:>2} │ {mine.p50:9.1f} {mine.p95:7.1f} "
        f"{mine.rate:6.1f} │"
    )
    if theirs is None:
        row += f" {'—':>7} {'—':>7} {'—':>6} │ {'':>6} {'':>7}"
    else:
        row += (
            f" {theirs.p50:7.1f} {theirs.p95:7.1f} {theirs.rate:6.1f} │"
            f" {mine.p95 / theirs.p95:6.1f} {100 * mine.rate / theirs.rate:6.0f}%"
        )
    notes = [f"n={t.count}" for t in (mine, theirs) if t and t.count < asked]
    notes += [f"{t.errors} errors" for t in (mine, theirs) if t and t.errors]
    return row + (f"  ({', '.join(notes)})" if notes else "")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _peak_mb(pid: int) -> float:
    """VmHWM, the process's peak resident memory."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
