"""A backup restores, in another database, into the same open data and the same rows."""

import base64
import datetime
import filecmp
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from dream.accounts.choices import MembershipRole, OrganizationKind
from dream.accounts.models import Membership, Organization, User
from dream.backups.services import BackupError, backup_header, backup_restore, backup_write
from dream.core.fingerprint import IGNORED_TABLES, database_fingerprint
from dream.digital.models import DigitalGoal
from dream.links.models import TaskLink
from dream.links.services import link_proposals_refresh, task_link_confirm
from dream.opendata.services import datapackage_export
from dream.tracking.services import goal_value_record

ROOT = Path(__file__).resolve().parents[3]
# Bookkeeping of each database: when its migrations ran, and SQLite's full-text index,
# which the triggers rebuild from search_searchentry (compared itself) in their own layout.
NOT_DATA = IGNORED_TABLES | {"django_migrations"}
FTS_PREFIX = "search_entry_fts"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The uploaded documents of the database under test: never the real DATA_DIR's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def office_day(db, plan_2024, digital_plan_2023):
    """Both plans, proposals, and what staff do in a day: a member, a decision, an actual."""
    committee = Organization.objects.get(kind=OrganizationKind.COMMITTEE)
    editor = User.objects.create_user("editor", password="pw-1234-long", first_name="담당")
    membership = Membership(user=editor, organization=committee, role=MembershipRole.EDITOR)
    membership._history_user = editor
    membership.save()
    link_proposals_refresh(year=2024)
    task_link_confirm(actor=editor, link=TaskLink.objects.order_by("pk").first(), note="확인")
    goal = DigitalGoal.objects.order_by("pk").first()
    goal_value_record(
        actor=editor,
        goal=goal,
        year=goal.target_year - 1,
        value=str(goal.target_value),
        source="시험 출처",
        observed_on=datetime.date(2025, 1, 31),
    )


def in_fresh_sqlite(tmp_path: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    """Run `dream` commands against a new, migrated SQLite file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DREAM_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    env["DREAM_DATA_DIR"] = str(tmp_path / "restored")  # its documents go to restored/media
    results = []
    for command in (["migrate", "--noinput"], *commands):
        result = subprocess.run(
            [sys.executable, "-m", "dream.cli", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        results.append(result)
    return results


def fingerprint_command(path: Path) -> list[str]:
    code = (
        "from dream.core.fingerprint import database_fingerprint as f; from django.db import "
        "connection as c; t = c.introspection.table_names(); "
        f"print(f(ignore={sorted(NOT_DATA)!r} + [n for n in t if n.startswith({FTS_PREFIX!r})]))"
    )
    return ["shell", "--no-imports", "-v", "0", "-c", code]


def test_a_backup_restored_into_an_empty_database_exports_the_same_open_data(
    office_day, tmp_path, media
):
    document = media / "cycle" / "guidelines" / "2025-guidelines.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    datapackage_export(directory=tmp_path / "before")

    migrate, restore, export, fingerprint, search = in_fresh_sqlite(
        tmp_path,
        ["restore", str(backup)],
        ["export", "--format", "datapackage", str(tmp_path / "after")],
        fingerprint_command(backup),
        ["shell", "--no-imports", "-v", "0", "-c", SEARCH_COUNT],
    )

    assert migrate.returncode == 0, migrate.stderr
    assert restore.returncode == 0, restore.stderr
    assert "복원했습니다" in restore.stdout and "올린 문서 1개" in restore.stdout
    restored = tmp_path / "restored" / "media" / "cycle" / "guidelines" / "2025-guidelines.pdf"
    assert restored.read_bytes() == document.read_bytes()
    assert export.returncode == 0, export.stderr
    before = sorted(p.name for p in (tmp_path / "before").iterdir())
    assert before == sorted(p.name for p in (tmp_path / "after").iterdir())
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "before", tmp_path / "after", before, shallow=False
    )
    assert (mismatch, errors) == ([], [])
    assert search.stdout.strip() == str(search_count())
    if connection.vendor == "sqlite":  # the same engine: the very same rows, history included
        tables = connection.introspection.table_names()
        fts = [name for name in tables if name.startswith(FTS_PREFIX)]
        assert fingerprint.stdout.strip() == database_fingerprint(ignore=NOT_DATA | set(fts))


SEARCH_COUNT = (
    "from dream.search.selectors import search; print(search(query='블록체인 클러스터').total)"
)


def search_count() -> int:
    from dream.search.selectors import search

    return search(query="블록체인 클러스터").total


def test_the_backup_holds_history_users_and_decisions_but_no_sessions(office_day, tmp_path):
    backup = tmp_path / "dream.json.gz"
    result = backup_write(path=backup)

    with gzip.open(backup, "rt", encoding="utf-8") as stream:
        header = json.loads(stream.readline())
        models = {row["model"] for row in json.loads(stream.read())}
    assert header["format"] == "dream-backup" and header["engine"] == connection.vendor
    assert {
        "accounts.user",
        "accounts.historicalmembership",
        "plans.historicaltask",
        "links.historicaltasklink",
        "tracking.goalvalue",
        "search.searchentry",
    } <= models
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission"}
    assert result.rows > 1000


def test_restore_refuses_a_database_that_holds_data(office_day, tmp_path):
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    before = database_fingerprint()

    with pytest.raises(BackupError, match="이미 데이터가 있어"):
        backup_restore(path=backup)

    assert database_fingerprint() == before


def test_restore_with_force_replaces_what_the_database_holds(tmp_path, db, plan_2024):
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    first_user = User.objects.create_user("after-the-backup")

    backup_restore(path=backup, force=True)

    assert not User.objects.filter(pk=first_user.pk).exists()
    assert Organization.objects.filter(kind=OrganizationKind.PROVINCE).count() == 17
    # The sequences continue after the restored rows (PostgreSQL numbers by sequence).
    assert User.objects.create_user("after-the-restore").pk > User.objects.get(username="system").pk
    assert Organization.objects.create(kind=OrganizationKind.MINISTRY, short_name="새 부처").pk


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    not_a_backup = tmp_path / "plan.txt"
    not_a_backup.write_text("2024년 지방시대 시행계획", encoding="utf-8")

    with pytest.raises(BackupError, match="DREAM 백업 파일이 아닙니다"):
        backup_restore(path=not_a_backup)


def test_restore_refuses_a_backup_of_another_schema(tmp_path, db):
    backup = tmp_path / "old.json.gz"
    with gzip.open(backup, "wt", encoding="utf-8") as stream:
        header = {"format": "dream-backup", "version": 1, "migrations": ["plans.9999_future"]}
        stream.write(json.dumps(header) + "\n[]")

    with pytest.raises(BackupError, match="dream migrate"):
        backup_restore(path=backup)


def test_a_backup_of_a_newer_format_is_named_in_the_refusal(tmp_path):
    backup = tmp_path / "new.json.gz"
    with gzip.open(backup, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"format": "dream-backup", "version": 99}) + "\n[]")

    with pytest.raises(BackupError, match="DREAM은 백업 형식 99를 읽지 못합니다"):
        backup_header(backup)


def test_backup_refuses_a_database_that_is_not_migrated_and_leaves_no_file(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DREAM_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}"
    backup = tmp_path / "dream.json.gz"

    result = subprocess.run(
        [sys.executable, "-m", "dream.cli", "backup", str(backup)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )

    assert result.returncode == 1
    assert "백업하지 않았습니다" in result.stderr and "dream migrate" in result.stderr
    assert list(tmp_path.glob("dream.json.gz*")) == []


def _documents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _rewritten(backup: Path, *, version=None, extra_lines=(), keep_media=True) -> Path:
    """A copy of `backup` with another format version or document lines added."""
    with gzip.open(backup, "rt", encoding="utf-8") as stream:
        header, rows, *documents = stream.read().splitlines()
    header = json.loads(header)
    header["version"] = version or header["version"]
    lines = [json.dumps(header), rows, *(documents if keep_media else []), *extra_lines]
    crafted = backup.with_name("crafted.json.gz")
    with gzip.open(crafted, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    return crafted


def _document_line(name: str, content: bytes = b"evil") -> str:
    return json.dumps({"media": name, "content": base64.b64encode(content).decode()})


def test_the_backup_holds_the_uploaded_documents_and_restore_puts_back_exactly_them(
    db, tmp_path, media
):
    (media / "cycle" / "guidelines").mkdir(parents=True)
    (media / "cycle" / "guidelines" / "2025-guidelines.hwpx").write_bytes(b"PK\x03\x04 2025")
    (media / "다른 문서.pdf").write_bytes(b"%PDF-1.4 \x00\xff")
    saved = _documents(media)
    backup = tmp_path / "dream.json.gz"

    assert backup_write(path=backup).files == 2

    (media / "다른 문서.pdf").write_bytes(b"changed after the backup")
    (media / "after-the-backup.pdf").write_bytes(b"new")
    result = backup_restore(path=backup, force=True)

    assert result.files == 2
    assert _documents(media) == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dream.json.gz", "media"]  # no leftovers


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/tmp/dream-evil.txt", "a/../../evil.txt", "..\\evil.txt", "", "a//b"]
)
def test_restore_refuses_a_document_named_outside_the_media_folder(db, tmp_path, media, name):
    media.mkdir()
    (media / "kept.pdf").write_bytes(b"kept")
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    crafted = _rewritten(backup, extra_lines=[_document_line(name)])
    later = User.objects.create_user("after-the-backup")
    before = database_fingerprint()

    with pytest.raises(BackupError, match="문서"):
        backup_restore(path=crafted, force=True)

    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/dream-evil.txt").exists()
    assert _documents(media) == {"kept.pdf": b"kept"}
    assert database_fingerprint() == before and User.objects.filter(pk=later.pk).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "crafted.json.gz",
        "dream.json.gz",
        "media",
    ]


def test_a_broken_last_document_restores_nothing(db, tmp_path, media):
    media.mkdir()
    (media / "kept.pdf").write_bytes(b"kept")
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    crafted = _rewritten(
        backup,
        extra_lines=[_document_line("fine.pdf"), '{"media": "x.pdf", "content": "not base64!"}'],
    )
    (media / "kept.pdf").write_bytes(b"changed")
    later = User.objects.create_user("after-the-backup")

    with pytest.raises(BackupError, match="3번째 문서"):
        backup_restore(path=crafted, force=True)

    assert _documents(media) == {"kept.pdf": b"changed"}
    assert User.objects.filter(pk=later.pk).exists()


def test_a_version_1_backup_restores_its_rows_and_leaves_the_documents(db, tmp_path, media):
    media.mkdir()
    kept = User.objects.create_user("in-the-backup")
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    old = _rewritten(backup, version=1, keep_media=False)
    (media / "kept.pdf").write_bytes(b"kept")
    later = User.objects.create_user("after-the-backup")

    result = backup_restore(path=old, force=True)

    assert result.files == 0 and result.rows >= 1
    assert User.objects.filter(pk=kept.pk).exists()
    assert not User.objects.filter(pk=later.pk).exists()
    assert _documents(media) == {"kept.pdf": b"kept"}


def test_restore_without_force_refuses_a_media_folder_that_holds_documents(tmp_path, db):
    User.objects.create_user("in-the-backup")
    backup = tmp_path / "dream.json.gz"
    backup_write(path=backup)
    leftover = tmp_path / "restored" / "media" / "old.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"old")

    _migrate, restore, restored = in_fresh_sqlite(
        tmp_path,
        ["restore", str(backup)],
        ["shell", "--no-imports", "-v", "0", "-c", RESTORED_USER],
    )

    assert restore.returncode == 1
    assert "올린 문서 폴더" in restore.stderr and "--force" in restore.stderr
    assert leftover.read_bytes() == b"old"
    assert restored.stdout.strip() == "False"


RESTORED_USER = (
    "from dream.accounts.models import User; "
    "print(User.objects.filter(username='in-the-backup').exists())"
)
