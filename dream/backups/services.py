"""Backups that move between databases: every row of every app as gzip'd Django JSON.

The file is a header line (format, version, time, the migrations applied) and the rows
serialised by Django, with primary keys kept (so history, links and search entries point
where they pointed) and content types and permissions referred to by natural key (those
two tables are filled by `migrate` and numbered by it). A SQLite backup restores into
PostgreSQL and back. Sessions are left out: people sign in again after a restore.

Restore writes into a database migrated to the same schema and holding no data (or, with
`force`, replaces what it holds), in one transaction; raw saves record no new history.
"""

import gzip
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from dream.core.korean import particle

FORMAT = "dream-backup"
VERSION = 1
# Filled and numbered by `migrate` itself, or throw-away (sessions).
EXCLUDED = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})


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
                )
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(path)
    return BackupResult(path=path, rows=sum(counts.values()), tables=len(counts))


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
    if header.get("version") != VERSION:
        version = header.get("version")
        raise BackupError(
            f"이 버전의 DREAM은 백업 형식 {version}{particle(version, '을')} 읽지 못합니다."
        )
    return header


def database_is_empty(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when no table a backup fills holds a row (what `migrate` fills does not count)."""
    return not any(model._base_manager.using(using).exists() for model in backed_up_models())


def backup_restore(*, path: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> int:
    """Load the backup at `path` in one transaction; returns the number of rows.

    Refuses a database that holds data unless `force` (then its data is replaced), and a
    backup taken at another schema version (migrate to the backup's version first).
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
    connection = connections[using]
    with transaction.atomic(using=using):
        if not database_is_empty(using=using):
            if not force:
                raise BackupError(
                    "데이터베이스에 이미 데이터가 있어 복원하지 않았습니다. 빈 데이터베이스에 "
                    "복원하거나, 지금 데이터를 모두 지우고 바꾸려면 --force를 주세요."
                )
            _empty(connection)
        rows, models = _load(connection, path, using)
        try:
            connection.check_constraints(table_names=[m._meta.db_table for m in models])
        except IntegrityError as exc:
            raise BackupError(f"백업의 행들이 서로 맞지 않습니다: {exc}") from exc
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
                cursor.execute(statement)
    return rows


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


def _load(connection, path: Path, using: str) -> tuple[int, set]:
    rows, models, deferred = 0, set(), []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        stream.readline()  # the header, read by backup_header
        try:
            with connection.constraint_checks_disabled():
                for item in serializers.deserialize(
                    "json", stream, using=using, handle_forward_references=True
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
    return rows, models
