from django.core.management.base import BaseCommand

from dream.plans.models import Plan
from dream.search.services import search_index_rebuild, search_index_rebuild_digital


class Command(BaseCommand):
    help = (
        "검색 색인을 시행계획 데이터로 다시 만듭니다. 가져오기가 바뀐 내용을 저장할 때 자동으로 "
        "만들어지므로, 검색 기능이 생기기 전에 가져온 데이터베이스에서 한 번 실행하면 됩니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="이 연도의 시행계획만 (기본: 모든 연도와 디지털 계획)"
        )

    def handle(self, *args, year: int | None, **options):
        years = [year] if year else Plan.objects.values_list("year", flat=True).distinct()
        for each in sorted(set(years)):
            count = search_index_rebuild(year=each)
            self.stdout.write(f"{each}년 시행계획·부처 검색 항목 {count}개를 만들었습니다.")
        if year is None:
            count = search_index_rebuild_digital()
            self.stdout.write(
                f"디지털 경쟁력 강화방안·혁신지구·부처 검색 항목 {count}개를 만들었습니다."
            )
