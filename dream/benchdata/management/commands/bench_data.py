from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dream.benchdata.services import (
    MAX_YEARS,
    SOURCE_YEAR,
    TASKS_PER_YEAR,
    BenchDataRefused,
    bench_data_generate,
)


class Command(BaseCommand):
    help = (
        f"벤치마크 전용: {SOURCE_YEAR}년 시행계획을 그 앞의 여러 해로 복사하고 실천과제 아래 "
        "사업을 더해, 데이터베이스의 과제 수를 --tasks개로 늘립니다(연도마다 한 트랜잭션, "
        "같은 --seed면 같은 결과). 운영 데이터베이스에서 실행하지 마세요."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tasks", type=int, required=True, help="끝났을 때 데이터베이스의 과제 수 (예: 100000)"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help=f"{SOURCE_YEAR}년 앞으로 만들 연도 수 (기본: 과제 {TASKS_PER_YEAR:,}개에 "
            f"한 해, 최대 {MAX_YEARS - 1}: 10만 → 9, 100만 → 19)",
        )
        parser.add_argument("--seed", type=int, default=0, help="난수 씨앗 (기본 0)")

    def handle(self, *args, tasks: int, years: int | None, seed: int, **options):
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # A throw-away benchmark database: a crash may lose it, so skip the fsyncs.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-200000")
        try:
            result = bench_data_generate(
                tasks=tasks, years=years, seed=seed, progress=self.stderr.write
            )
        except BenchDataRefused as exc:
            raise CommandError(str(exc)) from exc
        first, last = min(result.years), max(result.years)
        self.stdout.write(
            self.style.SUCCESS(
                f"{first}–{last}년 {len(result.years)}개 연도를 만들었습니다 "
                f"({result.seconds:.1f}초, {connection.vendor}):"
            )
        )
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:28} {count:>12,}")
