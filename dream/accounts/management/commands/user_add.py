import os
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from dream.accounts.choices import MembershipRole
from dream.accounts.models import Organization, User
from dream.accounts.selectors import organization_named
from dream.accounts.services import organizations_ensure, system_user, user_provision
from dream.core.korean import particle

# CommandError's exit code for a wrong argument, as argparse uses for its own refusals.
USAGE_ERROR = 2


def generated_password() -> str:
    return secrets.token_urlsafe(12)


def organization_or_refuse(name: str) -> Organization:
    """The body called `name` by its short name, official name or any printed name
    (부산, 부산광역시, 과기부); a Korean refusal otherwise."""
    organizations_ensure()
    organization = organization_named(name)
    if organization is None:
        raise CommandError(
            f"'{name}'{particle(name, '이라')}는 기관이 없습니다. 약칭(부산, 과기정통부, 위원회), "
            "정식 명칭(부산광역시) 또는 문서에 인쇄된 다른 이름(과기부)으로 적으세요.",
            returncode=USAGE_ERROR,
        )
    return organization


class Command(BaseCommand):
    help = (
        "담당자 계정을 만들고 기관 소속과 역할을 줍니다 (이미 있는 사용자에게는 소속만 더합니다). "
        "기관은 약칭, 정식 명칭 또는 다른 약칭으로, 역할은 viewer(열람)·editor(작성)·"
        "manager(관리) 가운데 하나로 적습니다. 새 계정의 비밀번호는 만들어 한 번만 보여 주며, "
        "DREAM_NEW_PASSWORD가 있으면 그 값을 씁니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="로그인 이름")
        parser.add_argument("--org", required=True, help="기관: 부산, 부산광역시, 과기부, 위원회 …")
        parser.add_argument("--role", required=True, help="viewer, editor 또는 manager")
        parser.add_argument("--email", default="", help="알림을 받을 전자우편 주소")

    def handle(self, *args, username, org, role, email, **options):
        if role not in MembershipRole.values:
            raise CommandError(
                f"역할 '{role}'{particle(role, '은')} 없습니다. viewer(열람), editor(작성), "
                "manager(관리) 가운데 하나로 적으세요.",
                returncode=USAGE_ERROR,
            )
        try:
            User.username_validator(username)
            if email:
                validate_email(email)
        except ValidationError as error:
            raise CommandError(
                f"사용자 이름 또는 전자우편 주소를 쓸 수 없습니다: '{username}' {email}".strip()
                + f" ({error.messages[0]})",
                returncode=USAGE_ERROR,
            ) from error
        organization = organization_or_refuse(org)
        given = os.environ.get("DREAM_NEW_PASSWORD")
        password = given or generated_password()
        user, created = user_provision(
            actor=system_user(),
            username=username,
            organization=organization,
            role=MembershipRole(role),
            email=email,
            password=password,
            reason="dream user-add",
        )
        label = MembershipRole(role).label
        if not created:
            self.stdout.write(
                f"이미 있는 사용자 '{username}'에게 {organization.short_name} 소속({label})을 "
                "주었습니다. 비밀번호는 바꾸지 않았습니다."
            )
            return
        self.stdout.write(
            f"사용자 '{username}'{particle(username, '을')} 만들었습니다: "
            f"{organization.short_name} 소속({label})."
        )
        if given:
            self.stdout.write("비밀번호는 DREAM_NEW_PASSWORD의 값입니다.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"비밀번호: {password}  (다시 보여 주지 않습니다; 전달 후 바꾸게 하세요)"
                )
            )
