"""The findings page (/findings/): every finding of the year's document, for a person to check."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dream.cycle.models import Cycle, PlanVersion
from dream.ingest.models import Finding
from dream.plans.models import Plan

pytestmark = pytest.mark.usefixtures("plan_2024")

URL = reverse("web:findings")
HEADERS = ["심각도", "종류", "코드", "시행계획", "내용", "원문 줄", "계획 수준"]


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def finding_rows(html: str) -> list[str]:
    """The rows of the findings table, in order, as text."""
    table = html.split('class="findings stack"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody", 1)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def test_the_page_lists_every_finding_of_the_year_errors_first(client, db):
    html = page(client)

    assert "<h1>2024년 검토 사항</h1>" in html
    rows = finding_rows(html)
    assert len(rows) == Finding.objects.filter(year=2024).count()
    errors = Finding.objects.filter(year=2024, severity="error").count()
    assert all(row.startswith("오류") for row in rows[:errors])
    assert not rows[errors].startswith("오류")


def test_filtering_by_severity_lists_the_errors_of_the_2024_document(client, db):
    rows = finding_rows(page(client, severity="error"))

    # The Ⅴ-4(2) section sums to 1,812억원 where the table prints 1,792. (Sums off by
    # one 억원 are rounding and reported as warnings.)
    assert len(rows) == Finding.objects.filter(year=2024, severity="error").count() >= 1
    assert any("sectoral.section.budget_mismatch" in row and "1,812억원" in row for row in rows)
    assert all(row.startswith("오류") for row in rows)


def test_each_finding_links_to_its_plans_page(client, db):
    html = page(client)

    assert f'<a href="{reverse("web:sectoral")}">부문별 시행계획</a>' in html
    assert f'<a href="{reverse("web:province_detail", args=["서울"])}">서울</a>' in html
    assert f'<a href="{reverse("web:super_region_detail", args=["전북권"])}">전북권</a>' in html


@pytest.mark.parametrize(
    ("params", "lookup"),
    [
        ({"level": "super_region"}, {"plan__level": "super_region"}),
        ({"owner": "서울"}, {"plan__owner__short_name": "서울"}),
        ({"code": "summary.strategy_count"}, {"code": "summary.strategy_count"}),
        (
            {"severity": "info", "level": "sectoral"},
            {"severity": "info", "plan__level": "sectoral"},
        ),
    ],
)
def test_filters_narrow_the_list(client, db, params, lookup):
    rows = finding_rows(page(client, **params))

    assert 0 < len(rows) == Finding.objects.filter(year=2024, **lookup).count()


def test_filters_are_labelled_controls(client, db):
    html = page(client)

    for name, label in [
        ("severity", "심각도"),
        ("level", "계획 수준"),
        ("owner", "수립 주체"),
        ("code", "종류"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in html


def test_each_finding_shows_its_korean_label_with_the_code_beside_it(client, db):
    html = page(client, code="sectoral.section.budget_mismatch")

    assert (
        '<td data-label="종류">본문 국비 합계가 표와 다름 '
        '<code class="muted">sectoral.section.budget_mismatch</code></td>'
    ) in html


def test_the_kind_filter_offers_korean_labels_for_the_codes(client, db):
    html = page(client)

    assert '<option value="budget.sum_mismatch">재정투입 합계가 금액의 합과 다름</option>' in html
    assert not re.search(r'<option value="[a-z_.]+">[a-z_.]+</option>', html)


def test_downloads_carry_the_label_and_the_code(client, db):
    response = client.get(URL, {"code": "budget.sum_mismatch", "_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert {(row[1], row[2]) for row in rows[1:]} == {
        ("재정투입 합계가 금액의 합과 다름", "budget.sum_mismatch")
    }


def test_sorting_by_source_line_descending(client, db):
    rows = finding_rows(page(client, sort="-source_line"))

    lines = [int(row.rsplit(" ", 1)[1]) for row in rows]
    assert lines == sorted(lines, reverse=True)


def test_csv_download_has_a_bom_korean_headers_and_the_filtered_rows(client, db):
    response = client.get(URL, {"severity": "error", "_export": "csv"})

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + Finding.objects.filter(year=2024, severity="error").count()
    assert rows[1][0] == "오류"


def test_excel_download_holds_every_finding(client, db):
    response = client.get(URL, {"_export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 1 + Finding.objects.filter(year=2024).count()


def test_the_page_reads_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(URL)


def test_without_any_plan_the_page_says_so(client, db):
    Cycle.objects.all().delete()  # rolled back after the test, as are the plans it held
    PlanVersion.objects.all().delete()
    Plan.objects.all().delete()

    html = page(client)
    assert "아직 가져온 시행계획이 없습니다" in html
