"""The national sectoral plan compiled from the ministries' resolved parts (sectoral.py).

The tests on the small fixtures come first: `plan_2024` (the real 2024 plan, imported once
for this module) holds a 2024 sectoral plan of its own once a test has asked for it.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dream.accounts.models import Organization
from dream.accounts.selectors import organization_page
from dream.cycle.compilation import national_totals
from dream.cycle.drafting import budget_set, submission_roll_forward, task_update
from dream.cycle.models import Cycle, PlanVersion
from dream.cycle.sectoral import sectoral_compile
from dream.cycle.services import (
    cycle_open,
    cycle_resolve,
    submission_accept,
    submission_submit,
)
from dream.cycle.versions import content_hash, plan_snapshot
from dream.plans.choices import BudgetSource, TaskKind
from dream.plans.models import Plan, Task
from dream.plans.selectors.overview import plan_counts
from dream.plans.selectors.sectoral import sectoral_plan
from dream.search.models import SearchEntry

MEETING, RESOLVED_ON = "제9차 지방시대위원회", date(2025, 4, 3)


def _submission(cycle: Cycle, name: str):
    return cycle.submissions.get(organization__short_name=name)


def _drafted(actor, cycle: Cycle, name: str, budgets: dict[str, dict[str, str]]) -> Plan:
    """Roll the ministry's part forward and give it money per strategy code and source."""
    submission = _submission(cycle, name)
    plan = submission_roll_forward(actor=actor, submission=submission)
    for code, amounts in budgets.items():
        strategy = plan.strategies.get(code=code)
        for source, amount in amounts.items():
            budget_set(actor=actor, plan=plan, strategy=strategy, source=source, amount_eok=amount)
    return plan


def _submitted_and_accepted(actor, cycle: Cycle, *names: str) -> None:
    for name in names:
        submission_submit(actor=actor, submission=_submission(cycle, name))
        submission_accept(actor=actor, submission=_submission(cycle, name))


def _practical(plan: Plan) -> dict[tuple, Task]:
    """Practical tasks by (core code, code, name)."""
    return {
        (t.parent.code, t.code, t.name): t
        for t in plan.tasks.filter(kind=TaskKind.PRACTICAL).select_related("parent")
    }


def _ministries(task: Task) -> list[str]:
    return [link.ministry.short_name for link in task.ministry_links.order_by("position")]


# --- the small fixtures: 행안부 and 과기정통부 share one practical task of 2024 ------------


def test_a_task_two_ministries_share_is_compiled_once_with_both_and_money_summed(cycle_2025, staff):
    _drafted(staff, cycle_2025, "행안부", {"Ⅲ": {BudgetSource.NATIONAL: "93.5"}})
    _drafted(staff, cycle_2025, "과기정통부", {"Ⅲ": {BudgetSource.NATIONAL: "6.75"}})
    _submitted_and_accepted(staff, cycle_2025, "행안부", "과기정통부")

    versions = cycle_resolve(
        actor=staff, cycle=cycle_2025, meeting=MEETING, resolved_on=RESOLVED_ON
    )

    plan = sectoral_plan(2025)
    assert plan is not None and plan.owner.short_name == "위원회" and not plan.is_draft
    assert plan.versions.get().pk in {v.pk for v in versions}
    [task] = plan.tasks.filter(kind=TaskKind.PRACTICAL)
    assert (task.code, task.position, _ministries(task)) == ("(1)", 1, ["행안부", "과기정통부"])
    assert [(s.code, s.position) for s in plan.strategies.all()] == [("Ⅲ", 3)]
    cells = {(b.strategy.code if b.strategy else None, b.source): b for b in plan.budgets.all()}
    assert cells[("Ⅲ", BudgetSource.NATIONAL)].amount_eok == Decimal("100.25")
    assert cells[(None, BudgetSource.NATIONAL)].amount_eok == Decimal("100.25")
    # computed by DREAM: nothing printed, no source line
    assert all(b.printed == "" and b.source_line is None for b in cells.values())


def test_only_committee_staff_compile(cycle_2025, personas):
    from dream.cycle.errors import NotAllowed

    with pytest.raises(NotAllowed):
        sectoral_compile(
            actor=personas("ministry_editor"),
            cycle=cycle_2025,
            meeting=MEETING,
            resolved_on=RESOLVED_ON,
        )


def test_resolving_only_a_province_compiles_no_sectoral_plan(busan_submission, staff):
    from dream.cycle.services import submission_record_local_resolution

    submission_record_local_resolution(
        actor=staff, submission=busan_submission, resolved_on=date(2025, 2, 1)
    )
    submission_submit(actor=staff, submission=busan_submission)
    submission_accept(actor=staff, submission=busan_submission)
    cycle_resolve(
        actor=staff, cycle=busan_submission.cycle, meeting=MEETING, resolved_on=RESOLVED_ON
    )
    assert sectoral_plan(2025) is None


# --- the real 2024 plan: 행안부 and 교육부, later 기재부 ------------------------------------


@pytest.fixture
def cycle_with_two(plan_2024, db, staff):
    """Cycle 2025 with 행안부's and 교육부's parts resolved at one plenary."""
    cycle = cycle_open(actor=staff, year=2025)
    _drafted(
        staff,
        cycle,
        "행안부",
        {"Ⅰ": {BudgetSource.NATIONAL: "100"}, "Ⅱ": {BudgetSource.NATIONAL: "10"}},
    )
    education = _drafted(
        staff,
        cycle,
        "교육부",
        {"Ⅱ": {BudgetSource.NATIONAL: "200.5", BudgetSource.LOCAL: "5"}},
    )
    digital = education.tasks.get(kind=TaskKind.PRACTICAL, name__startswith="디지털 교육혁신")
    task_update(actor=staff, task=digital, national_budget_eok="120.25")
    _submitted_and_accepted(staff, cycle, "행안부", "교육부")
    cycle_resolve(actor=staff, cycle=cycle, meeting=MEETING, resolved_on=RESOLVED_ON)
    return cycle


def test_compiled_plan_holds_both_parts_with_their_ministries_and_summed_money(
    cycle_with_two, staff
):
    plan = sectoral_plan(2025)
    parts = {
        name: Plan.objects.get(year=2025, owner__short_name=name, is_draft=False)
        for name in ("행안부", "교육부")
    }
    compiled = _practical(plan)
    assert set(compiled) == set(_practical(parts["행안부"])) | set(_practical(parts["교육부"]))
    # Ⅱ-3 (1) is carried by 교육부 and 행안부: once, with both, 교육부 (lead) first
    [shared] = [t for key, t in compiled.items() if key[0] == "Ⅱ-3" and key[1] == "(1)"]
    assert _ministries(shared) == ["교육부", "행안부"]
    digital = next(t for k, t in compiled.items() if k[2].startswith("디지털 교육혁신"))
    assert digital.national_budget_eok == Decimal("120.25")
    cells = {
        (b.strategy.code if b.strategy else None, b.source): b.amount_eok
        for b in plan.budgets.all()
    }
    assert cells == {
        ("Ⅰ", BudgetSource.NATIONAL): Decimal("100"),
        ("Ⅱ", BudgetSource.NATIONAL): Decimal("210.5"),
        ("Ⅱ", BudgetSource.LOCAL): Decimal("5"),
        (None, BudgetSource.NATIONAL): Decimal("310.5"),
        (None, BudgetSource.LOCAL): Decimal("5"),
    }
    # indicators of the parts' tasks are carried, each once
    carried = {(i.task.name, i.name) for i in plan.indicators.select_related("task")}
    expected = {
        (i.task.name, i.name)
        for part in parts.values()
        for i in part.indicators.filter(task__isnull=False).select_related("task")
    }
    assert carried == expected and plan.indicators.count() == len(expected)
    [version] = plan.versions.all()
    assert (version.number, version.meeting, version.resolved_on) == (1, MEETING, RESOLVED_ON)
    assert "부처 시행계획 의결본 2건" in version.reason and "교육부, 행안부" in version.reason
    assert "의결되지 않은 부처 15곳" in version.reason
    assert plan.history.earliest().history_user == staff
    assert version.content_hash == content_hash(plan_snapshot(plan))


def test_a_later_resolution_recompiles_keeping_ids_and_adds_version_2(cycle_with_two, staff):
    plan = sectoral_plan(2025)
    before = {key: t.pk for key, t in _practical(plan).items()}
    strategies_before = {s.code: s.pk for s in plan.strategies.all()}
    finance = _drafted(staff, cycle_with_two, "기재부", {"Ⅰ": {BudgetSource.NATIONAL: "50"}})
    # 기재부 is the lead ministry of Ⅰ-2 (2): its part now gives that task's content
    autonomy = finance.tasks.get(kind=TaskKind.PRACTICAL, parent__code="Ⅰ-2", code="(2)")
    task_update(actor=staff, task=autonomy, national_budget_eok="7")
    _submitted_and_accepted(staff, cycle_with_two, "기재부")

    versions = cycle_resolve(
        actor=staff,
        cycle=cycle_with_two,
        meeting="제10차 지방시대위원회",
        resolved_on=date(2025, 6, 5),
    )

    assert sectoral_plan(2025).pk == plan.pk
    after = _practical(plan)
    assert {key: t.pk for key, t in after.items()} == before  # 기재부's tasks were all shared
    assert {s.code: s.pk for s in plan.strategies.all()} == strategies_before
    shared = after[("Ⅰ-2", "(2)", autonomy.name)]
    assert shared.national_budget_eok == Decimal("7")
    assert _ministries(shared) == ["기재부", "행안부"]
    national = plan.budgets.get(strategy__code="Ⅰ", source=BudgetSource.NATIONAL)
    assert national.amount_eok == Decimal("150")
    version = plan.versions.get(number=2)
    assert version in versions and version.meeting == "제10차 지방시대위원회"
    assert "3건" in version.reason and "기재부" in version.reason
    assert national.history.first().history_user == staff


def test_compiling_again_without_a_change_makes_no_version(cycle_with_two, staff):
    plan = sectoral_plan(2025)
    rows = plan.tasks.count(), plan.budgets.count(), plan.indicators.count()

    again = sectoral_compile(
        actor=staff, cycle=cycle_with_two, meeting=MEETING, resolved_on=RESOLVED_ON
    )

    assert again is None
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert (plan.tasks.count(), plan.budgets.count(), plan.indicators.count()) == rows


def test_sectoral_page_shows_the_compiled_plan_and_whose_parts_are_missing(cycle_with_two, client):
    plan = sectoral_plan(2025)
    response = client.get(reverse("web:sectoral"), {"year": 2025})
    assert response.status_code == 200
    assert response.context["plan"] == plan
    html = response.content.decode()
    assert "부처 2곳이 의결한 시행계획을 DREAM이 모아 엮은 것" in html
    assert "아직 의결되지 않은 부처 15곳" in html and "기재부" in html
    assert "지방재정 자율성 강화" in html  # 행안부's part
    assert "세계적 수준의 글로컬대학 육성" in html  # 교육부's part


def test_year_totals_count_the_compiled_plan_not_its_parts_again(cycle_with_two):
    plan = sectoral_plan(2025)
    counts = plan_counts(2025)
    assert counts["sectoral"] == 1
    assert counts["practical_tasks"] == plan.tasks.filter(kind=TaskKind.PRACTICAL).count()
    assert Organization.objects.filter(plans__year=2025, plans__level="sectoral").count() == 3


def test_compilation_totals_count_the_parts_not_the_compiled_plan_again(cycle_with_two):
    totals = national_totals(cycle_with_two)
    [national] = [r for r in totals.by_strategy if r.key == f"2:{BudgetSource.NATIONAL}"]
    assert (national.amount_eok, national.plans) == (Decimal("210.5"), 2)


def test_search_finds_a_task_once_in_the_compiled_plan(cycle_with_two):
    plan = sectoral_plan(2025)
    shared = plan.tasks.get(kind=TaskKind.PRACTICAL, parent__code="Ⅱ-3", code="(1)")
    hits = SearchEntry.objects.filter(plan__year=2025, plan__level="sectoral", title=shared.name)
    assert [(hit.plan_id, hit.object_id) for hit in hits] == [(plan.pk, shared.pk)]


def test_a_ministry_page_lists_its_compiled_tasks_once(cycle_with_two):
    education = Organization.objects.get(short_name="교육부")
    page = organization_page(education, 2025)
    tasks = [link.task for link in page.sectoral_links]
    assert len(tasks) == len(set(tasks)) > 0
    assert {task.plan_id for task in tasks} == {sectoral_plan(2025).pk}
