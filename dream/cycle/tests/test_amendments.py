"""Amendments after resolution: written on a draft copy, submitted, returned, withdrawn or
resolved into the plan's next version with its reason; the published rows change only at
resolution, in place, with their history."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from dream.cycle.amendments import (
    amendment_resolve,
    amendment_return,
    amendment_start,
    amendment_submit,
    amendment_withdraw,
)
from dream.cycle.choices import AmendmentState, SubmissionAction, SubmissionState
from dream.cycle.drafting import (
    budget_update,
    indicator_add,
    strategy_update,
    task_add,
    task_remove,
    task_update,
)
from dream.cycle.errors import Frozen, InvalidInput, NotAllowed, StateConflict
from dream.cycle.models import Amendment, PlanVersion, Submission, SubmissionEvent
from dream.cycle.selectors import version_changes, version_steps
from dream.cycle.versions import version_create
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, TaskKind
from dream.plans.models import Budget, Plan, Task

MEETING = "제7차 지방시대위원회"
RESOLVED_ON = date(2025, 4, 4)
AMENDED_ON = date(2025, 9, 1)
REASON = "국비 확정에 따른 재정투입 조정"


def resolve_directly(submission: Submission, staff) -> Submission:
    """The submission as the plenary leaves it: plan published, version 1."""
    plan = submission.plan
    plan.is_draft = False
    plan.save()
    submission.state = SubmissionState.RESOLVED
    submission.save()
    version_create(plan=plan, actor=staff, meeting=MEETING, resolved_on=RESOLVED_ON)
    return Submission.objects.get(pk=submission.pk)


@pytest.fixture
def busan_resolved(busan_submission, staff):
    return resolve_directly(busan_submission, staff)


@pytest.fixture
def editor(personas):
    return personas("busan_editor")


@pytest.fixture
def started(busan_resolved, editor):
    return amendment_start(actor=editor, submission=busan_resolved, reason=REASON)


def reload(amendment: Amendment) -> Amendment:
    return Amendment.objects.get(pk=amendment.pk)


def contents(plan: Plan) -> dict:
    """What a reader sees of a plan, without ids or source lines."""
    return {
        "goal": plan.goal,
        "tasks": sorted(
            (t.kind, t.position, t.name, t.national_budget_eok, t.parent_id is None)
            for t in plan.tasks.all()
        ),
        "budgets": sorted((b.year, b.source, b.amount_eok) for b in plan.budgets.all()),
        "indicators": sorted(
            (i.position, i.name, i.baseline_value, i.target_value) for i in plan.indicators.all()
        ),
    }


# --- start ------------------------------------------------------------------------------


def test_start_copies_the_published_plan_with_its_money_and_values(started, busan_resolved):
    published = busan_resolved.plan
    draft = started.draft_plan
    assert (started.number, started.state, started.reason) == (1, AmendmentState.DRAFTING, REASON)
    assert draft.is_draft and draft.pk != published.pk
    assert (draft.year, draft.level, draft.owner) == (
        published.year,
        published.level,
        published.owner,
    )
    # unlike the roll forward, budgets and indicators' values stay as resolved
    assert contents(draft) == contents(published)
    assert draft.budgets.count() == 2
    event = busan_resolved.events.get(action=SubmissionAction.AMENDMENT_START)
    assert (event.from_state, event.to_state) == (SubmissionState.RESOLVED,) * 2
    assert REASON in event.comment


def test_the_working_plan_is_the_amendment_draft_while_it_is_written(started, busan_resolved):
    submission = Submission.objects.get(pk=busan_resolved.pk)
    assert submission.working_plan == started.draft_plan
    amendment_submit(actor=started.created_by, amendment=started)
    assert submission.working_plan == submission.plan


@pytest.mark.parametrize("state", [s for s in SubmissionState if s != SubmissionState.RESOLVED])
def test_only_a_resolved_plan_is_amended(busan_submission, editor, state):
    Submission.objects.filter(pk=busan_submission.pk).update(state=state)
    with pytest.raises(StateConflict, match="의결된 시행계획에만"):
        amendment_start(actor=editor, submission=busan_submission, reason=REASON)
    assert not Amendment.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", None, "가" * 2001])
def test_an_amendment_needs_a_reason(busan_resolved, editor, reason):
    with pytest.raises(InvalidInput, match="변경 사유"):
        amendment_start(actor=editor, submission=busan_resolved, reason=reason)


@pytest.mark.parametrize("who", ["busan_viewer", "seoul_editor", "ministry_editor", "anonymous"])
def test_only_those_who_write_for_the_body_start_an_amendment(busan_resolved, personas, who):
    with pytest.raises(NotAllowed):
        amendment_start(actor=personas(who), submission=busan_resolved, reason=REASON)


def test_one_open_amendment_at_a_time(started, busan_resolved, editor):
    with pytest.raises(StateConflict, match="진행 중인 변경 계획"):
        amendment_start(actor=editor, submission=busan_resolved, reason="또 다른 변경")
    amendment_withdraw(actor=editor, amendment=started)
    second = amendment_start(actor=editor, submission=busan_resolved, reason="다시 변경")
    assert second.number == 2


# --- editing the draft ------------------------------------------------------------------


def test_the_draft_is_edited_and_the_published_plan_stays_as_resolved(started, busan_resolved):
    editor = started.created_by
    before = contents(busan_resolved.plan)
    task = started.draft_plan.tasks.get(kind=TaskKind.CORE)
    task_update(actor=editor, task=task, name="자치분권 강화(변경)")
    assert contents(Plan.objects.get(pk=busan_resolved.plan_id)) == before
    with pytest.raises(Frozen):
        task_update(actor=editor, task=busan_resolved.plan.tasks.get(kind=TaskKind.CORE), name="x")


def test_a_submitted_amendment_is_not_edited_until_returned(started, staff):
    editor = started.created_by
    task = started.draft_plan.tasks.get(kind=TaskKind.CORE)
    amendment_submit(actor=editor, amendment=started)
    with pytest.raises(StateConflict, match="작성 중 상태에서만"):
        task_update(actor=editor, task=task, name="제출 뒤 고침")
    amendment_return(actor=staff, amendment=started, comment="사유를 더 적어 주세요")
    assert task_update(actor=editor, task=task, name="보완").name == "보완"


def test_others_cannot_edit_the_amendment_draft(started, personas):
    task = started.draft_plan.tasks.get(kind=TaskKind.CORE)
    with pytest.raises(NotAllowed):
        task_update(actor=personas("seoul_editor"), task=task, name="남의 계획")


# --- steps ------------------------------------------------------------------------------


def test_return_is_for_staff_with_a_comment(started, staff):
    amendment_submit(actor=started.created_by, amendment=started)
    with pytest.raises(NotAllowed):
        amendment_return(actor=started.created_by, amendment=started, comment="스스로")
    with pytest.raises(InvalidInput):
        amendment_return(actor=staff, amendment=started, comment=" ")
    amendment = amendment_return(actor=staff, amendment=started, comment="근거 보완")
    assert amendment.state == AmendmentState.DRAFTING


def test_withdraw_deletes_the_draft_and_keeps_the_plan(started, busan_resolved, staff):
    draft_pk = started.draft_plan.pk
    before = contents(busan_resolved.plan)
    amendment = amendment_withdraw(actor=staff, amendment=started, comment="다음에")
    assert (amendment.state, amendment.draft_plan) == (AmendmentState.WITHDRAWN, None)
    assert not Plan.objects.filter(pk=draft_pk).exists()
    assert not Task.objects.filter(plan_id=draft_pk).exists()
    assert contents(Plan.objects.get(pk=busan_resolved.plan_id)) == before
    assert busan_resolved.plan.versions.count() == 1
    with pytest.raises(StateConflict, match="철회"):
        amendment_submit(actor=started.created_by, amendment=amendment)


def test_resolve_needs_staff_a_submitted_amendment_a_meeting_and_a_past_date(started, staff):
    with pytest.raises(NotAllowed):
        amendment_resolve(
            actor=started.created_by, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON
        )
    with pytest.raises(StateConflict, match="제출 상태에서만"):
        amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON)
    amendment_submit(actor=started.created_by, amendment=started)
    with pytest.raises(InvalidInput, match="회의"):
        amendment_resolve(actor=staff, amendment=started, meeting="", resolved_on=AMENDED_ON)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(InvalidInput, match="의결일"):
        amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=tomorrow)
    assert reload(started).state == AmendmentState.SUBMITTED


def test_resolve_applies_the_draft_in_place_as_version_2_with_the_reason(
    started, busan_resolved, staff
):
    editor = started.created_by
    draft = started.draft_plan
    published = busan_resolved.plan
    kept_task = published.tasks.get(kind=TaskKind.CORE)
    kept_budget = published.budgets.get(source=BudgetSource.NATIONAL)
    local_budget = published.budgets.get(source=BudgetSource.LOCAL)
    # change a name, an amount, remove a task, add a task and an indicator
    strategy_update(actor=editor, strategy=draft.strategies.get(), name="지방분권 강화")
    budget_update(
        actor=editor, budget=draft.budgets.get(source=BudgetSource.NATIONAL), amount_eok="100"
    )
    task_remove(actor=editor, task=draft.tasks.get(kind=TaskKind.DETAILED))
    core = draft.tasks.get(kind=TaskKind.CORE)
    task_add(actor=editor, plan=draft, parent=core, name="재정분권 확대", kind=TaskKind.DETAILED)
    indicator_add(actor=editor, plan=draft, name="재정자립도", unit="%", target_text="30")
    expected = contents(draft)
    amendment_submit(actor=editor, amendment=started)

    version = amendment_resolve(
        actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON
    )

    published.refresh_from_db()
    assert not published.is_draft
    assert contents(published) == expected
    assert published.strategies.get().name == "지방분권 강화"
    # matched rows keep their ids, with the change in their history
    assert published.tasks.filter(pk=kept_task.pk).exists()
    budget = Budget.objects.get(pk=kept_budget.pk)
    assert budget.amount_eok == Decimal("100.00")
    assert budget.history.latest().history_user == staff
    assert Budget.objects.get(pk=local_budget.pk).amount_eok == Decimal("135.27")
    assert published.indicators.get(name="재정자립도").target_value == Decimal("30")
    # the version
    assert (version.number, version.reason, version.meeting, version.resolved_on) == (
        2,
        REASON,
        MEETING,
        AMENDED_ON,
    )
    amendment = reload(started)
    assert (amendment.state, amendment.version, amendment.draft_plan) == (
        AmendmentState.RESOLVED,
        version,
        None,
    )
    assert (amendment.resolution_meeting, amendment.resolution_date) == (MEETING, AMENDED_ON)
    assert not Plan.objects.filter(pk=draft.pk).exists()
    assert Plan.objects.filter(year=2025, owner=published.owner).count() == 1
    # the submission's history tells who did what, when and why
    actions = list(
        busan_resolved.events.filter(action__startswith="amendment").values_list(
            "action", "actor__username"
        )
    )
    assert actions == [
        (SubmissionAction.AMENDMENT_START, "busan_editor"),
        (SubmissionAction.AMENDMENT_SUBMIT, "busan_editor"),
        (SubmissionAction.AMENDMENT_RESOLVE, "committee_staff"),
    ]
    assert Submission.objects.get(pk=busan_resolved.pk).state == SubmissionState.RESOLVED


def test_the_changes_between_versions_show_the_amendment(started, busan_resolved, staff):
    editor = started.created_by
    core = started.draft_plan.tasks.get(kind=TaskKind.CORE)
    task_update(actor=editor, task=core, name="자치분권 2.0")
    amendment_submit(actor=editor, amendment=started)
    amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON)

    first, second = PlanVersion.objects.filter(plan=busan_resolved.plan).order_by("number")
    changes = version_changes(first, second)
    assert [(r.old_name, r.new_name) for r in changes.tasks_renamed] == [
        ("자치분권 강화", "자치분권 2.0")
    ]
    [step] = version_steps(busan_resolved.plan)
    assert (step.new.number, step.new.reason) == (2, REASON)


def test_an_unchanged_amendment_still_records_a_version_with_the_same_content(
    started, busan_resolved, staff
):
    amendment_submit(actor=started.created_by, amendment=started)
    version = amendment_resolve(
        actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON
    )
    first = busan_resolved.plan.versions.get(number=1)
    assert version.content_hash == first.content_hash


def test_a_resolved_amendment_with_a_stale_copy_is_refused_and_applied_once(started, staff):
    amendment_submit(actor=started.created_by, amendment=started)
    stale = reload(started)
    amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON)
    with pytest.raises(StateConflict, match="다른 담당자가 먼저"):
        amendment_resolve(actor=staff, amendment=stale, meeting=MEETING, resolved_on=AMENDED_ON)
    assert PlanVersion.objects.filter(number=2).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_staff_resolving_at_once_apply_it_once(busan_submission, personas):
    staff = personas("committee_staff")
    resolved = resolve_directly(busan_submission, staff)
    editor = personas("busan_editor")
    amendment = amendment_start(actor=editor, submission=resolved, reason=REASON)
    task_add(
        actor=editor,
        plan=amendment.draft_plan,
        parent=amendment.draft_plan.tasks.get(kind=TaskKind.CORE),
        name="한 번만 더해질 과제",
        kind=TaskKind.DETAILED,
    )
    amendment_submit(actor=editor, amendment=amendment)
    barrier = threading.Barrier(2)
    outcomes = []

    def resolve(actor):
        try:
            barrier.wait()
            amendment_resolve(
                actor=actor, amendment=amendment, meeting=MEETING, resolved_on=AMENDED_ON
            )
            outcomes.append("resolved")
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=resolve, args=(p,)) for p in (staff, personas("superuser"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "resolved"]
    assert PlanVersion.objects.filter(plan=resolved.plan).count() == 2
    assert Task.objects.filter(plan=resolved.plan, name="한 번만 더해질 과제").count() == 1
    assert SubmissionEvent.objects.filter(action=SubmissionAction.AMENDMENT_RESOLVE).count() == 1


def test_an_indicator_keeps_its_task_after_the_amendment(started, busan_resolved, staff):
    editor = started.created_by
    draft = started.draft_plan
    core = draft.tasks.get(kind=TaskKind.CORE)
    indicator_add(actor=editor, plan=draft, name="자치역량 지수", unit="점", task=core)
    amendment_submit(actor=editor, amendment=started)
    amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON)
    indicator = Indicator.objects.get(plan=busan_resolved.plan, name="자치역량 지수")
    assert indicator.task == busan_resolved.plan.tasks.get(kind=TaskKind.CORE)


def test_a_ministry_amendment_compiles_the_national_sectoral_plan_anew(
    ministry_submission, personas, staff
):
    resolved = resolve_directly(ministry_submission, staff)
    editor = personas("ministry_editor")
    amendment = amendment_start(actor=editor, submission=resolved, reason=REASON)
    core = amendment.draft_plan.tasks.get(kind=TaskKind.CORE)
    task_update(actor=editor, task=core, name="자치분권 강화(부처 변경)")
    amendment_submit(actor=editor, amendment=amendment)

    amendment_resolve(actor=staff, amendment=amendment, meeting=MEETING, resolved_on=AMENDED_ON)

    compiled = Plan.objects.get(year=2025, level="sectoral", owner__short_name="위원회")
    assert compiled.tasks.filter(name="자치분권 강화(부처 변경)").exists()
    assert compiled.versions.get().meeting == MEETING


def test_an_amendment_removing_an_indicator_with_an_actual_is_refused_whole(
    started, busan_resolved, staff
):
    from dream.cycle.drafting import indicator_remove
    from dream.results.models import IndicatorActual

    editor = started.created_by
    published = busan_resolved.plan.indicators.get()
    IndicatorActual.objects.create(
        indicator=published, year=2025, value_text="12", value=Decimal("12"), source="통계청",
        observed_on=date(2025, 12, 31), recorded_by=editor,
    )  # fmt: skip
    indicator_remove(actor=editor, indicator=started.draft_plan.indicators.get())
    amendment_submit(actor=editor, amendment=started)
    before = contents(busan_resolved.plan)
    with pytest.raises(StateConflict, match="실적이 입력되어 있어"):
        amendment_resolve(actor=staff, amendment=started, meeting=MEETING, resolved_on=AMENDED_ON)
    assert contents(Plan.objects.get(pk=busan_resolved.plan.pk)) == before
    assert reload(started).state == AmendmentState.SUBMITTED
    assert IndicatorActual.objects.filter(indicator=published).exists()
