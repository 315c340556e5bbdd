"""Money spent against the plan's fiscal input, and the body's account per core task: the
write paths (forms, API and the results workbook all call these) and the table of planned
beside spent.

Planned amounts are read from the plan (its `Budget` cells, a task's printed 국비), never
copied; the execution rate is DREAM's computation (spent ÷ planned × 100), marked so.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.cycle.errors import InvalidInput, StateConflict, text_checked, text_field
from dream.plans.amounts import eok_parsed
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task

from .models import FiscalExecution, SelfAssessment
from .permissions import responsible_body
from .submissions import result_submission_for, result_submission_locked
from .workflow import entry_check

REASON_MAX_LENGTH = 100  # simple-history's change reason column
DOCUMENT_MAX_LENGTH = 500
SPENT_TEXT_MAX_LENGTH = 50
NO_PLAN = "계획 없음"


def spent_parsed(text) -> tuple[Decimal, str]:
    """An amount spent in 억원 as written, by the one reader of entered amounts."""
    return eok_parsed(text, "집행액")


def _date(value, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{what}을 날짜(예: 2025-01-31)로 적어 주세요.") from None


def _text(value, what: str, limit: int, *, required: bool = True) -> str:
    return text_field(value, what, limit=limit, required=required, one_line=True)


def _reason(reason) -> str:
    return _text(reason, "까닭", REASON_MAX_LENGTH, required=False)


def _year(plan: Plan, year) -> int:
    if str(year) != str(plan.year):
        raise InvalidInput(f"이 시행계획의 실적은 {plan.year}년에 대해서만 입력합니다.")
    return plan.year


def _published(plan: Plan) -> None:
    if plan.is_draft:
        raise StateConflict(
            "작성 중인 초안에는 실적을 입력하지 않습니다. 의결된 계획에 입력하세요."
        )


def _locked_submission(plan: Plan, body: Organization):
    return result_submission_locked(result_submission_for(plan, body))


def _anchor(plan: Plan, strategy: Strategy | None, task: Task | None) -> None:
    if strategy is not None and task is not None:
        raise InvalidInput("집행액은 전략과 과제 중 하나에만 붙습니다.")
    if strategy is not None and (
        strategy.plan_id != plan.pk or strategy.kind != StrategyKind.PILLAR
    ):
        raise InvalidInput("집행액의 전략은 이 시행계획의 전략(과제·예산 구분)이어야 합니다.")
    if task is not None and task.plan_id != plan.pk:
        raise InvalidInput("집행액의 과제는 이 시행계획의 과제여야 합니다.")


@transaction.atomic
def fiscal_execution_record(
    *,
    actor: User,
    plan: Plan,
    year,
    source: str,
    spent_text,
    document,
    observed_on,
    strategy: Strategy | None = None,
    task: Task | None = None,
    reason: str = "",
) -> FiscalExecution:
    """Enter what was spent for (plan, year, source, anchor), or replace it with a reason; the
    replaced amount stays in the history. The body responsible for the anchor submits it."""
    _published(plan)
    _anchor(plan, strategy, task)
    submission = _locked_submission(plan, responsible_body(plan, task))
    why = _reason(reason)
    entry_check(actor, submission, why)
    year = _year(plan, year)
    if source not in BudgetSource.values:
        raise InvalidInput(f"재원 '{source}'{particle(str(source), '은')} 없는 재원입니다.")
    amount, written = spent_parsed(spent_text)
    document = _text(document, "출처", DOCUMENT_MAX_LENGTH)
    observed_on = _date(observed_on, "기준일")
    row = (
        FiscalExecution.objects.select_for_update(of=("self",))
        .filter(plan=plan, year=year, source=source, strategy=strategy, task=task)
        .first()
    )
    if row is None:
        row = FiscalExecution(plan=plan, year=year, source=source, strategy=strategy, task=task)
        change = why or "execution.record"
    elif not why:
        raise InvalidInput(
            "이미 입력된 집행액을 바꾸려면 까닭을 적어 주세요(변경 이력에 남습니다)."
        )
    else:
        change = why
    row.spent_eok, row.spent_text = amount, written
    row.document, row.observed_on, row.recorded_by = document, observed_on, actor
    row._history_user = actor
    row._change_reason = change
    row.save()
    return row


@transaction.atomic
def fiscal_execution_delete(*, actor: User, execution: FiscalExecution, reason) -> None:
    """Delete a wrong execution with a reason; its last values stay in the history."""
    plan = execution.plan
    submission = _locked_submission(plan, responsible_body(plan, execution.task))
    why = _reason(reason)
    if not why:
        raise InvalidInput("집행액을 지우는 까닭을 적어 주세요(변경 이력에 남습니다).")
    entry_check(actor, submission, why)
    row = FiscalExecution.objects.select_for_update(of=("self",)).filter(pk=execution.pk).first()
    if row is None:
        raise StateConflict("이 집행액은 이미 지워졌습니다. 페이지를 다시 보세요.")
    row._history_user = actor
    row._change_reason = why
    row.delete()


def assessable(plan: Plan) -> tuple[list[Task], list[Strategy]]:
    """What an account is written on: the plan's core tasks, and for a super-region's plan
    also its pillar strategies (초광역권: each 전략 is judged, l.163–165)."""
    tasks = list(
        plan.tasks.filter(kind=TaskKind.CORE)
        .select_related("strategy")
        .order_by("strategy__position", "position")
    )
    strategies = []
    if plan.level == PlanLevel.SUPER_REGION:
        strategies = list(plan.strategies.filter(kind=StrategyKind.PILLAR).order_by("position"))
    return tasks, strategies


@transaction.atomic
def self_assessment_record(
    *,
    actor: User,
    year,
    text,
    task: Task | None = None,
    strategy: Strategy | None = None,
    reason: str = "",
) -> SelfAssessment:
    """Enter or rewrite the body's account of a core task (or a super-region's pillar
    strategy) for the year; earlier texts stay in the history."""
    if (task is None) == (strategy is None):
        raise InvalidInput("설명은 핵심과제나 전략 중 하나에 붙습니다.")
    plan = task.plan if task is not None else strategy.plan
    _published(plan)
    if task is not None and task.kind != TaskKind.CORE:
        raise InvalidInput("추진실적 설명은 핵심과제에 적습니다.")
    if strategy is not None and (
        plan.level != PlanLevel.SUPER_REGION or strategy.kind != StrategyKind.PILLAR
    ):
        raise InvalidInput("전략에 대한 설명은 초광역권 시행계획의 전략에만 적습니다.")
    submission = _locked_submission(plan, responsible_body(plan, task))
    why = _reason(reason)
    entry_check(actor, submission, why)
    year = _year(plan, year)
    written = text_checked(str(text or ""), "추진실적 설명").strip()
    if not written:
        raise InvalidInput("추진실적 설명을 적어 주세요.")
    if len(written) > SelfAssessment.MAX_LENGTH:
        raise InvalidInput(
            f"추진실적 설명은 {SelfAssessment.MAX_LENGTH:,}자까지 적을 수 있습니다"
            f"(지금 {len(written):,}자)."
        )
    row = (
        SelfAssessment.objects.select_for_update(of=("self",))
        .filter(year=year, task=task, strategy=strategy)
        .first()
    ) or SelfAssessment(year=year, task=task, strategy=strategy)
    row.text, row.recorded_by = written, actor
    row._history_user = actor
    row._change_reason = why or "self_assessment.record"
    row.save()
    return row


@dataclass(frozen=True)
class ExecutionRow:
    """Planned beside spent for one (anchor, source) of the body's part."""

    strategy: Strategy | None
    task: Task | None
    source: str
    planned: Decimal | None  # None: the plan prints no amount for this key (계획 없음)
    budget: Budget | None  # the printed cell, for its source link
    execution: FiscalExecution | None

    @property
    def anchor_label(self) -> str:
        if self.task is not None:
            return f"{self.task.code} {self.task.name}".strip()
        if self.strategy is not None:
            return f"{self.strategy.code} {self.strategy.name}".strip()
        return "시행계획 전체"

    @property
    def source_label(self) -> str:
        return BudgetSource(self.source).label

    @property
    def rate(self) -> Decimal | None:
        """Execution rate in % (DREAM's computation, one decimal, half up); None without a
        planned amount above 0 or without a spent amount."""
        if self.execution is None or not self.planned:
            return None
        rate = self.execution.spent_eok / self.planned * 100
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def execution_rows(plan: Plan, year: int, organization: Organization) -> list[ExecutionRow]:
    """Every key the body reports on: the plan's budget cells (plan total and pillar
    strategies) where it is the plan's reporting body, the tasks whose 국비 it reports, and
    any execution entered on another key (shown with 계획 없음)."""
    keys: dict[tuple, dict] = {}
    if responsible_body(plan) == organization:
        cells = Budget.objects.filter(plan=plan, year=year).select_related("strategy")
        for cell in cells:
            if cell.strategy is None or cell.strategy.kind == StrategyKind.PILLAR:
                keys[("s", cell.strategy_id, cell.source)] = {
                    "strategy": cell.strategy, "task": None, "source": cell.source,
                    "planned": cell.amount_eok, "budget": cell,
                }  # fmt: skip
    for task in plan.tasks.filter(national_budget_eok__isnull=False).order_by("pk"):
        if responsible_body(plan, task) == organization:
            keys[("t", task.pk, BudgetSource.NATIONAL)] = {
                "strategy": None, "task": task, "source": BudgetSource.NATIONAL,
                "planned": task.national_budget_eok, "budget": None,
            }  # fmt: skip
    entered = FiscalExecution.objects.filter(plan=plan, year=year).select_related(
        "strategy", "task", "recorded_by"
    )
    rows = []
    for execution in entered:
        if responsible_body(plan, execution.task) != organization:
            continue
        key = (
            ("t", execution.task_id, execution.source)
            if execution.task_id
            else ("s", execution.strategy_id, execution.source)
        )
        found = keys.pop(key, None) or {
            "strategy": execution.strategy, "task": execution.task, "source": execution.source,
            "planned": None, "budget": None,
        }  # fmt: skip
        rows.append(ExecutionRow(**found, execution=execution))
    rows += [ExecutionRow(**found, execution=None) for found in keys.values()]
    sources = list(BudgetSource.values)
    return sorted(
        rows,
        key=lambda r: (
            r.task is not None,
            r.strategy.position if r.strategy else (r.task.pk if r.task else -1),
            sources.index(r.source),
        ),
    )
