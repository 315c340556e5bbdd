"""Backups that move between databases: every row of every app as gzip'd Django JSON.

The file is a header line (format, version, time, the migrations applied) and the rows
serialised by Django, with primary keys kept (so history, links and search entries point
where they pointed) and content types and permissions referred to by natural key (those
two tables are filled by `migrate` and numbered by it). A SQLite backup restores into
PostgreSQL and back. Sessions are left out: people sign in again after a restore.

The uploaded documents (MEDIA_ROOT: the cycles' guidelines) follow the rows, one line
each (its path under MEDIA_ROOT and its bytes in base64), so that one file restores the
whole service. Version 1 files, from before, hold rows only.

Restore writes into a database migrated to the same schema and holding no data (or, with
`force`, replaces what it holds), in one transaction; raw saves record no new history. The
documents are written to a folder beside MEDIA_ROOT first and take its place only when
every row and every document has been read: all or nothing. A document's path must stay
inside MEDIA_ROOT: a crafted "../" name is refused, and nothing is written outside.
"""

import base64
import binascii
import gzip
import json
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from dream.core.korean import particle

FORMAT = "dream-backup"
VERSION = 2
# Version 1: the rows only (no documents); still restored.
READABLE_VERSIONS = (1, VERSION)
# Filled and numbered by `migrate` itself, or throw-away (sessions).
EXCLUDED = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})
# Rows a data migration writes (the printed turnkey programmes): backed up like any other, as
# they may have been edited since, but they do not make a freshly migrated database "not empty";
# a restore empties them before loading the backup's.
SEEDED_BY_MIGRATIONS = frozenset({"allocation.turnkeyprogramme"})


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds (as ECMAScript does); a backup keeps the
    microseconds, or the restored decision times would differ from the originals."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why, in Korean."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int
    tables: int
    files: int = 0


@dataclass(frozen=True)
class RestoreResult:
    rows: int
    files: int


def backed_up_models() -> list:
    """Every concrete model whose rows a backup holds, parents before the rows that point
    to them by natural key."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    ]


def _applied_migrations(using: str) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _rows(models, counts: dict):
    for model in models:
        for row in model._base_manager.order_by("pk").iterator(chunk_size=2000):
            counts[model] = counts.get(model, 0) + 1
            yield row


def backup_write(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write every row to `path` from one consistent view of the database. The file appears
    only when complete: a failed backup leaves no truncated file behind."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            "데이터베이스가 최신 스키마가 아닙니다. 먼저 `dream migrate`를 실행하세요."
        )
    models = backed_up_models()
    partial = path.with_name(path.name + ".partial")
    counts: dict = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # Every query sees one snapshot while people go on writing; PostgreSQL allows
            # this only as the transaction's first statement.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "migrations": _applied_migrations(using),
        }
        try:
            with gzip.open(partial, "wt", encoding="utf-8") as stream:
                stream.write(json.dumps(header, ensure_ascii=False) + "\n")
                serializers.serialize(
                    "json",
                    _rows(models, counts),
                    stream=stream,
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=False,
                    cls=ExactJSONEncoder,
                )  # one line: without indent, Django's JSON holds no line break
                stream.write("\n")
                files = _media_write(stream)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(path)
    return BackupResult(path=path, rows=sum(counts.values()), tables=len(counts), files=files)


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_write(stream) -> int:
    """One line per uploaded document under MEDIA_ROOT, in path order; links are skipped
    (a link could point anywhere on the server). Read after the rows' snapshot, so every
    document a row names is there unless deleted meanwhile."""
    root = _media_root()
    if not root.is_dir():
        return 0
    files = 0
    for file in sorted(root.rglob("*")):
        if file.is_symlink() or not file.is_file():  # rglob does not enter linked folders
            continue
        line = {
            "media": file.relative_to(root).as_posix(),
            "content": base64.b64encode(file.read_bytes()).decode("ascii"),
        }
        stream.write(json.dumps(line) + "\n")
        files += 1
    return files


def backup_header(path: Path) -> dict:
    """The header line of a backup file, or BackupError when `path` is not one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            header = json.loads(stream.readline())
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise BackupError(
            f"DREAM 백업 파일이 아닙니다 (gzip JSON을 읽지 못했습니다): {exc}"
        ) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError("DREAM 백업 파일이 아닙니다 (첫 줄에 백업 정보가 없습니다).")
    if header.get("version") not in READABLE_VERSIONS:
        version = header.get("version")
        raise BackupError(
            f"이 버전의 DREAM은 백업 형식 {version}{particle(version, '을')} 읽지 못합니다."
        )
    return header


def database_is_empty(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when no table a backup fills holds a row (what `migrate` fills does not count)."""
    return not any(
        model._base_manager.using(using).exists()
        for model in backed_up_models()
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS
    )


def media_is_empty() -> bool:
    """True when MEDIA_ROOT holds no file (empty folders do not count)."""
    root = _media_root()
    return not root.is_dir() or not any(p.is_file() or p.is_symlink() for p in root.rglob("*"))


def backup_restore(
    *, path: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    """Load the backup at `path` in one transaction, with its documents into MEDIA_ROOT;
    returns how many rows and documents.

    Refuses a database that holds data, or a MEDIA_ROOT that holds documents, unless
    `force` (then both are replaced), and a backup taken at another schema version
    (migrate to the backup's version first). A version 1 backup leaves MEDIA_ROOT alone.
    """
    header = backup_header(path)
    missing = set(header.get("migrations", [])) - set(_applied_migrations(using))
    if missing:
        raise BackupError(
            "백업은 이 데이터베이스에 아직 적용되지 않은 마이그레이션에서 만들어졌습니다: "
            f"{', '.join(sorted(missing)[:5])}. 먼저 `dream migrate`를 실행하세요."
        )
    extra = set(_applied_migrations(using)) - set(header.get("migrations", []))
    if extra:
        raise BackupError(
            "이 데이터베이스는 백업보다 새 스키마입니다 (백업에 없는 마이그레이션: "
            f"{', '.join(sorted(extra)[:5])}). 백업과 같은 버전으로 복원한 뒤 migrate 하세요."
        )
    with_media = header["version"] >= 2
    connection = connections[using]
    staging: Path | None = None
    displaced: Path | None = None
    try:
        with transaction.atomic(using=using):
            if not force and not database_is_empty(using=using):
                raise BackupError(
                    "데이터베이스에 이미 데이터가 있어 복원하지 않았습니다. 빈 데이터베이스에 "
                    "복원하거나, 지금 데이터를 모두 지우고 바꾸려면 --force를 주세요."
                )
            _empty(connection)
            if with_media and not force and not media_is_empty():
                raise BackupError(
                    f"올린 문서 폴더({_media_root()})에 이미 파일이 있어 복원하지 않았습니다. "
                    "비우거나, 그 파일들을 백업의 문서로 바꾸려면 --force를 주세요."
                )
            if with_media:
                staging = _staging_folder()
            rows, models, files = _load(connection, path, using, staging)
            try:
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
            except IntegrityError as exc:
                raise BackupError(f"백업의 행들이 서로 맞지 않습니다: {exc}") from exc
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
                    cursor.execute(statement)
            if staging is not None:
                displaced = _media_replace(staging)
                staging = None
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if displaced is not None:  # the commit failed after the swap: put the old ones back
            shutil.rmtree(_media_root(), ignore_errors=True)
            displaced.rename(_media_root())
        raise
    if displaced is not None:
        shutil.rmtree(displaced, ignore_errors=True)
    return RestoreResult(rows=rows, files=files)


def _staging_folder() -> Path:
    """A new folder beside MEDIA_ROOT (the same disk, so the swap is a rename)."""
    root = _media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{root.name}-restoring-", dir=root.parent))


def _media_replace(staging: Path) -> Path | None:
    """Put the restored documents in MEDIA_ROOT's place; returns where the old folder went
    (removed once the rows are committed), or None when there was none."""
    root = _media_root()
    displaced = None
    if root.exists() or root.is_symlink():
        displaced = root.with_name(f".{root.name}-replaced-{uuid.uuid4().hex}")
        root.rename(displaced)
    staging.rename(root)
    return displaced


def _media_target(folder: Path, name) -> Path:
    """Where the document `name` of a backup goes under `folder`; BackupError for a name
    that is not a plain relative path inside it ("../x", "/etc/x", "a\\b", "")."""
    if not isinstance(name, str) or not name or "\x00" in name or "\\" in name:
        raise BackupError(f"백업의 문서 이름을 쓸 수 없습니다: {name!r}")
    relative = PurePosixPath(name)
    if relative.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise BackupError(f"백업의 문서 이름이 문서 폴더 밖을 가리킵니다: {name!r}")
    target = folder.joinpath(*relative.parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        raise BackupError(f"백업의 문서 이름이 문서 폴더 밖을 가리킵니다: {name!r}")
    return target


def _media_load(stream, folder: Path) -> int:
    """Write each document line after the rows into `folder`; BackupError on the first
    line that cannot be read or names a path outside it."""
    files = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            name, content = item["media"], base64.b64decode(item["content"], validate=True)
        except (ValueError, TypeError, KeyError, binascii.Error) as exc:
            raise BackupError(f"백업의 {number}번째 문서를 읽지 못했습니다: {exc}") from exc
        target = _media_target(folder, name)
        if target.exists():
            raise BackupError(f"백업에 같은 문서가 두 번 있습니다: {name}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:  # e.g. "a" and "a/b": a file where a folder should be
            raise BackupError(f"백업의 문서 {name}을(를) 쓰지 못했습니다: {exc}") from exc
        files += 1
    return files


def _empty(connection) -> None:
    models = backed_up_models()
    tables = [model._meta.db_table for model in models] + [
        field.remote_field.through._meta.db_table  # e.g. a user's groups, saved with the user
        for model in models
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with foreign-key checks still pending in this transaction:
        # run them now, and defer them again for the load, which inserts in any order.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    connection.ops.execute_sql_flush(statements)


def _load(connection, path: Path, using: str, media: Path | None) -> tuple[int, set, int]:
    """Save every row; with `media` (a version 2 backup), write its documents there."""
    rows, models, deferred = 0, set(), []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        stream.readline()  # the header, read by backup_header
        # Version 1 is the rows to the end; version 2 has them on one line, documents after.
        data = stream if media is None else stream.readline()
        try:
            with connection.constraint_checks_disabled():
                for item in serializers.deserialize(
                    "json", data, using=using, handle_forward_references=True
                ):
                    item.save(using=using)
                    models.add(type(item.object))
                    rows += 1
                    if item.deferred_fields:
                        deferred.append(item)
                for item in deferred:
                    item.save_deferred_fields(using=using)
        except (serializers.base.DeserializationError, IntegrityError) as exc:
            raise BackupError(f"백업의 {rows + 1}번째 행을 읽지 못했습니다: {exc}") from exc
        files = _media_load(stream, media) if media is not None else 0
    return rows, models, files
