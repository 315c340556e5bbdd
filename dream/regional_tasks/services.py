"""The register's write paths (pages, API and the import all call these): a task registered
and edited, its 관리 구분 changed by the Committee, a closure requested and confirmed only
through the printed path (l.637), and a year's budget need passed from the province through
the ministry to 기획재정부 (l.622–623). Each service checks permission, then state, then
input, in one transaction with the task row locked, so two people saving at once are
serialised; every change is in the history under the person who made it."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.korean import particle, with_particle
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.plans.amounts import eok_parsed
from dream.priorities.models import Inspection

from .choices import BudgetStage, ClosureStep, TaskState
from .models import BudgetRequest, RegionalPolicyTask, Transition
from .permissions import (
    can_classify_task,
    can_edit_task,
    can_forward_budget,
    can_record_budget_opinion,
    can_record_closure_step,
    can_register_task,
    can_request_closure,
    can_submit_budget,
    can_withdraw_closure,
)
from .selectors import closure_steps

# The states a task is sorted into (l.616–631); 종결요청 and 종결 only through the closure path.
OPEN_STATES = (TaskState.ACTIVE, TaskState.NEEDS_WORK, TaskState.LONG_TERM)
# 추진절차(안) (l.637), in order.
CLOSURE_ORDER = (ClosureStep.AGREEMENT, ClosureStep.EXPERT_COMMITTEE, ClosureStep.INSPECTION_REPORT)
CLOSURE_PATH = " → ".join(step.label for step in CLOSURE_ORDER)
CODE_MAX_LENGTH = 30
TITLE_MAX_LENGTH = 300
PLEDGE_MAX_LENGTH = 300
DOCUMENT_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 2000
REQUEST_NOTE_MAX_LENGTH = 2000
OPINION_MAX_LENGTH = 5000
# Budget years: the plan prints the ’25 round of the 종합계획 (’23~’27, l.613, l.622); DREAM
# takes a year within the 종합계획's period (계획이 정하지 않음: DREAM's reading).
BUDGET_FIRST_YEAR, BUDGET_LAST_YEAR = 2023, 2027
# The fields of a task people edit; 관리 구분 moves only through the services below.
TASK_FIELDS = (
    "code",
    "title",
    "origin_pledge",
    "announced_2022",
    "in_comprehensive_plan",
    "ministry",
)


# ---------------------------------------------------------------- input


def _flag(value, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(f"{with_particle(what, '은')} 예 또는 아니오로 정해 주세요.")
    return value


def _ministry(value) -> Organization | None:
    if value is None:
        return None
    if not isinstance(value, Organization) or value.kind != OrganizationKind.MINISTRY:
        raise InvalidInput("소관 부처는 중앙행정기관(부처) 목록에서 골라 주세요.")
    return value


FIELD_CHECKS = {
    "code": lambda v: text_field(v, "과제 번호", limit=CODE_MAX_LENGTH, one_line=True),
    "title": lambda v: text_field(v, "과제명", limit=TITLE_MAX_LENGTH, one_line=True),
    "origin_pledge": lambda v: text_field(
        v, "대통령 지역공약", limit=PLEDGE_MAX_LENGTH, required=False, one_line=True
    ),
    "announced_2022": lambda v: _flag(v, "인수위 발표 과제 여부"),
    "in_comprehensive_plan": lambda v: _flag(v, "종합계획 반영 여부"),
    "ministry": _ministry,
}


def task_field_clean(name: str, value):
    """One field of a task as the services store it, or InvalidInput naming it (the import
    checks each cell with this, so its errors name the column)."""
    return FIELD_CHECKS[name](value)


def initial_state_clean(value) -> str:
    if value not in OPEN_STATES:
        raise InvalidInput(
            "등록할 때 관리 구분은 적극추진·보완필요·중장기 중 하나입니다"
            "(종결요청·종결은 종결 절차로만 정해집니다)."
        )
    return TaskState(value).value


def _day(raw, what: str) -> date:
    """A date a person entered: ISO text or a date, not in the future."""
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw if raw is not None else "").strip())
        except ValueError:
            raise InvalidInput(
                f"{with_particle(what, '을')} 날짜(예: 2025-01-31)로 적어 주세요."
            ) from None
    if day > timezone.localdate():
        raise InvalidInput(f"{with_particle(what, '은')} 오늘 이후일 수 없습니다.")
    return day


def _document(raw) -> str:
    return text_field(raw, "근거 문서", limit=DOCUMENT_MAX_LENGTH, one_line=True)


def _note(raw) -> str:
    return text_field(raw, "비고", limit=NOTE_MAX_LENGTH, required=False)


def budget_year_clean(raw) -> int:
    if isinstance(raw, bool):
        raise InvalidInput("예산 연도를 숫자(예: 2025)로 적어 주세요.")
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise InvalidInput("예산 연도를 숫자(예: 2025)로 적어 주세요.") from None
    if not BUDGET_FIRST_YEAR <= year <= BUDGET_LAST_YEAR:
        raise InvalidInput(
            f"예산 연도는 지방시대 종합계획 기간인 {BUDGET_FIRST_YEAR}년부터 "
            f"{BUDGET_LAST_YEAR}년까지입니다."
        )
    return year


# ---------------------------------------------------------------- rows


def _save(row, actor: User, reason: str) -> None:
    row._history_user = actor
    row._change_reason = reason
    row.save()


def _locked(task: RegionalPolicyTask) -> RegionalPolicyTask:
    return (
        RegionalPolicyTask.objects.select_for_update(of=("self",))
        .select_related("province", "ministry")
        .get(pk=task.pk)
    )


def _not_before_last(task: RegionalPolicyTask, decided_on: date) -> None:
    """A task's record reads in time order: no decision dated before the latest one."""
    last = task.transitions.order_by("-decided_on").first()
    if last is not None and decided_on < last.decided_on:
        raise InvalidInput(
            f"결정일은 이 과제의 앞선 기록의 결정일({last.decided_on:%Y-%m-%d}) 이후여야 합니다."
        )


def _transition(
    task: RegionalPolicyTask,
    actor: User,
    *,
    to_state: str,
    decided_on: date,
    document: str,
    note: str = "",
    closure_step: str = "",
    inspection: Inspection | None = None,
) -> Transition:
    transition = Transition(
        task=task,
        from_state=task.state,
        to_state=to_state,
        closure_step=closure_step,
        inspection=inspection,
        decided_on=decided_on,
        document=document,
        note=note,
        actor=actor,
        recorded_at=timezone.now(),
    )
    _save(transition, actor, str(transition))
    return transition


def _refuse_if_closed(task: RegionalPolicyTask, doing: str) -> None:
    if task.state == TaskState.CLOSED:
        raise StateConflict(f"종결된 과제는 {doing} 수 없습니다(종결은 되돌리지 않습니다).")


# ---------------------------------------------------------------- register and edit


@transaction.atomic
def regional_task_register(
    *,
    actor: User,
    province: Organization,
    code,
    title,
    origin_pledge="",
    announced_2022=False,
    in_comprehensive_plan=False,
    ministry=None,
    state=TaskState.ACTIVE,
    reason: str = "",
) -> RegionalPolicyTask:
    """A province's task entered in the register (the plan prints only counts, l.611–620)."""
    if not isinstance(province, Organization) or province.kind != OrganizationKind.PROVINCE:
        raise InvalidInput("시·도를 골라 주세요.")
    if not can_register_task(actor, province):
        raise NotAllowed(
            f"{province}의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 등록할 수 있습니다."
        )
    Organization.objects.select_for_update().get(pk=province.pk)  # one numbering at a time
    values = {
        name: task_field_clean(name, value)
        for name, value in {
            "code": code,
            "title": title,
            "origin_pledge": origin_pledge,
            "announced_2022": announced_2022,
            "in_comprehensive_plan": in_comprehensive_plan,
            "ministry": ministry,
        }.items()
    }
    state = initial_state_clean(state)
    if RegionalPolicyTask.objects.filter(province=province, code=values["code"]).exists():
        raise InvalidInput(f"{province}에 과제 번호 '{values['code']}'인 과제가 이미 있습니다.")
    task = RegionalPolicyTask(
        province=province, state=state, created_by=actor, created_at=timezone.now(), **values
    )
    _save(task, actor, reason or "지역정책과제 등록")
    return task


@transaction.atomic
def regional_task_update(
    *, actor: User, task: RegionalPolicyTask, reason: str = "", **fields
) -> RegionalPolicyTask:
    """Edit a task's own fields (not its 관리 구분); nothing changed writes nothing."""
    task = _locked(task)
    if not can_edit_task(actor, task):
        raise NotAllowed(
            f"{task.province}의 작성 권한이 있는 담당자나 위원회 담당자만 과제를 고칠 수 있습니다."
        )
    _refuse_if_closed(task, "고칠")
    if "state" in fields:
        raise InvalidInput(
            "관리 구분은 여기서 바꾸지 않습니다. 구분 변경(위원회)이나 종결 절차로 바꿉니다."
        )
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise InvalidInput(f"알 수 없는 항목입니다: {', '.join(sorted(unknown))}")
    changed = {}
    for name, value in fields.items():
        cleaned = task_field_clean(name, value)
        if cleaned != getattr(task, name):
            changed[name] = cleaned
    if not changed:
        return task
    code = changed.get("code")
    if code and task.province.regional_policy_tasks.filter(code=code).exclude(pk=task.pk).exists():
        raise InvalidInput(f"{task.province}에 과제 번호 '{code}'인 과제가 이미 있습니다.")
    for name, value in changed.items():
        setattr(task, name, value)
    _save(task, actor, reason or "지역정책과제 수정")
    return task


# ---------------------------------------------------------------- 관리 구분


@transaction.atomic
def regional_task_classify(
    *, actor: User, task: RegionalPolicyTask, to_state, decided_on, document, note=""
) -> Transition:
    """The Committee's sorting: 적극추진 / 보완필요 / 중장기 (l.616–631), recorded with its date
    and document."""
    task = _locked(task)
    if not can_classify_task(actor):
        raise NotAllowed("관리 구분(적극추진·보완필요·중장기)은 위원회 담당자만 바꿉니다.")
    _refuse_if_closed(task, "구분을 바꿀")
    if task.state == TaskState.CLOSING:
        raise StateConflict("종결요청 중인 과제입니다. 구분을 바꾸려면 먼저 종결요청을 철회하세요.")
    if to_state not in OPEN_STATES:
        raise InvalidInput(
            "관리 구분은 적극추진·보완필요·중장기 중에서 고릅니다(종결은 종결 절차로만)."
        )
    if to_state == task.state:
        raise StateConflict(f"이미 {TaskState(to_state).label} 과제입니다.")
    decided_on = _day(decided_on, "결정일")
    document, note = _document(document), _note(note)
    _not_before_last(task, decided_on)
    transition = _transition(
        task, actor, to_state=to_state, decided_on=decided_on, document=document, note=note
    )
    task.state = to_state
    _save(task, actor, f"관리 구분: {TaskState(to_state).label}")
    return transition


# ---------------------------------------------------------------- closure (l.632–637)


@transaction.atomic
def closure_request(
    *, actor: User, task: RegionalPolicyTask, decided_on, document, note=""
) -> Transition:
    """A province's or ministry's request to close a task that can no longer be carried out
    ("지자체 및 부처 철회 요청", l.636): 종결요청, remembering the state it leaves."""
    task = _locked(task)
    if not can_request_closure(actor, task):
        raise NotAllowed(
            "종결요청은 그 시·도나 소관 부처의 작성 권한이 있는 담당자, 위원회 담당자가 합니다."
        )
    _refuse_if_closed(task, "다시 종결요청할")
    if task.state == TaskState.CLOSING:
        raise StateConflict("이미 종결요청 중인 과제입니다.")
    decided_on = _day(decided_on, "요청일")
    document, note = _document(document), _note(note)
    _not_before_last(task, decided_on)
    transition = _transition(
        task, actor, to_state=TaskState.CLOSING, decided_on=decided_on, document=document, note=note
    )
    task.state_before_closing = task.state
    task.state = TaskState.CLOSING
    _save(task, actor, "종결요청")
    return transition


def _expected_step(task: RegionalPolicyTask, step: str) -> list[Transition]:
    """The steps recorded since the latest request, when `step` is the next one in printed
    order; otherwise StateConflict naming the step(s) missing or the one already recorded."""
    done = closure_steps(task)
    recorded = {t.closure_step: t for t in done}
    label = ClosureStep(step).label
    if step in recorded:
        raise StateConflict(
            f"{with_particle(label, '은')} 이미 기록했습니다"
            f"({recorded[step].decided_on:%Y-%m-%d}). 종결 절차는 {CLOSURE_PATH} 순서입니다."
        )
    missing = [s.label for s in CLOSURE_ORDER[len(done) : CLOSURE_ORDER.index(step)]]
    if missing:
        names = ", ".join(missing)
        raise StateConflict(
            f"먼저 {names}{particle(missing[-1], '을')} 기록해야 합니다. 종결 절차는 "
            f"{CLOSURE_PATH} 순서입니다(원문 l.637)."
        )
    return done


@transaction.atomic
def closure_step_record(
    *,
    actor: User,
    task: RegionalPolicyTask,
    step,
    decided_on,
    document,
    inspection: Inspection | None = None,
    note="",
) -> Transition:
    """One step of the printed closure path, in order: 시·도·부처 협의 → 전문위 논의 → 반기별
    이행점검 결과 보고 (l.637). The last, with an inspection taken on or after the expert
    committee's discussion, confirms the closure: 종결."""
    if step not in ClosureStep.values:
        raise InvalidInput(f"종결 절차의 단계를 고르세요({CLOSURE_PATH}).")
    task = _locked(task)
    label = ClosureStep(step).label
    if not can_record_closure_step(actor, task, step):
        if step == ClosureStep.AGREEMENT:
            raise NotAllowed(
                f"{with_particle(label, '은')} 그 시·도나 소관 부처의 작성 권한이 있는 담당자, "
                "위원회 담당자가 기록합니다."
            )
        raise NotAllowed(f"{with_particle(label, '은')} 위원회 담당자만 기록합니다.")
    if task.state == TaskState.CLOSED:
        raise StateConflict("이미 종결된 과제입니다(종결은 되돌리지 않습니다).")
    if task.state != TaskState.CLOSING:
        raise StateConflict(
            f"종결 절차는 종결요청 중인 과제에만 기록합니다(지금: {task.get_state_display()}). "
            "먼저 종결요청을 하세요."
        )
    done = _expected_step(task, step)
    decided_on = _day(decided_on, "결정일")
    document, note = _document(document), _note(note)
    _not_before_last(task, decided_on)
    last_step = step == ClosureStep.INSPECTION_REPORT
    if last_step:
        _inspection_check(inspection, expert=done[-1], decided_on=decided_on)
    elif inspection is not None:
        raise InvalidInput("이행점검은 반기별 이행점검 결과 보고 단계에만 적습니다.")
    to_state = TaskState.CLOSED if last_step else TaskState.CLOSING
    transition = _transition(
        task,
        actor,
        to_state=to_state,
        decided_on=decided_on,
        document=document,
        note=note,
        closure_step=step,
        inspection=inspection,
    )
    if last_step:
        task.state = TaskState.CLOSED
        _save(task, actor, "종결 확정(반기별 이행점검 결과 보고)")
    return transition


def _inspection_check(inspection, *, expert: Transition, decided_on: date) -> None:
    """The report confirming a closure is of a half-yearly inspection taken on or after the
    expert committee's discussion, and is not dated before that inspection."""
    if not isinstance(inspection, Inspection) or inspection.pk is None:
        raise InvalidInput("반기별 이행점검 결과 보고에는 어느 이행점검인지 골라 주세요.")
    if inspection.taken_on < expert.decided_on:
        raise InvalidInput(
            f"{inspection}(점검일 {inspection.taken_on:%Y-%m-%d})은 전문위 논의"
            f"({expert.decided_on:%Y-%m-%d}) 이후에 한 이행점검이어야 합니다."
        )
    if decided_on < inspection.taken_on:
        raise InvalidInput(
            f"결과 보고일은 이행점검일({inspection.taken_on:%Y-%m-%d}) 이후여야 합니다."
        )


@transaction.atomic
def closure_withdraw(*, actor: User, task: RegionalPolicyTask, decided_on, document) -> Transition:
    """The request withdrawn: back to the state it left. Steps recorded so far stay in the
    history but no longer count — a new request starts the path again."""
    task = _locked(task)
    if not can_withdraw_closure(actor, task):
        raise NotAllowed(
            "종결요청 철회는 그 시·도나 소관 부처의 작성 권한이 있는 담당자, 위원회 담당자가 합니다."
        )
    _refuse_if_closed(task, "철회할")
    if task.state != TaskState.CLOSING:
        raise StateConflict(f"종결요청 중인 과제가 아닙니다(지금: {task.get_state_display()}).")
    decided_on = _day(decided_on, "철회일")
    document = _document(document)
    _not_before_last(task, decided_on)
    back = task.state_before_closing
    transition = _transition(task, actor, to_state=back, decided_on=decided_on, document=document)
    task.state, task.state_before_closing = back, ""
    _save(task, actor, f"종결요청 철회: {TaskState(back).label}")
    return transition


# ---------------------------------------------------------------- budget (l.622–623)


@transaction.atomic
def budget_request_submit(
    *, actor: User, task: RegionalPolicyTask, year, amount_text, request_note=""
) -> BudgetRequest:
    """A province's budget need of `year` for a task of the 종합계획 ("종합계획 반영과제 中 ’25년
    예산 필요과제를 시·도에서 제출받아", l.622); resubmitted until the ministry's opinion."""
    task = _locked(task)
    if not can_submit_budget(actor, task):
        raise NotAllowed(
            f"{task.province}의 작성 권한이 있는 담당자나 위원회 담당자만 예산 요구를 제출합니다."
        )
    _refuse_if_closed(task, "예산을 요구할")
    if not task.in_comprehensive_plan:
        raise StateConflict(
            "지방시대 종합계획(’23~’27)에 반영된 과제만 예산 요구를 제출합니다"
            "(“종합계획 반영과제 中 예산 필요과제”, 원문 l.622)."
        )
    year = budget_year_clean(year)
    amount, written = eok_parsed(amount_text, "예산 요구액")
    request_note = text_field(
        request_note, "요구 내용", limit=REQUEST_NOTE_MAX_LENGTH, required=False
    )
    request = BudgetRequest.objects.filter(task=task, year=year).first()
    if request is not None and request.stage != BudgetStage.REQUESTED:
        raise StateConflict(
            f"{year}년 예산 요구는 이미 {request.get_stage_display()} 단계여서 고칠 수 없습니다."
        )
    reason = "예산 요구 수정" if request is not None else "예산 요구 제출"
    if request is None:
        request = BudgetRequest(task=task, year=year, requested_by=actor)
    request.amount_text, request.amount_eok, request.request_note = written, amount, request_note
    request.requested_at = timezone.now()
    _save(request, actor, reason)
    return request


def _locked_request(request: BudgetRequest) -> BudgetRequest:
    """The request under its task's lock (the task is what every service locks)."""
    _locked(request.task)
    return (
        BudgetRequest.objects.select_for_update(of=("self",))
        .select_related("task__province", "task__ministry")
        .get(pk=request.pk)
    )


@transaction.atomic
def budget_opinion_record(*, actor: User, request: BudgetRequest, opinion) -> BudgetRequest:
    """The ministry's opinion after consultation ("부처협의", l.623)."""
    request = _locked_request(request)
    task = request.task
    if not can_record_budget_opinion(actor, task):
        raise NotAllowed(
            "부처 협의 의견은 소관 부처의 작성 권한이 있는 담당자나 위원회 담당자가 적습니다."
        )
    if request.stage == BudgetStage.FORWARDED:
        raise StateConflict("기획재정부에 송부한 예산 요구의 의견은 고칠 수 없습니다.")
    if task.ministry is None:
        raise StateConflict("소관 부처가 정해지지 않은 과제입니다. 먼저 소관 부처를 정하세요.")
    request.ministry_opinion = text_field(opinion, "부처 협의 의견", limit=OPINION_MAX_LENGTH)
    request.opinion_by = actor
    request.stage = BudgetStage.MINISTRY_OPINION
    _save(request, actor, "부처 협의 의견")
    return request


@transaction.atomic
def budget_forward(*, actor: User, request: BudgetRequest, forwarded_on) -> BudgetRequest:
    """Sent to 기획재정부 after the ministry's opinion ("부처협의 후 기재부에 송부", l.623)."""
    request = _locked_request(request)
    if not can_forward_budget(actor):
        raise NotAllowed("기획재정부 송부는 위원회 담당자가 기록합니다.")
    if request.stage == BudgetStage.FORWARDED:
        raise StateConflict(f"이미 {request.forwarded_on:%Y-%m-%d}에 기획재정부에 송부했습니다.")
    if request.stage != BudgetStage.MINISTRY_OPINION:
        raise StateConflict("먼저 부처 협의 의견을 기록해야 기획재정부에 송부합니다(원문 l.623).")
    request.forwarded_on = _day(forwarded_on, "송부일")
    request.stage = BudgetStage.FORWARDED
    _save(request, actor, "기획재정부 송부")
    return request
