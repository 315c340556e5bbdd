"""E-mail notices of the cycle (Django's mail; the console backend locally): a submission
goes to the Committee's staff, a return, an acceptance and a resolution to the body's
members, with the comment where there is one (a return also lists the item remarks still
open); a remark on an item goes to the body's members, an answer to the Committee's staff;
`dream remind` warns bodies that have not
submitted as the deadline nears or after it passed. Only people with an address hear;
nobody to tell is not an error."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import WRITING_ROLES
from dream.core.korean import with_particle

from .choices import CyclePhase, SubmissionAction, SubmissionState
from .models import ItemComment, Submission, SubmissionEvent

SUBJECT_PREFIX = "[DREAM] "


def committee_staff_addresses() -> list[str]:
    """The Committee's editors and managers who have an address."""
    return _addresses(
        memberships__organization__kind=OrganizationKind.COMMITTEE,
        memberships__role__in=WRITING_ROLES,
    )


def member_addresses(organization: Organization) -> list[str]:
    """Everyone in the body (any role) who has an address."""
    return _addresses(memberships__organization=organization)


def _addresses(**membership) -> list[str]:
    users = User.objects.filter(is_active=True, **membership).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def submission_url(submission: Submission) -> str:
    """The submission's page, as a link that works from a mail client."""
    path = reverse(
        "cycle:submission_detail", args=[submission.cycle.year, submission.organization.short_name]
    )
    return settings.DREAM_SITE_URL.rstrip("/") + path


def _who(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _event_mail(event: SubmissionEvent) -> tuple[list[str], str, list[str]] | None:
    """(recipients, subject, lines) for the steps people wait for; None for the others."""
    submission = event.submission
    body, year = submission.organization.short_name, submission.cycle.year
    at = f"{timezone.localtime(event.at):%Y-%m-%d %H:%M}"
    if event.action == SubmissionAction.SUBMIT:
        lines = [
            f"{with_particle(body, '이')} {year}년 시행계획을 제출했습니다 ({_who(event.actor)}, {at})."
        ]
        if submission.is_late:
            lines.append(f"제출 기한({submission.cycle.deadline:%Y-%m-%d})이 지난 뒤의 제출입니다.")
        return committee_staff_addresses(), f"{year}년 {body} 시행계획 제출", lines
    if event.action == SubmissionAction.RETURN:
        lines = [
            f"지방시대위원회가 {body}의 {year}년 시행계획에 보완을 요청했습니다 ({_who(event.actor)}, {at}).",
            "고친 뒤 다시 제출해 주세요.",
        ]
        lines += _open_remark_lines(submission)
        return (
            member_addresses(submission.organization),
            f"{year}년 {body} 시행계획 보완 요청",
            lines,
        )
    if event.action == SubmissionAction.ACCEPT:
        lines = [
            f"지방시대위원회가 {body}의 {year}년 시행계획을 접수했습니다 ({_who(event.actor)}, {at}).",
            "위원회 본회의에서 의결되면 확정됩니다.",
        ]
        return member_addresses(submission.organization), f"{year}년 {body} 시행계획 접수", lines
    if event.action == SubmissionAction.RESOLVE:
        resolved_on = submission.cycle.resolution_date
        when = f" ({resolved_on:%Y-%m-%d})" if resolved_on else ""
        lines = [
            f"{body}의 {year}년 시행계획이 {event.comment or '지방시대위원회'}{when}에서 의결되었습니다.",
            "의결된 계획은 공개되며, 이후 변경은 사유를 적은 새 판으로 합니다.",
        ]
        return member_addresses(submission.organization), f"{year}년 {body} 시행계획 의결", lines
    return None


def _open_remark_lines(submission: Submission) -> list[str]:
    from .comments import open_remarks  # comments calls this module after commit

    remarks = open_remarks(submission)
    if not remarks:
        return []
    return [f"답이 없는 항목 의견 {len(remarks)}건:"] + [
        f"- {r.get_item_kind_display()} {r.item_label}: {r.text}" for r in remarks
    ]


def comment_notify(comment: ItemComment) -> int:
    """A staff remark to the body's members, an answer to the Committee's staff; returns
    the number of messages sent."""
    submission = comment.submission
    body, year = submission.organization.short_name, submission.cycle.year
    at = f"{timezone.localtime(comment.at):%Y-%m-%d %H:%M}"
    if comment.reply_to_id is None:
        recipients = member_addresses(submission.organization)
        subject = f"{year}년 {body} 시행계획 항목 의견"
        lines = [
            f"지방시대위원회가 {body}의 {year}년 시행계획 항목에 의견을 남겼습니다 ({_who(comment.author)}, {at}).",
            f"항목: {comment.get_item_kind_display()} {comment.item_label}",
            f"의견: {comment.text}",
        ]
    else:
        recipients = committee_staff_addresses()
        subject = f"{year}년 {body} 시행계획 항목 의견에 대한 답"
        lines = [
            f"{with_particle(body, '이')} 항목 의견에 답했습니다 ({_who(comment.author)}, {at}).",
            f"항목: {comment.get_item_kind_display()} {comment.item_label}",
            f"의견: {comment.reply_to.text}",
            f"답: {comment.text}",
        ]
    lines.append(f"바로 가기: {submission_url(submission)}")
    return _send(subject, lines, recipients)


def event_notify(event: SubmissionEvent) -> int:
    """Mail the people who wait for this step; returns the number of messages sent."""
    mail = _event_mail(event)
    if mail is None:
        return 0
    recipients, subject, lines = mail
    if event.comment and event.action != SubmissionAction.RESOLVE:
        lines.append(f"의견: {event.comment}")
    lines.append(f"바로 가기: {submission_url(event.submission)}")
    return _send(subject, lines, recipients)


def _send(subject: str, lines: list[str], recipients: list[str]) -> int:
    """One message per recipient, so nobody sees the others' addresses."""
    text = "\n".join(lines)
    messages = [(SUBJECT_PREFIX + subject, text, None, [to]) for to in recipients]
    return send_mass_mail(messages) if messages else 0


@dataclass(frozen=True)
class Reminder:
    """A body that has not submitted, how many days it has left (negative: overdue), and
    the addresses of its members."""

    submission: Submission
    days_left: int
    recipients: list[str]


def deadline_reminders(*, today: date, days: int) -> list[Reminder]:
    """Every body of an open cycle that has not submitted while the deadline is at most
    `days` away or has passed."""
    submissions = (
        Submission.objects.filter(state=SubmissionState.DRAFTING, submitted_at__isnull=True)
        .exclude(cycle__phase=CyclePhase.RESOLVED)
        .select_related("cycle", "organization")
        .order_by("cycle__year", "organization__kind", "organization__position")
    )
    return [
        Reminder(s, (s.cycle.deadline - today).days, member_addresses(s.organization))
        for s in submissions
        if (s.cycle.deadline - today).days <= days
    ]


def reminder_send(reminder: Reminder) -> int:
    """Mail the body's members about their deadline; returns the number of messages sent."""
    submission = reminder.submission
    body, year = submission.organization.short_name, submission.cycle.year
    deadline = f"{submission.cycle.deadline:%Y-%m-%d}"
    if reminder.days_left >= 0:
        when = "오늘입니다" if reminder.days_left == 0 else f"{reminder.days_left}일 남았습니다"
        first = f"{body}의 {year}년 시행계획 제출 기한({deadline})이 {when}."
    else:
        first = f"{body}의 {year}년 시행계획 제출 기한({deadline})이 {-reminder.days_left}일 지났습니다."
    lines = [
        first,
        "법정시한은 해당 연도 2월 15일이며, 기한 후 제출은 늦은 제출로 표시됩니다.",
        f"바로 가기: {submission_url(submission)}",
    ]
    return _send(f"{year}년 {body} 시행계획 제출 기한 알림", lines, reminder.recipients)
