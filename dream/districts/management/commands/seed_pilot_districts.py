"""`dream seed-pilot-districts`: register the pilot districts of data/seeds/pilot-districts.toml."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.districts.seeding import PILOT_FILE, SeedError, pilot_districts_seed


class Command(BaseCommand):
    help = (
        "2024년 지방시대 시행계획(원문 764줄)의 旣 선정 디지털 혁신지구 시범 추진지역을 등록합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=PILOT_FILE, help="검토한 데이터 파일")

    def handle(self, *args, file: Path, **options):
        try:
            result = pilot_districts_seed(file)
        except SeedError as error:
            raise CommandError(str(error)) from error
        for name in result.created:
            self.stdout.write(f"등록: {name}")
        for name in result.existing:
            self.stdout.write(f"이미 있음: {name}")
        self.stdout.write(f"새로 등록 {len(result.created)}곳, 이미 있음 {len(result.existing)}곳.")
