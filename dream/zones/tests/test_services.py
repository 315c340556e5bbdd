"""The designation services: an application at 신청 with its area as entered; corrections only
while at 신청; the Committee's moves 신청 → 심의·의결 → 지정 or 미지정, a withdrawal before a
decision, nothing out of 지정, 미지정 or 철회; dates in order and never in the future; every
move a decision row; every save in the history with its actor. Two staff deciding the same
step at once: one wins, the other is told it was taken."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from dream.accounts.testing import Persona, persona_maker
from dream.cycle.errors import InvalidInput, StateConflict
from dream.plans.models import Plan
from dream.zones import services
from dream.zones.choices import DesignationStage
from dream.zones.models import DesignationDecision, ZoneDesignation

from .conftest import APPLIED_ON, DELIBERATED_ON, DESIGNATED_ON, PERSONA_SPECS

APPLIED = DesignationStage.APPLIED
DELIBERATED = DesignationStage.DELIBERATED
DESIGNATED = DesignationStage.DESIGNATED
REFUSED = DesignationStage.REFUSED
WITHDRAWN = DesignationStage.WITHDRAWN


def _to(designation, stage, staff, editor, on=DESIGNATED_ON):
    """Move `designation` to `stage` the way people do: staff decide, the province withdraws."""
    if stage == WITHDRAWN:
        return services.designation_withdraw(
            actor=editor, designation=designation, decided_on=on, decision="철회"
        )
    return services.designation_decide(
        actor=staff, designation=designation, stage=stage, decided_on=on, decision="결정"
    )


def test_an_application_keeps_its_area_as_entered_beside_its_reading(apply):
    designation = apply(area_text="1,200,000평")

    assert designation.stage == APPLIED
    assert (designation.area_text, designation.area_pyeong) == ("1,200,000평", Decimal(120))


def test_an_application_may_leave_its_area_unknown(apply):
    designation = apply(area_text="")

    assert (designation.area_text, designation.area_pyeong) == ("", None)


def test_a_comma_decimal_area_is_refused_and_nothing_is_stored(apply):
    with pytest.raises(InvalidInput, match="소수점은 마침표로"):
        apply(area_text="31,6만평")
    assert not ZoneDesignation.objects.exists()


def test_text_is_stored_as_entered_even_when_it_looks_like_a_formula(apply):
    designation = apply(name='=HYPERLINK("http://x")')

    designation.refresh_from_db()
    assert designation.name == '=HYPERLINK("http://x")'


def test_a_nul_byte_in_the_name_is_refused(apply):
    with pytest.raises(InvalidInput, match="제어 문자"):
        apply(name="부산\x00특구")


def test_only_a_zone_task_of_a_published_year_takes_applications(apply, zone_task, tasks_2024):
    from dream.priorities.models import PriorityTask

    priority = PriorityTask.objects.get(year=2024, group="priority")
    with pytest.raises(InvalidInput, match="4대 특구"):
        apply(task=priority)
    Plan.objects.filter(year=2024).update(is_draft=True)
    with pytest.raises(InvalidInput, match="공개되지 않아"):
        apply()


def test_only_a_province_applies(apply):
    with pytest.raises(InvalidInput, match="시·도가 신청"):
        apply(persona="committee_staff", province="행안부")


@pytest.mark.parametrize(
    ("applied_on", "says"),
    [
        ("2024-02-30", "날짜(예: 2024-03-29)"),
        ("어제", "날짜(예: 2024-03-29)"),
        ("", "신청일을 적어 주세요"),
        (timezone.localdate() + timedelta(days=1), "오늘 이후일 수 없습니다"),
    ],
)
def test_an_unreadable_or_future_application_date_is_refused(apply, applied_on, says):
    with pytest.raises(InvalidInput, match=says.replace("(", r"\(").replace(")", r"\)")):
        apply(applied_on=applied_on)


def test_the_same_name_twice_for_a_province_and_zone_is_a_conflict(apply):
    apply()
    with pytest.raises(StateConflict, match="이미 있습니다"):
        apply(area_text="10만평")
    apply(persona="seoul_editor", province="서울")  # another province may use the name


# (from, to) → allowed, for every stage pair; 신청 is never a target.
MOVES = {
    (APPLIED, DELIBERATED): True,
    (APPLIED, DESIGNATED): False,
    (APPLIED, REFUSED): False,
    (APPLIED, WITHDRAWN): True,
    (DELIBERATED, DELIBERATED): False,
    (DELIBERATED, DESIGNATED): True,
    (DELIBERATED, REFUSED): True,
    (DELIBERATED, WITHDRAWN): True,
    **{
        (final, target): False
        for final in (DESIGNATED, REFUSED, WITHDRAWN)
        for target in (DELIBERATED, DESIGNATED, REFUSED, WITHDRAWN)
    },
}
PATH = {
    APPLIED: [],
    DELIBERATED: [DELIBERATED],
    DESIGNATED: [DELIBERATED, DESIGNATED],
    REFUSED: [DELIBERATED, REFUSED],
    WITHDRAWN: [WITHDRAWN],
}


@pytest.mark.parametrize(("start", "target", "allowed"), [(*m, a) for m, a in MOVES.items()])
def test_each_move_is_allowed_or_refused_as_a_state_conflict(
    applied, staff, personas, start, target, allowed
):
    editor = personas("busan_editor")
    for stage in PATH[start]:
        _to(applied, stage, staff, editor, on=DELIBERATED_ON)
    before = DesignationDecision.objects.count()
    if allowed:
        decision = _to(applied, target, staff, editor)
        assert decision.stage == target
    else:
        with pytest.raises(StateConflict):
            _to(applied, target, staff, editor)
    applied.refresh_from_db()
    assert applied.stage == (target if allowed else start)
    assert DesignationDecision.objects.count() == before + allowed


@pytest.mark.parametrize("stage", [APPLIED, "approved", ""])
def test_a_stage_the_committee_does_not_decide_is_invalid_input(applied, staff, stage):
    with pytest.raises(InvalidInput):
        _to(applied, stage, staff, None)


def test_withdrawing_is_not_a_committee_decision(applied, staff):
    with pytest.raises(InvalidInput, match="철회"):
        services.designation_decide(
            actor=staff, designation=applied, stage=WITHDRAWN, decided_on=DELIBERATED_ON,
            decision="x",
        )  # fmt: skip


@pytest.mark.parametrize(
    ("decided_on", "says"),
    [
        (APPLIED_ON - timedelta(days=1), "신청일(2024-03-29) 이후"),
        (timezone.localdate() + timedelta(days=1), "오늘 이후일 수 없습니다"),
        ("6월 5일", "날짜"),
    ],
)
def test_a_decision_date_before_the_application_or_in_the_future_is_refused(
    applied, staff, decided_on, says
):
    with pytest.raises(InvalidInput, match=says.replace("(", r"\(").replace(")", r"\)")):
        _to(applied, DELIBERATED, staff, None, on=decided_on)
    applied.refresh_from_db()
    assert applied.stage == APPLIED and not applied.decisions.exists()


def test_a_decision_date_before_the_previous_decision_is_refused(deliberated, staff):
    with pytest.raises(InvalidInput, match="앞 결정일"):
        _to(deliberated, DESIGNATED, staff, None, on=DELIBERATED_ON - timedelta(days=1))
    assert _to(deliberated, DESIGNATED, staff, None, on=DELIBERATED_ON).stage == DESIGNATED


def test_a_decision_needs_its_text(applied, staff):
    with pytest.raises(InvalidInput, match="결정 내용"):
        services.designation_decide(
            actor=staff, designation=applied, stage=DELIBERATED, decided_on=DELIBERATED_ON,
            decision="  ",
        )  # fmt: skip


def test_an_application_is_corrected_only_at_applied(deliberated, personas):
    editor = personas("busan_editor")
    with pytest.raises(StateConflict, match="신청 단계에서만"):
        services.designation_update(actor=editor, designation=deliberated, name="새 이름")


def test_a_correction_reads_the_new_area_and_keeps_the_old_in_history(applied, personas):
    editor = personas("busan_editor")
    services.designation_update(actor=editor, designation=applied, area_text="3.5만평")

    applied.refresh_from_db()
    assert (applied.area_text, applied.area_pyeong) == ("3.5만평", Decimal("3.5"))
    latest, first = applied.history.order_by("-history_id")[:2]
    assert (first.area_text, latest.area_text) == ("120만평", "3.5만평")
    assert latest.history_change_reason == "신청 수정: 면적"


def test_a_correction_that_changes_nothing_writes_no_history(applied, personas):
    services.designation_update(
        actor=personas("busan_editor"), designation=applied, name=applied.name, area_text="120만평"
    )
    assert applied.history.count() == 1


def test_a_designation_beyond_the_cap_is_recorded_not_refused(apply, staff):
    big = apply(name="큰 특구", area_text="160만평")
    for stage in (DELIBERATED, DESIGNATED):
        _to(big, stage, staff, None)

    big.refresh_from_db()
    assert big.stage == DESIGNATED


def test_every_save_names_its_actor_in_the_history(applied, staff, personas):
    editor = personas("busan_editor")
    services.designation_update(actor=editor, designation=applied, name="부산 특구")
    for stage in (DELIBERATED, DESIGNATED):
        _to(applied, stage, staff, editor)

    records = applied.history.order_by("history_id")
    assert [(r.history_user, r.history_change_reason) for r in records] == [
        (editor, "특구 지정 신청"),
        (editor, "신청 수정: 이름"),
        (staff, "단계: 심의·의결"),
        (staff, "단계: 지정"),
    ]
    decisions = DesignationDecision.history.order_by("history_id")
    assert [(r.history_user, r.stage) for r in decisions] == [
        (staff, DELIBERATED),
        (staff, DESIGNATED),
    ]
    assert [d.recorded_by for d in applied.decisions.all()] == [staff, staff]


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_the_same_step_at_once_record_it_once(zone_task, orgs):
    make = persona_maker(
        orgs,
        PERSONA_SPECS | {"second_staff": Persona("second_staff", "위원회", "editor")},
    )
    first, second = make("committee_staff"), make("second_staff")
    designation = services.designation_apply(
        actor=make("busan_editor"), task=zone_task, province=orgs["부산"], name="부산 특구",
        area_text="100만평", applied_on=APPLIED_ON,
    )  # fmt: skip
    for stages in ([DELIBERATED, DELIBERATED], [DESIGNATED, REFUSED]):
        barrier = threading.Barrier(2)
        outcomes = []

        def decide(actor, stage, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                services.designation_decide(
                    actor=actor, designation=designation, stage=stage,
                    decided_on=DELIBERATED_ON, decision=f"{actor.username} 결정",
                )  # fmt: skip
                outcomes.append(stage)
            except StateConflict:
                outcomes.append("conflict")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=decide, args=(actor, stage))
            for actor, stage in zip((first, second), stages, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes, key=str).count("conflict") == 1, outcomes
        won = next(outcome for outcome in outcomes if outcome != "conflict")
        designation.refresh_from_db()
        assert designation.stage == won
    assert list(designation.decisions.values_list("stage", flat=True)) == [
        DELIBERATED,
        designation.stage,
    ]
    assert designation.history.count() == 3


def test_a_decision_dated_today_is_accepted(applied, staff):
    today = timezone.localdate()
    assert _to(applied, DELIBERATED, staff, None, on=today).decided_on == today
