"""Remarks by Committee staff on the items of a submitted draft and the body's answers
(issue 9, Submission and review): a thread per item, shown beside the item.

Remarks and answers are written while the plan is with the Committee or back with the
body for revision (제출, 검토 중, 보완 요청): before submission the draft is the body's own
work in progress, and after acceptance the review is over (a resolved plan is frozen).
A remark is open until someone answers it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.indicators.models import Indicator
from dream.plans.models import Budget, Strategy, Task

from .choices import ItemKind, SubmissionState
from .errors import Frozen, InvalidInput, NotAllowed, StateConflict, text_checked
from .models import ItemComment, Submission, submission_locked
from .permissions import can_edit_submission, can_review

# The states in which the Committee and the body talk about the draft's items.
COMMENT_STATES = (SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW, SubmissionState.RETURNED)
MAX_TEXT = 5000


def comments_by_item(submission: Submission) -> dict[tuple[str, int], list[ItemComment]]:
    """The submission's comments grouped by the item they are about, oldest first; answers
    follow in the same list (their `reply_to` names the remark they answer)."""
    grouped: dict[tuple[str, int], list[ItemComment]] = defaultdict(list)
    for comment in submission.comments.select_related("author").order_by("at", "pk"):
        grouped[(comment.item_kind, comment.item_id)].append(comment)
    return dict(grouped)


def open_remarks(submission: Submission) -> list[ItemComment]:
    """The staff's remarks on the submission that nobody has answered yet, oldest first."""
    return list(
        submission.comments.filter(reply_to__isnull=True, replies__isnull=True)
        .select_related("author")
        .order_by("at", "pk")
    )


@dataclass(frozen=True)
class Thread:
    """A staff remark with the answers to it, oldest first; open while it has none."""

    remark: ItemComment
    answers: list[ItemComment]

    @property
    def is_open(self) -> bool:
        return not self.answers


def comment_threads(submission: Submission) -> list[Thread]:
    """The submission's remarks, each with its answers, oldest remark first."""
    answers: dict[int, list[ItemComment]] = defaultdict(list)
    remarks = []
    for comment in submission.comments.select_related("author").order_by("at", "pk"):
        if comment.reply_to_id is None:
            remarks.append(comment)
        else:
            answers[comment.reply_to_id].append(comment)
    return [Thread(remark, answers[remark.pk]) for remark in remarks]


def may_answer(user: User, submission: Submission) -> bool:
    """Whether `user` may answer remarks on this submission now (for the pages' forms)."""
    return submission.state in COMMENT_STATES and can_edit_submission(user, submission)


def item_label(submission: Submission, item_kind: str, item_id: int) -> str:
    """The item's name as the draft has it now; InvalidInput for an unknown kind, or an
    item that is not in the submission's plan."""
    plan = submission.plan
    if plan is None:
        raise InvalidInput("이 제출에는 아직 시행계획 초안이 없습니다.")
    if item_kind not in ItemKind.values:
        raise InvalidInput(f"항목 종류는 {', '.join(ItemKind.values)} 중 하나여야 합니다.")
    if not isinstance(item_id, int) or isinstance(item_id, bool) or item_id < 1:
        raise InvalidInput("항목 번호는 1 이상의 정수여야 합니다.")
    missing = InvalidInput(
        f"{ItemKind(item_kind).label} {item_id}번은 이 기관의 시행계획에 없습니다."
    )
    if item_kind == ItemKind.PLAN:
        if item_id != plan.pk:
            raise missing
        return f"{plan.title} 목표"
    if item_kind == ItemKind.STRATEGY:
        strategy = Strategy.objects.filter(plan=plan, pk=item_id).first()
        if strategy is None:
            raise missing
        return " ".join(p for p in (strategy.code, strategy.name) if p)
    if item_kind == ItemKind.TASK:
        task = Task.objects.filter(plan=plan, pk=item_id).first()
        if task is None:
            raise missing
        return " ".join(p for p in (task.code, task.name) if p)
    if item_kind == ItemKind.BUDGET:
        budget = Budget.objects.filter(plan=plan, pk=item_id).select_related("strategy").first()
        if budget is None:
            raise missing
        where = (budget.strategy.code or budget.strategy.name) if budget.strategy else "전체"
        return f"재정투입 {where} {budget.year}년 {budget.get_source_display()}"
    indicator = Indicator.objects.filter(plan=plan, pk=item_id).first()
    if indicator is None:
        raise missing
    return indicator.name


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("의견 내용을 적어 주세요.")
    text_checked(text, "의견")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"의견은 {MAX_TEXT:,}자까지 적을 수 있습니다 (지금 {len(text):,}자).")
    return text


def _check_state(submission: Submission) -> None:
    if submission.state in COMMENT_STATES:
        return
    if submission.state == SubmissionState.RESOLVED:
        raise Frozen("의결된 시행계획에는 의견을 달 수 없습니다.")
    labels = ", ".join(SubmissionState(s).label for s in COMMENT_STATES)
    raise StateConflict(
        f"지금 상태({submission.get_state_display()})에서는 항목 의견을 쓸 수 없습니다"
        f"({labels} 상태에서만 가능)."
    )


@transaction.atomic
def comment_add(
    *, actor: User, submission: Submission, item_kind: str, item_id: int, text: str
) -> ItemComment:
    """Committee staff remark on one item of a submitted draft; the body's members hear."""
    submission = submission_locked(submission)
    if not can_review(actor, submission):
        raise NotAllowed("항목 의견은 지방시대위원회 담당자만 씁니다. 기관은 의견에 답합니다.")
    _check_state(submission)
    label = item_label(submission, item_kind, item_id)
    comment = ItemComment.objects.create(
        submission=submission,
        item_kind=item_kind,
        item_id=item_id,
        item_label=label,
        author=actor,
        at=timezone.now(),
        text=_text(text),
    )
    transaction.on_commit(lambda: _notify(comment), robust=True)
    return comment


@transaction.atomic
def comment_answer(*, actor: User, comment: ItemComment, text: str) -> ItemComment:
    """The body's editors (or Committee staff) answer a staff remark on the same item; the
    Committee's staff hear."""
    submission = submission_locked(comment.submission)
    if not can_edit_submission(actor, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획 의견에 답할 권한이 없습니다.")
    _check_state(submission)
    if comment.reply_to_id is not None:
        raise InvalidInput("답은 지방시대위원회의 의견에 답니다. 답에 다시 답할 수는 없습니다.")
    answer = ItemComment.objects.create(
        submission=submission,
        item_kind=comment.item_kind,
        item_id=comment.item_id,
        item_label=comment.item_label,
        reply_to=comment,
        author=actor,
        at=timezone.now(),
        text=_text(text),
    )
    transaction.on_commit(lambda: _notify(answer), robust=True)
    return answer


def _notify(comment: ItemComment) -> None:
    from . import notifications  # the mail layer sits above the services

    notifications.comment_notify(comment)
