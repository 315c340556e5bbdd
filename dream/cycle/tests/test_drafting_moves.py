"""Moving a draft's task, re-linking an indicator and removing a budget cell: services
that check permission and state, keep the printed numbering, write history attributed to
the editor and refuse in Korean what does not fit."""

import re
from decimal import Decimal

import pytest

from dream.cycle import drafting
from dream.cycle.choices import SubmissionState
from dream.cycle.drafting import (
    budget_remove,
    budget_set,
    indicator_relink,
    strategy_add,
    task_add,
    task_move,
)
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import Budget, Task


@pytest.fixture
def plan(busan_submission):
    return busan_submission.plan


@pytest.fixture
def editor(personas):
    return personas("busan_editor")


def _pillar(plan):
    return plan.strategies.get(kind=StrategyKind.PILLAR, position=1)


def _core(plan):
    return plan.tasks.get(kind=TaskKind.CORE, position=1, strategy=_pillar(plan))


def _last_history_user(model, pk):
    return model.history.filter(id=pk).order_by("-history_date", "-history_id")[0].history_user


def _places(parent):
    return list(
        parent.children.order_by("kind", "position").values_list("name", "position", "code")
    )


# task_move


def test_a_detailed_task_moves_under_another_core_task_with_its_place_and_number(plan, editor):
    first = _core(plan)
    second = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                      strategy=_pillar(plan))  # fmt: skip
    task_add(actor=editor, plan=plan, parent=second, name="지방세 확충", kind="detailed")
    moving = task_add(actor=editor, plan=plan, parent=first, name="주민자치", kind="detailed")
    after = task_add(actor=editor, plan=plan, parent=first, name="자치경찰", kind="detailed")
    assert (moving.code, after.code) == ("②", "③")

    moved = task_move(actor=editor, task=moving, parent=second)

    assert (moved.parent_id, moved.position, moved.code) == (second.pk, 2, "②")
    assert _places(second) == [("지방세 확충", 1, "①"), ("주민자치", 2, "②")]
    # the task after it at its old place moves up: no gap in ①, ②
    assert _places(first) == [("자치역량 강화", 1, "①"), ("자치경찰", 2, "②")]
    assert _last_history_user(Task, moved.pk) == editor
    assert _last_history_user(Task, after.pk) == editor


def test_a_core_task_moves_to_another_strategy_with_everything_under_it(plan, editor):
    core = _core(plan)
    detailed = core.children.get()
    indicator = plan.indicators.get()
    indicator.task = detailed
    indicator.save()
    other = strategy_add(actor=editor, plan=plan, name="혁신성장")
    task_add(actor=editor, plan=plan, parent=None, name="기존 과제", kind="core", strategy=other)

    moved = task_move(actor=editor, task=core, strategy=other)

    assert (moved.strategy_id, moved.parent_id, moved.position, moved.code) == (
        other.pk, None, 2, "Ⅱ-2",
    )  # fmt: skip
    detailed.refresh_from_db()
    assert detailed.strategy_id == other.pk and detailed.parent_id == core.pk
    assert _last_history_user(Task, detailed.pk) == editor
    indicator.refresh_from_db()
    assert indicator.task_id == detailed.pk


def test_a_printed_number_that_is_not_the_editors_scheme_is_kept_when_its_place_changes(
    plan, editor
):
    core = _core(plan)
    first = core.children.get()
    printed = Task.objects.create(
        plan=plan, parent=core, strategy=core.strategy, kind=TaskKind.DETAILED, position=2,
        code="가", name="인쇄된 번호",
    )  # fmt: skip
    other = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                     strategy=_pillar(plan))  # fmt: skip

    task_move(actor=editor, task=first, parent=other)

    printed.refresh_from_db()
    assert (printed.position, printed.code) == (1, "가")


def test_a_task_of_a_plan_printed_without_numbers_stays_without(plan, editor):
    """Rolled-forward plans such as 부산's print no task numbers: a move adds none."""
    detailed = _core(plan).children.get()
    Task.objects.filter(pk=detailed.pk).update(code="")
    other = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                     strategy=_pillar(plan))  # fmt: skip

    moved = task_move(actor=editor, task=detailed, parent=other)

    assert (moved.parent_id, moved.position, moved.code) == (other.pk, 1, "")


def test_moving_to_where_the_task_already_is_changes_nothing(plan, editor):
    core = _core(plan)
    detailed = core.children.get()

    assert task_move(actor=editor, task=detailed, parent=core).position == 1
    assert task_move(actor=editor, task=core, strategy=_pillar(plan)).code == "Ⅰ-1"
    assert Task.history.filter(id=detailed.pk).count() == 1


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (
            "detailed_under_strategy",
            "전략 아래에는 핵심과제만 둘 수 있어 세부과제를 옮길 수 없습니다",
        ),
        ("core_under_core", "핵심과제 아래에는 실천과제, 세부과제, 중점 추진 계획, 사업만 둘 수"),
        ("under_detailed", "세부과제 아래에는 과제를 둘 수 없습니다"),
        ("nowhere", "옮겨 갈 상위 과제나 전략을 골라 주세요"),
        ("other_plan", "옮겨 갈 상위 과제가 이 시행계획에 없습니다"),
        ("other_strategy", "옮겨 갈 전략이 이 시행계획에 없습니다"),
        ("goal_strategy", "전략(과제·예산 구분) 아래에만"),
    ],
)
def test_a_move_that_does_not_fit_the_tree_is_refused(
    plan, editor, ministry_submission, where, message
):
    core = _core(plan)
    detailed = core.children.get()
    second = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                      strategy=_pillar(plan))  # fmt: skip
    other_plan = ministry_submission.plan
    goal = plan.strategies.create(kind=StrategyKind.FOCUS, position=1, name="목표")
    task, kwargs = {
        "detailed_under_strategy": (detailed, {"strategy": _pillar(plan)}),
        "core_under_core": (second, {"parent": core}),
        "under_detailed": (second, {"parent": detailed}),
        "nowhere": (detailed, {}),
        "other_plan": (detailed, {"parent": other_plan.tasks.get(kind=TaskKind.CORE)}),
        "other_strategy": (core, {"strategy": other_plan.strategies.get()}),
        "goal_strategy": (core, {"strategy": goal}),
    }[where]

    with pytest.raises(InvalidInput, match=re.escape(message)):
        task_move(actor=editor, task=task, **kwargs)
    task.refresh_from_db()
    assert task.history.count() == 1


@pytest.mark.parametrize("under", ["itself", "its_child"])
def test_a_task_cannot_move_under_itself_or_its_descendants(plan, editor, monkeypatch, under):
    """The kinds alone forbid it today; the tree is checked too, so that a kind allowed
    under itself later cannot make a cycle."""
    core = _core(plan)
    inner = Task.objects.create(
        plan=plan, parent=core, strategy=core.strategy, kind=TaskKind.PRACTICAL, position=1,
        code="(1)", name="실천과제",
    )  # fmt: skip
    monkeypatch.setitem(drafting.CHILD_KINDS, TaskKind.CORE, (TaskKind.CORE,))
    monkeypatch.setitem(drafting.CHILD_KINDS, TaskKind.PRACTICAL, (TaskKind.CORE,))

    with pytest.raises(InvalidInput, match="자기 자신이나 그 하위 과제 아래로"):
        task_move(actor=editor, task=core, parent=core if under == "itself" else inner)
    core.refresh_from_db()
    assert core.parent_id is None


@pytest.mark.parametrize(
    ("who", "error"),
    [("seoul_editor", NotAllowed), ("busan_viewer", NotAllowed)],
)
def test_only_the_bodys_editors_move_its_tasks(plan, personas, editor, who, error):
    core = _core(plan)
    second = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                      strategy=_pillar(plan))  # fmt: skip
    with pytest.raises(error):
        task_move(actor=personas(who), task=core.children.get(), parent=second)


def test_a_submitted_or_resolved_draft_moves_nothing(busan_submission, plan, editor):
    core = _core(plan)
    second = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                      strategy=_pillar(plan))  # fmt: skip
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()
    with pytest.raises(StateConflict):
        task_move(actor=editor, task=core.children.get(), parent=second)
    plan.is_draft = False
    plan.save()
    with pytest.raises(Frozen):
        task_move(actor=editor, task=core.children.get(), parent=second)


# indicator_relink


def test_an_indicator_is_linked_to_another_task_and_unlinked(plan, editor):
    indicator = plan.indicators.get()
    detailed = _core(plan).children.get()

    linked = indicator_relink(actor=editor, indicator=indicator, task=detailed)

    assert (linked.task_id, linked.scope) == (detailed.pk, "자치역량 강화")
    assert _last_history_user(Indicator, indicator.pk) == editor
    unlinked = indicator_relink(actor=editor, indicator=indicator, task=None)
    assert (unlinked.task_id, unlinked.scope) == (None, "")


def test_an_indicator_cannot_be_linked_to_another_plans_task(plan, editor, ministry_submission):
    foreign = ministry_submission.plan.tasks.get(kind=TaskKind.CORE)
    with pytest.raises(InvalidInput, match="연결할 과제가 이 시행계획에 없습니다"):
        indicator_relink(actor=editor, indicator=plan.indicators.get(), task=foreign)
    assert plan.indicators.get().task_id is None


def test_another_body_cannot_relink_an_indicator(plan, personas):
    with pytest.raises(NotAllowed):
        indicator_relink(
            actor=personas("seoul_editor"),
            indicator=plan.indicators.get(),
            task=_core(plan),
        )


# budget_remove


def test_a_budget_cell_is_removed_with_history(plan, editor):
    cell = plan.budgets.get(source=BudgetSource.LOCAL)

    budget_remove(actor=editor, budget=cell)

    assert not Budget.objects.filter(pk=cell.pk).exists()
    assert plan.budgets.get().source == BudgetSource.NATIONAL
    last = Budget.history.filter(id=cell.pk).order_by("-history_id")[0]
    assert (last.history_type, last.history_user) == ("-", editor)


def test_zero_is_kept_as_an_amount_and_removal_is_separate(plan, editor):
    cell = budget_set(actor=editor, plan=plan, strategy=None, source="total", amount_eok="0")
    assert cell.amount_eok == Decimal("0")
    budget_remove(actor=editor, budget=cell)
    assert not plan.budgets.filter(strategy=None).exists()


def test_budget_cells_are_removed_only_by_the_bodys_editors_while_editable(
    busan_submission, plan, personas
):
    cell = plan.budgets.get(source=BudgetSource.LOCAL)
    with pytest.raises(NotAllowed):
        budget_remove(actor=personas("seoul_editor"), budget=cell)
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()
    with pytest.raises(StateConflict):
        budget_remove(actor=personas("busan_editor"), budget=cell)
    assert Budget.objects.filter(pk=cell.pk).exists()
