"""The write path: registering agencies and saving, correcting and submitting reports."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from dream.accounts.choices import OrganizationKind
from dream.agencies.choices import Incorporation, ReportState
from dream.agencies.models import PerformanceReport
from dream.agencies.selectors import agency_for_province
from dream.agencies.services import (
    OutcomeInput,
    agency_register,
    agency_update,
    performance_report_save,
    performance_report_submit,
)
from dream.cycle.errors import InvalidInput, StateConflict

from .conftest import DIP


def test_an_agency_is_an_organization_of_its_province_with_a_profile(orgs, staff):
    agency = agency_register(
        actor=staff, province=orgs["광주"], name="광주정보문화산업진흥원",
        incorporation=Incorporation.INDEPENDENT, source_text="광주시 공개 자료",
    )  # fmt: skip
    organization = agency.organization
    assert organization.kind == OrganizationKind.AGENCY
    assert organization.parent == orgs["광주"]
    assert agency.history.first().history_user == staff
    assert agency_for_province(orgs["광주"]) == agency


def test_an_agency_name_is_registered_once(orgs, staff):
    with pytest.raises(InvalidInput, match="이미 등록된"):
        agency_register(actor=staff, province=orgs["대구"], name=DIP)


def test_an_agency_belongs_to_a_province(orgs, staff):
    with pytest.raises(InvalidInput, match="시·도"):
        agency_register(actor=staff, province=orgs["과기정통부"], name="어느 기관")


def test_an_update_renames_the_organization_and_keeps_history(dip, orgs, staff):
    agency_update(
        actor=staff, agency=dip, province=dip.province, name="대구디지털혁신진흥원(DIP)",
        incorporation=Incorporation.ATTACHED, reason="정식 명칭 확인",
    )  # fmt: skip
    dip.refresh_from_db()
    dip.organization.refresh_from_db()
    assert dip.organization.short_name == "대구디지털혁신진흥원(DIP)"
    assert [h.incorporation for h in dip.history.order_by("history_id")] == [
        Incorporation.UNCONFIRMED,
        Incorporation.ATTACHED,
    ]
    assert dip.history.first().history_change_reason == "정식 명칭 확인"


def test_an_inactive_agency_is_not_the_province_agency(dip, staff):
    agency_update(
        actor=staff, agency=dip, province=dip.province, name=DIP,
        incorporation=dip.incorporation, is_active=False,
    )  # fmt: skip
    assert agency_for_province(dip.province) is None


def test_a_report_keeps_amounts_as_entered_and_computes_achievement(make_report):
    report = make_report(budget="1,234.5", spent="93.5억원")
    assert (report.budget_eok, report.budget_text) == (Decimal("1234.5"), "1,234.5")
    assert (report.spent_eok, report.spent_text) == (Decimal("93.5"), "93.5억원")
    outcome = report.outcomes.get()
    assert outcome.target_value == 40 and outcome.actual_value == 30
    assert outcome.achievement_percent == Decimal("75.0")
    assert report.state == ReportState.DRAFT


def test_a_text_outcome_has_no_achievement(make_report):
    report = make_report(outcomes=[OutcomeInput("조례 제정", "", "제정", "완료")])
    assert report.outcomes.get().achievement_percent is None


@pytest.mark.parametrize("field", ["budget", "spent"])
def test_a_comma_decimal_amount_is_refused(make_report, field):
    with pytest.raises(InvalidInput, match="31,6"):
        make_report(**{field: "31,6"})
    assert not PerformanceReport.objects.exists()


def test_a_comma_decimal_outcome_is_refused(make_report):
    with pytest.raises(InvalidInput, match="31,6"):
        make_report(outcomes=[OutcomeInput("가동률", "%", "31,6", "")])


def test_the_budget_refusal_names_the_budget(make_report):
    with pytest.raises(InvalidInput, match="예산"):
        make_report(budget="많음")


def test_saving_again_changes_the_report_and_its_outcomes_with_history(make_report):
    report = make_report()
    again = make_report(
        budget="100", outcomes=[OutcomeInput("지원 기업", "개", "40", "45")], seen=report.version
    )
    assert again.pk == report.pk and again.version == report.version + 1
    assert again.history.count() == 2
    outcome = again.outcomes.get()
    assert outcome.actual_text == "45" and outcome.history.count() == 2


def test_a_save_from_a_stale_form_is_refused(make_report):
    report = make_report()
    make_report(budget="100", seen=report.version)
    with pytest.raises(StateConflict, match="먼저"):
        make_report(budget="200", seen=report.version)


def test_a_submitted_report_is_corrected_only_by_staff(make_report, personas, staff):
    report = performance_report_submit(actor=personas("agency_editor"), report=make_report())
    with pytest.raises(StateConflict, match="제출한 보고"):
        make_report(budget="1")
    with pytest.raises(StateConflict, match="이미 제출"):
        performance_report_submit(actor=staff, report=report)
    corrected = make_report(actor=staff, budget="95")
    assert corrected.state == ReportState.SUBMITTED and corrected.budget_eok == 95


def test_a_report_refuses_a_body_that_is_not_a_ministry(make_report, orgs):
    with pytest.raises(InvalidInput, match="부처"):
        make_report(ministry=orgs["부산"])


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_report_at_once_do_not_overwrite_each_other(
    orgs, dip, personas
):
    first, second = personas("agency_editor"), personas("agency_manager_2")
    report = performance_report_save(
        actor=first, agency=dip, year=2024, ministry=orgs["과기정통부"],
        programme="이노베이션스퀘어", budget="10",
    )  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, budget):
        try:
            barrier.wait()
            performance_report_save(
                actor=user, agency=dip, report=report, year=2024, ministry=report.ministry,
                programme=report.programme, budget=budget, seen=report.version,
            )  # fmt: skip
            outcomes.append(budget)
        except StateConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(first, "20")),
        threading.Thread(target=save, args=(second, "30")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes, key=str) in (["20", "refused"], ["30", "refused"])
    stored = PerformanceReport.objects.get(pk=report.pk)
    assert stored.budget_text == next(o for o in outcomes if o != "refused")
    assert stored.version == report.version + 1
    assert stored.history.count() == 2
