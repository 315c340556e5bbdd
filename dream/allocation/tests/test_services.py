"""Base amounts, settings, runs and their reproduction, the what-if (docs/allocation.md)."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from dream.allocation import services
from dream.allocation.models import (
    AllocationLine,
    AllocationRun,
    AllocationSettings,
    BaseAmount,
    Measure,
    TurnkeyProgramme,
)
from dream.cycle.errors import InvalidInput

from .conftest import SAMPLE, YEAR, base_total


def test_the_three_printed_programmes_are_seeded_with_their_line(db):
    assert list(TurnkeyProgramme.objects.values_list("name", "source_line")) == [
        ("지역디지털기초체력지원", 1120),
        ("SW융합클러스터", 1120),
        ("이노베이션스퀘어", 1120),
    ]


def test_a_base_amount_keeps_its_text_and_history(orgs, staff):
    programme = TurnkeyProgramme.objects.first()
    services.base_amount_set(
        actor=staff,
        year=YEAR,
        province=orgs["부산"],
        programme=programme,
        amount_text="1,234.5억원",
    )
    row = services.base_amount_set(
        actor=staff, year=YEAR, province=orgs["부산"], programme=programme, amount_text="93.5"
    )
    assert (row.amount_eok, row.amount_text) == (Decimal("93.5"), "93.5")
    assert [h.amount_text for h in row.history.order_by("history_date")] == ["1,234.5억원", "93.5"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("31,6", "쉼표"), ("-3", "0억원 이상"), ("1.234", "2자리"), ("많이", "숫자로"), ("", "적어")],
)
def test_a_bad_base_amount_is_refused(orgs, staff, text, message):
    with pytest.raises(InvalidInput, match=message):
        services.base_amount_set(
            actor=staff,
            year=YEAR,
            province=orgs["부산"],
            programme=TurnkeyProgramme.objects.first(),
            amount_text=text,
        )
    assert not BaseAmount.objects.exists()


def test_a_base_amount_is_for_a_province_only(orgs, staff):
    with pytest.raises(InvalidInput, match="시·도"):
        services.base_amount_set(
            actor=staff,
            year=YEAR,
            province=orgs["행안부"],
            programme=TurnkeyProgramme.objects.first(),
            amount_text="1",
        )


def test_the_cap_may_be_lowered_but_never_above_20_percent(staff, db):
    row = services.settings_set(actor=staff, year=YEAR, cap="0.20", budget_neutral=True, weights={})
    assert row.cap_basis == "원문 l.1124 최대 20%"
    row = services.settings_set(
        actor=staff, year=YEAR, cap="0.15", budget_neutral=False, weights={}
    )
    assert "위원회 설정" in row.cap_basis and row.cap == Decimal("0.15")
    with pytest.raises(InvalidInput, match="20%"):
        services.settings_set(actor=staff, year=YEAR, cap="0.2001", budget_neutral=True, weights={})
    assert AllocationSettings.objects.get(year=YEAR).cap == Decimal("0.15")


def test_the_database_refuses_a_cap_above_20_percent_too(staff, db):
    with pytest.raises(IntegrityError):
        AllocationSettings.objects.create(year=YEAR, cap=Decimal("0.25"), set_by=staff)


def test_weights_must_name_known_measures_and_one_must_count(staff, db):
    with pytest.raises(InvalidInput, match="알 수 없는"):
        services.settings_set(
            actor=staff, year=YEAR, cap="0.2", budget_neutral=True, weights={"x": 1}
        )
    with pytest.raises(InvalidInput, match="하나는"):
        services.settings_set(
            actor=staff,
            year=YEAR,
            cap="0.2",
            budget_neutral=True,
            weights={m.value: 0 for m in Measure},
        )


def test_a_run_differentiates_eight_provinces_within_the_cap_with_explanations(year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025, label="시험")
    lines = {line.province.short_name: line for line in run.lines.select_related("province")}

    assert set(lines) == set(SAMPLE)
    changes = [line.change_percent for line in lines.values()]
    assert len(set(changes)) == len(SAMPLE) >= 7
    assert all(abs(change) <= 20 for change in changes)
    assert max(changes) == Decimal("20.00") or min(changes) == Decimal("-20.00")
    assert sum(line.amount_eok for line in lines.values()) == base_total()  # neutral by default
    busan = lines["부산"].explanation
    assert busan.startswith("부산 +")
    assert "평가 등급 1.00점(원값 0.9점, 가중치 1배, 직접 입력: 시험 자료)" in busan
    assert "트랙1 결과 자료 없음" in busan
    assert "디지털 혁신지구 기업 수 1.00점(원값 1200개" in busan
    assert (
        "디지털 혁신지구 기업 수 자료 없음(가중치 1배, 점수에서 제외)" in lines["대전"].explanation
    )
    # 대전: grade only (0.3 → 0.14 after min–max 0.2…0.9), not dragged to 0 by the missing count
    assert lines["대전"].score == Decimal("0.1429")


def test_a_run_is_reproduced_from_its_stored_inputs(year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025)
    services.settings_set(
        actor=staff, year=year_2025, cap="0.05", budget_neutral=False, weights={"district": 5}
    )  # later changes do not touch the saved run
    run.refresh_from_db()
    assert services.allocation_reproduce(run) == run.result
    assert services.allocation_run(actor=staff, year=year_2025).result != run.result


def test_a_changed_input_is_detected(year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025)
    run.inputs["base"]["부산"] = "1000.00"
    with pytest.raises(InvalidInput, match="해시"):
        services.allocation_reproduce(run)


def test_a_run_without_base_amounts_is_refused(staff, db):
    with pytest.raises(InvalidInput, match="기준액이 없습니다"):
        services.allocation_run(actor=staff, year=YEAR)


def test_the_what_if_moves_every_amount_when_a_weight_changes(year_2025):
    saved = services.what_if_year(year_2025, {})
    grades_only = services.what_if_year(year_2025, {"district": "0"})
    amounts = lambda result: {line["province"]: line["amount"] for line in result["lines"]}  # noqa: E731
    assert amounts(saved) != amounts(grades_only)
    assert {line["province"] for line in grades_only["lines"]} == set(SAMPLE)
    assert not AllocationRun.objects.exists()


def test_the_what_if_with_a_score_changes_that_province(year_2025):
    result = services.what_if_year(year_2025, {}, {"강원": Decimal(1)})
    gangwon = next(line for line in result["lines"] if line["province"] == "강원")
    assert Decimal(gangwon["change_percent"]) > 0
    assert "가정(what-if)" in gangwon["explanation"]


def test_non_neutral_setting_applies_cap_times_two_s_minus_one(year_2025, staff):
    services.settings_set(actor=staff, year=year_2025, cap="0.10", budget_neutral=False, weights={})
    run = services.allocation_run(actor=staff, year=year_2025)
    for line in run.lines.all():
        assert line.change_percent == (Decimal("0.10") * (2 * line.score - 1) * 100).quantize(
            Decimal("0.01")
        )


@pytest.mark.django_db(transaction=True)
def test_two_staff_running_at_once_leave_two_complete_runs(orgs, staff, personas):
    from dream.accounts.models import Membership, User

    other = User.objects.create_user("staff_two")
    Membership.objects.create(user=other, organization=orgs["위원회"], role="editor")
    programme = TurnkeyProgramme.objects.first()
    for name in ("부산", "대구", "광주"):
        services.base_amount_set(
            actor=staff, year=YEAR, province=orgs[name], programme=programme, amount_text="10"
        )
    barrier = threading.Barrier(2)
    errors = []

    def run(actor):
        try:
            barrier.wait()
            services.allocation_run(actor=actor, year=YEAR, label=actor.username)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in (staff, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AllocationRun.objects.count() == 2
    for saved in AllocationRun.objects.all():
        assert AllocationLine.objects.filter(run=saved).count() == 3
        assert services.allocation_reproduce(saved) == saved.result
