"""The national overview and the province map, as a reader without a login sees them."""

import csv
import io
from unittest import mock

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from openpyxl import load_workbook

from dream.plans.selectors.overview import province_map

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_the_overview_shows_money_by_source_against_the_year_before(client, db):
    response = client.get(reverse("web:overview"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "2024년 지방시대 시행계획 전국 현황" in html
    for printed in ["42.2조원", "24.6조원", "15.0조원", "2.6조원", "36.5조원", "+40.6%", "-6.8%"]:
        assert printed in html, printed


def test_the_overview_shows_the_five_strategies_shares_for_ministries_and_provinces(client, db):
    response = client.get(reverse("web:overview"), {"table": "strategies", "_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "전략",
        "전략명",
        "부처 국비(억원)",
        "부처 비중(%, 원문)",
        "부처 비중(%, DREAM 계산)",
        "시·도 재정투입(억원)",
        "시·도 비중(%, 원문)",
        "시·도 비중(%, DREAM 계산)",
    ]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["Ⅰ"][2:5] == ["151", "0.1", "0.1"]
    assert by_code["Ⅴ"][2:5] == ["126497", "50.5", "51.4"]
    # The document prints the provinces' shares rounded: 11 / 6 / 16 / 33 / 34 %.
    assert [by_code[c][6] for c in "ⅠⅡⅢⅣⅤ"] == ["11", "6", "16", "33", "34"]
    assert [round(float(by_code[c][7])) for c in "ⅠⅡⅢⅣⅤ"] == [11, 6, 16, 33, 34]


def test_the_front_page_shows_the_composition_as_printed_and_dreams_computation_beside(client, db):
    """Issue 8, item 3: 지방비 35.6 % / 민자 6.1 % are printed; 35.5 / 6.2 are DREAM's
    computation from the rounded 조원 amounts, marked and linked to the finding."""
    html = client.get(reverse("web:overview")).content.decode()
    text = strip_tags(html)  # the printed figures link to their lines

    assert "구성비 35.6%" in text and "구성비 6.1%" in text
    assert "DREAM 계산 35.5%" in html and "DREAM 계산 6.2%" in html
    assert "구성비 35.5%" not in html and "구성비 6.2%" not in html
    assert f"{reverse('web:findings')}?code=budget.share_mismatch" in html


def test_the_front_page_shows_the_ministries_strategy_shares_as_printed_with_a_finding_link(
    client, db
):
    response = client.get(reverse("web:overview"))
    html = response.content.decode()

    table = response.context["strategy_table"]
    printed = [strip_tags(row.get_cell("ministries_share")) for row in table.rows]
    computed = [str(row.get_cell("ministries_computed")) for row in table.rows]
    assert printed == ["0.1", "0.8", "13.2", "35.4", "50.5"]
    for value in ["0.9", "11.7", "35.9", "51.4"]:
        assert any(cell.startswith(value) and "원문과 다른 이유" in cell for cell in computed)
    assert computed[0] == "0.1"  # equal to the print: nothing to mark
    assert f"{reverse('web:findings')}?code=appendix.share_differs" in html
    assert "DREAM 계산" in html


def test_no_amount_converted_from_a_rounded_조원_figure_is_shown_as_printed(client, db):
    html = client.get(reverse("web:overview")).content.decode()

    assert "422,000억원" not in html
    assert "42.2조원" in html
    assert "약 422,000" in html
    assert "반올림된 인쇄값에서 환산" in html


def test_the_sources_download_keeps_printed_figures_and_marks_conversions(client, db):
    response = client.get(reverse("web:overview"), {"table": "sources", "_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, by_label = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:5] == [
        "재원",
        "2024년(원문)",
        "2023년(원문)",
        "2024년 구성비(%, 원문)",
        "2024년 구성비(%, DREAM 계산)",
    ]
    assert "2024년(억원, 반올림된 인쇄값에서 환산)" in header
    assert by_label["지방비"][1:5] == ["15.0조원", "16.1조원", "35.6", "35.5"]
    assert by_label["민자"][3:5] == ["6.1", "6.2"]


def test_the_overview_counts_plans_tasks_projects_and_indicators(client, db):
    html = client.get(reverse("web:overview")).content.decode()

    assert "17개 시·도" in html
    assert "부처 실천과제 68개" in html
    assert "부처 사업 436개" in html
    assert "246,237억원" in html


def test_the_overview_lists_the_findings_that_need_review(client, db):
    html = client.get(reverse("web:overview")).content.decode()

    assert "오류 1건" in html
    assert "1,812억원" in html  # the Ⅴ-4(2) section that does not match the table
    assert reverse("web:findings") in html


def test_the_overview_query_count_does_not_grow_with_the_data(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        client.get(reverse("web:overview"))


def test_the_map_links_every_province_to_its_page(client, db):
    html = client.get(reverse("web:map")).content.decode()

    for short in ["서울", "부산", "세종", "제주"]:
        assert reverse("web:province_detail", args=[short]) in html
    assert "54,742" in html  # 서울's fiscal input, the default metric


@pytest.mark.parametrize("metric", ["budget", "tasks", "jobs_change", "grdp_change", "findings"])
def test_the_map_colours_by_the_metric_the_reader_picks(client, db, metric):
    response = client.get(reverse("web:map"), {"metric": metric})

    assert response.status_code == 200
    assert response.context["province_map"].metric.key == metric
    assert sum(t.value is not None for t in response.context["province_map"].tiles) == 17


def test_the_map_highlights_a_super_region(client, db):
    response = client.get(reverse("web:map"), {"region": "충청권"})

    tiles = {t.short_name: t for t in response.context["province_map"].tiles}
    assert {s for s, t in tiles.items() if t.highlighted} == {"대전", "세종", "충북", "충남"}
    assert tiles["서울"].dimmed
    assert reverse("web:super_region_detail", args=["충청권"]) in response.content.decode()


def test_the_map_values_download_as_excel_with_korean_headers(client, db):
    response = client.get(reverse("web:map"), {"metric": "budget", "_export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("시·도", "재정투입 총액(억원)")
    assert ("서울특별시", 54742) in rows
    assert len(rows) == 18


def national_budget_card(html: str) -> str:
    """The "부처 국비" card as a reader reads it."""
    card = html.split('class="card national-budget">', 1)[1].split("</li>", 1)[0]
    return " ".join(strip_tags(card).split())


def test_the_ministries_budget_card_shows_the_printed_total_and_marks_dreams_sum(client, db):
    """Issue 8, item 4: 246,237억원 is DREAM's sum of the 68 practical tasks; the plan
    prints 24.6조원 in its 총계 row. The card shows what the plan prints, DREAM's sum
    beside it marked "DREAM 계산", and no 조원 figure derived from the sum."""
    html = client.get(reverse("web:overview")).content.decode()
    card = national_budget_card(html)

    assert card.startswith("부처 국비 24.6조원 원문(부문별 시행계획 총계, 원문 7129줄)")
    assert "DREAM 계산 246,237억원 (실천과제 국비의 합, 원문과 일치(반올림 표기), 검토 사항)" in card
    assert f"{reverse('web:findings')}?code=sectoral.total.budget_rounded" in html


def test_without_a_printed_total_the_card_shows_dreams_sum_marked_as_computed(client, db):
    from dream.plans.models import Budget

    Budget.objects.filter(plan__level="sectoral", strategy=None).delete()

    card = national_budget_card(client.get(reverse("web:overview")).content.decode())

    assert card == "부처 국비 246,237억원 (DREAM 계산: 실천과제 국비의 합, 원문에 인쇄된 합계 없음)"


def test_the_front_page_reads_the_province_map_once(client, db):
    """The map's figures feed both the map and its download table: one read (issue 13)."""
    with mock.patch("dream.web.views.overview.province_map", wraps=province_map) as read:
        assert client.get("/").status_code == 200
    assert read.call_count == 1
