"""Track 1's expert evaluation under the plan evaluation's integrity rules (ADR 0008), reusing its
pieces rather than copying them: the evaluator registry (`dream.evaluation.models.Evaluator`),
the tie rule (`integrity.body_ties`: membership, declared ties, province ↔ super-region) and the
pure formulas (`computation`: evaluator score, mean, panel normalisation, shown).

An evaluator declares ties for the call before any assignment of it; an evaluator tied to the
applicant province is refused (409, naming the tie); a later declaration cancels the live
assignments it ties and voids their scores (kept, never counted). Declaration and assignment
both lock the evaluator's row first, so the two cannot race past each other.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.models import Organization, User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.evaluation.choices import AssignmentState, TieKind
from dream.evaluation.computation import CriterionSpec, evaluator_leaf_score, mean, panel_z
from dream.evaluation.integrity import (
    ConflictOfInterest,
    body_ties,
    conflict_message,
    declared_ties,
    evaluator_locked,
)
from dream.evaluation.models import Evaluator

from .choices import ApplicationState, CallState
from .models import (
    Application,
    Call,
    CallAssignment,
    CallDeclaration,
    CallDeclaredTie,
    CallPanel,
    CallScore,
)
from .permissions import (
    active_evaluator,
    can_declare_for_call,
    can_manage_call,
    can_score_assignment,
)

TEXT_MAX_LENGTH = 2000
LIVE = (AssignmentState.ASSIGNED, AssignmentState.SUBMITTED, AssignmentState.REOPENED)
ASSIGNING_STATES = (CallState.OPEN, CallState.EVALUATING)


@dataclass(frozen=True)
class CallTieInput:
    organization: Organization
    kind: str
    note: str = ""


def _managed(actor: User, call: Call, what: str) -> None:
    if not can_manage_call(actor, call):
        raise NotAllowed(f"{what}은 {call.owner} 담당자나 지방시대위원회 담당자만 할 수 있습니다.")


def latest_call_declaration(call: Call, evaluator: Evaluator) -> CallDeclaration | None:
    return (
        CallDeclaration.objects.filter(call=call, evaluator=evaluator)
        .order_by("-declared_at", "-pk")
        .first()
    )


def call_evaluator_ties(call: Call, evaluator: Evaluator) -> dict[int, str]:
    """Every body the evaluator may not judge in this call, with why (the evaluation's rule)."""
    return body_ties(evaluator.user_id, declared_ties(latest_call_declaration(call, evaluator)))


def tie_to_application(call: Call, evaluator: Evaluator, application: Application) -> str | None:
    """Why the evaluator may not judge the application (its applicant province), or None."""
    why = call_evaluator_ties(call, evaluator).get(application.province_id)
    return f"{application.province}: {why}" if why else None


# ---- panels and declarations -----------------------------------------------------------------


@transaction.atomic
def call_panel_save(
    *, actor: User, call: Call, name: str, members: list[Evaluator], panel: CallPanel | None = None
) -> CallPanel:
    call = Call.objects.select_for_update(of=("self",)).select_related("owner").get(pk=call.pk)
    _managed(actor, call, "평가반 구성")
    if call.state not in (CallState.DRAFT, *ASSIGNING_STATES):
        raise StateConflict("선정이 끝난 공모의 평가반은 바꿀 수 없습니다.")
    name = text_field(name, "평가반 이름", limit=100)
    if any(not member.active for member in members):
        raise InvalidInput("활동 중이 아닌 평가위원은 평가반에 넣을 수 없습니다.")
    if panel is not None and panel.call_id != call.pk:
        raise InvalidInput("다른 공모의 평가반입니다.")
    if (
        CallPanel.objects.filter(call=call, name=name)
        .exclude(pk=getattr(panel, "pk", None))
        .exists()
    ):
        raise StateConflict(f"이 공모에 '{name}' 평가반이 이미 있습니다.")
    panel = panel or CallPanel(call=call)
    panel.name = name
    panel._history_user = actor
    panel.save()
    panel.members.set(members)
    return panel


def _void(assignment: CallAssignment) -> None:
    CallScore.objects.filter(assignment=assignment).update(void=True)


@transaction.atomic
def call_conflict_declare(
    *,
    actor: User,
    call: Call,
    ties: list[CallTieInput],
    none_to_declare: bool = False,
    statement: str = "",
) -> CallDeclaration:
    """The evaluator's own declaration for the call; the latest counts. Live assignments it now
    ties are cancelled and their scores voided (kept, never counted)."""
    if not can_declare_for_call(actor, call):
        raise NotAllowed("이해관계 신고는 활동 중인 평가위원이 자기 것만, 공모·평가 중에 합니다.")
    evaluator = evaluator_locked(active_evaluator(actor))
    statement = text_field(statement, "진술", limit=TEXT_MAX_LENGTH, required=False)
    if none_to_declare and ties:
        raise InvalidInput("'해당 없음'을 확인하면서 관계를 함께 적을 수는 없습니다.")
    if not none_to_declare and not ties:
        raise InvalidInput("이해관계가 있는 기관을 적거나 '해당 없음'을 확인해 주세요.")
    cleaned = []
    for tie in ties:
        if tie.kind not in TieKind.values:
            raise InvalidInput(f"관계의 종류 '{tie.kind}'는 없습니다.")
        note = text_field(tie.note, "비고", limit=TEXT_MAX_LENGTH, required=False)
        cleaned.append(CallDeclaredTie(organization=tie.organization, kind=tie.kind, note=note))
    declaration = CallDeclaration(
        call=call,
        evaluator=evaluator,
        declared_at=timezone.now(),
        none_to_declare=bool(none_to_declare),
        statement=statement,
    )
    declaration._history_user = actor
    declaration.save()
    for tie in cleaned:
        tie.declaration = declaration
        tie._history_user = actor
        tie.save()
    live = (
        CallAssignment.objects.select_for_update(of=("self",))
        .filter(call=call, evaluator=evaluator, state__in=LIVE)
        .select_related("application__province")
    )
    for assignment in live:
        why = tie_to_application(call, evaluator, assignment.application)
        if why is None:
            continue
        assignment.state = AssignmentState.CANCELLED
        assignment.cancel_reason = f"이해관계 신고로 취소 ({why})"
        assignment._history_user = actor
        assignment._change_reason = assignment.cancel_reason[:100]
        assignment.save()
        _void(assignment)
    return declaration


# ---- assignments and scores -----------------------------------------------------------------


def call_assignment_create(
    *, actor: User, panel: CallPanel, application: Application, evaluator: Evaluator
) -> CallAssignment:
    """Assign an evaluator to an application in a panel: needs the evaluator's declaration for
    the call and no tie to the applicant province (ConflictOfInterest names the tie). An
    application is judged in one panel, so normalisation compares it with its panel's."""
    with transaction.atomic():
        evaluator = evaluator_locked(evaluator)
        call = (
            Call.objects.select_for_update(of=("self",), no_key=True)
            .select_related("owner")
            .get(pk=application.call_id)
        )
        _managed(actor, call, "평가위원 배정")
        if call.state not in ASSIGNING_STATES:
            raise StateConflict(f"{call.get_state_display()} 상태의 공모에는 배정할 수 없습니다.")
        if panel.call_id != call.pk:
            raise InvalidInput("평가반이 이 신청의 공모에 속하지 않습니다.")
        application = Application.objects.select_related("province").get(pk=application.pk)
        if application.state == ApplicationState.WITHDRAWN:
            raise StateConflict("철회된 신청에는 배정할 수 없습니다.")
        if not evaluator.active:
            raise StateConflict(f"{evaluator}은(는) 활동 중인 평가위원이 아닙니다.")
        if latest_call_declaration(call, evaluator) is None:
            raise StateConflict(
                f"평가위원 {evaluator}은(는) 이 공모의 이해충돌 신고를 아직 하지 않았습니다. "
                "이해충돌 신고 먼저 받아 주세요."
            )
        why = tie_to_application(call, evaluator, application)
        if why is not None:
            raise ConflictOfInterest(conflict_message(evaluator, why))
        other_panel = (
            CallAssignment.objects.filter(application=application, state__in=LIVE)
            .exclude(panel=panel)
            .select_related("panel")
            .first()
        )
        if other_panel is not None:
            raise StateConflict(
                f"이 신청은 '{other_panel.panel}' 평가반에서 평가합니다. 한 신청은 한 평가반에서만 "
                "평가합니다."
            )
        assignment = CallAssignment(
            call=call,
            panel=panel,
            application=application,
            evaluator=evaluator,
            assigned_by=actor,
            assigned_at=timezone.now(),
        )
        assignment._history_user = actor
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            raise StateConflict(
                f"평가위원 {evaluator}은(는) 이 신청에 이미 배정되어 있습니다."
            ) from None
        panel.members.add(evaluator)
    return assignment


@transaction.atomic
def call_assignment_cancel(
    *, actor: User, assignment: CallAssignment, reason: str
) -> CallAssignment:
    assignment = (
        CallAssignment.objects.select_for_update(of=("self",))
        .select_related("call__owner")
        .get(pk=assignment.pk)
    )
    _managed(actor, assignment.call, "배정 취소")
    reason = text_field(reason, "취소 사유", limit=TEXT_MAX_LENGTH)
    if assignment.call.state not in ASSIGNING_STATES:
        raise StateConflict("선정이 끝난 공모의 배정은 취소할 수 없습니다.")
    if assignment.state == AssignmentState.CANCELLED:
        raise StateConflict("이미 취소된 배정입니다.")
    assignment.state = AssignmentState.CANCELLED
    assignment.cancel_reason = reason
    assignment._history_user = actor
    assignment._change_reason = reason[:100]
    assignment.save()
    return assignment


def _score_value(raw, criterion) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"'{criterion.name}' 점수를 숫자로 적어 주세요.") from None
    if not value.is_finite() or value < 0 or value > criterion.max_score:
        raise InvalidInput(
            f"'{criterion.name}' 점수는 0–{criterion.max_score.normalize():f}점으로 적어 주세요."
        )
    if -value.as_tuple().exponent > 2:
        raise InvalidInput(f"'{criterion.name}' 점수는 소수점 아래 두 자리까지 적을 수 있습니다.")
    return value


@transaction.atomic
def call_scores_record(
    *, actor: User, assignment: CallAssignment, scores: dict[int, tuple[object, str]]
) -> list[CallScore]:
    """The assignment's own evaluator scores criteria (criterion id → (value, reason)); each
    reason at least the call's minimum length. Rewriting a score keeps the old one in history."""
    assignment = (
        CallAssignment.objects.select_for_update(of=("self",))
        .select_related("call", "evaluator")
        .get(pk=assignment.pk)
    )
    if not can_score_assignment(actor, assignment):
        raise NotAllowed("배정된 평가위원 본인만 점수를 적을 수 있습니다.")
    call = assignment.call
    if call.state != CallState.EVALUATING:
        raise StateConflict(f"{call.get_state_display()} 상태에서는 점수를 적을 수 없습니다.")
    if assignment.state not in LIVE:
        raise StateConflict("취소된 배정에는 점수를 적을 수 없습니다.")
    if not scores:
        raise InvalidInput("점수를 하나 이상 적어 주세요.")
    criteria = {c.pk: c for c in call.criteria.all()}
    written = []
    for criterion_id, pair in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise InvalidInput("이 공모에 없는 평가 기준입니다.")
        raw_value, raw_reason = pair
        value = _score_value(raw_value, criterion)
        reason = text_field(raw_reason, f"'{criterion.name}' 점수 사유", limit=TEXT_MAX_LENGTH)
        if len(reason) < call.min_reason_length:
            raise InvalidInput(
                f"'{criterion.name}' 점수 사유는 {call.min_reason_length}자 이상 적어 주세요."
            )
        score = CallScore.objects.filter(assignment=assignment, criterion=criterion).first()
        score = score or CallScore(assignment=assignment, criterion=criterion)
        score.value, score.reason = value, reason
        score._history_user = actor
        score.save()
        written.append(score)
    return written


# ---- computation ------------------------------------------------------------------------------


def call_scores_compute(*, actor: User, call: Call) -> list[Application]:
    """Each application's raw score (mean over its evaluators of `evaluator_leaf_score`), its
    panel-normalised score (`panel_z` with the call's minimum) and the final one (normalised, or
    raw with the reason when the panel is not normalised). Only complete, non-void scores of
    live assignments count. Saves and returns the call's applications."""
    _managed(actor, call, "점수 계산")
    if call.state != CallState.EVALUATING:
        raise StateConflict(f"{call.get_state_display()} 상태에서는 점수를 계산할 수 없습니다.")
    specs = [CriterionSpec(c.pk, c.weight, c.max_score) for c in call.criteria.all()]
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .filter(call=call)
        .exclude(state=ApplicationState.WITHDRAWN)
        .order_by("pk")
    )
    assignments = CallAssignment.objects.filter(call=call, state__in=LIVE).prefetch_related(
        "scores"
    )
    per_application: dict[int, list[Decimal]] = {}
    panel_of: dict[int, int] = {}
    for assignment in assignments:
        values = {s.criterion_id: s.value for s in assignment.scores.all() if not s.void}
        score = evaluator_leaf_score(values, specs)
        if score is None:
            continue
        per_application.setdefault(assignment.application_id, []).append(score)
        panel_of[assignment.application_id] = assignment.panel_id
    raw = {pk: (panel_of[pk], mean(values)) for pk, values in per_application.items()}
    normalised = panel_z(raw, min_units=call.min_units)
    for application in applications:
        values = per_application.get(application.pk, [])
        application.evaluator_count = len(values)
        if not values:
            application.raw_score = application.normalised_score = application.final_score = None
            application.score_note = "완료된 채점 없음"
        else:
            raw_score = raw[application.pk][1]
            result = normalised[application.pk]
            application.raw_score = raw_score.quantize(Decimal("0.0001"))
            application.normalised_score = (
                result.value.quantize(Decimal("0.0001")) if result.value is not None else None
            )
            application.final_score = (
                application.raw_score if result.value is None else application.normalised_score
            )
            application.score_note = result.note or "평가반 간 표준화"
        application._history_user = actor
        application._change_reason = "점수 계산"
        application.save()
    call.computed_at = timezone.now()
    call._history_user = actor
    call.save()
    return applications


@transaction.atomic
def call_compute(*, actor: User, call: Call) -> list[Application]:
    """Compute the scores now (a preview before selection; selection computes again)."""
    call = Call.objects.select_for_update(of=("self",)).select_related("owner").get(pk=call.pk)
    return call_scores_compute(actor=actor, call=call)
