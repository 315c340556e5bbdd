"""Feedback actions (환류, 2024 plan l.199–213): what a grade asks of a body, followed until
the next plan carries it. Staff raise an action on a grade; the body links it to the item of
its plan of the due year that answers it, declines it with a reason, or (for actions that are
not about the plan) marks it done; the resolution of that plan turns a link into 반영 when the
linked item survived, else opens the action again. Every step is a FeedbackEvent."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import Organization, User
from dream.core.korean import with_particle
from dream.cycle.amendments import task_places
from dream.cycle.choices import ItemKind
from dream.cycle.compilation import name_key
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.cycle.models import Amendment, Submission
from dream.indicators.models import Indicator
from dream.plans.models import Budget, Plan, Strategy, Task

from .choices import FeedbackDueStep, FeedbackEventAction, FeedbackKind, FeedbackState, RoundPhase
from .models import EvaluationRound, FeedbackAction, FeedbackEvent, Grade
from .permissions import can_answer_feedback, can_manage_round

OPEN_STATES = (FeedbackState.OPEN, FeedbackState.LINKED)
RAISE_PHASES = (RoundPhase.CHECKING, RoundPhase.FEEDBACK)
PLAN_KINDS = (FeedbackKind.NEXT_PLAN,)  # answered by a plan's item, never "done"
TEXT_LIMIT = 2000
DUE_YEARS_AHEAD = 3  # '+2년 사업별 예산 적정성 검토 (l.211) is the furthest the plan prints
ITEM_MODELS = {
    ItemKind.STRATEGY: Strategy,
    ItemKind.TASK: Task,
    ItemKind.BUDGET: Budget,
    ItemKind.INDICATOR: Indicator,
}
NOT_FOUND_NOTE = "관련 항목을 찾지 못함"
GONE_NOTE = "연결한 항목이 의결된 계획에 없어 다시 열었습니다."


def item_of(plan: Plan, kind: str, item_id: int | None):
    """The row of `plan` named by kind and id, or None."""
    if kind == ItemKind.PLAN:
        return plan if item_id == plan.pk else None
    model = ITEM_MODELS.get(kind)
    if model is None or item_id is None:
        return None
    return model.objects.filter(plan=plan, pk=item_id).first()


def _text(value, what: str, *, required: bool = True) -> str:
    return text_field(value, what, limit=TEXT_LIMIT, required=required)


def _event(action: FeedbackAction, event: str, from_state: str, actor, comment: str = ""):
    FeedbackEvent.objects.create(
        action=action,
        event=event,
        from_state=from_state,
        to_state=action.state,
        actor=actor,
        at=timezone.now(),
        comment=comment,
    )


def _save(action: FeedbackAction, actor, reason: str) -> None:
    action._history_user = actor
    action._change_reason = reason
    action.save()


def _locked(action: FeedbackAction) -> FeedbackAction:
    return (
        FeedbackAction.objects.select_for_update(of=("self",))
        .select_related("organization", "round")
        .get(pk=action.pk)
    )


@transaction.atomic
def feedback_action_raise(
    *,
    actor: User,
    grade: Grade,
    kind: str,
    organization: Organization,
    due_step: str,
    description: str,
    due_year: int | None = None,
    item_kind: str = "",
    item_id: int | None = None,
) -> FeedbackAction:
    """Staff raise an action on a grade while the round is checked or fed back; the item it
    concerns is one of the judged plan, the due year defaults to the year after the round."""
    if not can_manage_round(actor):
        raise NotAllowed("환류 조치는 지방시대위원회 담당자만 제기합니다.")
    unit = grade.unit
    round = EvaluationRound.objects.select_for_update(of=("self",)).get(pk=unit.round_id)
    if round.phase not in RAISE_PHASES:
        raise StateConflict(
            f"환류 조치는 평가결과 점검·환류 단계에서만 제기합니다(지금: {round.get_phase_display()})."
        )
    if kind not in FeedbackKind.values:
        raise InvalidInput("환류 조치의 종류를 고르세요.")
    if due_step not in FeedbackDueStep.values:
        raise InvalidInput("반영 단계를 고르세요.")
    related = set(unit.related_organizations.values_list("pk", flat=True))
    if organization.pk != unit.organization_id and organization.pk not in related:
        raise InvalidInput(
            f"{with_particle(str(organization), '은')} 이 등급의 평가 단위를 맡은 기관이 아닙니다."
        )
    due_year = round.year + 1 if due_year in (None, "") else due_year
    if not isinstance(due_year, int) or not (round.year < due_year <= round.year + DUE_YEARS_AHEAD):
        raise InvalidInput(
            f"반영 연도는 {round.year + 1}년부터 {round.year + DUE_YEARS_AHEAD}년 사이로 적어 주세요."
        )
    if not item_kind and item_id is None:  # the graded unit's own task or strategy
        item_kind, item_id = _unit_item(unit)
    if item_kind or item_id is not None:
        if item_of(unit.plan, item_kind, item_id) is None:
            raise InvalidInput("관련 항목이 평가한 시행계획에 없습니다.")
    action = FeedbackAction(
        round=round,
        grade=grade,
        unit=unit,
        organization=organization,
        kind=kind,
        description=_text(description, "조치 내용"),
        due_year=due_year,
        due_step=due_step,
        item_kind=item_kind or "",
        item_id=item_id if item_kind else None,
        raised_by=actor,
        raised_at=timezone.now(),
    )
    _save(action, actor, "feedback.raise")
    _event(action, FeedbackEventAction.RAISE, "", actor)
    return action


def _unit_item(unit) -> tuple[str, int | None]:
    if unit.task_id:
        return ItemKind.TASK, unit.task_id
    if unit.strategy_id:
        return ItemKind.STRATEGY, unit.strategy_id
    return ItemKind.PLAN, unit.plan_id


def due_plan_ok(plan: Plan, action: FeedbackAction) -> bool:
    """The plan answers the action: the owner's plan of the due year — a draft of its
    submission, the copy of an amendment, or the published plan."""
    if plan.owner_id != action.organization_id or plan.year != action.due_year:
        return False
    if not plan.is_draft:
        return True
    return (
        Submission.objects.filter(plan=plan).exists()
        or Amendment.objects.filter(draft_plan=plan).exists()
    )


@transaction.atomic
def feedback_action_link(
    *, actor: User, action: FeedbackAction, plan: Plan, item_kind: str, item_id: int
) -> FeedbackAction:
    """The body names the item of its plan of the due year that answers the action (열림 →
    연결됨). An item of a plan already resolved has been carried: 반영 at once."""
    action = _locked(action)
    if not can_answer_feedback(actor, action):
        raise NotAllowed(f"{action.organization}의 환류 조치에 답할 권한이 없습니다.")
    if action.state not in OPEN_STATES:
        raise StateConflict(
            f"지금 상태({action.get_state_display()})의 환류 조치는 연결할 수 없습니다."
        )
    if not due_plan_ok(plan, action):
        raise InvalidInput(
            f"{action.organization}의 {action.due_year}년 시행계획(초안·변경 계획·의결 계획)의 "
            "항목에만 연결할 수 있습니다."
        )
    if item_of(plan, item_kind, item_id) is None:
        raise InvalidInput("연결할 항목이 그 시행계획에 없습니다.")
    before = action.state
    action.linked_plan = plan
    action.linked_item_kind = item_kind
    action.linked_item_id = item_id
    action.state = FeedbackState.LINKED
    action.state_reason = ""
    _save(action, actor, "feedback.link")
    _event(action, FeedbackEventAction.LINK, before, actor)
    if not plan.is_draft:
        action.state = FeedbackState.CARRIED
        _save(action, actor, "feedback.carry")
        _event(action, FeedbackEventAction.CARRY, FeedbackState.LINKED, actor, "의결된 계획의 항목")
    return action


def _answer(actor, action: FeedbackAction, what: str) -> FeedbackAction:
    action = _locked(action)
    if not can_answer_feedback(actor, action):
        raise NotAllowed(f"{action.organization}의 환류 조치에 답할 권한이 없습니다.")
    if action.state not in OPEN_STATES:
        raise StateConflict(
            f"지금 상태({action.get_state_display()})의 환류 조치는 {what} 처리할 수 없습니다."
        )
    return action


@transaction.atomic
def feedback_action_decline(*, actor: User, action: FeedbackAction, reason: str) -> FeedbackAction:
    """The body says why the plan does not carry the action (→ 미반영, reason shown)."""
    action = _answer(actor, action, "미반영으로")
    reason = _text(reason, "미반영 사유")
    before = action.state
    action.state = FeedbackState.NOT_CARRIED
    action.state_reason = reason
    _save(action, actor, "feedback.decline")
    _event(action, FeedbackEventAction.DECLINE, before, actor, reason)
    return action


@transaction.atomic
def feedback_action_done(*, actor: User, action: FeedbackAction, note: str) -> FeedbackAction:
    """An action not about the plan (incentive, consulting, budget review, other) is done."""
    action = _answer(actor, action, "완료로")
    if action.kind in PLAN_KINDS:
        raise StateConflict(
            "차년도 시행계획 반영 조치는 계획의 항목에 연결하거나 미반영 사유를 적습니다."
        )
    note = _text(note, "완료 내용")
    before = action.state
    action.state = FeedbackState.DONE
    action.state_reason = note
    _save(action, actor, "feedback.done")
    _event(action, FeedbackEventAction.DONE, before, actor, note)
    return action


@transaction.atomic
def feedback_action_cancel(*, actor: User, action: FeedbackAction, reason: str) -> FeedbackAction:
    """Staff withdraw an action still open or linked (→ 취소, reason shown)."""
    action = _locked(action)
    if not can_manage_round(actor):
        raise NotAllowed("환류 조치는 지방시대위원회 담당자만 취소합니다.")
    if action.state not in OPEN_STATES:
        raise StateConflict(
            f"지금 상태({action.get_state_display()})의 환류 조치는 취소할 수 없습니다."
        )
    reason = _text(reason, "취소 사유")
    before = action.state
    action.state = FeedbackState.CANCELLED
    action.state_reason = reason
    _save(action, actor, "feedback.cancel")
    _event(action, FeedbackEventAction.CANCEL, before, actor, reason)
    return action


def _places(plan: Plan) -> dict[tuple, tuple[str, int]]:
    """Each item of `plan` by its place (as plan_content_apply matches rows) → (kind, id)."""
    strategies = {s.pk: (s.kind, s.position) for s in plan.strategies.all()}
    places: dict[tuple, tuple[str, int]] = {(ItemKind.PLAN,): (ItemKind.PLAN, plan.pk)}
    places.update(
        {(ItemKind.STRATEGY, *k): (ItemKind.STRATEGY, pk) for pk, k in strategies.items()}
    )
    tasks, _levels = task_places(plan)
    places.update({(ItemKind.TASK, *key): (ItemKind.TASK, t.pk) for key, t in tasks.items()})
    for b in plan.budgets.all():
        key = (ItemKind.BUDGET, strategies.get(b.strategy_id), b.year, b.source)
        places[key] = (ItemKind.BUDGET, b.pk)
    for i in plan.indicators.all():
        places[(ItemKind.INDICATOR, i.position)] = (ItemKind.INDICATOR, i.pk)
    return places


def feedback_on_resolution(plan: Plan, *, copy: Plan | None = None) -> None:
    """Called inside the resolution's transaction for each resolved plan (cycle_resolve) or,
    with the amendment's `copy`, before the copy is deleted (amendment_resolve): a linked
    action whose item survived is carried (반영), pointing at the published row; one whose
    item is gone is open again with a note."""
    linked_to = [plan.pk] + ([copy.pk] if copy is not None else [])
    actions = list(
        FeedbackAction.objects.select_for_update(of=("self",)).filter(
            state=FeedbackState.LINKED, linked_plan_id__in=linked_to
        )
    )
    if not actions:
        return
    published = {value: key for key, value in _places(plan).items()}
    by_place = {key: value for value, key in published.items()}
    from_copy = {value: key for key, value in _places(copy).items()} if copy is not None else {}
    for action in actions:
        item = (action.linked_item_kind, action.linked_item_id)
        if action.linked_plan_id == plan.pk:
            found = item if item in published else None
        else:
            found = by_place.get(from_copy.get(item))
        if found is None:
            action.state = FeedbackState.OPEN
            action.state_reason = GONE_NOTE
            action.linked_plan = None
            action.linked_item_kind = ""
            action.linked_item_id = None
            _save(action, None, "feedback.unlink")
            _event(action, FeedbackEventAction.UNLINK, FeedbackState.LINKED, None, GONE_NOTE)
            continue
        action.state = FeedbackState.CARRIED
        action.linked_plan = plan
        action.linked_item_kind, action.linked_item_id = found
        _save(action, None, "feedback.carry")
        _event(action, FeedbackEventAction.CARRY, FeedbackState.LINKED, None, "의결")


# --- the draft editor: the body's open actions beside the items they concern ---


@dataclass
class DraftFeedback:
    """Open actions of a draft: by the draft item they concern, and those placed nowhere."""

    by_item: dict[tuple[str, int], list[FeedbackAction]] = field(default_factory=dict)
    unplaced: list[FeedbackAction] = field(default_factory=list)


def _name_paths(plan: Plan) -> dict[tuple, tuple[str, int]]:
    """Items by the path of their names (kind and normalised name up the tree), then by the
    path of their codes: how a rolled-forward or edited draft is matched to last year's."""
    paths: dict[tuple, tuple[str, int]] = {}
    strategies = {s.pk: s for s in plan.strategies.all()}
    for s in strategies.values():
        paths.setdefault(
            ("name", ItemKind.STRATEGY, s.kind, name_key(s.name)), (ItemKind.STRATEGY, s.pk)
        )
        paths.setdefault(("code", ItemKind.STRATEGY, s.kind, s.code), (ItemKind.STRATEGY, s.pk))
    tasks = {t.pk: t for t in plan.tasks.all()}

    def path(task: Task, attr) -> tuple:
        parts = []
        while task is not None:
            parts.append((task.kind, attr(task)))
            task = tasks.get(task.parent_id)
        return tuple(reversed(parts))

    for t in tasks.values():
        paths.setdefault(
            ("name", ItemKind.TASK, *path(t, lambda x: name_key(x.name))), (ItemKind.TASK, t.pk)
        )
        paths.setdefault(("code", ItemKind.TASK, *path(t, lambda x: x.code)), (ItemKind.TASK, t.pk))
    for i in plan.indicators.all():
        paths.setdefault(("name", ItemKind.INDICATOR, name_key(i.name)), (ItemKind.INDICATOR, i.pk))
    return paths


def _item_paths(plan: Plan, kind: str, item_id: int) -> list[tuple]:
    """The keys `_name_paths` would give the item of the judged plan, best first."""
    item = item_of(plan, kind, item_id)
    if item is None:
        return []
    if kind == ItemKind.STRATEGY:
        return [
            ("name", kind, item.kind, name_key(item.name)),
            ("code", kind, item.kind, item.code),
        ]
    if kind == ItemKind.INDICATOR:
        return [("name", kind, name_key(item.name))]
    if kind == ItemKind.BUDGET:
        return _item_paths(plan, ItemKind.STRATEGY, item.strategy_id) if item.strategy_id else []
    if kind == ItemKind.TASK:
        names, codes, task = [], [], item
        while task is not None:
            names.append((task.kind, name_key(task.name)))
            codes.append((task.kind, task.code))
            task = task.parent
        return [("name", kind, *reversed(names)), ("code", kind, *reversed(codes))]
    return []


def open_actions(organization: Organization, year: int):
    """The body's actions still to answer in its plan of `year` (열림·연결됨)."""
    return (
        FeedbackAction.objects.filter(
            organization=organization, due_year=year, state__in=OPEN_STATES
        )
        .select_related("round", "unit__plan", "grade__final_band", "grade__computed_band")
        .order_by("raised_at", "pk")
    )


def draft_feedback(plan: Plan, organization: Organization) -> DraftFeedback:
    """The body's open actions due in the draft's year, each beside the draft item it
    concerns: the item it is linked to, else last year's item found in the draft by its path
    of names or codes (the plan itself for a plan-wide action), else at the top."""
    result = DraftFeedback()
    actions = list(open_actions(organization, plan.year))
    if not actions:
        return result
    paths = _name_paths(plan)
    for action in actions:
        place = None
        if action.linked_plan_id == plan.pk and item_of(
            plan, action.linked_item_kind, action.linked_item_id
        ):
            place = (action.linked_item_kind, action.linked_item_id)
        elif action.item_kind == ItemKind.PLAN:
            place = (ItemKind.PLAN, plan.pk)
        elif action.item_kind:
            for key in _item_paths(action.unit.plan, action.item_kind, action.item_id):
                if key in paths:
                    place = paths[key]
                    break
        if place is None:
            action.place_note = NOT_FOUND_NOTE
            result.unplaced.append(action)
        else:
            result.by_item.setdefault(place, []).append(action)
    return result


def actions_visible(user, round: EvaluationRound):
    """The round's actions the person may read: everyone once the round is closed; before,
    staff all, a body's members their own body's."""
    actions = FeedbackAction.objects.filter(round=round).select_related(
        "organization", "unit__plan", "linked_plan", "grade__final_band"
    )
    if round.closed_at is not None or can_manage_round(user):
        return actions
    if not user.is_authenticated:
        return actions.none()
    return actions.filter(organization__memberships__user=user).distinct()


def item_label(plan: Plan | None, kind: str, item_id: int | None) -> str:
    """The item as a reader names it ("Ⅰ-1 자치분권 강화"), or "(없어짐)"."""
    if plan is None or not kind:
        return ""
    item = item_of(plan, kind, item_id)
    if item is None:
        return "(없어진 항목)"
    if kind == ItemKind.PLAN:
        return f"{plan.title} 전체"
    if kind == ItemKind.BUDGET:
        return f"재정투입 {item.strategy or '합계'} {item.year}년"
    code = getattr(item, "code", "")
    return f"{code} {item.name}".strip()
