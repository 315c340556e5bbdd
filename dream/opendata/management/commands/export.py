from pathlib import Path

from django.core.management.base import BaseCommand

from dream.opendata.services import datapackage_export


class Command(BaseCommand):
    help = "공개 데이터를 내보냅니다 (Frictionless Data Package: datapackage.json + BOM 붙은 UTF-8 CSV)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="내보낼 폴더 (없으면 만듭니다)")
        parser.add_argument("--format", choices=["datapackage"], default="datapackage", help="형식")
        parser.add_argument(
            "--korean-headers",
            action="store_true",
            help="CSV 머리글을 한국어 열 제목으로 씁니다 (기본: 영문 열 이름)",
        )

    def handle(self, *args, directory: Path, korean_headers: bool, **options):
        path = datapackage_export(directory=directory, korean_headers=korean_headers)
        self.stdout.write(self.style.SUCCESS(f"내보냈습니다: {path}"))
