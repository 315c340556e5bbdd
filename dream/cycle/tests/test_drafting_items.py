"""Adding and removing a draft's items — strategies, tasks and project lines, indicators —
and a project line's 국비: each a service that checks permission and state, writes history
attributed to the editor and refuses in Korean what does not fit."""

from decimal import Decimal

import pytest

from dream.cycle.choices import SubmissionState
from dream.cycle.drafting import (
    indicator_add,
    indicator_remove,
    strategy_add,
    strategy_remove,
    task_add,
    task_remove,
    task_update,
)
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.indicators.choices import IndicatorDirection, IndicatorGroup
from dream.indicators.models import Indicator
from dream.plans.choices import StrategyKind, TaskKind
from dream.plans.models import Budget, Strategy, Task, TaskMinistry


@pytest.fixture
def plan(busan_submission):
    return busan_submission.plan


@pytest.fixture
def editor(personas):
    return personas("busan_editor")


def _pillar(plan):
    return plan.strategies.get(kind=StrategyKind.PILLAR, position=1)


def _core(plan):
    return plan.tasks.get(kind=TaskKind.CORE)


def _last_history_user(model, pk):
    return model.history.filter(id=pk).order_by("-history_date", "-history_id")[0].history_user


def _frozen(submission):
    submission.plan.is_draft = False
    submission.plan.save()


def _submitted(submission):
    submission.state = SubmissionState.SUBMITTED
    submission.save()


# strategy_add / strategy_remove


def test_a_new_strategy_is_the_next_pillar_numbered_as_printed(plan, editor):
    strategy = strategy_add(actor=editor, plan=plan, name="  지역  혁신성장 ")

    assert (strategy.kind, strategy.position, strategy.code) == (StrategyKind.PILLAR, 2, "Ⅱ")
    assert strategy.name == "지역 혁신성장"
    assert _last_history_user(Strategy, strategy.pk) == editor


def test_a_strategy_without_a_name_is_refused(plan, editor):
    with pytest.raises(InvalidInput, match="전략명을 비워 둘 수 없습니다"):
        strategy_add(actor=editor, plan=plan, name="   ")


def test_another_body_cannot_add_a_strategy(plan, personas):
    with pytest.raises(NotAllowed):
        strategy_add(actor=personas("seoul_editor"), plan=plan, name="전략")
    with pytest.raises(NotAllowed):
        strategy_add(actor=personas("busan_viewer"), plan=plan, name="전략")


def test_no_strategy_is_added_to_a_submitted_or_resolved_plan(busan_submission, editor):
    _submitted(busan_submission)
    with pytest.raises(StateConflict, match="제출"):
        strategy_add(actor=editor, plan=busan_submission.plan, name="전략")
    _frozen(busan_submission)
    with pytest.raises(Frozen):
        strategy_add(actor=editor, plan=busan_submission.plan, name="전략")


def test_a_strategy_with_tasks_is_not_removed(plan, editor):
    with pytest.raises(InvalidInput, match="과제 2건이 있어 지울 수 없습니다"):
        strategy_remove(actor=editor, strategy=_pillar(plan))
    assert plan.strategies.count() == 1


def test_a_strategy_without_tasks_goes_with_its_money_and_history_names_the_editor(plan, editor):
    strategy = strategy_add(actor=editor, plan=plan, name="빈 전략")
    cell = Budget.objects.create(
        plan=plan, strategy=strategy, year=plan.year, source="national", amount_eok=Decimal(5)
    )

    strategy_remove(actor=editor, strategy=strategy)

    assert not Strategy.objects.filter(pk=strategy.pk).exists()
    assert not Budget.objects.filter(pk=cell.pk).exists()
    assert _last_history_user(Strategy, strategy.pk) == editor
    assert _last_history_user(Budget, cell.pk) == editor


def test_another_body_cannot_remove_a_strategy(plan, editor, personas):
    strategy = strategy_add(actor=editor, plan=plan, name="빈 전략")
    with pytest.raises(NotAllowed):
        strategy_remove(actor=personas("seoul_editor"), strategy=strategy)


# task_add / task_update (국비) / task_remove


def test_a_core_task_goes_under_a_strategy_with_the_next_number(plan, editor):
    task = task_add(
        actor=editor, plan=plan, parent=None, name="지방재정 확충", kind="core",
        strategy=_pillar(plan),
    )  # fmt: skip

    assert (task.position, task.code, task.strategy) == (2, "Ⅰ-2", _pillar(plan))
    assert _last_history_user(Task, task.pk) == editor


def test_a_child_keeps_its_parents_strategy_and_is_numbered_by_its_level(plan, editor):
    detailed = task_add(actor=editor, plan=plan, parent=_core(plan), name="세부", kind="detailed")
    practical = task_add(actor=editor, plan=plan, parent=_core(plan), name="실천", kind="practical")

    assert (detailed.code, detailed.position, detailed.strategy) == ("②", 2, _pillar(plan))
    assert (practical.code, practical.position) == ("(1)", 1)


def test_a_project_line_carries_its_national_money_in_eok(plan, editor):
    practical = task_add(actor=editor, plan=plan, parent=_core(plan), name="실천", kind="practical")

    project = task_add(
        actor=editor, plan=plan, parent=practical, name="디지털 혁신거점 조성", kind="project",
        national_budget_eok="1,234.5",
    )  # fmt: skip

    assert project.national_budget_eok == Decimal("1234.50")
    task_update(actor=editor, task=project, national_budget_eok="10")
    project.refresh_from_db()
    assert project.national_budget_eok == Decimal("10.00")
    task_update(actor=editor, task=project, national_budget_eok="")
    project.refresh_from_db()
    assert project.national_budget_eok is None
    assert _last_history_user(Task, project.pk) == editor


@pytest.mark.parametrize(
    "parent, kind, message",
    [
        (None, "detailed", "전략 아래에는 핵심과제만"),
        ("core", "core", "핵심과제 아래에는 실천과제, 세부과제, 중점 추진 계획, 사업만"),
        ("detailed", "project", "세부과제 아래에는 과제를 둘 수 없습니다"),
        ("core", "nonsense", "과제 종류를 알 수 없습니다"),
    ],
)
def test_a_task_of_the_wrong_kind_for_its_place_is_refused(plan, editor, parent, kind, message):
    under = {"core": _core(plan), "detailed": plan.tasks.get(kind="detailed"), None: None}

    with pytest.raises(InvalidInput, match=message):
        task_add(
            actor=editor, plan=plan, parent=under[parent], name="과제", kind=kind,
            strategy=_pillar(plan),
        )  # fmt: skip


def test_bad_task_input_is_refused_in_korean(plan, editor, ministry_submission):
    core = _core(plan)
    with pytest.raises(InvalidInput, match="과제명을 비워 둘 수 없습니다"):
        task_add(actor=editor, plan=plan, parent=core, name=" ", kind="detailed")
    with pytest.raises(InvalidInput, match="국비는 실천과제, 사업에만"):
        task_add(actor=editor, plan=plan, parent=core, name="세부", kind="detailed",
                 national_budget_eok="3")  # fmt: skip
    with pytest.raises(InvalidInput, match="0억원 이상"):
        task_add(actor=editor, plan=plan, parent=core, name="사업", kind="project",
                 national_budget_eok="-1")  # fmt: skip
    with pytest.raises(InvalidInput, match="핵심과제는 전략 아래"):
        task_add(actor=editor, plan=plan, parent=None, name="핵심", kind="core")
    other_core = _core(ministry_submission.plan)
    with pytest.raises(InvalidInput, match="상위 과제가 이 시행계획에 없습니다"):
        task_add(actor=editor, plan=plan, parent=other_core, name="세부", kind="detailed")


def test_a_new_task_in_a_ministrys_draft_is_carried_by_that_ministry(ministry_submission, personas):
    plan = ministry_submission.plan
    editor = personas("ministry_editor")

    task = task_add(actor=editor, plan=plan, parent=_core(plan), name="실천", kind="practical")

    link = TaskMinistry.objects.get(task=task)
    assert link.ministry == plan.owner
    assert _last_history_user(TaskMinistry, link.pk) == editor


def test_tasks_are_not_added_without_the_right_or_after_submission(
    busan_submission, editor, personas
):
    plan = busan_submission.plan
    with pytest.raises(NotAllowed):
        task_add(actor=personas("seoul_editor"), plan=plan, parent=_core(plan), name="세부",
                 kind="detailed")  # fmt: skip
    _submitted(busan_submission)
    with pytest.raises(StateConflict):
        task_add(actor=editor, plan=plan, parent=_core(plan), name="세부", kind="detailed")


def test_a_task_goes_with_every_task_under_it_and_history_names_the_editor(plan, editor):
    core = _core(plan)
    child_ids = list(core.children.values_list("pk", flat=True))

    removed = task_remove(actor=editor, task=core)

    assert removed == 2
    assert not plan.tasks.exists()
    for pk in [core.pk, *child_ids]:
        assert _last_history_user(Task, pk) == editor


def test_a_task_with_an_indicator_under_it_is_not_removed(plan, editor):
    detailed = plan.tasks.get(kind="detailed")
    Indicator.objects.filter(plan=plan).update(task=detailed)

    with pytest.raises(InvalidInput, match="성과지표 1건\\('일자리수'\\)이 연결되어"):
        task_remove(actor=editor, task=_core(plan))
    assert plan.tasks.count() == 2


def test_no_task_is_removed_from_a_resolved_plan_or_by_another_body(
    busan_submission, editor, personas
):
    core = _core(busan_submission.plan)
    with pytest.raises(NotAllowed):
        task_remove(actor=personas("seoul_editor"), task=core)
    _frozen(busan_submission)
    with pytest.raises(Frozen):
        task_remove(actor=editor, task=core)


# indicator_add / indicator_remove


def test_a_new_indicator_is_the_bodys_own_with_baseline_and_target_years(plan, editor):
    indicator = indicator_add(
        actor=editor, plan=plan, name="청년 순유입", unit="명", baseline_text="1,200",
        target_text="1,500", direction="higher", task=_core(plan),
    )  # fmt: skip

    assert indicator.position == 2
    assert indicator.group == IndicatorGroup.AUTONOMOUS
    assert (indicator.baseline_year, indicator.target_year) == (2024, 2025)
    assert (indicator.baseline_value, indicator.target_value) == (1200, 1500)
    assert indicator.direction == IndicatorDirection.HIGHER
    assert indicator.task == _core(plan)
    assert _last_history_user(Indicator, indicator.pk) == editor


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": " "}, "지표명을 비워 둘 수 없습니다"),
        ({"name": "지표", "direction": "sideways"}, "방향은"),
        ({"name": "지표", "unit": "가" * 31}, "단위은\\(는\\) 30자까지"),
    ],
)
def test_bad_indicator_input_is_refused_in_korean(plan, editor, fields, message):
    with pytest.raises(InvalidInput, match=message):
        indicator_add(actor=editor, plan=plan, **fields)
    assert plan.indicators.count() == 1


def test_an_indicator_is_not_added_to_another_plans_task_or_by_another_body(
    plan, editor, personas, ministry_submission
):
    with pytest.raises(InvalidInput, match="과제가 이 시행계획에 없습니다"):
        indicator_add(actor=editor, plan=plan, name="지표", task=_core(ministry_submission.plan))
    with pytest.raises(NotAllowed):
        indicator_add(actor=personas("busan_viewer"), plan=plan, name="지표")


def test_an_indicator_is_removed_with_history_only_while_editable(busan_submission, editor):
    plan = busan_submission.plan
    first, second = plan.indicators.get(), indicator_add(actor=editor, plan=plan, name="지표")

    indicator_remove(actor=editor, indicator=second)

    assert list(plan.indicators.all()) == [first]
    assert _last_history_user(Indicator, second.pk) == editor
    _submitted(busan_submission)
    with pytest.raises(StateConflict):
        indicator_remove(actor=editor, indicator=first)


def test_committee_staff_may_edit_a_bodys_draft(plan, staff):
    strategy = strategy_add(actor=staff, plan=plan, name="위원회가 더한 전략")

    assert _last_history_user(Strategy, strategy.pk) == staff
