from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.core.korean import particle
from dream.digital.services import DigitalImportResult
from dream.ingest.document import PlanFormatError
from dream.ingest.reader import SUPPORTED_DOCUMENTS
from dream.ingest.services import ImportInProgress, document_import


class Command(BaseCommand):
    help = (
        "지방시대 시행계획 또는 지방 디지털 경쟁력 강화방안 문서(텍스트)를 읽어 데이터베이스에 "
        "저장합니다. 전부 저장되거나 전혀 저장되지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="시행계획 또는 디지털 강화방안 텍스트 파일")
        parser.add_argument(
            "--user", help="변경 이력에 남길 사용자 이름 (기본: system)", default=None
        )
        parser.add_argument(
            "--facts",
            type=Path,
            default=None,
            help="디지털 강화방안의 검토된 사실 파일 (기본: data/seeds/digital-plan-facts.toml)",
        )

    def handle(self, *args, file: Path, user: str | None, facts: Path | None, **options):
        actor = self._actor(user)
        try:
            result = document_import(path=file, actor=actor, facts=facts, progress=self._say)
        except PlanFormatError as exc:
            raise CommandError(
                f"가져오지 못했습니다. 데이터베이스는 바뀌지 않았습니다.\n{exc}" + _supported(exc)
            ) from exc
        except ImportInProgress as exc:
            raise CommandError(f"가져오지 못했습니다. {exc}") from exc
        if isinstance(result, DigitalImportResult):
            self._report_digital(result)
        else:
            self._report_implementation(result)

    def _say(self, message: str) -> None:
        self.stderr.write(f"… {message}")

    def _report_implementation(self, result) -> None:
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result.year}년 시행계획 {result.plans}개를 저장했습니다: "
                    f"추가 {result.created}, 변경 {result.updated}, 삭제 {result.deleted}"
                )
            )
        else:
            self.stdout.write(f"{result.year}년 시행계획 {result.plans}개: 변경 없음")
        severities = Counter(f.get_severity_display() for f in result.findings)
        self._report_severities(severities)

    def _report_digital(self, result) -> None:
        contents = (
            f"분야 {result.areas}개, 과제 {result.tasks}개, 목표 {result.goals}개, "
            f"예산 {result.budgets}건"
        )
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"「{result.title}」({contents}){particle(result.title, '을')} 저장했습니다: "
                    f"추가 {result.created}, 변경 {result.updated}, 삭제 {result.deleted}"
                )
            )
        else:
            self.stdout.write(f"「{result.title}」({contents}): 변경 없음")
        labels = {"error": "오류", "warning": "경고", "info": "참고"}
        for finding in result.findings:
            self.stdout.write(
                f"[{labels[finding.severity]}] 줄 {finding.source_line}: {finding.message}"
            )
        self._report_severities(Counter(labels[f.severity] for f in result.findings))

    def _report_severities(self, severities: Counter) -> None:
        self.stdout.write(
            "검토 사항: " + (", ".join(f"{k} {v}" for k, v in sorted(severities.items())) or "없음")
        )

    def _actor(self, username: str | None) -> User | None:
        """The named user; None lets the import attribute itself to `system`, which it
        creates inside its own transaction (a refused import creates nothing)."""
        if username is None:
            return None
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"사용자 '{username}'{particle(username, '이')} 없습니다") from exc


def _supported(error: PlanFormatError) -> str:
    """Name the documents this command reads, unless the error already does."""
    if SUPPORTED_DOCUMENTS in str(error):
        return ""
    return f"\n(읽을 수 있는 문서: {SUPPORTED_DOCUMENTS})"
