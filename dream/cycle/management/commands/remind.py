from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dream.cycle.notifications import deadline_reminders, reminder_send

DEFAULT_DAYS = 7


class Command(BaseCommand):
    help = (
        "제출 기한 알림 (cron에서 하루 한 번): 열린 수립 주기마다 아직 제출하지 않은 기관 가운데 "
        f"기한이 N일(기본 {DEFAULT_DAYS}일) 안에 오거나 이미 지난 기관의 구성원에게 전자우편을 "
        "보내고, 보낸 것을 적습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help="기한까지 며칠 남았을 때부터 알릴지"
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days는 0 이상이어야 합니다.", returncode=2)
        reminders = deadline_reminders(today=timezone.localdate(), days=days)
        sent = 0
        for reminder in reminders:
            submission = reminder.submission
            where = f"{submission.cycle.year}년 {submission.organization.short_name}"
            if reminder.days_left >= 0:
                when = f"기한까지 {reminder.days_left}일"
            else:
                when = f"기한 {-reminder.days_left}일 지남"
            count = reminder_send(reminder)
            sent += count
            if count:
                self.stdout.write(f"{where} ({when}): {count}명에게 보냈습니다.")
            else:
                self.stdout.write(f"{where} ({when}): 전자우편 주소가 있는 구성원이 없습니다.")
        if not reminders:
            self.stdout.write(f"기한이 {days}일 안에 오거나 지난 미제출 기관이 없습니다.")
        else:
            self.stdout.write(f"알림 {sent}통을 보냈습니다 (미제출 기관 {len(reminders)}곳).")
