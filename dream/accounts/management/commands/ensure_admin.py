import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.accounts.services import system_user
from dream.core.korean import particle


class Command(BaseCommand):
    help = (
        "로컬 개발용 관리자 계정을 만듭니다 (이미 있으면 그대로 둡니다; DREAM_ENV=development "
        "에서만). 이름과 비밀번호: DREAM_ADMIN_USERNAME / DREAM_ADMIN_PASSWORD (기본 admin / "
        "admin). 운영 환경의 관리자는 `dream createsuperuser`로 만드세요."
    )

    def handle(self, *args, **options):
        if settings.DREAM_ENV != "development":
            raise CommandError(
                f"ensure-admin은 로컬 개발 환경에서만 씁니다 (지금 DREAM_ENV={settings.DREAM_ENV}). "
                "운영 환경의 관리자는 `dream createsuperuser`로 만드세요."
            )
        username = os.environ.get("DREAM_ADMIN_USERNAME", "admin")
        password = os.environ.get("DREAM_ADMIN_PASSWORD", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"관리자 계정 '{username}'{particle(username, '이')} 이미 있습니다.")
            return
        admin = User(username=username, is_staff=True, is_superuser=True)
        admin.set_password(password)
        admin._history_user = system_user()
        admin._change_reason = "dream ensure-admin"
        admin.save()
        self.stdout.write(
            self.style.WARNING(
                f"관리자 계정 '{username}'{particle(username, '을')} 만들었습니다 (비밀번호: DREAM_ADMIN_PASSWORD, "
                "기본값은 README 참고) — 로컬 실행 전용입니다."
            )
        )
