import os

from django.core.management.base import BaseCommand

from dream.accounts.models import User


class Command(BaseCommand):
    help = (
        "로컬 실행용 관리자 계정을 만듭니다 (이미 있으면 그대로 둡니다). "
        "이름과 비밀번호: DREAM_ADMIN_USERNAME / DREAM_ADMIN_PASSWORD (기본 admin / admin)."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DREAM_ADMIN_USERNAME", "admin")
        password = os.environ.get("DREAM_ADMIN_PASSWORD", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"관리자 계정 '{username}'이(가) 이미 있습니다.")
            return
        User.objects.create_superuser(username=username, password=password)
        self.stdout.write(
            self.style.WARNING(
                f"관리자 계정을 만들었습니다: {username} / {password} — 로컬 실행 전용입니다."
            )
        )
