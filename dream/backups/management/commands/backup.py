from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.backups.services import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "데이터베이스의 모든 데이터(이력·사용자 포함)와 올린 문서를 한 파일(gzip JSON)로 "
        "백업합니다. "
        "SQLite와 PostgreSQL 사이에서도 `dream restore`로 되살릴 수 있습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="쓸 백업 파일 (예: dream-2025-01-31.json.gz)")

    def handle(self, *args, file: Path, **options):
        try:
            result = backup_write(path=file)
        except BackupError as exc:
            raise CommandError(f"백업하지 않았습니다.\n{exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"백업했습니다: {result.path} (테이블 {result.tables}개, 행 {result.rows}개, "
                f"올린 문서 {result.files}개)"
            )
        )
