"""The allocation pages: the year with its rule and basis, a run with every province's line,
the what-if moving amounts, refusals shown, hostile parameters never a 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dream.allocation import services
from dream.allocation.models import AllocationRun


def test_the_year_page_shows_bases_settings_basis_and_runs(client, year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025, label="1차")
    html = client.get(reverse("allocation:year", args=[year_2025])).content.decode()
    assert "원문 l.1124" in html
    assert "계획이 정하지 않음 — DREAM 기본값" in html
    assert "지역디지털기초체력지원(억원)" in html
    assert "90억원" in html  # 부산 40 + 30 + 20
    assert reverse("allocation:run_detail", args=[run.pk]) in html
    assert "배분 실행</button>" not in html  # anonymous: no forms


def test_the_run_page_states_the_rule_and_every_line(client, year_2025, staff):
    run = services.allocation_run(actor=staff, year=year_2025)
    html = client.get(reverse("allocation:run_detail", args=[run.pk])).content.decode()
    assert run.result["rule"] in html
    assert "±20%" in html and "원문 l.1124" in html
    for line in run.lines.all():
        assert line.explanation in html
    assert "끝전 0억원" in html


def test_the_what_if_page_moves_amounts_when_a_weight_changes(client, year_2025, staff):
    client.force_login(staff)
    url = reverse("allocation:what_if", args=[year_2025])
    same = client.get(url).context["lines"]
    moved = client.get(url, {"weight_district": "0"}).context["lines"]
    assert all(line["moved"] == 0 for line in same)
    assert any(line["moved"] != 0 for line in moved)
    assert not AllocationRun.objects.exists()


def test_the_what_if_page_takes_a_score(client, year_2025, staff):
    client.force_login(staff)
    lines = client.get(
        reverse("allocation:what_if", args=[year_2025]), {"score_강원": "1"}
    ).context["lines"]
    gangwon = next(line for line in lines if line["province"] == "강원")
    assert gangwon["moved"] > 0 and gangwon["score"] == "1"


@pytest.mark.parametrize(
    "params", [{"score_부산": "2"}, {"weight_district": "abc"}, {"weight_track1": "1e999"}]
)
def test_the_what_if_page_refuses_bad_values_in_korean(client, year_2025, staff, params):
    client.force_login(staff)
    response = client.get(reverse("allocation:what_if", args=[year_2025]), params)
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()


def test_a_cap_above_20_percent_is_refused_on_the_page(client, year_2025, staff):
    client.force_login(staff)
    response = client.post(
        reverse("allocation:settings_set", args=[year_2025]),
        {"cap_percent": "25", "budget_neutral": "1"},
    )
    assert response.status_code == 422
    assert "20%(0.20)를 넘을 수 없습니다" in response.content.decode()


def test_a_run_from_the_page(client, year_2025, staff):
    client.force_login(staff)
    response = client.post(reverse("allocation:run_create", args=[year_2025]), {"label": "웹"})
    run = AllocationRun.objects.get()
    assert response["Location"] == reverse("allocation:run_detail", args=[run.pk])
    assert sum(line.amount_eok for line in run.lines.all()) == Decimal(run.result["base_total"])


def test_out_of_range_year_and_run_are_404(client, db):
    assert client.get(reverse("allocation:year", args=[99999])).status_code == 404
    assert client.get(reverse("allocation:run_detail", args=[12345])).status_code == 404


def test_every_number_on_the_allocation_pages_carries_its_unit(client, year_2025, staff):
    from tests.bare_numbers import bare_numbers

    run = services.allocation_run(actor=staff, year=year_2025)
    client.force_login(staff)
    pages = [
        reverse("allocation:index"),
        reverse("allocation:year", args=[year_2025]),
        reverse("allocation:run_detail", args=[run.pk]),
        reverse("allocation:what_if", args=[year_2025]) + "?weight_district=0",
    ]
    found = {page: bare_numbers(client.get(page).content.decode()) for page in pages}
    bare = {page: numbers for page, numbers in found.items() if numbers}
    assert bare == {}, "\n".join(f"{p}: {n}" for p, ns in bare.items() for n in ns)


@pytest.mark.parametrize("programme", ["²", "99999999999999999999", "x"])
def test_an_odd_programme_id_is_refused_not_a_500(client, year_2025, staff, programme):
    client.force_login(staff)
    response = client.post(
        reverse("allocation:base_set", args=[year_2025]),
        {"province": "부산", "programme": programme, "amount": "1"},
    )
    assert response.status_code == 422
    assert "사업을 골라 주세요" in response.content.decode()
