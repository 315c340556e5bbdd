from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.accounts.services import system_user
from dream.core.korean import particle
from dream.cycle.errors import CycleError
from dream.evaluation.special_account import SpecialAccountRefused, special_account_import


class Command(BaseCommand):
    help = (
        "지특회계 평가 결과 파일(.csv, .xlsx: 계정, 사업명, 기관, 등급, 점수)을 연도에 가져옵니다. "
        "모든 행을 가져오거나, 하나도 가져오지 않고 고칠 것을 모두 알립니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="평가 연도 (예: 2024)")
        parser.add_argument("file", help="가져올 파일")
        parser.add_argument("--user", default=None, help="변경 이력에 남길 사용자 (기본: system)")

    def handle(self, *args, year: int, file: str, user: str | None, **options):
        actor = system_user() if user is None else self._user(user)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"파일 '{file}'{particle(file, '이')} 없습니다.")
        try:
            with path.open("rb") as handle:
                rows = special_account_import(
                    actor=actor, year=year, file=handle, filename=path.name, as_system=user is None
                )
        except SpecialAccountRefused as refused:
            raise CommandError("\n".join([refused.message, *refused.errors])) from None
        except CycleError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{year}년 지특회계 평가 결과 {len(rows):,}행을 가져왔습니다.")

    def _user(self, username: str) -> User:
        found = User.objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"사용자 '{username}'{particle(username, '이')} 없습니다.")
        return found
