"""`document_import`, the service behind `dream import-plan`: one transaction, one import at a
time per database, and no raw traceback for a failure a person can act on."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from dream.accounts.models import User
from dream.ingest import services
from dream.ingest.document import PlanFormatError
from dream.ingest.services import IMPORT_LOCK_KEY, ImportInProgress, ImportResult, document_import

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "seeds" / "2024-implementation-plan.txt"
DREAM = Path(sys.executable).parent / "dream"


def test_a_refused_import_creates_no_system_user(db, tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(SAMPLE.read_text(encoding="utf-8").replace("2024년", "0000년", 1))

    with pytest.raises(PlanFormatError, match="있을 수 없는 연도"):
        document_import(path=damaged)

    assert not User.objects.filter(username="system").exists()


def test_an_import_without_a_named_user_is_attributed_to_the_system_user(db):
    result = document_import(path=SAMPLE)

    assert isinstance(result, ImportResult)
    assert result.run.actor.username == "system"


def test_the_command_reports_a_busy_database_in_korean(db, monkeypatch):
    def busy(**kwargs):
        raise ImportInProgress()

    monkeypatch.setattr("dream.ingest.management.commands.import_plan.document_import", busy)

    with pytest.raises(CommandError, match="다른 가져오기가 진행 중입니다"):
        call_command("import_plan", str(SAMPLE))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite waits at BEGIN IMMEDIATE instead"
)
def test_an_import_waits_a_bounded_time_for_the_lock_then_is_refused(transactional_db, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_LOCK_WAIT_SECONDS", 0.5)
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
            holding.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        holding.wait(10)
        with pytest.raises(ImportInProgress):
            document_import(path=SAMPLE)
    finally:
        release.set()
        holder.join()
    assert not User.objects.filter(username="system").exists()


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """A committed database that `dream` subprocesses can reach: PostgreSQL's test database
    itself, or a migrated SQLite file (the SQLite test database lives in memory)."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        return (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}"
        )
    url = f"sqlite:///{tmp_path / 'imports.sqlite3'}"
    dream(url, "migrate", "--noinput").check_returncode()
    return url


def dream(url: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DREAM), *arguments],
        env={**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URL": ""},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


STORED = (
    "from dream.ingest.models import ImportRun; from dream.plans.models import Plan; "
    "print(ImportRun.objects.count(), Plan.objects.count(), Plan.history.count())"
)


def stored(url: str) -> dict[str, int]:
    result = dream(url, "shell", "-c", STORED)
    result.check_returncode()
    runs, plans, plan_history = map(int, result.stdout.split()[-3:])
    return {"runs": runs, "plans": plans, "plan_history": plan_history}


def test_two_imports_at_once_record_the_changes_once(database_url):
    """Two `dream import-plan` processes of the same file at the same moment: one stores the
    plan, the other waits for it and finds nothing to change; nothing is recorded twice."""
    processes = [
        subprocess.Popen(
            [str(DREAM), "import-plan", str(SAMPLE)],
            env={**os.environ, "DATABASE_URL": database_url, "DATABASE_REPLICA_URL": ""},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]

    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stdout + stderr
    reports = sorted(stdout.strip().splitlines()[-2] for stdout, _stderr in outputs)
    assert "변경 없음" in reports[0] and "저장했습니다" in reports[1], reports
    assert stored(database_url) == {"runs": 1, "plans": 26, "plan_history": 26}
