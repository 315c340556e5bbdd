import time

from django.core.management.base import BaseCommand

from dream.links.services import link_proposals_refresh
from dream.plans.selectors import latest_year


class Command(BaseCommand):
    help = (
        "디지털 과제마다 공유 낱말이 많은 시행계획 과제를 연계 제안으로 만듭니다(한 트랜잭션). "
        "확정·기각된 연계는 건드리지 않으며, 다시 실행해도 바뀐 것만 씁니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="시행계획 연도 (기본: 가장 최근 연도)")

    def handle(self, *args, year: int | None, **options):
        year = year or latest_year()
        started = time.perf_counter()
        result = link_proposals_refresh(year=year)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{year}년 시행계획과의 연계 제안: {result} ({elapsed:.2f}초)")
