"""The write paths of links: proposals from shared words, and people's decisions on them.

Every write goes through django-simple-history (docs/decisions/0001-history.md): proposals
are recorded with the change reason "제안 갱신", decisions with the deciding user.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dream.accounts.services import system_user
from dream.core.korean import particle
from dream.digital.models import DigitalTask
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import Task
from dream.plans.selectors import ministry_part

from .choices import TRANSITIONS, LinkStatus
from .models import TaskLink
from .permissions import can_review_links
from .similarity import (
    Match,
    Weights,
    common_features,
    features,
    rests_on_generic_word,
    shared_words,
    similarity,
)

# A proposal needs a score of at least THRESHOLD. On the 2024 plan, 0.30 is where a match
# stops resting on the subject of the digital task (블록체인, 메타버스, 스마트빌리지 …) and
# starts resting on a generic head word alone (클러스터, 아카데미).
THRESHOLD = 0.30
# At most CAP proposals per digital task and kind of plan (ministries, provinces,
# super-regions), so that the ministries' few broad practical tasks are not crowded out by
# hundreds of provincial ones; candidates tied with the last one kept are kept too (17
# provinces print the same core task "지역 디지털 혁신을 통한 균형발전 실현").
CAP = 8
REFRESH_REASON = "제안 갱신"
NOTE_MAX_LENGTH = 500
NOTE_TOO_LONG = f"메모는 {NOTE_MAX_LENGTH}자까지 적을 수 있습니다."
REOPEN_NEEDS_REASON = "검토 대기로 되돌리는 까닭을 메모에 적어 주세요."
BULK_NONE_CHOSEN = "결정할 제안을 하나 이상 골라 주세요."
BULK_MAX = 500

# Which implementation-plan tasks can carry out a digital task, by plan level.
CANDIDATE_KINDS = {
    PlanLevel.SECTORAL: (TaskKind.PRACTICAL,),
    PlanLevel.PROVINCE: (TaskKind.CORE, TaskKind.DETAILED),
    PlanLevel.SUPER_REGION: (TaskKind.CORE, TaskKind.ITEM),
}


@dataclass(frozen=True)
class RefreshResult:
    created: int
    updated: int
    removed: int
    kept_decisions: int

    def __str__(self) -> str:
        return (
            f"새 제안 {self.created}건, 점수 갱신 {self.updated}건, 사라진 제안 {self.removed}건, "
            f"결정 유지 {self.kept_decisions}건"
        )


@dataclass(frozen=True)
class Proposal:
    task: Task
    score: Decimal
    shared_words: str


def candidate_tasks(year: int):
    """The tasks of `year` that can carry out digital tasks (see CANDIDATE_KINDS)."""
    wanted = Q()
    for level, kinds in CANDIDATE_KINDS.items():
        wanted |= Q(plan__level=level, kind__in=kinds)
    return (
        Task.objects.filter(wanted, plan__year=year, plan__is_draft=False)
        .exclude(ministry_part("plan__"))  # the compiled sectoral plan holds the parts
        .select_related("plan", "parent")
    )


def task_text(task: Task) -> str:
    """What a task is about. A ministry's practical task is a heading under its core task
    ("(1) 기반 구축" under "Ⅲ-5 지역 디지털 혁신…"), so the core task's name is read with it;
    detailed tasks and plan items name their subject themselves."""
    if task.kind == TaskKind.PRACTICAL and task.parent_id:
        return f"{task.parent.name} {task.name}"
    return task.name


def proposals_for(
    digital_task: DigitalTask,
    index: "CandidateIndex",
    weights: Weights,
    common: frozenset[str] = frozenset(),
) -> list[Proposal]:
    """The best candidates of each plan level above the threshold, best first; a candidate
    sharing only words common to the whole digital plan (`common`), or beyond them only a
    generic word (`rests_on_generic_word`: 혁신지구 ↔ 도시재생 혁신지구), is not one."""
    query = features(digital_task.name)
    matches: dict[str, list[tuple[Match, Task]]] = {}
    for task in index.sharing(query - common):
        match = similarity(query, index.features[task.pk], weights)
        if (
            match.score >= THRESHOLD
            and match.shared - common
            and not rests_on_generic_word(digital_task.name, match.shared)
        ):
            matches.setdefault(task.plan.level, []).append((match, task))
    proposals = []
    for found in matches.values():
        found.sort(key=lambda pair: (-pair[0].score, pair[1].pk))
        floor = found[min(CAP, len(found)) - 1][0].score
        proposals += [
            Proposal(
                task=task,
                score=Decimal(f"{match.score:.3f}"),
                shared_words=", ".join(shared_words(digital_task.name, match.shared)),
            )
            for match, task in found
            if match.score >= floor
        ]
    return sorted(proposals, key=lambda p: (-p.score, p.task.pk))


class CandidateIndex:
    """The candidate tasks' features, with an inverted index so that a digital task is
    scored only against tasks that share at least one feature with it."""

    def __init__(self, tasks: list[Task]):
        self.features = {task.pk: features(task_text(task)) for task in tasks}
        self.tasks = {task.pk: task for task in tasks}
        self.postings: dict[str, list[int]] = {}
        for pk, found in self.features.items():
            for feature in found:
                self.postings.setdefault(feature, []).append(pk)

    def sharing(self, query: frozenset[str]) -> list[Task]:
        pks = {pk for feature in query for pk in self.postings.get(feature, ())}
        return [self.tasks[pk] for pk in sorted(pks)]


@transaction.atomic
def link_proposals_refresh(*, year: int, actor=None) -> RefreshResult:
    """Propose links between every digital task and the tasks of `year`'s implementation plan.

    New pairs become proposals; proposals still found get their new score and words;
    proposals no longer found are removed (they were only the machine's guess). Confirmed
    and rejected links are people's decisions and are never touched. Running it twice
    changes nothing the second time. The history names `actor`, by default the system
    account (the matcher runs from the command line or after an import).
    """
    actor = actor or system_user()
    tasks = list(candidate_tasks(year))
    index = CandidateIndex(tasks)
    weights = Weights(index.features.values())
    existing = {
        (link.digital_task_id, link.task_id): link
        for link in TaskLink.objects.filter(task__plan__year=year)
    }
    digital_tasks = list(DigitalTask.objects.all())
    common = common_features(features(task.name) for task in digital_tasks)
    wanted: dict[tuple[int, int], Proposal] = {
        (digital_task.pk, proposal.task.pk): proposal
        for digital_task in digital_tasks
        for proposal in proposals_for(digital_task, index, weights, common)
    }
    new, changed = [], []
    for key, proposal in wanted.items():
        link = existing.get(key)
        if link is None:
            new.append(_new_proposal(key[0], proposal))
        elif link.status == LinkStatus.PROPOSED and _rescore(link, proposal):
            changed.append(link)
    stale = [
        link
        for key, link in existing.items()
        if key not in wanted
        and link.status == LinkStatus.PROPOSED
        and not link.manual
        and link.decided_at is None  # a decision sent back for review is people's work
    ]
    bulk_create_with_history(
        new, TaskLink, default_user=actor, default_change_reason=REFRESH_REASON
    )
    bulk_update_with_history(
        changed,
        TaskLink,
        ["score", "shared_words"],
        default_user=actor,
        default_change_reason=REFRESH_REASON,
    )
    for link in stale:
        link._history_user = actor
        link._change_reason = REFRESH_REASON
        link.delete()
    decided = sum(link.status != LinkStatus.PROPOSED for link in existing.values())
    return RefreshResult(len(new), len(changed), len(stale), decided)


def _new_proposal(digital_task_id: int, proposal: Proposal) -> TaskLink:
    return TaskLink(
        digital_task_id=digital_task_id,
        task=proposal.task,
        score=proposal.score,
        shared_words=proposal.shared_words,
    )


def _rescore(link: TaskLink, proposal: Proposal) -> bool:
    """Give a pending proposal its new score and words; False when nothing changed."""
    if link.score == proposal.score and link.shared_words == proposal.shared_words:
        return False
    link.score, link.shared_words = proposal.score, proposal.shared_words
    return True


def _check_reviewer(actor) -> None:
    if not can_review_links(actor):
        raise PermissionDenied("과제 연계는 지방시대위원회 담당자만 결정할 수 있습니다.")


def _check_note(note: str) -> None:
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": NOTE_TOO_LONG})


def _decide(*, actor, link: TaskLink, status: str, note: str) -> TaskLink:
    """Record a decision on a link already read under a row lock and checked; the note is
    also the history record's change reason, so each step of the history keeps its own."""
    if status not in TRANSITIONS[link.status]:
        raise ValidationError(
            f"‘{link.get_status_display()}’ 상태의 연계는 ‘{LinkStatus(status).label}’"
            f"{particle(LinkStatus(status).label, '으로')} "
            "바꿀 수 없습니다."
        )
    if status == LinkStatus.PROPOSED and not note.strip():
        raise ValidationError({"note": REOPEN_NEEDS_REASON})
    link.status = status
    link.decided_by = actor
    link.decided_at = timezone.now()
    if note:
        link.note = note
    link._history_user = actor
    link._change_reason = note
    link.save()
    return link


@transaction.atomic
def task_link_transition(
    *, actor, link: TaskLink, status: str, note: str = "", seen_status: str | None = None
) -> TaskLink:
    """Move a link to `status` if the transition table allows it, recording who and when.

    Two reviewers deciding at once are taken one after the other: the checks run on the
    link read again under a row lock (on SQLite the immediate write transaction serialises
    them), so the second one sees the first one's decision. Taking the same decision again
    is refused ("이미 확정된 연계입니다"), and so is a decision taken on a page that showed
    `seen_status` when the link has been decided otherwise since: a reversal must be taken
    knowingly, not by whoever clicked last.
    """
    _check_reviewer(actor)
    _check_note(note)
    link = TaskLink.objects.select_for_update().get(pk=link.pk)
    if link.status == status:
        raise ValidationError(f"이미 {_status_done(link.status)} 연계입니다.")
    if seen_status is not None and link.status != seen_status:
        raise ValidationError(
            f"다른 담당자가 먼저 이 연계를 {_status_action(link.status)}. "
            "목록을 다시 보고 결정하세요."
        )
    return _decide(actor=actor, link=link, status=status, note=note)


def _status_done(status: str) -> str:
    """ "확정된", "기각된", "검토 대기인": the status as an adjective before 연계."""
    return "검토 대기인" if status == LinkStatus.PROPOSED else f"{LinkStatus(status).label}된"


def _status_action(status: str) -> str:
    """ "확정했습니다", "검토 대기로 되돌렸습니다": what the colleague did."""
    if status == LinkStatus.PROPOSED:
        return "검토 대기로 되돌렸습니다"
    return f"{LinkStatus(status).label}했습니다"


def task_link_confirm(
    *, actor, link: TaskLink, note: str = "", seen_status: str | None = None
) -> TaskLink:
    """The Committee agrees that the plan task carries out the digital task."""
    return task_link_transition(
        actor=actor, link=link, status=LinkStatus.CONFIRMED, note=note, seen_status=seen_status
    )


def task_link_reject(
    *, actor, link: TaskLink, note: str = "", seen_status: str | None = None
) -> TaskLink:
    """The Committee finds the shared words a coincidence; the pair is not proposed again."""
    return task_link_transition(
        actor=actor, link=link, status=LinkStatus.REJECTED, note=note, seen_status=seen_status
    )


def task_link_reopen(
    *, actor, link: TaskLink, note: str, seen_status: str | None = None
) -> TaskLink:
    """Withdraw a confirmed link or restore a rejected one: the pair goes back to 검토 대기
    with the reason in its note; the decision it replaces stays in the history, and a refresh
    of the proposals keeps it (a person sent it back, not the matcher)."""
    return task_link_transition(
        actor=actor, link=link, status=LinkStatus.PROPOSED, note=note, seen_status=seen_status
    )


@dataclass(frozen=True)
class BulkResult:
    status: str
    links: list[TaskLink]

    def __str__(self) -> str:
        return f"제안 {len(self.links)}건을 {LinkStatus(self.status).label}했습니다."


@transaction.atomic
def task_links_decide(
    *, actor, link_ids: list[int], status: str, note: str = "", seen_status: str
) -> BulkResult:
    """Confirm or reject several proposals with one note, all or nothing.

    The links are locked in id order (two batches sharing links cannot deadlock) and each
    is checked against `seen_status`, the status the reviewer's list showed: if any was
    decided meanwhile, or has gone, the whole batch is refused and nothing is written, so a
    reviewer never overrides a decision they did not see. Each link gets its own history
    record under `actor`.
    """
    _check_reviewer(actor)
    _check_note(note)
    if status not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED):
        raise ValidationError("여러 제안은 확정하거나 기각할 수만 있습니다.")
    wanted = sorted(set(link_ids))
    if not wanted:
        raise ValidationError(BULK_NONE_CHOSEN)
    if len(wanted) > BULK_MAX:
        raise ValidationError(f"한 번에 {BULK_MAX}건까지 결정할 수 있습니다.")
    links = list(
        TaskLink.objects.select_for_update()
        .filter(pk__in=wanted)
        .select_related("task")
        .order_by("pk")
    )
    changed = [link for link in links if link.status != seen_status]
    if changed or len(links) != len(wanted):
        names = ", ".join(f"‘{link.task.name}’" for link in changed[:3])
        more = f" 외 {len(changed) - 3}건" if len(changed) > 3 else ""
        gone = len(wanted) - len(links)
        reasons = []
        if changed:
            reasons.append(f"{len(changed)}건({names}{more})은 다른 담당자가 먼저 결정했습니다")
        if gone:
            reasons.append(f"{gone}건은 더 이상 없습니다")
        raise ValidationError(
            f"고른 제안 {len(wanted)}건 가운데 {', '.join(reasons)}. 아무것도 바꾸지 않았습니다. "
            "목록을 다시 보고 결정하세요."
        )
    for link in links:
        _decide(actor=actor, link=link, status=status, note=note)
    return BulkResult(status, links)


@transaction.atomic
def task_link_create(*, actor, digital_task: DigitalTask, task: Task, note: str = "") -> TaskLink:
    """A link a person found without the matcher, confirmed at once. A pair already proposed
    or rejected is confirmed instead; a pair already confirmed is refused.

    Two reviewers adding the same pair at once both find no link on PostgreSQL; the insert
    runs in a savepoint, and the loser of the unique pair decides on the winner's link like
    on any existing one (so is told "이미 확정된 연계입니다") instead of failing.
    """
    _check_reviewer(actor)
    _check_note(note)
    existing = TaskLink.objects.filter(digital_task=digital_task, task=task).first()
    if existing is None:
        link = TaskLink(
            digital_task=digital_task,
            task=task,
            status=LinkStatus.CONFIRMED,
            score=Decimal("0"),
            manual=True,
            decided_by=actor,
            decided_at=timezone.now(),
            note=note,
        )
        link._history_user = actor
        # The pair's uniqueness is settled by the insert itself, just below.
        link.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                link.save()
        except IntegrityError:
            existing = TaskLink.objects.filter(digital_task=digital_task, task=task).first()
            if existing is None:
                raise
        else:
            return link
    return task_link_confirm(actor=actor, link=existing, note=note)
