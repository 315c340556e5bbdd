"""A task's yearly budget need (l.622–623): "종합계획 반영과제 中 ’25년 예산 필요과제를 시·도에서
제출받아, 부처협의 후 기재부에 송부" — submitted by the province, the ministry's opinion, then
forwarded to 기획재정부; the amount kept as entered beside the 억원 DREAM reads."""

from datetime import date
from decimal import Decimal

import pytest

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.regional_tasks import services
from dream.regional_tasks.choices import BudgetStage
from dream.regional_tasks.models import BudgetRequest


@pytest.fixture
def submit(task, personas):
    def make(amount="1,234.5억원", year=2025, actor="busan_editor", **fields):
        return services.budget_request_submit(
            actor=personas(actor), task=fields.pop("task", task), year=year, amount_text=amount,
            **fields,
        )  # fmt: skip

    return make


def test_the_budget_path_province_then_ministry_then_the_finance_ministry(submit, personas, staff):
    request = submit(request_note="설계비")
    assert (request.stage, request.amount_eok, request.amount_text) == (
        BudgetStage.REQUESTED,
        Decimal("1234.5"),
        "1,234.5억원",
    )
    with pytest.raises(StateConflict, match="먼저 부처 협의 의견"):
        services.budget_forward(actor=staff, request=request, forwarded_on=date(2025, 5, 1))
    services.budget_opinion_record(
        actor=personas("ministry_editor"), request=request, opinion="설계비 반영 검토"
    )
    request.refresh_from_db()
    assert (request.stage, request.opinion_by) == (
        BudgetStage.MINISTRY_OPINION,
        personas("ministry_editor"),
    )
    services.budget_forward(actor=staff, request=request, forwarded_on=date(2025, 5, 30))
    request.refresh_from_db()
    assert (request.stage, request.forwarded_on) == (BudgetStage.FORWARDED, date(2025, 5, 30))
    with pytest.raises(StateConflict, match="이미 2025-05-30"):
        services.budget_forward(actor=staff, request=request, forwarded_on=date(2025, 5, 30))
    with pytest.raises(StateConflict, match="송부한"):
        services.budget_opinion_record(actor=staff, request=request, opinion="다른 의견")
    assert [h.history_change_reason for h in request.history.order_by("history_id")] == [
        "예산 요구 제출",
        "부처 협의 의견",
        "기획재정부 송부",
    ]


def test_only_tasks_of_the_comprehensive_plan_ask_for_a_budget(task_of, submit):
    outside = task_of(code="부산-09", in_comprehensive_plan=False)
    with pytest.raises(StateConflict, match="종합계획.*반영된 과제만"):
        submit(task=outside)
    assert not BudgetRequest.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("31,6", "소수점"), ("", "예산 요구액을 적어"), ("많이", "숫자로 읽을 수 없습니다"),
     ("-5", "0억원 이상"), ("5\x00", "제어 문자")],
)  # fmt: skip
def test_an_unreadable_amount_is_refused(submit, amount, message):
    with pytest.raises(InvalidInput, match=message):
        submit(amount=amount)
    assert not BudgetRequest.objects.exists()


@pytest.mark.parametrize("year", [2022, 2028, "내년", True])
def test_a_budget_year_outside_the_comprehensive_plan_is_refused(submit, year):
    with pytest.raises(InvalidInput, match="예산 연도"):
        submit(year=year)


def test_a_resubmission_before_the_opinion_replaces_the_amount_with_history(submit, personas):
    submit(amount="100")
    submit(amount="120.5")
    request = BudgetRequest.objects.get()
    assert (request.amount_eok, request.amount_text) == (Decimal("120.5"), "120.5")
    assert request.history.count() == 2
    services.budget_opinion_record(actor=personas("ministry_editor"), request=request, opinion="o")
    with pytest.raises(StateConflict, match="부처 협의 의견 단계"):
        submit(amount="130")


def test_another_ministry_gives_no_opinion_and_a_province_does_not_forward(submit, personas):
    request = submit()
    with pytest.raises(NotAllowed, match="소관 부처"):
        services.budget_opinion_record(actor=personas("msit_editor"), request=request, opinion="o")
    services.budget_opinion_record(actor=personas("committee_staff"), request=request, opinion="o")
    with pytest.raises(NotAllowed, match="위원회 담당자"):
        services.budget_forward(
            actor=personas("busan_editor"), request=request, forwarded_on=date(2025, 5, 1)
        )


def test_a_task_without_a_ministry_gets_no_opinion_until_one_is_named(task_of, submit, staff):
    orphan = task_of(code="부산-05", ministry=None)
    request = submit(task=orphan)
    with pytest.raises(StateConflict, match="소관 부처가 정해지지 않은"):
        services.budget_opinion_record(actor=staff, request=request, opinion="의견")


def test_a_closed_task_asks_for_no_budget(closing, close_path, submit):
    close_path(closing)
    with pytest.raises(StateConflict, match="종결된 과제"):
        submit(task=closing)
