"""`dream annual-report YEAR --format html|pdf|docx --output FILE [--job ID]`: the annual report
to the National Assembly (특별법 제73조) from the data, for scheduled runs and for the web's
generate button (which passes --job so the page can show progress)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.reports.models import AnnualReport, ReportFormat, ReportStatus
from dream.reports.selectors import NoClosedRound, closed_round
from dream.reports.services import annual_report_generate, report_bytes


class Command(BaseCommand):
    help = "국회 보고서(특별법 제73조)를 자료에서 만들어 파일로 씁니다."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="보고 대상 연도(평가 회차가 종료된 해)")
        parser.add_argument("--format", choices=ReportFormat.values, default=ReportFormat.PDF)
        parser.add_argument("--output", required=True, help="쓸 파일 경로")
        parser.add_argument(
            "--job", type=int, help="진행을 기록할 보고서 작업 번호(웹에서 시작할 때)"
        )

    def handle(self, *args, year, format, output, job, **options):
        output = Path(output)
        if job is not None:
            row = AnnualReport.objects.filter(pk=job, year=year, format=format).first()
            if row is None:
                raise CommandError(f"{year}년 {format} 보고서 작업 {job}번이 없습니다.")
            annual_report_generate(row, output)
            if row.status != ReportStatus.DONE:
                raise CommandError(row.error)
            self.stdout.write(f"{output}: {row.step}")
            return
        try:
            closed_round(year)
        except NoClosedRound as error:
            raise CommandError(error.message) from None
        started = time.monotonic()
        content, digest = report_bytes(year, format)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
        self.stdout.write(
            f"{output}: {len(content):,}바이트, {time.monotonic() - started:.1f}초, "
            f"자료 SHA-256 {digest}"
        )
