"""Entering one actual: who may, what is refused (in Korean), and replacing a year's value."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dream.tracking.models import GoalValue
from dream.tracking.services import goal_value_record

DAY = datetime.date(2026, 3, 31)


def record(actor, goal, **changes):
    entry = {"year": 2025, "value": "20", "source": "디지털산업 실태조사", "observed_on": DAY}
    return goal_value_record(actor=actor, goal=goal, **{**entry, **changes})


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("anonymous", False),
        ("province_editor", False),
        ("committee_viewer", False),
        ("committee_editor", True),
        ("superuser", True),
    ],
)
def test_only_committee_staff_may_record_an_actual(persona, economy, name, allowed):
    user = persona(name)

    if allowed:
        assert record(user, economy).value == D(20)
    else:
        with pytest.raises(PermissionDenied):
            record(user, economy)
        assert not GoalValue.objects.exists()


def test_permission_is_checked_before_the_entry(persona, economy):
    with pytest.raises(PermissionDenied):
        record(persona("province_editor"), economy, year="not a year")


def test_a_recorded_actual_keeps_what_was_typed_and_who_entered_it(editor, economy):
    row = record(editor, economy, value=" 20.5조원 ", observed_on="2026. 3. 31.")

    assert (row.year, row.value, row.value_text) == (2025, D("20.5"), "20.5조원")
    assert (row.observed_on, row.recorded_by) == (DAY, editor)
    assert row.history.get().history_user == editor


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"year": 2019}, "year", "연도는 2020년부터 2030년 사이여야 합니다"),
        ({"year": 2031}, "year", "연도는 2020년부터 2030년 사이여야 합니다"),
        ({"year": "이천이십오"}, "year", "네 자리 숫자"),
        ({"value": ""}, "value", "값을 적으세요"),
        ({"value": "약 20"}, "value", "'약 20'을 숫자로 읽을 수 없습니다"),
        ({"value": "20,5"}, "value", "숫자로 읽을 수 없습니다"),  # a comma as decimal point
        ({"value": "-1"}, "value", "0보다 작을 수 없습니다"),
        ({"value": "1.23456"}, "value", "소수점 아래 4자리까지"),
        ({"value": "1" * 17}, "value", "값이 너무 큽니다"),
        ({"source": "  "}, "source", "출처를 적으세요"),
        ({"source": "가" * 501}, "source", "500자까지"),
        ({"observed_on": ""}, "observed_on", "기준일은 2025-03-31처럼"),
        ({"observed_on": "2026-02-30"}, "observed_on", "기준일은 2025-03-31처럼"),
    ],
)
def test_an_entry_is_refused_with_a_korean_reason(editor, economy, changes, field, message):
    with pytest.raises(ValidationError) as excinfo:
        record(editor, economy, **changes)

    assert message in " ".join(errors_of(excinfo)[field])
    assert not GoalValue.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"year": "²"}, "year", "네 자리 숫자"),  # isdigit() but not int()
        ({"year": "2²"}, "year", "네 자리 숫자"),
        ({"year": "9" * 5000}, "year", "네 자리 숫자"),  # beyond int()'s 4,300 digits
        ({"year": float("nan")}, "year", "네 자리 숫자"),  # from a spreadsheet cell
        ({"year": float("inf")}, "year", "네 자리 숫자"),
        ({"year": D("NaN")}, "year", "네 자리 숫자"),
        ({"year": 1e300}, "year", "2020년부터 2030년 사이"),
        ({"value": "1e999"}, "value", "숫자로 읽을 수 없습니다"),
        ({"value": "NaN"}, "value", "숫자로 읽을 수 없습니다"),
        ({"value": "Infinity"}, "value", "숫자로 읽을 수 없습니다"),
        ({"value": "9" * 5000}, "value", "값이 너무 큽니다"),
        ({"value": float("inf")}, "value", "무한대 또는 NaN"),
        ({"value": float("-inf")}, "value", "무한대 또는 NaN"),
        ({"value": float("nan")}, "value", "무한대 또는 NaN"),
        ({"value": D("sNaN")}, "value", "무한대 또는 NaN"),
        ({"value": 1e300}, "value", "값이 너무 큽니다"),
        ({"value": 10**4000}, "value", "값이 너무 큽니다"),
        ({"value": D("1E+20")}, "value", "값이 너무 큽니다"),
        ({"source": "실태\x00조사"}, "source", "NUL 문자"),
        ({"observed_on": "99999-01-01"}, "observed_on", "기준일은 2025-03-31처럼"),
        ({"observed_on": "²０２５-01-01"}, "observed_on", "기준일은 2025-03-31처럼"),
    ],
)
def test_a_hostile_entry_gets_the_fields_korean_message_not_a_crash(
    editor, economy, changes, field, message
):
    with pytest.raises(ValidationError) as excinfo:
        record(editor, economy, **changes)

    assert message in " ".join(errors_of(excinfo)[field])
    assert not GoalValue.objects.exists()


def test_the_years_run_from_the_baseline_to_three_years_after_the_target(editor, economy):
    assert record(editor, economy, year=2020).year == 2020
    assert record(editor, economy, year="2030년").year == 2030


def test_a_date_after_today_is_refused(editor, economy):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as excinfo:
        record(editor, economy, observed_on=tomorrow)

    assert errors_of(excinfo)["observed_on"] == ["기준일이 오늘보다 뒤입니다."]


def test_a_rate_cannot_exceed_100_percent(editor, retention):
    with pytest.raises(ValidationError) as excinfo:
        record(editor, retention, value="100.5%")

    assert errors_of(excinfo)["value"] == ["비율(%)은 100을 넘을 수 없습니다."]
    assert record(editor, retention, value="45.2%").value == D("45.2")


def test_every_problem_of_an_entry_is_reported_at_once(editor, economy):
    with pytest.raises(ValidationError) as excinfo:
        record(editor, economy, year=2040, value="x", source="", observed_on="어제")

    assert set(errors_of(excinfo)) == {"year", "value", "source", "observed_on"}


def test_a_new_value_for_the_same_year_replaces_it_and_the_history_keeps_the_old(persona, economy):
    first, second = persona("committee_editor"), persona("superuser")
    record(first, economy, value="20")

    record(second, economy, value="21.5", source="2026년 확정치")

    row = GoalValue.objects.get()
    assert (row.value, row.source, row.recorded_by) == (D("21.5"), "2026년 확정치", second)
    history = list(row.history.order_by("history_date"))
    assert [(h.value, h.history_user) for h in history] == [(D(20), first), (D("21.5"), second)]
    assert history[-1].history_change_reason == "실적 입력"


def test_entering_the_same_figure_again_adds_no_history(editor, economy):
    record(editor, economy, value="20")
    record(editor, economy, value="20조원")

    assert GoalValue.history.count() == 1
