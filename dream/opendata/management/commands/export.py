from pathlib import Path

from django.core.management.base import BaseCommand

from dream.opendata.services import datapackage_export


class Command(BaseCommand):
    help = "공개 데이터를 내보냅니다 (Frictionless Data Package: datapackage.json + UTF-8 CSV)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="내보낼 폴더 (없으면 만듭니다)")
        parser.add_argument("--format", choices=["datapackage"], default="datapackage", help="형식")

    def handle(self, *args, directory: Path, **options):
        path = datapackage_export(directory=directory)
        self.stdout.write(self.style.SUCCESS(f"내보냈습니다: {path}"))
