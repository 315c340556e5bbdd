"""The write path of indicator actuals (dream.results.services): what is stored, what is
refused and why, history, states, and two people at once. The real 2024 plan's bodies are in
test_actuals_2024.py."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan
from dream.results.choices import ResultState
from dream.results.models import IndicatorActual, ResultSubmission
from dream.results.services import indicator_actual_delete, indicator_actual_record

from .conftest import OBSERVED, SOURCE


def _history(indicator):
    return list(IndicatorActual.history.filter(indicator_id=indicator.pk).order_by("history_id"))


def test_a_number_is_stored_beside_the_text_as_written(actual_plans, personas, enter_actual):
    editor = personas("busan_editor")
    actual = enter_actual(editor, actual_plans.jobs, "1,662.3")

    assert (actual.value_text, actual.value, actual.year) == ("1,662.3", Decimal("1662.3"), 2024)
    assert actual.recorded_by == editor
    [created] = _history(actual_plans.jobs)
    assert (created.history_user, created.history_change_reason) == (editor, "실적 입력")


@pytest.mark.parametrize(
    ("typed", "number"),
    [("1,662.3천명", "1662.3"), ("1662 천명", "1662"), ("98.5%", "98.5"), ("△0.5", "-0.5")],
)
def test_the_indicators_unit_or_percent_may_follow_the_number(
    actual_plans, personas, enter_actual, typed, number
):
    actual = enter_actual(personas("busan_editor"), actual_plans.jobs, typed)

    assert (actual.value_text, actual.value) == (typed, Decimal(number))


def test_a_comma_decimal_is_refused_like_in_drafting(actual_plans, personas, enter_actual):
    with pytest.raises(InvalidInput, match="소수점은 마침표로"):
        enter_actual(personas("busan_editor"), actual_plans.jobs, "31,6")

    assert not IndicatorActual.objects.exists()


def test_a_text_actual_is_kept_without_a_number(actual_plans, personas, enter_actual):
    actual = enter_actual(personas("busan_editor"), actual_plans.notice, "기본계획 고시 완료")

    assert (actual.value_text, actual.value) == ("기본계획 고시 완료", None)


def test_a_mistyped_number_for_a_numeric_target_is_refused(actual_plans, personas, enter_actual):
    with pytest.raises(InvalidInput, match="숫자로 읽을 수 없습니다"):
        enter_actual(personas("busan_editor"), actual_plans.jobs, "1.662.3")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": ""}, "실적을 적어"),
        ({"source": " "}, "출처를 적어"),
        ({"source": "가" * 501}, "500자까지"),
        ({"source": "통계\x00표"}, "제어 문자"),
        ({"note": "비\x1b고"}, "제어 문자"),
        ({"observed_on": "2025/13/40"}, "2025-01-31처럼"),
        ({"observed_on": timezone.localdate() + timedelta(days=1)}, "오늘보다 뒤"),
        ({"value": "1" * 17}, "너무 큽니다"),
        ({"value": "1.12345"}, "4자리까지"),
    ],
)
def test_what_cannot_be_stored_is_refused(actual_plans, personas, enter_actual, fields, message):
    value = fields.pop("value", "1,662.3")
    with pytest.raises(InvalidInput, match=message):
        enter_actual(personas("busan_editor"), actual_plans.jobs, value, **fields)

    assert not IndicatorActual.objects.exists()


def test_the_year_is_the_plans_year(actual_plans, personas):
    with pytest.raises(InvalidInput, match="2024년이어야"):
        indicator_actual_record(
            actor=personas("busan_editor"), indicator=actual_plans.jobs, year=2025,
            value_text="1", source=SOURCE, observed_on=OBSERVED,
        )  # fmt: skip


def test_replacing_needs_a_reason_and_the_history_keeps_the_old_value(
    actual_plans, personas, enter_actual
):
    editor = personas("busan_editor")
    enter_actual(editor, actual_plans.jobs, "1,650")

    with pytest.raises(InvalidInput, match="까닭을 적어"):
        enter_actual(editor, actual_plans.jobs, "1,662.3")
    actual = enter_actual(editor, actual_plans.jobs, "1,662.3", reason="확정치 공표")

    assert actual.value == Decimal("1662.3")
    old, new = _history(actual_plans.jobs)
    assert (old.value_text, new.value_text, new.history_change_reason) == (
        "1,650",
        "1,662.3",
        "확정치 공표",
    )


def test_sending_the_stored_actual_again_changes_nothing(actual_plans, personas, enter_actual):
    editor = personas("busan_editor")
    enter_actual(editor, actual_plans.jobs, "1,650")
    enter_actual(editor, actual_plans.jobs, "1,650")

    assert len(_history(actual_plans.jobs)) == 1


def test_deleting_needs_a_reason_and_stays_in_the_history(actual_plans, personas, enter_actual):
    editor = personas("busan_editor")
    actual = enter_actual(editor, actual_plans.jobs, "1,650")

    with pytest.raises(InvalidInput, match="까닭"):
        indicator_actual_delete(actor=editor, actual=actual, reason=" ")
    indicator_actual_delete(actor=editor, actual=actual, reason="다른 지표의 값이었음")

    assert not IndicatorActual.objects.exists()
    deleted = _history(actual_plans.jobs)[-1]
    assert (deleted.history_type, deleted.value_text, deleted.history_change_reason) == (
        "-",
        "1,650",
        "다른 지표의 값이었음",
    )


def test_a_sectoral_indicator_is_entered_by_its_lead_ministry_only(
    actual_plans, personas, orgs, enter_actual
):
    from dream.accounts.models import Membership, User

    cooperating = User.objects.create_user("msit_editor")
    Membership.objects.create(user=cooperating, organization=orgs["과기정통부"], role="editor")
    for refused in (cooperating, personas("busan_editor")):
        with pytest.raises(NotAllowed, match="행정안전부|행안부"):
            enter_actual(refused, actual_plans.digital, "45")

    actual = enter_actual(personas("ministry_editor"), actual_plans.digital, "45")

    assert actual.value == Decimal("45")
    submission = ResultSubmission.objects.get()
    assert (submission.plan, submission.organization) == (actual_plans.sectoral, orgs["행안부"])


def test_a_draft_plan_takes_no_results(orgs, personas, enter_actual):
    draft = Plan.objects.create(
        year=2024, level=PlanLevel.PROVINCE, owner=orgs["부산"], is_draft=True
    )
    indicator = Indicator.objects.create(plan=draft, position=1, group="common", name="일자리수")

    with pytest.raises(StateConflict, match="초안"):
        enter_actual(personas("busan_editor"), indicator, "1")


@pytest.mark.parametrize("state", [ResultState.SUBMITTED, ResultState.CONFIRMED])
def test_once_submitted_only_staff_write_and_only_with_a_reason(
    actual_plans, personas, enter_actual, state, orgs
):
    ResultSubmission.objects.create(plan=actual_plans.busan, organization=orgs["부산"], state=state)

    with pytest.raises(StateConflict, match="작성 중, 보완 요청"):
        enter_actual(personas("busan_editor"), actual_plans.jobs, "1,650")
    with pytest.raises(InvalidInput, match="까닭"):
        enter_actual(personas("committee_staff"), actual_plans.jobs, "1,650")
    actual = enter_actual(
        personas("committee_staff"), actual_plans.jobs, "1,650", reason="오기 정정"
    )

    assert _history(actual_plans.jobs)[-1].history_change_reason == "오기 정정"
    assert actual.value == Decimal("1650")


def test_a_returned_submission_is_written_by_the_body_again(
    actual_plans, personas, enter_actual, orgs
):
    ResultSubmission.objects.create(
        plan=actual_plans.busan, organization=orgs["부산"], state=ResultState.RETURNED
    )

    assert enter_actual(personas("busan_editor"), actual_plans.jobs, "1,650").pk


@pytest.mark.django_db(transaction=True)
def test_two_editors_entering_one_actual_at_once_are_taken_one_after_the_other(
    actual_plans, personas
):
    from dream.accounts.models import Membership, User

    second = User.objects.create_user("busan_editor_2")
    Membership.objects.create(user=second, organization=actual_plans.busan.owner, role="editor")
    editors = {"1,650": personas("busan_editor"), "1,662.3": second}
    barrier = threading.Barrier(2)
    outcomes = []

    def enter(value, editor):
        try:
            barrier.wait()
            indicator_actual_record(
                actor=editor, indicator=actual_plans.jobs, year=2024, value_text=value,
                source=SOURCE, observed_on=date(2025, 1, 31), reason=f"{editor} 입력",
            )  # fmt: skip
            outcomes.append("stored")
        except Exception as error:  # noqa: BLE001 — the test reports any failure
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=enter, args=item) for item in editors.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["stored", "stored"]
    history = _history(actual_plans.jobs)
    assert sorted(h.value_text for h in history) == ["1,650", "1,662.3"]
    assert [h.history_type for h in history] == ["+", "~"]
    assert IndicatorActual.objects.get().value_text == history[-1].value_text
    assert ResultSubmission.objects.count() == 1
