from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dream.accounts.models import User
from dream.core.korean import particle
from dream.cycle.errors import CycleError
from dream.regional_tasks.importing import regional_tasks_import


class Command(BaseCommand):
    help = (
        "지역정책과제 서식 파일(.csv, .xlsx)을 가져옵니다. 모든 행을 가져오거나, 하나도 "
        "가져오지 않고 고칠 곳을 시트·행·열마다 모두 알립니다(표준 오류, 종료 코드 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="가져올 파일 (지역정책과제 서식)")
        parser.add_argument(
            "--actor",
            required=True,
            help="가져오는 사람의 사용자 이름 (그 사람의 권한으로 가져오고 변경 이력에 남깁니다)",
        )

    def handle(self, *args, file: str, actor: str, **options):
        user = User.objects.filter(username=actor).first()
        if user is None:
            raise CommandError(f"사용자 '{actor}'{particle(actor, '이')} 없습니다.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"파일 '{file}'{particle(file, '이')} 없습니다.")
        try:
            with path.open("rb") as handle:
                result = regional_tasks_import(actor=user, file=handle, filename=path.name)
        except CycleError as error:
            raise CommandError(error.message) from None
        if not result.accepted:
            lines = [f"아무것도 가져오지 않았습니다. 고칠 곳 {len(result.errors):,}건:"]
            raise CommandError("\n".join([*lines, *result.messages]))
        self.stdout.write(
            f"지역정책과제를 가져왔습니다: 새로 등록 {result.created:,}건, 고침 {result.updated:,}건, "
            f"그대로 {result.unchanged:,}건."
        )
