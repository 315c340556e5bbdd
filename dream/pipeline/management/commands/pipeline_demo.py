from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dream.cycle.errors import CycleError
from dream.pipeline.demo import pipeline_demo_run


class Command(BaseCommand):
    help = (
        "시연: 디지털 사업 파이프라인을 처음부터 끝까지 돌립니다 — 8개 시·도의 제안·우선순위, "
        "과기정통부 트랙1 공모(사전 컨설팅, 신청, 이해충돌 거절, 두 평가반 채점, 표준화, 예산 내 "
        "선정), 우수 과제의 트랙2 단계, 성과 기반 차등 배분과 가정 계산, 진흥기관 성과 보고. "
        "입력값은 모두 시연용이며 DREAM_ENV=development에서만 돌아갑니다. 한 연도에 한 번만 "
        "돌립니다(두 번째는 거절)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024, help="공모·배분 연도")

    def handle(self, *args, year: int, **options):
        if settings.DREAM_ENV != "development":
            raise CommandError(
                "pipeline-demo는 로컬 개발 환경에서만 씁니다 "
                f"(지금 DREAM_ENV={settings.DREAM_ENV}): 시연용 제안·점수·금액을 입력합니다."
            )
        try:
            report = pipeline_demo_run(year)
        except CycleError as error:
            raise CommandError(error.message) from error
        self.stdout.write("\n".join(summary_lines(report)))


def summary_lines(report) -> list[str]:
    year, call, project, run = report.year, report.call, report.project, report.run
    what_if = {line["province"]: line for line in report.what_if_lines}
    lines = [
        f"{year}년 디지털 사업 파이프라인 시연을 마쳤습니다(입력값은 모두 시연용).",
        f"제안: {len(report.provinces)}개 시·도 {report.proposals}건 제출·우선순위 "
        f"({', '.join(report.provinces)})",
        f"공모: {call.title} — 예산 {call.budget_eok}억원, 사전 컨설팅 {report.consultations}건",
        f"이해충돌로 거절된 배정: {report.refused_assignment}",
        f"점수 {report.scores}건(사유 포함). 순위(원점수·표준화·최종, DREAM 계산):",
        *(f"  {line}" for line in report.normalised),
        f"선정: {', '.join(report.selected)} — 합계 {report.selected_total}억원 "
        f"(예산 {call.budget_eok}억원 이내)",
        f"트랙2: {project.proposal.title} — 지금 단계 {project.get_stage_display()}, "
        f"단계 기록 {project.steps.count()}건",
        f"배분 실행 #{run.pk}(상한 {Decimal(run.result['cap']) * 100:f}%, "
        f"총액 유지 {'예' if run.result['budget_neutral'] else '아니오'}):",
    ]
    weights = ", ".join(f"{k}={v}" for k, v in report.what_if_weights.items())
    for line in run.result["lines"]:
        other = what_if.get(line["province"], {})
        lines.append(
            f"  {line['explanation']} → {line['amount']}억원 "
            f"(기준 {line['base']}억원) | 가정({weights}): {_signed(other.get('change_percent'))} %, "
            f"{other.get('amount')}억원"
        )
    lines += [
        f"진흥기관 성과 보고: {report.agency_report}",
        f"시범 디지털 혁신지구: {', '.join(report.districts)}",
        "볼 곳:",
        f"  /digital/pipeline/?year={year} — 파이프라인 보드",
        f"  /digital/pipeline/track2/?year={year} — 트랙2 롤링 보드 "
        f"(/digital/pipeline/track2/{project.pk}/)",
        f"  /digital/calls/{call.pk}/ — 공모와 순위 (관리: /digital/calls/{call.pk}/manage/)",
        f"  /digital/allocations/{year}/ — 기준액·설정, /digital/allocations/runs/{run.pk}/ — 배분 결과",
        f"  /digital/allocations/{year}/what-if/?weight_district=0 — 가정 계산",
        f"  /digital/agencies/performance/{year}/?province={report.agency_province} — 통합 성과",
        "  /digital/districts/ — 디지털 혁신지구",
        "로그인: demo-pipeline-committee(위원회), demo-pipeline-msit(과기정통부) — 비밀번호는 "
        "`dream changepassword <이름>`으로 정하세요.",
    ]
    return lines


def _signed(value) -> str:
    return "-" if value is None else format(Decimal(value), "+")
