"""Evaluators, panels, declared ties and assignments (ADR 0008, step 4): the one write path for
forms and the API. An evaluator tied to a body never scores it: a membership of the body (or a
body related to the unit), a declared tie, or a tie across a province and its super-region
refuses the assignment, and a later declaration cancels the assignments it now ties.

Both `conflict_declare` and `assignment_create` lock the evaluator's row first, so a
declaration racing an assignment cannot leave a tied live assignment behind.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.models import Membership, Organization, SuperRegionMembership, User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field

from .choices import AssignmentState, RoundPhase, TieKind, UnitKind
from .models import (
    Assignment,
    ConflictDeclaration,
    DeclaredTie,
    EvaluationRound,
    Evaluator,
    IndicatorJudgement,
    Panel,
    Score,
    Unit,
)
from .permissions import LIVE_STATES, can_declare, can_manage_round

TEXT_MAX_LENGTH = 2000
ASSIGNING_PHASES = (RoundPhase.PLANNING, RoundPhase.EVALUATING)


class ConflictOfInterest(StateConflict):
    """The evaluator is tied to the body judged (409)."""


@dataclass(frozen=True)
class TieInput:
    organization: Organization
    kind: str
    period: str = ""
    note: str = ""


def _text(raw, what: str, *, required: bool = False, limit: int = TEXT_MAX_LENGTH) -> str:
    return text_field(raw, what, limit=limit, required=required)


def _staff_checked(actor: User, what: str) -> None:
    if not can_manage_round(actor):
        raise NotAllowed(f"{what}은 지방시대위원회 담당자만 할 수 있습니다.")


def evaluator_locked(evaluator: Evaluator) -> Evaluator:
    """The evaluator's row locked: every declaration and assignment takes it first, so the two
    cannot race (plan evaluation and calls alike)."""
    return Evaluator.objects.select_for_update(of=("self",)).get(pk=evaluator.pk)


def _before_feedback(round: EvaluationRound, what: str) -> None:
    if round.phase == RoundPhase.FEEDBACK or round.closed_at is not None:
        raise StateConflict(f"{round.year}년 평가 회차가 끝나 {what}을 할 수 없습니다.")


# ---- ties ------------------------------------------------------------------------------


def latest_declaration(round: EvaluationRound, evaluator: Evaluator) -> ConflictDeclaration | None:
    """The declaration that counts: the evaluator's latest for the round."""
    return (
        ConflictDeclaration.objects.filter(round=round, evaluator=evaluator)
        .order_by("-declared_at", "-pk")
        .first()
    )


def evaluator_ties(round: EvaluationRound, evaluator: Evaluator) -> dict[int, str]:
    """Every body the evaluator is tied to for the round, with why (Korean)."""
    return body_ties(evaluator.user_id, declared_ties(latest_declaration(round, evaluator)))


def declared_ties(declaration) -> dict[int, str]:
    """The bodies a declaration names (organization id → why); `declaration` is any
    evaluation's declaration with `ties` (organization, kind), or None."""
    declared: dict[int, str] = {}
    if declaration is not None:
        for tie in declaration.ties.select_related("organization"):
            declared.setdefault(
                tie.organization_id,
                f"{tie.organization}와(과)의 신고한 관계({tie.get_kind_display()})",
            )
    return declared


def body_ties(user_id: int, declared: dict[int, str]) -> dict[int, str]:
    """The bodies a person may not judge, with why (Korean): those the user belongs to, those
    declared (organization id → why), and across a province and its super-region either way.
    Shared by every expert evaluation (plan evaluation, Track 1 calls) so the rule is one."""
    ties: dict[int, str] = {}
    for membership in Membership.objects.filter(user_id=user_id).select_related("organization"):
        ties.setdefault(membership.organization_id, f"{membership.organization} 소속")
    for organization_id, why in declared.items():
        ties.setdefault(organization_id, why)
    direct = dict(ties)
    links = SuperRegionMembership.objects.filter(
        super_region_id__in=direct
    ) | SuperRegionMembership.objects.filter(province_id__in=direct)
    for link in links.select_related("super_region", "province"):
        if link.province_id in direct:
            ties.setdefault(
                link.super_region_id,
                f"{direct[link.province_id]} — {link.province}이(가) 속한 {link.super_region}",
            )
        if link.super_region_id in direct:
            ties.setdefault(
                link.province_id,
                f"{direct[link.super_region_id]} — {link.super_region}에 속한 {link.province}",
            )
    return ties


def unit_bodies(unit: Unit) -> dict[int, str]:
    """The bodies a unit judges: its organization and related ones, and those of every unit
    below it (a graded node's parts may belong to other ministries)."""
    bodies: dict[int, str] = {}
    frontier = [unit]
    while frontier:
        units = list(frontier)
        for current in units:
            bodies.setdefault(current.organization_id, str(current.organization))
        through = Unit.related_organizations.through.objects.filter(
            unit_id__in=[u.pk for u in units]
        ).select_related("organization")
        for link in through:
            bodies.setdefault(link.organization_id, str(link.organization))
        frontier = list(
            Unit.objects.filter(parent_id__in=[u.pk for u in units]).select_related("organization")
        )
    return bodies


def tie_to(round: EvaluationRound, evaluator: Evaluator, unit: Unit) -> str | None:
    """Why the evaluator may not judge the unit, or None when untied."""
    ties = evaluator_ties(round, evaluator)
    bodies = unit_bodies(unit)
    for organization_id, name in bodies.items():
        if organization_id in ties:
            return f"{name}: {ties[organization_id]}"
    return None


def conflict_message(evaluator: Evaluator, why: str) -> str:
    return f"평가위원 {evaluator}은(는) 평가받는 기관과 이해관계가 있어 배정할 수 없습니다 ({why})."


def unit_leaves(unit: Unit) -> list[Unit]:
    """The leaves an assignment on `unit` scores: the unit itself when it is a leaf, else every
    leaf below it, in tree order."""
    if unit.kind == UnitKind.LEAF:
        return [unit]
    leaves = []
    frontier = [unit.pk]
    while frontier:
        below = list(Unit.objects.filter(parent_id__in=frontier).order_by("position"))
        leaves.extend(u for u in below if u.kind == UnitKind.LEAF)
        frontier = [u.pk for u in below if u.kind != UnitKind.LEAF]
    return sorted(leaves, key=lambda u: u.position)


# ---- evaluators and panels ---------------------------------------------------------------


@transaction.atomic
def evaluator_register(
    *, actor: User, user: User, field: str = "", affiliation: str = ""
) -> Evaluator:
    """Register a user as an evaluator (or make a former one active again). Needs no
    membership of any body."""
    _staff_checked(actor, "평가위원 등록")
    field = _text(field, "전문 분야", limit=200)
    affiliation = _text(affiliation, "소속", limit=200)
    if not user.is_active:
        raise InvalidInput(f"{user}은(는) 쓰지 않는 계정이라 평가위원으로 등록할 수 없습니다.")
    evaluator = Evaluator.objects.select_for_update(of=("self",)).filter(user=user).first()
    if evaluator is None:
        evaluator = Evaluator(user=user, registered_by=actor, registered_at=timezone.now())
    elif evaluator.active:
        raise StateConflict(f"{user}은(는) 이미 평가위원입니다.")
    evaluator.field = field
    evaluator.affiliation = affiliation
    evaluator.active = True
    evaluator._history_user = actor
    evaluator.save()
    return evaluator


@transaction.atomic
def panel_save(
    *,
    actor: User,
    round: EvaluationRound,
    name: str,
    members: list[Evaluator],
    panel: Panel | None = None,
) -> Panel:
    """Make a panel of the round, or rename it and set its members."""
    _staff_checked(actor, "평가반 구성")
    round = EvaluationRound.objects.select_for_update(of=("self",)).get(pk=round.pk)
    _before_feedback(round, "평가반 구성")
    name = _text(name, "평가반 이름", required=True, limit=100)
    if any(not member.active for member in members):
        raise InvalidInput("활동 중이 아닌 평가위원은 평가반에 넣을 수 없습니다.")
    if panel is not None and panel.round_id != round.pk:
        raise InvalidInput("다른 회차의 평가반입니다.")
    if Panel.objects.filter(round=round, name=name).exclude(pk=getattr(panel, "pk", None)).exists():
        raise StateConflict(f"이 회차에 '{name}' 평가반이 이미 있습니다.")
    panel = panel or Panel(round=round)
    panel.name = name
    panel._history_user = actor
    panel.save()
    panel.members.set(members)
    return panel


# ---- declarations ----------------------------------------------------------------------


def _void(assignment: Assignment) -> None:
    Score.objects.filter(assignment=assignment).update(void=True)
    IndicatorJudgement.objects.filter(assignment=assignment).update(void=True)


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    round: EvaluationRound,
    ties: list[TieInput],
    none_to_declare: bool = False,
    statement: str = "",
) -> ConflictDeclaration:
    """The evaluator's own declaration of ties for the round. Append-only: the latest counts.
    Live assignments it now ties are cancelled and their scores voided (kept, never counted)."""
    if not can_declare(actor, round):
        raise NotAllowed("이해관계 신고는 활동 중인 평가위원이 자기 것만 할 수 있습니다.")
    evaluator = evaluator_locked(actor.evaluator)
    statement = _text(statement, "진술")
    if none_to_declare and ties:
        raise InvalidInput("'해당 없음'을 확인하면서 관계를 함께 적을 수는 없습니다.")
    if not none_to_declare and not ties:
        raise InvalidInput("이해관계가 있는 기관을 적거나 '해당 없음'을 확인해 주세요.")
    cleaned = []
    for tie in ties:
        if tie.kind not in TieKind.values:
            raise InvalidInput(f"관계의 종류 '{tie.kind}'는 없습니다.")
        cleaned.append(
            DeclaredTie(
                organization=tie.organization,
                kind=tie.kind,
                period=_text(tie.period, "기간", limit=100),
                note=_text(tie.note, "비고"),
            )
        )
    now = timezone.now()
    declaration = ConflictDeclaration(
        round=round,
        evaluator=evaluator,
        declared_at=now,
        none_to_declare=bool(none_to_declare),
        statement=statement,
    )
    declaration._history_user = actor
    declaration.save()
    for tie in cleaned:
        tie.declaration = declaration
        tie._history_user = actor
        tie.save()
    live = Assignment.objects.select_for_update(of=("self",)).filter(
        round=round, evaluator=evaluator, state__in=LIVE_STATES
    )
    for assignment in live:
        why = tie_to(round, evaluator, assignment.unit)
        if why is None:
            continue
        assignment.state = AssignmentState.CANCELLED
        assignment.cancel_reason = f"이해관계 신고로 취소 ({why})"
        assignment._history_user = actor
        assignment._change_reason = assignment.cancel_reason
        assignment.save()
        _void(assignment)
    return declaration


# ---- assignments -----------------------------------------------------------------------


def assignment_create(
    *, actor: User, panel: Panel | None, unit: Unit, evaluator: Evaluator
) -> Assignment:
    """Assign an evaluator to a graded unit in a panel: needs the evaluator's declaration for
    the round and no tie to the unit's bodies (ConflictOfInterest names the tie)."""
    _staff_checked(actor, "평가위원 배정")
    with transaction.atomic():
        # The evaluator first, as conflict_declare does; the round with NO KEY UPDATE, since a
        # declaration's row takes a KEY SHARE lock on its round (else the two deadlock on PG).
        evaluator = evaluator_locked(evaluator)
        round = EvaluationRound.objects.select_for_update(of=("self",), no_key=True).get(
            pk=unit.round_id
        )
        if round.phase not in ASSIGNING_PHASES:
            raise StateConflict(
                f"{round.year}년 평가 회차는 {round.get_phase_display()} 단계라 배정할 수 없습니다."
            )
        if not unit.graded:
            raise InvalidInput("등급을 매기는 단위에만 평가위원을 배정합니다.")
        if panel is not None and panel.round_id != round.pk:
            raise InvalidInput("평가반이 이 단위의 회차에 속하지 않습니다.")
        if not evaluator.active:
            raise StateConflict(f"{evaluator}은(는) 활동 중인 평가위원이 아닙니다.")
        if latest_declaration(round, evaluator) is None:
            raise StateConflict(
                f"평가위원 {evaluator}은(는) 이 회차의 이해충돌 신고를 아직 하지 않았습니다. "
                "이해충돌 신고 먼저 받아 주세요."
            )
        why = tie_to(round, evaluator, unit)
        if why is not None:
            raise ConflictOfInterest(conflict_message(evaluator, why))
        assignment = Assignment(
            round=round,
            panel=panel,
            unit=unit,
            evaluator=evaluator,
            state=AssignmentState.ASSIGNED,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        assignment._history_user = actor
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            raise StateConflict(
                f"평가위원 {evaluator}은(는) 이 단위에 이미 배정되어 있습니다."
            ) from None
        if panel is not None:
            panel.members.add(evaluator)
    return assignment


def _assignment_locked(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round", "evaluator", "unit")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def assignment_cancel(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """Cancel an assignment before 점검, with the reason; its scores are no longer counted."""
    _staff_checked(actor, "배정 취소")
    reason = _text(reason, "취소 사유", required=True)
    assignment = _assignment_locked(assignment)
    if assignment.round.phase not in ASSIGNING_PHASES:
        raise StateConflict("평가결과 점검이 시작되어 배정을 취소할 수 없습니다.")
    if assignment.state == AssignmentState.CANCELLED:
        raise StateConflict("이미 취소된 배정입니다.")
    assignment.state = AssignmentState.CANCELLED
    assignment.cancel_reason = reason
    assignment._history_user = actor
    assignment._change_reason = reason
    assignment.save()
    return assignment


@transaction.atomic
def assignment_reopen(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """Let the evaluator rewrite a submitted assignment (제출 → 재작성 허용) during 추진실적 평가;
    the reason is kept in the assignment's history."""
    _staff_checked(actor, "재작성 허용")
    reason = _text(reason, "재작성 허용 사유", required=True)
    assignment = _assignment_locked(assignment)
    if assignment.round.phase != RoundPhase.EVALUATING:
        raise StateConflict("재작성 허용은 추진실적 평가 단계에서만 할 수 있습니다.")
    if assignment.state != AssignmentState.SUBMITTED:
        raise StateConflict(
            f"제출된 배정만 재작성을 허용할 수 있습니다 (지금: {assignment.get_state_display()})."
        )
    assignment.state = AssignmentState.REOPENED
    assignment.submitted_at = None
    assignment._history_user = actor
    assignment._change_reason = reason
    assignment.save()
    return assignment
