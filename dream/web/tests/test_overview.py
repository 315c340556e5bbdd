"""The national overview and the province map, as a reader without a login sees them."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

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
        "부처 비중(%)",
        "시·도 재정투입(억원)",
        "시·도 비중(%)",
    ]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["Ⅰ"][2:4] == ["151", "0.1"]
    assert by_code["Ⅴ"][2:4] == ["126497", "51.4"]
    # The document prints the provinces' shares rounded: 11 / 6 / 16 / 33 / 34 %.
    assert [round(float(by_code[c][5])) for c in "ⅠⅡⅢⅣⅤ"] == [11, 6, 16, 33, 34]


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
