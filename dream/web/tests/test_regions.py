"""The province and super-region pages and the province comparison, as a reader without
a login sees them; values checked against 「2024년 지방시대 시행계획」."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dream.indicators.models import Indicator
from dream.plans.models import Task

pytestmark = pytest.mark.usefixtures("plan_2024")


def province_url(short_name: str) -> str:
    return reverse("web:province_detail", args=[short_name])


def super_region_url(short_name: str) -> str:
    return reverse("web:super_region_detail", args=[short_name])


def html_of(client, url: str, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's visible words in one line, to check sentences that span tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def csv_rows(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


# The province page


def test_the_province_page_names_the_province_and_the_plan(client, db):
    html = html_of(client, province_url("서울"))

    assert re.search(r"<h1>서울특별시 .*2024년 시·도 지방시대 시행계획.*</h1>", html)
    assert "동행과 매력의 균형도시 서울" in html
    assert "권한과 자율성 강화를 통한 실질적 자치분권 추진" in html  # a ◈ focus strategy
    assert html.count("<h1") == 1
    for section in ["목표와 추진전략", "전략별 과제", "재정투입", "성과지표", "검토 사항"]:
        assert f">{section}</h2>" in html


def test_the_province_page_shows_the_strategy_task_tree_with_anchors(client, db):
    html = html_of(client, province_url("서울"))
    detailed = Task.objects.get(
        plan__owner__short_name="서울", name="중앙권한의 지방이양 사무 적극 발굴"
    )

    assert "Ⅰ. 자율성 키우는 과감한 지방분권</h3>" in html
    assert f'id="task-{detailed.parent_id}"' in html
    assert f'id="task-{detailed.pk}"' in html
    assert "<summary><strong data-verbatim>자율적 자치기반 마련</strong>" in html


def test_the_fiscal_table_shows_the_printed_total_and_flags_the_sum_that_differs(client, db):
    text = text_of(html_of(client, province_url("서울")))

    assert "54,742억원" in text  # the plan's printed total
    assert "전략별 금액의 합 54,743" in text
    assert "총액(원문) 54,742" in text
    assert "합계 불일치: 전략별 금액의 합은 54,743억원인데 문서에 인쇄된 총액은 54,742억원" in text
    assert "+1억원 차이" in text
    assert "자율성 키우는 과감한 지방분권 41,886 76.5" in text


def test_a_fiscal_table_that_adds_up_shows_no_notice(client, db):
    assert "합계 불일치" not in html_of(client, province_url("부산"))


def test_the_fiscal_chart_gets_the_same_numbers_and_the_page_works_without_it(client, db):
    html = html_of(client, province_url("서울"))

    assert '<script id="fiscal-chart-data" type="application/json">' in html
    assert "[41886, 611, 6247, 3884, 2115]" in html
    assert re.search(r'<div class="chart" hidden data-chart-source="fiscal-chart-data"', html)
    assert "vendor/echarts/echarts.min.js" in html


def test_the_indicators_are_printed_as_in_the_document_grouped_common_and_autonomous(client, db):
    html = html_of(client, province_url("부산"))
    grdp = Indicator.objects.get(plan__owner__short_name="부산", name="1인당 GRDP")

    assert "<h3>공통지표</h3>" in html and "<h3>자율지표</h3>" in html
    assert f'id="indicator-{grdp.pk}"' in html
    row = text_of(html.split(f'id="indicator-{grdp.pk}"')[1].split("</tr>")[0])
    assert "1인당 GRDP 백만원 31,6 32.7 1.1" in row  # "31,6" as printed, not "31.6"
    assert "2023년 실적" in html and "2024년 목표" in html


def test_the_province_page_lists_the_plans_findings_with_severity(client, db):
    html = html_of(client, province_url("부산"))

    assert '<span class="badge warning">경고</span>' in html
    assert "쉼표가 소수점 자리에 찍힌 것으로 보여 31.6백만원으로 읽었습니다" in html


def test_the_province_page_links_its_super_region_and_a_prefilled_comparison(client, db):
    html = html_of(client, province_url("부산"))

    assert f'href="{super_region_url("부울경")}"' in html
    compare = reverse("web:compare")
    assert (
        f'href="{compare}?p=%EB%B6%80%EC%82%B0&amp;p=%EC%9A%B8%EC%82%B0&amp;p=%EA%B2%BD%EB%82%A8"'
        in html
    )
    assert f'href="{reverse("web:map")}"' in html  # breadcrumbs


@pytest.mark.parametrize(
    "url",
    [
        "/provinces/없는곳/",
        "/provinces/충청권/",
        "/super-regions/서울/",
        "/super-regions/없는권/",
    ],
)
def test_an_unknown_name_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_the_province_page_reads_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries
):
    # 10 for the plan, 2 for its changes (the year before's plan, the versions).
    with django_assert_max_num_queries(12):
        client.get(province_url("경남"))  # the province with the most tasks (105)


# The super-region page


def test_the_super_region_page_lists_its_member_provinces(client, db):
    html = html_of(client, super_region_url("충청권"))

    assert re.search(r"<h1>충청권 .*2024년 초광역권발전 시행계획.*</h1>", html)
    for member in ["대전", "세종", "충북", "충남"]:
        assert f'<a href="{province_url(member)}">{member}</a>' in html
    assert "바이오․모빌리티 등 혁신자원을 연계한 미래 新성장동력 확보" in html


def test_the_super_region_page_shows_plan_items_with_their_description(client, db):
    html = html_of(client, super_region_url("충청권"))
    item = Task.objects.get(
        plan__owner__short_name="충청권", name="첨단 바이오 혁신 신약 클러스터 조성"
    )

    assert f'id="task-{item.pk}"' in html
    assert "<li data-verbatim>TP 등 혁신 지원기관 및 기업 등의 협업을 토대로" in html
    assert "Ÿ" not in text_of(html)  # the source's bullet glyph becomes a list item


def test_a_super_region_strategy_without_an_amount_shows_a_dash_and_a_note(client, db):
    text = text_of(html_of(client, super_region_url("충청권")))

    assert (
        "혁신거점 클러스터 확장 및 광역생활경제권 조성을 위한 교통망 연결 – – –" in text
    )  # amount, share, 원문
    assert "재정투입 표에 금액이 없는 전략이 2개 있습니다" in text
    assert "합계 불일치" not in text
    assert "1,033억원" in text


def test_the_super_region_page_flags_its_sum_mismatch_too(client, db):
    text = text_of(html_of(client, super_region_url("전북권")))

    assert "전략별 금액의 합은 1,693억원인데 문서에 인쇄된 총액은 1,692억원" in text


def test_the_super_region_indicators_are_grouped_by_strategy(client, db):
    html = html_of(client, super_region_url("충청권"))

    assert "<h3>초광역 협력을 위한 자치분권 지원</h3>" in html
    assert "충청권 특별지방자치단체 출범 및 운영" in html


def test_the_super_region_page_reads_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):  # as the province page
        client.get(super_region_url("부울경"))


# Downloads of the plan pages


def test_the_fiscal_table_downloads_as_csv_with_korean_headers(client, db):
    response = client.get(province_url("서울"), {"_export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["번호", "전략", "금액(억원)", "비중(%)"]
    assert rows[1] == ["Ⅰ", "자율성 키우는 과감한 지방분권", "41886", "76.5"]
    assert rows[-2:] == [
        ["", "전략별 금액의 합", "54743", "100.0"],
        ["", "총액(원문)", "54742", "100.0"],
    ]


def test_a_missing_amount_downloads_as_an_empty_cell(client, db):
    rows = csv_rows(client.get(super_region_url("충청권"), {"table": "fiscal", "_export": "csv"}))

    assert rows[2][2:] == ["", ""]


def test_the_indicator_table_downloads_as_excel(client, db):
    response = client.get(province_url("부산"), {"table": "indicators", "_export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "성과지표"
    rows = list(sheet.values)
    assert rows[0] == ("구분", "지표명", "단위", "2023년 실적", "2024년 목표", "증감", "원문 줄")
    assert rows[1][:5] == ("공통지표", "1인당 GRDP", "백만원", "31,6", "32.7")


def test_the_super_region_indicators_download_with_their_strategy(client, db):
    rows = csv_rows(
        client.get(super_region_url("충청권"), {"table": "indicators", "_export": "csv"})
    )

    assert rows[0][:2] == ["해당 전략", "지표명"]
    assert len(rows) == 1 + 9


def test_the_findings_download_as_csv(client, db):
    rows = csv_rows(client.get(province_url("서울"), {"table": "findings", "_export": "csv"}))

    assert rows[0] == ["심각도", "내용", "원문 줄"]
    assert rows[1][0] == "경고" and rows[1][2] == "1406"


# The comparison


def test_the_comparison_shows_all_17_provinces_by_default(client, db):
    html = html_of(client, reverse("web:compare"))

    assert html.count('type="checkbox" name="p"') == 17
    assert html.count(" checked>") == 17
    assert "<legend>비교할 시·도" in html
    assert html.count(f'<a href="{province_url("제주")}">제주</a>') == 1


def test_the_comparison_puts_the_chosen_provinces_side_by_side(client, db):
    html = html_of(client, reverse("web:compare"), {"p": ["서울", "부산"]})

    assert html.count(" checked>") == 2
    assert f'<a href="{province_url("서울")}">서울</a>' in html
    assert f'<a href="{province_url("대구")}">대구</a>' not in html
    text = text_of(html)
    assert "서울 54,742 백만원 51.6 51.6 - 천명 5,147 5,188 41 %, %p 77.2 77.2 -" in text
    assert "부산 49,004 백만원 31,6 32.7 1.1" in text
    assert '"values": [54742, 49004]' in html


def test_the_comparison_says_which_names_it_did_not_know(client, db):
    html = html_of(client, reverse("web:compare"), {"p": ["서울", "서울시"]})

    assert "알 수 없는 시·도 이름은 빼고 보여 줍니다: 서울시" in html
    assert html.count(" checked>") == 1


def test_the_comparison_downloads_as_csv_and_excel_with_korean_headers(client, db):
    params = {"p": ["서울", "부산"]}
    rows = csv_rows(client.get(reverse("web:compare"), {**params, "_export": "csv"}))

    assert rows[0][:4] == ["시·도", "재정투입(억원)", "1인당 GRDP 단위", "1인당 GRDP 2023년 실적"]
    assert rows[0][-1] == "재정자주도 증감"
    assert rows[1][:4] == ["서울", "54742", "백만원", "51.6"]
    assert rows[2][3] == "31,6"

    response = client.get(reverse("web:compare"), {**params, "_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[:2] for row in sheet.values] == [
        ("시·도", "재정투입(억원)"),
        ("서울", 54742),
        ("부산", 49004),
    ]


def test_the_comparison_reads_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("web:compare"))


def test_busan_indicator_group_label_has_its_own_column(client):
    """부울경 prints "인재양성" as the group of 미래기술 and 생산공정, not as part of a name."""
    indicator = Indicator.objects.get(plan__owner__short_name="부울경", source_line=11338)
    assert (indicator.subgroup, indicator.name) == ("인재양성", "미래기술")
    text = text_of(html_of(client, super_region_url("부울경")))
    assert "지표 묶음" in text and "인재양성 미래기술" in text  # the group cell, then the name
    assert "지표 묶음" not in text_of(html_of(client, super_region_url("충청권")))


@pytest.fixture
def new_busan_indicator(db):
    """A 부산 indicator stored as the importer stores one printed "(’23) 신규 → (’24) 10 * 신규"
    (the bundled plan prints none among the provinces); rolled back after the test."""
    indicator = Indicator.objects.filter(plan__owner__short_name="부산").order_by("-position")[0]
    indicator.baseline_text, indicator.baseline_value = "신규", None
    indicator.target_note, indicator.is_new = "* 신규", True
    indicator.save()
    return indicator


def test_a_new_indicator_shows_new_for_its_actual_and_the_note_beside_its_target(
    client, new_busan_indicator
):
    html = html_of(client, province_url("부산"))
    row = re.search(rf'<tr id="indicator-{new_busan_indicator.pk}"[^>]*>(.*?)</tr>', html, re.S)[1]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)

    assert '<span class="badge new"' in row and ">신규</span>" in row
    target = next(c for c in cells if c.startswith(new_busan_indicator.target_text))
    assert "* 신규</span>" in target


def test_the_indicator_download_adds_the_note_and_new_columns_where_printed(
    client, new_busan_indicator
):
    params = {"table": "indicators", "_export": "csv"}
    rows = csv_rows(client.get(province_url("부산"), params))

    assert rows[0][-2:] == ["목표 주석", "신규 지표"]
    (row,) = [r for r in rows if r[1] == new_busan_indicator.name]
    assert (row[3], row[4], row[-2], row[-1]) == (
        "신규",
        new_busan_indicator.target_text,
        "* 신규",
        "신규",
    )
    assert "목표 주석" not in csv_rows(client.get(province_url("서울"), params))[0]


def test_the_comparison_shows_new_for_a_new_common_indicator_and_its_target_note(client, db):
    indicator = Indicator.objects.get(
        plan__owner__short_name="부산", group="common", name="1인당 GRDP"
    )
    indicator.baseline_text, indicator.target_note, indicator.is_new = "신규", "* 신규", True
    indicator.save()  # rolled back after the test

    html = html_of(client, reverse("web:compare"), {"p": ["부산"]})

    assert '<span class="badge new"' in html and "* 신규</span>" in html
