from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "`dream backup`의 파일을 빈 데이터베이스에 한 트랜잭션으로, 올린 문서는 문서 폴더에 "
        "되살립니다(먼저 `dream migrate`). 데이터가 있는 데이터베이스나 문서가 있는 문서 "
        "폴더는 --force 없이는 건드리지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="`dream backup`이 쓴 파일")
        parser.add_argument(
            "--force",
            action="store_true",
            help="데이터베이스의 데이터와 문서 폴더의 파일을 모두 지우고 백업으로 바꿉니다",
        )

    def handle(self, *args, file: Path, force: bool, **options):
        if not file.is_file():
            raise CommandError(f"백업 파일이 없습니다: {file}")
        try:
            result = backup_restore(path=file, force=force)
        except BackupError as exc:
            raise CommandError(
                f"복원하지 않았습니다. 데이터베이스와 올린 문서는 바뀌지 않았습니다.\n{exc}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"복원했습니다: 행 {result.rows}개, 올린 문서 {result.files}개 ({file})"
            )
        )
