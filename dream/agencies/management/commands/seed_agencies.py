"""`dream seed-agencies`: register the agencies the digital plan names (reviewed seed file)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.services import organizations_ensure, system_user
from dream.agencies.seed import SEED_PATH, seed_entries
from dream.agencies.services import agencies_seed
from dream.cycle.errors import InvalidInput


class Command(BaseCommand):
    help = (
        "원문이 이름을 든 지역 디지털 진흥기관을 등록합니다(data/seeds/digital-agencies.toml). "
        "이미 있으면 건너뜁니다. 인용한 줄에 이름이 없으면 아무것도 등록하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=SEED_PATH, help="시드 파일")

    def handle(self, *args, **options):
        try:
            entries = seed_entries(options["file"])
            organizations_ensure()
            created = agencies_seed(actor=system_user(), entries=entries)
        except InvalidInput as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"지역 디지털 진흥기관 {len(created)}곳 등록, {len(entries) - len(created)}곳은 이미 있음."
        )
