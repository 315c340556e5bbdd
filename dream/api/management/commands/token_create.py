from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.api.services import api_token_create


class Command(BaseCommand):
    help = (
        "API 개인 토큰을 만들어 한 번만 출력합니다 (DREAM에는 해시만 남습니다). "
        "API 호출 때 `Authorization: Bearer <토큰>` 헤더로 보냅니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="토큰을 쓸 사용자 이름")
        parser.add_argument("--name", default="", help="토큰의 용도 (예: 부산 예산 시스템)")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"활성 사용자 '{username}'이(가) 없습니다.")
        token, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            f"{user.username}의 API 토큰 {token.prefix}…을 만들었습니다. 다시 볼 수 없으니 "
            "지금 보관하세요. 요청 헤더: Authorization: Bearer <토큰>"
        )
