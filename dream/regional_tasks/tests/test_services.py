"""The register's services: a task registered and edited, sorted by the Committee, and closed
only through the printed path (l.637) — 보완필요 → 종결요청 → 시·도·부처 협의 → 전문위 논의 →
반기별 이행점검 결과 보고 → 종결."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.regional_tasks import services
from dream.regional_tasks.choices import ClosureStep, TaskState
from dream.regional_tasks.models import RegionalPolicyTask, Transition
from dream.regional_tasks.selectors import closure_path, closure_steps

from .conftest import AGREED_ON, EXPERT_ON, REPORTED_ON, REQUESTED_ON

AGREEMENT, EXPERT, REPORT = (
    ClosureStep.AGREEMENT,
    ClosureStep.EXPERT_COMMITTEE,
    ClosureStep.INSPECTION_REPORT,
)


def step(actor, task, which, decided_on, inspection=None, document="결과 문서"):
    return services.closure_step_record(
        actor=actor,
        task=task,
        step=which,
        decided_on=decided_on,
        document=document,
        inspection=inspection,
    )


# ---------------------------------------------------------------- register and edit


def test_a_province_editor_registers_a_task_with_its_history(task, personas):
    assert task.state == TaskState.ACTIVE
    assert task.ministry.short_name == "행안부"
    record = task.history.get()
    assert record.history_user == personas("busan_editor")
    assert record.history_change_reason == "지역정책과제 등록"


@pytest.mark.parametrize("state", [TaskState.CLOSING, TaskState.CLOSED, "finished"])
def test_a_task_is_never_registered_as_closing_or_closed(task_of, state):
    with pytest.raises(InvalidInput, match="종결 절차로만"):
        task_of(code="부산-02", state=state)


def test_the_same_code_twice_in_a_province_is_refused_but_another_province_may_use_it(task_of):
    task_of()
    with pytest.raises(InvalidInput, match="이미 있습니다"):
        task_of()
    assert task_of(persona="committee_staff", province="서울").province.short_name == "서울"


def test_a_ministry_is_refused_as_the_province_and_a_province_as_the_ministry(task_of, orgs):
    with pytest.raises(InvalidInput, match="시·도를 골라"):
        task_of(persona="committee_staff", province="행안부")
    with pytest.raises(InvalidInput, match="소관 부처"):
        task_of(ministry=orgs["서울"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "과제명을 적어"),
        ("title", "공항\x00건설", "제어 문자"),
        ("code", "x" * 31, "30자까지"),
        ("announced_2022", "예", "예 또는 아니오"),
    ],
)
def test_bad_fields_are_refused_in_korean(task_of, field, value, message):
    with pytest.raises(InvalidInput, match=message):
        task_of(**{field: value})
    assert not RegionalPolicyTask.objects.exists()


def test_an_update_changes_the_fields_with_history_and_nothing_when_nothing_changes(
    task, personas, orgs
):
    editor = personas("busan_editor")
    services.regional_task_update(actor=editor, task=task, title="가덕도 신공항", ministry=None)
    services.regional_task_update(actor=editor, task=task, title="가덕도 신공항")
    task.refresh_from_db()
    assert (task.title, task.ministry) == ("가덕도 신공항", None)
    assert [h.history_change_reason for h in task.history.order_by("history_id")] == [
        "지역정책과제 등록",
        "지역정책과제 수정",
    ]


def test_an_update_never_moves_the_state(task, personas):
    with pytest.raises(InvalidInput, match="관리 구분은 여기서 바꾸지 않습니다"):
        services.regional_task_update(
            actor=personas("busan_editor"), task=task, state=TaskState.LONG_TERM
        )


def test_an_update_to_a_code_already_used_in_the_province_is_refused(task_of, personas):
    task_of()
    second = task_of(code="부산-02")
    with pytest.raises(InvalidInput, match="부산-01"):
        services.regional_task_update(actor=personas("busan_editor"), task=second, code="부산-01")


def test_a_closed_task_is_not_edited(closing, close_path, personas):
    close_path(closing)
    with pytest.raises(StateConflict, match="종결된 과제"):
        services.regional_task_update(actor=personas("busan_editor"), task=closing, title="새 이름")


# ---------------------------------------------------------------- classify


def test_committee_staff_sort_a_task_with_a_transition(task, staff):
    transition = services.regional_task_classify(
        actor=staff,
        task=task,
        to_state=TaskState.LONG_TERM,
        decided_on=date(2025, 2, 3),
        document="전문위 점검회의",
        note="예타 탈락",
    )
    task.refresh_from_db()
    assert task.state == TaskState.LONG_TERM
    assert (transition.from_state, transition.to_state, transition.closure_step) == (
        TaskState.ACTIVE,
        TaskState.LONG_TERM,
        "",
    )
    assert transition.actor == staff
    assert transition.history.get().history_user == staff
    assert task.history.latest().history_user == staff


@pytest.mark.parametrize("to_state", [TaskState.CLOSING, TaskState.CLOSED, "x"])
def test_classify_only_among_the_three_sorts(task, staff, to_state):
    with pytest.raises(InvalidInput, match="적극추진·보완필요·중장기"):
        services.regional_task_classify(
            actor=staff, task=task, to_state=to_state, decided_on=REQUESTED_ON, document="d"
        )


def test_classify_to_the_same_state_is_a_conflict(task, staff):
    with pytest.raises(StateConflict, match="이미 적극추진"):
        services.regional_task_classify(
            actor=staff, task=task, to_state=TaskState.ACTIVE, decided_on=REQUESTED_ON, document="d"
        )


def test_a_province_editor_may_not_classify(task, personas):
    with pytest.raises(NotAllowed, match="위원회 담당자만"):
        services.regional_task_classify(
            actor=personas("busan_editor"),
            task=task,
            to_state=TaskState.NEEDS_WORK,
            decided_on=REQUESTED_ON,
            document="d",
        )


def test_a_closing_task_is_not_reclassified_until_its_request_is_withdrawn(closing, staff):
    with pytest.raises(StateConflict, match="철회하세요"):
        services.regional_task_classify(
            actor=staff,
            task=closing,
            to_state=TaskState.ACTIVE,
            decided_on=REQUESTED_ON,
            document="d",
        )


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [
        (timezone.localdate() + timedelta(days=1), "오늘 이후"),
        ("2025-02-30", "2025-01-31"),
        ("어제", "날짜"),
        (None, "날짜"),
    ],
)
def test_dates_are_read_and_never_in_the_future(task, staff, decided_on, message):
    with pytest.raises(InvalidInput, match=message):
        services.regional_task_classify(
            actor=staff, task=task, to_state=TaskState.NEEDS_WORK, decided_on=decided_on,
            document="d",
        )  # fmt: skip
    assert not Transition.objects.exists()


def test_a_decision_dated_before_the_previous_one_is_refused(closing, staff):
    with pytest.raises(InvalidInput, match="2025-03-04"):
        step(staff, closing, AGREEMENT, date(2025, 3, 1))


def test_a_document_is_required_and_free_of_control_characters(task, staff):
    for document, message in (("", "근거 문서를 적어"), ("공문\x00", "제어 문자")):
        with pytest.raises(InvalidInput, match=message):
            services.regional_task_classify(
                actor=staff, task=task, to_state=TaskState.NEEDS_WORK, decided_on=REQUESTED_ON,
                document=document,
            )  # fmt: skip


# ---------------------------------------------------------------- the closure path


def test_needs_work_to_closed_only_through_the_three_recorded_steps(
    closing, staff, personas, inspection
):
    assert (closing.state, closing.state_before_closing) == (
        TaskState.CLOSING,
        TaskState.NEEDS_WORK,
    )
    step(personas("ministry_editor"), closing, AGREEMENT, AGREED_ON)
    step(staff, closing, EXPERT, EXPERT_ON)
    closing.refresh_from_db()
    assert closing.state == TaskState.CLOSING
    last = step(staff, closing, REPORT, REPORTED_ON, inspection=inspection)
    closing.refresh_from_db()

    assert closing.state == TaskState.CLOSED
    assert (last.from_state, last.to_state, last.inspection) == (
        TaskState.CLOSING,
        TaskState.CLOSED,
        inspection,
    )
    path = [(t.from_state, t.to_state, t.closure_step) for t in closing.transitions.order_by("pk")]
    assert path == [
        (TaskState.ACTIVE, TaskState.NEEDS_WORK, ""),
        (TaskState.NEEDS_WORK, TaskState.CLOSING, ""),
        (TaskState.CLOSING, TaskState.CLOSING, AGREEMENT),
        (TaskState.CLOSING, TaskState.CLOSING, EXPERT),
        (TaskState.CLOSING, TaskState.CLOSED, REPORT),
    ]
    assert [p.done for p in closure_path(closing)] == [True, True, True]
    assert closing.transitions.get(closure_step=AGREEMENT).actor == personas("ministry_editor")


@pytest.mark.parametrize(
    ("recorded", "attempt", "message"),
    [
        (0, EXPERT, "먼저 시·도·부처 협의를 기록해야"),
        (0, REPORT, "먼저 시·도·부처 협의, 전문위 논의를 기록해야"),
        (1, REPORT, "먼저 전문위 논의를 기록해야"),
        (1, AGREEMENT, "시·도·부처 협의는 이미 기록했습니다"),
        (2, EXPERT, "전문위 논의는 이미 기록했습니다"),
        (2, AGREEMENT, "이미 기록했습니다"),
    ],
)
def test_a_step_out_of_order_or_repeated_is_refused_naming_the_missing_step(
    closing, close_path, staff, inspection, recorded, attempt, message
):
    close_path(closing, upto=recorded)
    count = Transition.objects.count()
    with pytest.raises(StateConflict, match=message):
        step(staff, closing, attempt, REPORTED_ON, inspection=inspection)
    assert Transition.objects.count() == count
    closing.refresh_from_db()
    assert closing.state == TaskState.CLOSING


@pytest.mark.parametrize("state", [TaskState.ACTIVE, TaskState.NEEDS_WORK])
def test_no_step_on_a_task_not_requested_for_closure(task, staff, state):
    if state != task.state:
        services.regional_task_classify(
            actor=staff, task=task, to_state=state, decided_on=REQUESTED_ON, document="d"
        )
    with pytest.raises(StateConflict, match="먼저 종결요청을 하세요"):
        step(staff, task, AGREEMENT, AGREED_ON)


def test_closed_is_final(closing, close_path, staff, personas, inspection):
    close_path(closing)
    refusals = [
        lambda: step(staff, closing, REPORT, REPORTED_ON, inspection=inspection),
        lambda: services.closure_request(
            actor=staff, task=closing, decided_on=REPORTED_ON, document="d"
        ),
        lambda: services.closure_withdraw(
            actor=staff, task=closing, decided_on=REPORTED_ON, document="d"
        ),
        lambda: services.regional_task_classify(
            actor=staff, task=closing, to_state=TaskState.ACTIVE, decided_on=REPORTED_ON,
            document="d",
        ),
    ]  # fmt: skip
    for refused in refusals:
        with pytest.raises(StateConflict, match="종결"):
            refused()
    closing.refresh_from_db()
    assert closing.state == TaskState.CLOSED


def test_the_inspection_report_needs_an_inspection_taken_after_the_expert_committee(
    closing, close_path, staff, inspection_of, inspection
):
    close_path(closing, upto=2)
    with pytest.raises(InvalidInput, match="어느 이행점검인지"):
        step(staff, closing, REPORT, REPORTED_ON)
    early = inspection_of(year=2024, half=2, taken_on=date(2025, 1, 15))
    with pytest.raises(InvalidInput, match="전문위 논의\\(2025-05-02\\) 이후"):
        step(staff, closing, REPORT, REPORTED_ON, inspection=early)
    with pytest.raises(InvalidInput, match="이행점검일\\(2025-06-30\\) 이후"):
        step(staff, closing, REPORT, date(2025, 6, 1), inspection=inspection)
    step(staff, closing, REPORT, REPORTED_ON, inspection=inspection)
    closing.refresh_from_db()
    assert closing.state == TaskState.CLOSED


def test_an_inspection_on_an_earlier_step_is_refused(closing, staff, inspection):
    with pytest.raises(InvalidInput, match="결과 보고 단계에만"):
        step(staff, closing, AGREEMENT, AGREED_ON, inspection=inspection)


def test_an_unknown_step_is_refused(closing, staff):
    with pytest.raises(InvalidInput, match="단계를 고르세요"):
        step(staff, closing, "vote", AGREED_ON)


def test_a_request_remembers_the_state_and_a_withdrawal_goes_back_to_it(closing, personas):
    transition = services.closure_withdraw(
        actor=personas("ministry_editor"),
        task=closing,
        decided_on=AGREED_ON,
        document="행안부 철회 요청 취소 공문",
    )
    closing.refresh_from_db()
    assert (closing.state, closing.state_before_closing) == (TaskState.NEEDS_WORK, "")
    assert (transition.from_state, transition.to_state) == (
        TaskState.CLOSING,
        TaskState.NEEDS_WORK,
    )
    with pytest.raises(StateConflict, match="종결요청 중인 과제가 아닙니다"):
        services.closure_withdraw(
            actor=personas("busan_editor"), task=closing, decided_on=AGREED_ON, document="d"
        )


def test_a_withdrawal_resets_the_path_the_steps_stay_in_history_but_no_longer_count(
    closing, close_path, staff, personas, inspection
):
    editor = personas("busan_editor")
    close_path(closing, upto=2)
    services.closure_withdraw(actor=editor, task=closing, decided_on=EXPERT_ON, document="d")
    closing.refresh_from_db()
    assert closure_steps(closing) == []
    services.closure_request(actor=editor, task=closing, decided_on=EXPERT_ON, document="다시")
    closing.refresh_from_db()

    assert closure_steps(closing) == []
    assert [p.done for p in closure_path(closing)] == [False, False, False]
    with pytest.raises(StateConflict, match="먼저 시·도·부처 협의, 전문위 논의를"):
        step(staff, closing, REPORT, REPORTED_ON, inspection=inspection)
    assert closing.transitions.exclude(closure_step="").count() == 2  # still in the history
    step(editor, closing, AGREEMENT, EXPERT_ON)
    assert [t.closure_step for t in closure_steps(closing)] == [AGREEMENT]


def test_a_second_request_while_closing_is_a_conflict(closing, personas):
    with pytest.raises(StateConflict, match="이미 종결요청 중"):
        services.closure_request(
            actor=personas("busan_editor"), task=closing, decided_on=AGREED_ON, document="d"
        )


def test_every_closure_change_names_its_person_in_the_history(closing, close_path, personas):
    close_path(closing)
    reasons = [
        (h.history_user.username, h.history_change_reason)
        for h in closing.history.order_by("history_id")
    ]
    assert reasons == [
        ("busan_editor", "지역정책과제 등록"),
        ("committee_staff", "관리 구분: 보완필요"),
        ("busan_editor", "종결요청"),
        ("committee_staff", "종결 확정(반기별 이행점검 결과 보고)"),
    ]
    assert all(h.history_user for t in Transition.objects.all() for h in t.history.all())
