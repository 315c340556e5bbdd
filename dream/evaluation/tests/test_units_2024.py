"""The unit tree of the 2024 round on the real import of the 2024 plan (its own module: the
module-scoped plan stays loaded and the tree is generated once)."""

import re
from pathlib import Path

import pytest

from dream.accounts.models import User
from dream.evaluation import services
from dream.evaluation.choices import UnitKind
from dream.evaluation.models import Unit
from dream.evaluation.rules import RuleKey
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import Plan, Task
from tests.bare_numbers import bare_numbers

PLAN_TEXT = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def round_2024(plan_2024, django_db_blocker):
    with django_db_blocker.unblock():
        staff = User.objects.create_superuser("evaluation_units_staff")
        round = services.round_open(actor=staff, year=2024)
        services.units_generate(actor=staff, round=round)
    return round


def _units(round, **filters):
    return Unit.objects.filter(round=round, **filters).select_related("task", "organization")


def test_busan_core_tasks_are_graded_above_their_detailed_tasks(round_2024, db):
    plan = Plan.objects.get(year=2024, level=PlanLevel.PROVINCE, owner__short_name="부산")
    units = _units(round_2024, plan=plan)
    root = units.get(parent=None)
    assert (root.kind, root.graded, root.organization.short_name) == (UnitKind.NODE, False, "부산")
    strategies = units.filter(strategy__isnull=False)
    assert [u.strategy.code for u in strategies] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"]
    assert {u.parent_id for u in strategies} == {root.pk} and not strategies.filter(graded=True)
    cores = units.filter(task__kind=TaskKind.CORE)
    assert cores.count() == plan.tasks.filter(kind=TaskKind.CORE).count() == 21
    assert all(u.graded and u.parent.strategy_id == u.task.strategy_id for u in cores)
    leaves = units.filter(kind=UnitKind.LEAF)
    assert leaves.count() == plan.tasks.filter(kind=TaskKind.DETAILED).count() == 72
    assert all(u.parent.task_id == u.task.parent_id for u in leaves)
    assert {u.organization.short_name for u in units} == {"부산"}
    assert {u.shape_rule for u in units.exclude(parent=None)} == {RuleKey.UNIT_SHAPE_PROVINCE}


def test_jeju_region_strategies_are_graded_from_their_projects(round_2024, db):
    plan = Plan.objects.get(year=2024, level=PlanLevel.SUPER_REGION, owner__short_name="제주권")
    units = _units(round_2024, plan=plan)
    graded = units.filter(graded=True)
    assert [u.strategy.name for u in graded] == ["초광역권 산업 육성", "초광역협력 사업 추진"]
    assert all(u.kind == UnitKind.NODE for u in graded)
    cores = units.filter(task__kind=TaskKind.CORE)
    assert cores.count() == 2 and not cores.filter(graded=True)
    items = units.filter(task__kind=TaskKind.ITEM)
    assert items.count() == 4 and set(items.values_list("kind", flat=True)) == {UnitKind.LEAF}
    assert all(u.parent.parent.graded for u in items)
    assert {u.shape_rule for u in graded} == {RuleKey.UNIT_SHAPE_SUPER_REGION}


def test_decentralisation_cores_belong_to_their_lead_ministry(round_2024, db):
    plan = Plan.objects.get(year=2024, level=PlanLevel.SECTORAL)
    units = _units(round_2024, plan=plan, shape_rule=RuleKey.UNIT_SHAPE_DECENTRALISATION)
    strategy = units.get(task=None)
    assert (strategy.strategy.code, strategy.graded) == ("Ⅰ", False)
    cores = units.filter(task__kind=TaskKind.CORE)
    assert cores.count() == plan.tasks.filter(strategy__code="Ⅰ", kind=TaskKind.CORE).count()
    assert all(u.graded for u in cores)
    practical = units.filter(task__kind=TaskKind.PRACTICAL)
    assert set(practical.values_list("kind", flat=True)) == {UnitKind.LEAF}
    # Ⅰ-2 지방재정 경쟁력 강화: 행안부 leads, 기재부 cooperates; its second practical task is
    # led by 기재부.
    finance = cores.get(task__code="Ⅰ-2")
    assert finance.organization.short_name == "행안부"
    assert "기재부" in finance.related_organizations.values_list("short_name", flat=True)
    second = practical.get(parent=finance, task__code="(2)")
    assert second.organization.short_name == "기재부"
    other = _units(round_2024, plan=plan, shape_rule=RuleKey.UNIT_SHAPE_SECTORAL)
    assert other.filter(graded=True, task__kind=TaskKind.CORE).count() == (
        plan.tasks.filter(kind=TaskKind.CORE).count() - cores.count()
    )


def test_every_core_task_is_counted_once_and_the_national_plan_not_at_all(round_2024, db):
    assert not Unit.objects.filter(round=round_2024, plan__level=PlanLevel.NATIONAL).exists()
    tasks = Task.objects.filter(plan__year=2024).count()
    assert Unit.objects.filter(round=round_2024, task__isnull=False).count() == tasks


def test_the_example_criteria_are_the_printed_words(round_2024, db):
    lines = PLAN_TEXT.read_text(encoding="utf-8").splitlines()[12055:12058]
    printed = re.sub(r"\s+", "", "".join(lines))
    names = list(round_2024.criterion_set.criteria.values_list("name", flat=True))
    assert len(names) == 3
    assert all(re.sub(r"\s+", "", name) in printed for name in names)


def test_the_units_page_shows_the_tree_with_equal_weights(round_2024, db, client):
    html = client.get("/evaluations/2024/units/").content.decode()
    assert "같은 가중치(계획이 정하지 않음)" in html
    assert bare_numbers(html) == []
    assert "자율적 자치기반 마련" in html and "행안부" in html
    board = client.get("/evaluations/2024/").content.decode()
    graded = Unit.objects.filter(round=round_2024, graded=True).count()
    assert f"등급을 받는 단위 {graded}개" in board
