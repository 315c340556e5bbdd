"""A body's draft: rolled forward from its resolved 2024 plan, edited only while it is the
body's to write, and kept out of every public page, search and the open data."""

import csv
from collections import Counter
from decimal import Decimal

import pytest

from dream.accounts.choices import MembershipRole
from dream.accounts.models import Membership, Organization, User
from dream.cycle.choices import CyclePhase, SubmissionAction, SubmissionState
from dream.cycle.drafting import budget_set, budget_update, submission_roll_forward, task_update
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.cycle.models import Cycle, Submission, statutory_deadline
from dream.indicators.models import Indicator
from dream.opendata.services import datapackage_export
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry
from dream.plans.selectors import latest_year
from dream.search.selectors import search
from dream.search.services import search_index_rebuild

pytestmark = pytest.mark.usefixtures("plan_2024", "db")

DRAFT_ONLY_NAME = "초안에만있는해양신산업과제"


def person(username: str, organization: str, role=MembershipRole.EDITOR) -> User:
    user = User.objects.create_user(username=username, password="pw")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(short_name=organization), role=role
    )
    return user


def submission_for(short_name: str, year: int = 2025, **fields) -> Submission:
    cycle, _ = Cycle.objects.get_or_create(
        year=year, defaults={"deadline": statutory_deadline(year), "phase": CyclePhase.DRAFTING}
    )
    return Submission.objects.create(
        cycle=cycle, organization=Organization.objects.get(short_name=short_name), **fields
    )


@pytest.fixture
def busan_editor():
    return person("busan-editor", "부산")


@pytest.fixture
def busan_draft(busan_editor) -> Plan:
    return submission_roll_forward(actor=busan_editor, submission=submission_for("부산"))


def plan_2024_of(short_name: str) -> Plan:
    return Plan.objects.get(year=2024, level=PlanLevel.PROVINCE, owner__short_name=short_name)


def tree(plan: Plan) -> Counter:
    """Each task as (kind, position, code, name, description, parent's code and name,
    pillar strategy's position, ministries) — the shape a copy must keep."""
    return Counter(
        (
            t.kind,
            t.position,
            t.code,
            t.name,
            t.description,
            (t.parent.code, t.parent.name) if t.parent else None,
            t.strategy.position if t.strategy else None,
            tuple(link.ministry_id for link in t.ministry_links.order_by("position")),
        )
        for t in plan.tasks.select_related("parent", "strategy")
    )


# ---------------------------------------------------------------- roll forward


def test_busan_rolls_forward_its_2024_plan_as_the_2025_draft(busan_editor, busan_draft):
    old = plan_2024_of("부산")
    assert (busan_draft.year, busan_draft.level, busan_draft.owner) == (2025, "province", old.owner)
    assert busan_draft.is_draft
    assert busan_draft.goal == old.goal
    assert Submission.objects.get(plan=busan_draft).organization == old.owner
    for kind in StrategyKind.values:
        assert list(
            busan_draft.strategies.filter(kind=kind).values_list("position", "code", "name")
        ) == list(old.strategies.filter(kind=kind).values_list("position", "code", "name"))
    assert busan_draft.tasks.count() == old.tasks.count() > 0
    assert tree(busan_draft) == tree(old)


def test_a_rolled_indicator_starts_from_last_years_target(busan_draft):
    old = plan_2024_of("부산").indicators.filter(target_value__isnull=False).first()
    new = busan_draft.indicators.get(position=old.position)
    assert (new.name, new.unit, new.group, new.scope, new.subgroup) == (
        old.name,
        old.unit,
        old.group,
        old.scope,
        old.subgroup,
    )
    assert (new.baseline_year, new.baseline_text, new.baseline_value) == (
        old.target_year,
        old.target_text,
        old.target_value,
    )
    assert (new.target_year, new.target_text, new.target_value) == (2025, "", None)
    assert busan_draft.indicators.count() == plan_2024_of("부산").indicators.count()


def test_no_budget_and_no_source_line_is_copied(busan_draft):
    assert plan_2024_of("부산").budgets.exists()
    assert not busan_draft.budgets.exists()
    assert busan_draft.source_line is None
    for model in (Strategy, Task, Indicator):
        assert not model.objects.filter(plan=busan_draft, source_line__isnull=False).exists()


def test_the_draft_history_names_the_editor_and_the_step_is_recorded(busan_editor, busan_draft):
    for records in [
        Plan.history.filter(id=busan_draft.pk),
        Strategy.history.filter(plan_id=busan_draft.pk),
        Task.history.filter(plan_id=busan_draft.pk),
        Indicator.history.filter(plan_id=busan_draft.pk),
    ]:
        assert records.exists()
        assert set(records.values_list("history_user", flat=True)) == {busan_editor.pk}
    assert Task.history.filter(plan_id=busan_draft.pk).count() == busan_draft.tasks.count()
    event = Submission.objects.get(plan=busan_draft).events.get()
    assert (event.action, event.actor) == (SubmissionAction.ROLL_FORWARD, busan_editor)


def test_a_ministry_rolls_forward_exactly_the_sectoral_tasks_it_carries():
    ministry = Organization.objects.get(short_name="과기정통부")
    sectoral = Plan.objects.get(year=2024, level=PlanLevel.SECTORAL)
    carried = Task.objects.filter(plan=sectoral, ministry_links__ministry=ministry)
    expected = set()
    for task in carried:
        while task is not None:
            expected.add((task.kind, task.code, task.name))
            task = task.parent
    editor = person("msit-editor", "과기정통부")
    draft = submission_roll_forward(actor=editor, submission=submission_for("과기정통부"))
    assert (draft.level, draft.owner, draft.year) == (PlanLevel.SECTORAL, ministry, 2025)
    assert set(draft.tasks.values_list("kind", "code", "name")) == expected
    assert draft.tasks.count() == len(expected) < sectoral.tasks.count()
    assert set(draft.indicators.values_list("name", flat=True)) == set(
        sectoral.indicators.filter(task__in=carried).values_list("name", flat=True)
    )
    assert not draft.indicators.filter(task__isnull=True).exists()
    assert tree(draft) == Counter(
        key for key in tree(sectoral) if (key[0], key[2], key[3]) in expected
    )
    links = TaskMinistry.history.filter(task_id__in=draft.tasks.values("pk"))
    assert set(links.values_list("history_user", flat=True)) == {editor.pk}


def test_roll_forward_is_refused_to_another_body_and_outside_drafting(busan_editor):
    seoul = submission_for("서울")
    with pytest.raises(NotAllowed):
        submission_roll_forward(actor=busan_editor, submission=seoul)
    submitted = submission_for("부산", state=SubmissionState.SUBMITTED)
    with pytest.raises(StateConflict, match="작성 중일 때만"):
        submission_roll_forward(actor=busan_editor, submission=submitted)
    assert not Plan.objects.filter(year=2025).exists()


def test_roll_forward_is_refused_twice_and_without_a_plan_of_the_year_before(busan_editor):
    submission = submission_for("부산")
    submission_roll_forward(actor=busan_editor, submission=submission)
    with pytest.raises(StateConflict, match="이미 초안"):
        submission_roll_forward(actor=busan_editor, submission=submission)
    with pytest.raises(StateConflict, match="전년도\\(2025년\\)에 의결된"):
        submission_roll_forward(actor=busan_editor, submission=submission_for("부산", 2026))
    assert Plan.objects.filter(year=2025).count() == 1


# ---------------------------------------------------------------- edits


def test_an_editor_renames_a_draft_task_with_history(busan_editor, busan_draft):
    task = busan_draft.tasks.first()
    task_update(actor=busan_editor, task=task, name=f"  {DRAFT_ONLY_NAME} ", description="새 내용")
    task.refresh_from_db()
    assert (task.name, task.description) == (DRAFT_ONLY_NAME, "새 내용")
    assert task.history.first().history_user == busan_editor
    with pytest.raises(InvalidInput):
        task_update(actor=busan_editor, task=task, name="  ")


def test_a_resolved_plan_is_frozen(busan_editor):
    resolved_task = plan_2024_of("부산").tasks.first()
    resolved_budget = plan_2024_of("부산").budgets.first()
    with pytest.raises(Frozen, match="의결된 시행계획은 고칠 수 없습니다"):
        task_update(actor=busan_editor, task=resolved_task, name="바꾼 이름")
    with pytest.raises(Frozen):
        budget_update(actor=busan_editor, budget=resolved_budget, amount_eok="1")
    with pytest.raises(Frozen):
        budget_set(
            actor=busan_editor,
            plan=plan_2024_of("부산"),
            strategy=None,
            source=BudgetSource.NATIONAL,
            amount_eok="1",
        )
    resolved_task.refresh_from_db()
    assert resolved_task.name != "바꾼 이름"


@pytest.mark.parametrize(
    "state", [SubmissionState.SUBMITTED, SubmissionState.IN_REVIEW, SubmissionState.ACCEPTED]
)
def test_a_draft_with_the_committee_cannot_be_edited(busan_editor, busan_draft, state):
    Submission.objects.filter(plan=busan_draft).update(state=state)
    with pytest.raises(StateConflict) as refused:
        task_update(actor=busan_editor, task=busan_draft.tasks.first(), name="바꾼 이름")
    assert not isinstance(refused.value, Frozen)


def test_a_returned_draft_can_be_edited_again(busan_editor, busan_draft):
    Submission.objects.filter(plan=busan_draft).update(state=SubmissionState.RETURNED)
    task = task_update(actor=busan_editor, task=busan_draft.tasks.first(), name="보완한 이름")
    assert task.name == "보완한 이름"


def test_another_body_and_a_viewer_cannot_edit_the_draft(busan_draft):
    task = busan_draft.tasks.first()
    for user in (person("seoul-editor", "서울"), person("busan-viewer", "부산", "viewer")):
        with pytest.raises(NotAllowed):
            task_update(actor=user, task=task, name="바꾼 이름")
        with pytest.raises(NotAllowed):
            budget_set(
                actor=user,
                plan=busan_draft,
                strategy=None,
                source=BudgetSource.LOCAL,
                amount_eok="1",
            )


def test_budgets_are_set_per_strategy_and_source_for_the_drafts_year(busan_editor, busan_draft):
    pillar = busan_draft.strategies.filter(kind=StrategyKind.PILLAR).first()
    cell = budget_set(
        actor=busan_editor,
        plan=busan_draft,
        strategy=pillar,
        source=BudgetSource.NATIONAL,
        amount_eok="1,234.5",
    )
    assert (cell.year, cell.amount_eok, cell.printed, cell.source_line) == (
        2025,
        Decimal("1234.50"),
        "",
        None,
    )
    again = budget_set(
        actor=busan_editor,
        plan=busan_draft,
        strategy=pillar,
        source=BudgetSource.NATIONAL,
        amount_eok=Decimal("12.25"),
    )
    assert again.pk == cell.pk
    changed = budget_update(actor=busan_editor, budget=again, amount_eok=7)
    assert Budget.objects.get(pk=cell.pk).amount_eok == changed.amount_eok == Decimal(7)
    assert set(cell.history.values_list("history_user", flat=True)) == {busan_editor.pk}
    assert cell.history.count() == 3


@pytest.mark.parametrize(
    "amount", ["-1", "1.234", "열", "", None, True, "NaN", "Infinity", 10**12, "1e20"]
)
def test_an_invalid_amount_is_refused(busan_editor, busan_draft, amount):
    with pytest.raises(InvalidInput, match="금액"):
        budget_set(
            actor=busan_editor,
            plan=busan_draft,
            strategy=None,
            source=BudgetSource.LOCAL,
            amount_eok=amount,
        )
    assert not busan_draft.budgets.exists()


def test_a_budget_needs_a_known_source_and_a_pillar_of_the_same_plan(busan_editor, busan_draft):
    with pytest.raises(InvalidInput, match="재원"):
        budget_set(
            actor=busan_editor, plan=busan_draft, strategy=None, source="loan", amount_eok="1"
        )
    other = plan_2024_of("부산").strategies.filter(kind=StrategyKind.PILLAR).first()
    with pytest.raises(InvalidInput, match="전략"):
        budget_set(
            actor=busan_editor,
            plan=busan_draft,
            strategy=other,
            source=BudgetSource.LOCAL,
            amount_eok="1",
        )


# ---------------------------------------------------------------- drafts stay private


def test_a_draft_changes_no_public_page(client, busan_editor):
    pages = ["/", "/provinces/부산/"]
    before = {page: client.get(page).content for page in pages}
    draft = submission_roll_forward(actor=busan_editor, submission=submission_for("부산"))
    task_update(actor=busan_editor, task=draft.tasks.first(), name=DRAFT_ONLY_NAME)
    assert latest_year() == 2024
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        assert response.content == before[page], page


def test_a_draft_is_neither_indexed_nor_exported(busan_editor, tmp_path):
    draft = submission_roll_forward(actor=busan_editor, submission=submission_for("부산"))
    task_update(actor=busan_editor, task=draft.tasks.first(), name=DRAFT_ONLY_NAME)
    search_index_rebuild(year=2025)
    assert search(query=DRAFT_ONLY_NAME).total == 0
    datapackage_export(directory=tmp_path)
    with (tmp_path / "plans.csv").open(encoding="utf-8-sig") as f:
        assert {row["year"] for row in csv.DictReader(f)} == {"2024"}
    for table in ("tasks", "strategies", "indicators"):
        with (tmp_path / f"{table}.csv").open(encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        assert rows and str(draft.pk) not in {row["plan_id"] for row in rows}, table
        assert DRAFT_ONLY_NAME not in {row.get("name") for row in rows}
