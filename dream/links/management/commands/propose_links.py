import time

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.accounts.services import system_user
from dream.core.korean import particle
from dream.links.services import link_proposals_refresh
from dream.plans.selectors import latest_year


class Command(BaseCommand):
    help = (
        "디지털 과제마다 공유 낱말이 많은 시행계획 과제를 연계 제안으로 만듭니다(한 트랜잭션). "
        "확정·기각된 연계는 건드리지 않으며, 다시 실행해도 바뀐 것만 씁니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="시행계획 연도 (기본: 가장 최근 연도)")
        parser.add_argument(
            "--user", help="변경 이력에 남길 사용자 이름 (기본: system)", default=None
        )

    def handle(self, *args, year: int | None, user: str | None, **options):
        actor = self._actor(user)
        year = year or latest_year()
        started = time.perf_counter()
        result = link_proposals_refresh(year=year, actor=actor)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{year}년 시행계획과의 연계 제안: {result} ({elapsed:.2f}초)")

    def _actor(self, username: str | None) -> User:
        if username is None:
            return system_user()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"사용자 '{username}'{particle(username, '이')} 없습니다") from exc
