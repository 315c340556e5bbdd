from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dream.accounts.choices import MembershipRole
from dream.accounts.models import User
from dream.accounts.selectors import organization_named
from dream.accounts.services import organizations_ensure, system_user, user_provision

from .user_add import generated_password

# (username, organization, what the newcomer tries with it): one of each persona of the cycle.
DEMO_ACCOUNTS = [
    ("demo-busan", "부산", "부산 시행계획 작성·제출"),
    ("demo-seoul", "서울", "서울 시행계획 작성·제출"),
    ("demo-msit", "과기정통부", "부처(과기정통부) 시행계획 작성·제출"),
    ("demo-committee", "위원회", "위원회 담당: 수립 주기 열기, 검토·보완 요청·접수·의결"),
]
DEMO_EMAIL_DOMAIN = "example.org"


class Command(BaseCommand):
    help = (
        "로컬 개발용 시연 계정을 만듭니다: 부산·서울·과기정통부 작성자와 위원회 담당 "
        "(이미 있으면 그대로 둡니다; DREAM_ENV=development에서만). 비밀번호는 만들 때 한 번만 "
        "보여 줍니다."
    )

    def handle(self, *args, **options):
        if settings.DREAM_ENV != "development":
            raise CommandError(
                f"demo-accounts는 로컬 개발 환경에서만 씁니다 (지금 DREAM_ENV={settings.DREAM_ENV}). "
                "운영 환경의 계정은 `dream user-add`로 만드세요."
            )
        organizations_ensure()
        actor = system_user()
        created = 0
        for username, name, purpose in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"시연 계정 {username}: 이미 있습니다.")
                continue
            password = generated_password()
            user_provision(
                actor=actor,
                username=username,
                organization=organization_named(name),
                role=MembershipRole.EDITOR,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password=password,
                reason="dream demo-accounts",
            )
            created += 1
            self.stdout.write(self.style.WARNING(f"시연 계정 {username} / {password}  — {purpose}"))
        if created:
            self.stdout.write("비밀번호는 다시 보여 주지 않습니다. 로그인: /accounts/login/")
