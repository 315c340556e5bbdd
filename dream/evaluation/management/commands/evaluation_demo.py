from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dream.cycle.errors import CycleError
from dream.evaluation.demo import evaluation_demo_run


class Command(BaseCommand):
    help = (
        "시연: 한 해의 평가 회차를 처음부터 끝까지 돌립니다 — 부산·부울경·과기정통부의 추진실적 "
        "입력·제출·확정, 회차 열기, 평가위원 이해충돌 신고와 배정(부산 소속 위원은 거절), 채점, "
        "계산, 자체평가, 점검, 종료, 환류 조치, 다음 해 부산 초안. 입력값은 모두 시연용이며 "
        "DREAM_ENV=development에서만 돌아갑니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024, help="평가할 시행계획 연도")

    def handle(self, *args, year: int, **options):
        if settings.DREAM_ENV != "development":
            raise CommandError(
                "evaluation-demo는 로컬 개발 환경에서만 씁니다 "
                f"(지금 DREAM_ENV={settings.DREAM_ENV}): 시연용 실적과 점수를 입력합니다."
            )
        try:
            report = evaluation_demo_run(year)
        except CycleError as error:
            raise CommandError(error.message) from error
        lines = [
            f"{year}년 평가 회차 시연을 마쳤습니다.",
            f"추진실적 입력·확정: {', '.join(report.bodies)} (지표 실적 {report.actuals}건, "
            f"재정 집행 {report.executions}건, 추진실적 설명 {report.accounts}건)",
            f"이해충돌로 거절된 배정: {report.refused_assignment}",
            f"배정 {report.assignments}건, 점수 {report.scores}건, 등급 {report.grades}건",
            f"점검에서 바뀐 등급: {report.changed_grade}",
            f"환류 조치: {len(report.feedback_actions)}건 — /evaluations/{year}/feedback/",
            f"{year + 1}년 부산 초안: /cycles/{year + 1}/부산/draft/",
            f"국회 보고서: /reports/{year}/ 또는 dream annual-report {year} --format pdf "
            "--output report.pdf",
        ]
        self.stdout.write("\n".join(lines))
