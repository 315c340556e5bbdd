"""The tracker's rules (tracker.py): a step's state from its latest report and its printed
period, the year's settings, counts per task, and two snapshots compared."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from dream.accounts.models import User
from dream.priorities import tracker
from dream.priorities.choices import ItemKind, Precision, StepStatus
from dream.priorities.models import PriorityItem, PriorityTask, StepReport, TrackerSettings

DEFAULTS = TrackerSettings(year=2024, ongoing_late_at_year_end=False, basis=tracker.DEFAULT_BASIS)
ONGOING_LATE = TrackerSettings(year=2024, ongoing_late_at_year_end=True, basis="위원회 결정")


def step(end: date | None, precision: str = Precision.HALF) -> PriorityItem:
    return PriorityItem(kind=ItemKind.STEP, period_end=end, precision=precision, text="지정")


def report(status: str, as_of: date = date(2024, 5, 1)) -> StepReport:
    return StepReport(status=status, as_of=as_of)


FIRST_HALF = step(date(2024, 6, 30))
AFTER = date(2024, 7, 1)
BEFORE = date(2024, 6, 30)


def test_a_step_without_a_report_is_planned_as_dreams_reading():
    state = tracker.step_state(FIRST_HALF, None, BEFORE, DEFAULTS)

    assert state == tracker.StepState("planned", "예정", True, "보고 없음")


def test_a_step_whose_period_ended_without_done_is_delayed_as_dreams_reading():
    state = tracker.step_state(FIRST_HALF, None, AFTER, DEFAULTS)

    assert (state.status, state.label, state.computed) == ("delayed", "지연", True)
    assert state.reason == "기간 끝(2024-06-30)이 지났고 완료 보고가 없음 — DREAM 계산"


def test_a_step_reported_in_progress_turns_delayed_once_its_period_ends():
    assert tracker.step_state(FIRST_HALF, report("in_progress"), BEFORE, DEFAULTS) == (
        tracker.StepState("in_progress", "진행", False, "2024-05-01 기준 보고")
    )
    late = tracker.step_state(FIRST_HALF, report("in_progress"), AFTER, DEFAULTS)
    assert (late.status, late.computed) == ("delayed", True)


def test_done_reported_after_the_end_stands_as_reported():
    done = report("done", as_of=date(2024, 8, 20))

    state = tracker.step_state(FIRST_HALF, done, date(2024, 9, 1), DEFAULTS)

    assert state == tracker.StepState("done", "완료", False, "2024-08-20 기준 보고")


def test_delayed_reported_before_the_end_stands_as_reported():
    state = tracker.step_state(FIRST_HALF, report("delayed"), BEFORE, DEFAULTS)

    assert (state.status, state.computed) == ("delayed", False)


def test_the_last_day_of_the_period_is_not_yet_late():
    assert tracker.step_state(FIRST_HALF, None, date(2024, 6, 30), DEFAULTS).status == "planned"


@pytest.mark.parametrize(
    ("settings", "status", "computed"),
    [(DEFAULTS, "planned", True), (ONGOING_LATE, "delayed", True)],
)
def test_an_ongoing_step_is_late_after_the_year_only_when_the_setting_says_so(
    settings, status, computed
):
    ongoing = step(date(2024, 12, 31), Precision.ONGOING)

    state = tracker.step_state(ongoing, None, date(2025, 1, 2), settings)

    assert (state.status, state.computed) == (status, computed)
    if status == "delayed":
        assert "이행 관리 설정" in state.reason


def test_an_undated_step_is_never_late():
    undated = step(None, Precision.UNDATED)

    state = tracker.step_state(undated, None, date(2030, 1, 1), ONGOING_LATE)

    assert (state.status, state.reason) == ("planned", "보고 없음")


def test_an_open_end_is_never_late():
    opened = PriorityItem(
        kind=ItemKind.STEP,
        period_start=date(2024, 3, 1),
        period_end=None,
        precision=Precision.MONTH,
    )

    assert tracker.step_state(opened, report("in_progress"), date(2030, 1, 1), DEFAULTS) == (
        tracker.StepState("in_progress", "진행", False, "2024-05-01 기준 보고")
    )


@pytest.mark.django_db
def test_the_settings_of_a_year_not_set_are_the_unsaved_defaults_saying_the_plan_is_silent():
    settings = tracker.settings_for(2024)

    assert settings.pk is None
    assert (settings.ongoing_late_at_year_end, settings.basis) == (
        False,
        "계획이 정하지 않음 — DREAM 기본값",
    )
    staff = User.objects.create_user("staff")
    TrackerSettings.objects.create(
        year=2024, ongoing_late_at_year_end=True, basis="위원회 결정", set_by=staff
    )
    assert tracker.settings_for(2024).ongoing_late_at_year_end is True


def _report_on(item, status, reported_at, by, as_of=date(2024, 5, 1)):
    return StepReport.objects.create(
        item=item,
        status=status,
        as_of=as_of,
        evidence="근거",
        organization=by.memberships.get().organization,
        reported_by=by,
        reported_at=reported_at,
    )


def test_the_latest_reports_of_many_steps_are_read_in_one_query(
    step, personas, django_assert_num_queries
):
    editor = personas("ministry_editor")
    other = PriorityItem.objects.get(source_line=255)
    moment = timezone.make_aware(datetime(2024, 5, 2, 9))
    _report_on(step, "in_progress", moment, editor)
    tie = _report_on(step, "done", moment + timedelta(hours=1), editor)
    later = _report_on(step, "delayed", moment + timedelta(hours=1), editor)  # same time, later id
    early = _report_on(other, "done", moment, editor, as_of=date(2024, 4, 1))

    with django_assert_num_queries(1):
        latest = tracker.latest_reports([step.pk, other.pk])

    assert latest == {step.pk: later, other.pk: early}
    assert tracker.latest_reports([step.pk], until=date(2024, 4, 30)) == {}
    assert tie.pk < later.pk


def test_a_tasks_summary_counts_its_steps_per_state(step, personas):
    task = PriorityTask.objects.get(year=2024, position=1)
    _report_on(step, "done", timezone.now(), personas("ministry_editor"))

    # l.255 opens at 2024-03 with no end (never late), l.265 reported 완료
    assert tracker.task_summary(task, date(2025, 1, 2)) == {
        "planned": 1,
        "in_progress": 0,
        "done": 1,
        "delayed": 0,
    }


def test_a_task_without_steps_counts_nothing(tasks_2024):
    second = PriorityTask.objects.get(year=2024, position=2)
    PriorityItem.objects.filter(task=second).delete()

    assert tracker.task_summary(second, date(2025, 1, 2)) == tracker.empty_counts()


@pytest.mark.usefixtures("plan_2024")
def test_a_printed_2024_step_turns_delayed_the_day_after_its_end(db):
    # l.252: "‘기회발전특구 지정·운영 등에 관한 지침’(산업부 고시)을 제정(‘24.3월) …"
    item = PriorityItem.objects.get(task__year=2024, source_line=252, kind=ItemKind.STEP)
    settings = tracker.settings_for(2024)

    assert (item.period_end, item.precision) == (date(2024, 3, 31), "month")
    assert tracker.step_state(item, None, date(2024, 3, 31), settings).status == "planned"
    late = tracker.step_state(item, None, date(2024, 4, 1), settings)
    assert (late.status, late.computed) == ("delayed", True)
    assert late.reason.startswith("기간 끝(2024-03-31)이 지났고 완료 보고가 없음")


def _snapshot(*tasks) -> dict:
    return {
        "tasks": [
            {
                "task_id": task_id,
                "position": task_id,
                "name": f"과제 {task_id}",
                "counts": {s: sum(st == s for _, st in steps) for s in StepStatus.values},
                "steps": [
                    {"item_id": i, "source_line": 100 + i, "text": f"내용 {i}", "status": st}
                    for i, st in steps
                ],
            }
            for task_id, steps in tasks
        ]
    }


def test_two_snapshots_compare_counts_per_task_and_the_steps_that_changed():
    previous = _snapshot((1, [(11, "planned"), (12, "in_progress")]))
    latest = _snapshot((1, [(11, "planned"), (12, "done"), (13, "planned")]), (2, [(21, "done")]))

    compared = tracker.inspection_compare(previous, latest)

    first, second = compared.tasks
    assert (first.before["in_progress"], first.after["done"]) == (1, 1)
    assert second.before is None and second.after["done"] == 1
    assert [(c.item_id, c.before_label, c.after_label) for c in compared.changes] == [
        (12, "진행", "완료"),
        (13, "없음", "예정"),
        (21, "없음", "완료"),
    ]
