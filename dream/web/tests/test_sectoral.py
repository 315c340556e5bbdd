"""The ministries' sectoral plan page (/sectoral/) as a reader sees it, checked against the
printed table of the 2024 document (lines 6682–7129)."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task

pytestmark = pytest.mark.usefixtures("plan_2024")

URL = reverse("web:sectoral")
HEADERS = [
    "전략",
    "핵심과제",
    "실천과제",
    "부처",
    "사업 수",
    "국비(억원)",
    "성과지표 수",
    "전략명",
    "국비(원문)",
    "원문 줄",
]


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def footer(html: str) -> dict[str, str]:
    """The total row under the task table, by column."""
    table = html.split('class="tasks stack"', 1)[1]
    tfoot = table.split("<tfoot", 1)[1].split("</tfoot>", 1)[0]
    return dict(re.findall(r'<td[^>]*data-label="([^"]+)"[^>]*>([^<]*)</td>', tfoot))


def task_rows(html: str) -> list[str]:
    """The rows of the task table, in order, as text."""
    rows = re.findall(r'<tr id="task-\d+"[^>]*>(.*?)</tr>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def totals(html: str) -> tuple[int, str, str]:
    cells = footer(html)
    return len(task_rows(html)), cells["사업 수"], cells["국비(억원)"]


def test_the_page_has_its_heading_sections_and_summary_cards(client, db):
    html = page(client)

    assert "<h1>2024년 부문별 시행계획</h1>" in html
    for heading in ["전략별 합계", "과제 체계", "실천과제 목록"]:
        assert re.search(rf"<h2[^>]*>{heading}", html), heading
    for card in ["5개", "22개", "68개", "436개", "246,237억원", "원문 총계 24.6조원"]:
        assert card in html, card


def test_the_unfiltered_footer_totals_68_tasks_436_projects_and_246237_eok(client, db):
    html = page(client)

    assert totals(html) == (68, "436개", "246,237")
    assert footer(html)["실천과제"] == "68개"
    assert footer(html)["성과지표 수"] == "202개"


@pytest.mark.parametrize(
    ("code", "printed"),
    [
        ("Ⅰ", ("15개", "31개", "151", "151억원")),
        ("Ⅱ", ("10개", "18개", "2,304", "2,304억원")),
        ("Ⅲ", ("17개", "98개", "28,878", "28,878억원")),
        ("Ⅳ", ("14개", "192개", "88,407", "88,407억원")),
        ("Ⅴ", ("12개", "97개", "126,497", "126,497억원")),
    ],
)
def test_each_strategy_sum_equals_the_printed_sum_row(client, db, code, printed):
    html = page(client)
    summary = html.split('class="summary"', 1)[1].split("</table>", 1)[0]
    row = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{code}\..*?</tr>", summary, re.S).group(0)

    cells = [
        re.sub(r"<[^>]+>.*", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert tuple(cells[1:5]) == printed
    assert cells[5] == "일치"


def test_the_plan_total_is_marked_as_the_printed_rounded_total(client, db):
    html = page(client)

    assert "24.6조원" in html
    assert "일치(반올림 표기)" in html
    assert "⚠" not in html.split('class="summary"', 1)[1].split("</table>", 1)[0]


def test_filtering_by_strategy_iii_narrows_rows_and_totals(client, db):
    assert totals(page(client, strategy=3)) == (17, "98개", "28,878")


def test_filtering_by_ministry_keeps_the_tasks_it_shares(client, db):
    # 과기정통부, printed 과기부 in the table: Ⅲ-4 (1)(2)(3), Ⅲ-5 (1)(2), Ⅳ-1 (2) —
    # 10+6+1+7+8+11 projects.
    html = page(client, ministry="과기정통부")

    assert totals(html) == (6, "43개", "7,242")
    assert all("과기정통부" in row for row in task_rows(html))


def test_strategy_and_ministry_filters_combine(client, db):
    assert totals(page(client, strategy=3, ministry="과기정통부")) == (5, "32개", "6,916")


@pytest.mark.parametrize("name", ["과기부", "과학기술정보통신부", "과학기술 정보통신부"])
def test_a_ministry_asked_by_another_name_redirects_to_its_short_name(client, db, name):
    response = client.get(URL, {"strategy": 3, "ministry": name})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?{urlencode({'strategy': 3, 'ministry': '과기정통부'})}"
    followed = client.get(URL, {"strategy": 3, "ministry": name}, follow=True)
    assert totals(followed.content.decode()) == (5, "32개", "6,916")


def test_the_ministry_filter_lists_each_ministry_once_by_its_short_name(client, db):
    html = page(client)
    select = html.split('name="ministry"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)

    assert options.count("과기정통부") == 1 and "과기부" not in options
    assert options.count("농식품부") == 1 and "농림부" not in options
    assert len(options) == len(set(options))


def test_ministry_names_lead_to_the_ministry_page(client, db):
    html = page(client, ministry="과기정통부")
    organization_url = reverse("web:organization_detail", args=["과기정통부"])

    assert f'<a href="{organization_url}">과기정통부</a>' in html
    assert "과기부" not in "".join(task_rows(html))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"budget_min": 5000}, (10, "159개", "202,447")),
        # 1,595 1,575 1,808 1,175 1,334 1,609 1,280 1,170 1,640 1,009 1,792
        ({"budget_min": 1000, "budget_max": 2000}, (11, "61개", "15,987")),
        ({"budget_max": 0}, (21, "36개", "0")),  # the tasks printed "-"
    ],
)
def test_the_amount_range_filter_counts_dash_as_zero(client, db, params, expected):
    assert totals(page(client, **params)) == expected


def test_the_name_filter_finds_part_of_a_task_name(client, db):
    rows = task_rows(page(client, name="디지털"))

    assert len(rows) == 4
    assert all("디지털" in row for row in rows)


def test_an_unknown_filter_value_is_reported_not_an_error_page(client, db):
    html = page(client, strategy=9)

    assert 'class="field-error"' in html


def test_sorting_by_budget_descending_puts_the_transport_infrastructure_task_first(client, db):
    html = page(client, sort="-national_budget_eok")

    rows = task_rows(html)
    assert "(4) 지역특화형 교통∙물류 인프라 지원 및 구축" in rows[0]
    assert "54,923" in rows[0]
    assert "37,293" in rows[1]
    assert 'aria-sort="descending"' in html


def test_sorting_by_budget_ascending_puts_dash_rows_first_as_zero(client, db):
    rows = task_rows(page(client, sort="national_budget_eok"))

    assert all(" - " in row for row in rows[:21])
    assert " - " not in rows[21]


@pytest.mark.parametrize(
    "column",
    [
        "strategy",
        "core_task",
        "practical_task",
        "ministries",
        "project_count",
        "national_budget_eok",
        "target_count",
    ],
)
def test_every_column_sorts_both_ways(client, db, column):
    ascending = task_rows(page(client, sort=column))
    descending = task_rows(page(client, sort=f"-{column}"))

    assert len(ascending) == 68
    assert descending == ascending[::-1]


def test_each_row_is_anchored_for_search_links(client, db):
    task = Task.objects.get(name="지역특화형 교통∙물류 인프라 지원 및 구축")

    html = page(client)
    assert f'<tr id="task-{task.pk}"' in html
    assert f'href="{URL}#task-{task.pk}"' in html  # from the task tree


def test_every_strategy_task_and_key_target_has_the_anchor_search_links_to(client, db):
    plan = Plan.objects.get(year=2024, level=PlanLevel.SECTORAL)
    anchors = set(re.findall(r'id="((?:strategy|task|indicator)-\d+)"', page(client)))

    expected = {f"strategy-{pk}" for pk in plan.strategies.values_list("pk", flat=True)}
    expected |= {f"task-{pk}" for pk in plan.tasks.values_list("pk", flat=True)}
    expected |= {f"indicator-{pk}" for pk in plan.indicators.values_list("pk", flat=True)}
    assert expected <= anchors


def test_the_key_targets_are_listed_under_each_task(client, db):
    html = page(client)

    assert "성과지표 5개" in html
    assert "지방이양 사무관리체계 개선" in html


def test_csv_download_has_a_bom_korean_headers_and_all_68_rows(client, db):
    response = client.get(URL, {"_export": "csv"})

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + 68
    assert sum(int(row[4]) for row in rows[1:]) == 436
    assert sum(int(row[5] or 0) for row in rows[1:]) == 246_237


def test_csv_download_holds_the_filtered_rows(client, db):
    response = client.get(URL, {"strategy": 3, "_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 17


def test_excel_download_opens_with_openpyxl(client, db):
    response = client.get(URL, {"_export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 1 + 68


def test_the_page_reads_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    # 15 for the plan and its tables, 2 for its changes (the year before's plan, versions).
    with django_assert_max_num_queries(17):
        client.get(URL)
    with django_assert_max_num_queries(17):
        client.get(URL, {"ministry": "과기정통부", "budget_min": 100, "sort": "-ministries"})


def test_a_year_without_a_sectoral_plan_says_so(client, db):
    Plan.objects.filter(level=PlanLevel.SECTORAL).delete()  # rolled back after the test

    html = page(client)
    assert "아직 가져온 부문별 시행계획이 없습니다" in html
    assert "<table" not in html


def test_a_key_target_printed_as_new_shows_new_and_its_printed_note(client, db):
    # 지자체 정책, 사업 추진에 대한 컨설팅 지원 건수 (건) : (’24) 5 (‘24년 신규)
    indicator = Indicator.objects.get(plan__level=PlanLevel.SECTORAL, source_line=8626)
    item = re.search(rf'<li id="indicator-{indicator.pk}">(.*?)</li>', page(client), re.S)[1]

    assert '<span class="badge new"' in item and ">신규</span>" in item
    assert "→ 2024년 5건" in item and "(‘24년 신규)</span>" in item


def test_a_key_target_with_an_actual_shows_no_new_badge(client, db):
    # 지방과학기술진흥협의회개최 건수 (건) :  (’23) 1 → (’24) 2
    indicator = Indicator.objects.get(plan__level=PlanLevel.SECTORAL, source_line=8628)
    item = re.search(rf'<li id="indicator-{indicator.pk}">(.*?)</li>', page(client), re.S)[1]

    assert "신규" not in item and "→ 2024년 2건" in item
