# ruff: noqa: F811  (pytest fixtures imported by name and requested as parameters)
"""Fiscal execution and the body's accounts: amounts kept as written, anchors of the plan,
planned read from the plan (never copied), the rate computed, and who may enter when."""

from datetime import date
from decimal import Decimal

import pytest

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Plan, Strategy, Task
from dream.results.choices import ResultState
from dream.results.execution import (
    NO_PLAN,
    execution_rows,
    fiscal_execution_delete,
    fiscal_execution_record,
    self_assessment_record,
    spent_parsed,
)
from dream.results.models import FiscalExecution, ResultSubmission

from .fixtures_execution import (  # noqa: F401
    busan_plan,
    enter,
    orgs,
    personas,
    sectoral_2024,
    sectoral_plan,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, amount",
    [
        ("93.5", "93.5"),
        ("1,234.5", "1234.5"),
        ("93.5억원", "93.5"),
        ("0", "0"),
        ("135.27", "135.27"),
    ],
)
def test_spent_is_read_as_written(text, amount):
    value, written = spent_parsed(text)
    assert value == Decimal(amount) and written == text


@pytest.mark.parametrize("text", ["31,6", "-3", "△3", "12.345", "", "abc", "5%", "1\x00"])
def test_spent_refused(text):
    with pytest.raises(InvalidInput):
        spent_parsed(text)


def test_record_keeps_the_text_and_replacing_needs_a_reason(personas, enter):
    editor = personas("busan_editor")
    row = enter(editor, "93.5")
    assert (row.spent_eok, row.spent_text) == (Decimal("93.5"), "93.5")
    with pytest.raises(InvalidInput, match="까닭"):
        enter(editor, "90")
    row = enter(editor, "90", reason="결산 확정")
    assert FiscalExecution.objects.count() == 1
    assert [h.spent_text for h in row.history.order_by("history_id")] == ["93.5", "90"]
    assert row.history.latest().history_change_reason == "결산 확정"


def test_planned_is_read_from_the_plan_and_rate_computed(personas, enter, busan_plan, orgs):
    enter(personas("busan_editor"), "84.15")
    rows = execution_rows(busan_plan, 2024, orgs["부산"])
    by_key = {(r.anchor_label, r.source): r for r in rows}
    national = by_key[("Ⅰ 지방분권", BudgetSource.NATIONAL)]
    assert national.planned == Decimal("93.5") and national.rate == Decimal("90.0")
    local = by_key[("Ⅰ 지방분권", BudgetSource.LOCAL)]
    assert local.planned == Decimal("135.27") and local.execution is None and local.rate is None
    assert by_key[("시행계획 전체", BudgetSource.NATIONAL)].planned == Decimal("200")
    assert not hasattr(FiscalExecution, "planned_eok")


def test_execution_without_a_planned_amount_has_no_rate(personas, busan_plan, orgs):
    fiscal_execution_record(
        actor=personas("busan_editor"), plan=busan_plan, year=2024, source=BudgetSource.PRIVATE,
        spent_text="5", document="민자 집행 보고", observed_on="2025-01-31",
    )  # fmt: skip
    row = next(r for r in execution_rows(busan_plan, 2024, orgs["부산"]) if r.source == "private")
    assert row.planned is None and row.rate is None and NO_PLAN == "계획 없음"


def test_anchor_must_be_of_the_plan(personas, busan_plan, orgs):
    other = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=orgs["서울"])
    foreign = Strategy.objects.create(plan=other, kind=StrategyKind.PILLAR, position=1, name="x")
    focus = Strategy.objects.create(plan=busan_plan, kind=StrategyKind.FOCUS, position=9, name="y")
    for strategy in (foreign, focus):
        with pytest.raises(InvalidInput):
            fiscal_execution_record(
                actor=personas("busan_editor"), plan=busan_plan, year=2024, source="national",
                spent_text="1", document="d", observed_on=date(2025, 1, 1), strategy=strategy,
            )  # fmt: skip
    with pytest.raises(InvalidInput, match="2024년"):
        fiscal_execution_record(
            actor=personas("busan_editor"), plan=busan_plan, year=2025, source="national",
            spent_text="1", document="d", observed_on=date(2025, 1, 1),
        )  # fmt: skip


def test_sectoral_task_is_entered_by_its_lead_ministry(personas, sectoral_plan, orgs):
    task = sectoral_plan.tasks.get(kind=TaskKind.PRACTICAL)
    kwargs = dict(
        plan=sectoral_plan, year=2024, source=BudgetSource.NATIONAL, spent_text="12.5",
        document="결산", observed_on=date(2025, 2, 1), task=task,
    )  # fmt: skip
    with pytest.raises(NotAllowed):
        fiscal_execution_record(actor=personas("busan_editor"), **kwargs)
    row = fiscal_execution_record(actor=personas("ministry_editor"), **kwargs)
    assert ResultSubmission.objects.get().organization == orgs["행안부"]
    rows = execution_rows(sectoral_plan, 2024, orgs["행안부"])
    assert [(r.planned, r.execution, r.rate) for r in rows] == [
        (Decimal("12.5"), row, Decimal("100.0"))
    ]
    assert execution_rows(sectoral_plan, 2024, orgs["서울"]) == []


def test_entering_follows_the_submission_state(personas, enter, staff):  # noqa: F811
    editor = personas("busan_editor")
    row = enter(editor)
    submission = ResultSubmission.objects.get()
    submission.state = ResultState.SUBMITTED
    submission.save()
    with pytest.raises(StateConflict, match="제출"):
        enter(editor, "1", reason="고침")
    with pytest.raises(InvalidInput, match="까닭"):
        fiscal_execution_delete(actor=staff, execution=row, reason="")
    assert enter(staff, "91", reason="결산서 오기 정정").spent_text == "91"
    fiscal_execution_delete(actor=staff, execution=row, reason="중복 입력")
    assert not FiscalExecution.objects.exists()


def test_self_assessment_on_core_tasks_and_super_region_strategies(personas, busan_plan, orgs):
    editor = personas("busan_editor")
    core = busan_plan.tasks.get(kind=TaskKind.CORE)
    row = self_assessment_record(
        actor=editor, year=2024, text="  자치분권 조례 3건 제정  ", task=core
    )
    assert row.text == "자치분권 조례 3건 제정"
    self_assessment_record(actor=editor, year=2024, text="조례 4건", task=core)
    assert row.history.count() == 2
    detailed = busan_plan.tasks.get(kind=TaskKind.DETAILED)
    for bad in [
        dict(task=detailed, text="x"),
        dict(task=core, text=""),
        dict(task=core, text="가" * 3001),
        dict(task=core, text="a\x07b"),
        dict(strategy=busan_plan.strategies.get(), text="x"),
    ]:
        with pytest.raises(InvalidInput):
            self_assessment_record(actor=editor, year=2024, **bad)
    assert self_assessment_record(actor=editor, year=2024, task=core, text="가" * 3000)
    region = Plan.objects.create(year=2024, level=PlanLevel.SUPER_REGION, owner=orgs["부울경"])
    pillar = Strategy.objects.create(plan=region, kind=StrategyKind.PILLAR, position=1, name="p")
    with pytest.raises(NotAllowed):
        self_assessment_record(actor=editor, year=2024, strategy=pillar, text="x")
    assert self_assessment_record(
        actor=personas("committee_staff"), year=2024, strategy=pillar, text="권역 설명"
    )


def test_drafts_take_no_results(personas, orgs):
    draft = Plan.objects.create(
        year=2024, level=PlanLevel.PROVINCE, owner=orgs["부산"], is_draft=True
    )
    core = Task.objects.create(plan=draft, kind=TaskKind.CORE, position=1, name="x")
    with pytest.raises(StateConflict):
        self_assessment_record(actor=personas("busan_editor"), year=2024, task=core, text="x")


def test_real_2024_plan_busan_cells_are_planned(plan_2024, personas, orgs):
    """부산's printed 2024 budget cells are the planned amounts, decimals as printed."""
    from dream.results.workflow import results_body

    body = results_body(2024, "부산")
    rows = execution_rows(body.plan, 2024, orgs["부산"])
    assert rows and all(r.budget is not None and r.planned == r.budget.amount_eok for r in rows)
    row = rows[0]
    spent = str(row.planned)
    recorded = fiscal_execution_record(
        actor=personas("busan_editor"), plan=body.plan, year=2024, source=row.source,
        spent_text=spent, document="결산", observed_on=date(2025, 3, 1), strategy=row.strategy,
    )  # fmt: skip
    assert recorded.spent_text == spent
    again = next(r for r in execution_rows(body.plan, 2024, orgs["부산"]) if r.execution)
    assert again.rate == Decimal("100.0") and again.planned == row.planned
