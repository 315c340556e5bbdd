from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.accounts.services import system_user
from dream.ingest.document import PlanFormatError
from dream.ingest.services import plan_document_import


class Command(BaseCommand):
    help = "지방시대 시행계획 문서(텍스트)를 읽어 데이터베이스에 저장합니다. 전부 저장되거나 전혀 저장되지 않습니다."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="시행계획 텍스트 파일")
        parser.add_argument(
            "--user", help="변경 이력에 남길 사용자 이름 (기본: system)", default=None
        )

    def handle(self, *args, file: Path, user: str | None, **options):
        actor = self._actor(user)
        try:
            result = plan_document_import(
                actor=actor, path=file, progress=lambda m: self.stderr.write(f"… {m}")
            )
        except PlanFormatError as exc:
            raise CommandError(
                f"가져오지 못했습니다. 데이터베이스는 바뀌지 않았습니다.\n{exc}"
            ) from exc
        severities = Counter(f.get_severity_display() for f in result.findings)
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result.year}년 시행계획 {result.plans}개를 저장했습니다: "
                    f"추가 {result.created}, 변경 {result.updated}, 삭제 {result.deleted}"
                )
            )
        else:
            self.stdout.write(f"{result.year}년 시행계획 {result.plans}개: 변경 없음")
        self.stdout.write(
            "검토 사항: " + (", ".join(f"{k} {v}" for k, v in sorted(severities.items())) or "없음")
        )

    def _actor(self, username: str | None) -> User:
        if username is None:
            return system_user()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"사용자 '{username}'이(가) 없습니다") from exc
