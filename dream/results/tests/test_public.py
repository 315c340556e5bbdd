"""The public results page `/results/<year>/`: confirmed results only, by body and by
strategy, downloads that a spreadsheet cannot run, a Korean 404 for a year not published."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.cycle.tests import conftest as cycle_fixtures
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Plan, Strategy, Task
from dream.results.choices import ResultState
from dream.results.models import IndicatorActual, ResultSubmission
from dream.results.public import NO_CONFIRMED, year_results

# The cycle's bodies, people and 2024 sectoral plan, used as fixtures here.
orgs, personas, staff = cycle_fixtures.orgs, cycle_fixtures.personas, cycle_fixtures.staff
sectoral_2024 = cycle_fixtures.sectoral_2024
FORMULA_NAME = '=HYPERLINK("http://x","y")'


def province_plan(owner):
    plan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=owner)
    pillar = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="자율성 강화"
    )
    core = Task.objects.create(
        plan=plan, strategy=pillar, kind=TaskKind.CORE, position=1, name="청년 일자리"
    )
    return plan, core


def indicator(plan, task, position, **fields):
    return Indicator.objects.create(plan=plan, task=task, position=position, **fields)


def actual(recorded_by, indicator_, text, value=None):
    return IndicatorActual.objects.create(
        indicator=indicator_,
        year=2024,
        value_text=text,
        value=value,
        source="지역고용조사",
        observed_on=date(2025, 1, 31),
        recorded_by=recorded_by,
    )


def submission(plan, organization, state):
    return ResultSubmission.objects.create(plan=plan, organization=organization, state=state)


@pytest.fixture
def results_2024(orgs, staff, sectoral_2024):
    """부산 (confirmed): 청년고용률 42.3 % against 42.3 (achieved) and 가덕도 신공항
    "공사 착공" with "기본계획 고시 완료" (text target); 서울 (submitted only): one indicator
    with an actual; 행안부 (confirmed) leads the sectoral practical task with one indicator."""
    busan, busan_core = province_plan(orgs["부산"])
    employment = indicator(
        busan, busan_core, 1, group="key", name="청년고용률", unit="%",
        baseline_value=Decimal("42.1"), target_text="42.3", target_value=Decimal("42.3"),
        direction="higher",
    )  # fmt: skip
    airport = indicator(
        busan, busan_core, 2, group="key", name="가덕도 신공항 건설", unit="식",
        target_text="공사 착공",
    )  # fmt: skip
    actual(staff, employment, "42.3", Decimal("42.3"))
    actual(staff, airport, "기본계획 고시 완료")
    submission(busan, orgs["부산"], ResultState.CONFIRMED)

    seoul, seoul_core = province_plan(orgs["서울"])
    seoul_indicator = indicator(
        seoul, seoul_core, 1, group="key", name="청년고용률", target_text="50",
        target_value=Decimal("50"), direction="higher",
    )  # fmt: skip
    actual(staff, seoul_indicator, "10", Decimal("10"))
    submission(seoul, orgs["서울"], ResultState.SUBMITTED)

    practical = Task.objects.get(plan=sectoral_2024, kind=TaskKind.PRACTICAL)
    ministry_indicator = indicator(
        sectoral_2024, practical, 1, group="key", name="디지털 혁신지구 수", unit="개",
        target_text="10", target_value=Decimal("10"), direction="higher",
    )  # fmt: skip
    actual(staff, ministry_indicator, "7", Decimal("7"))
    submission(sectoral_2024, orgs["행안부"], ResultState.CONFIRMED)
    return busan


def rows_by_name(results):
    return {row.organization.short_name: row for row in results.bodies}


def test_confirmed_results_are_counted_by_body(results_2024):
    rows = rows_by_name(year_results(2024))
    busan = rows["부산"]
    assert busan.confirmed
    assert (busan.plan_indicators, busan.counts.with_actual) == (2, 2)
    assert (busan.counts.achieved, busan.counts.judgement) == (1, 1)
    assert busan.counts.share == Decimal("100.0")
    ministry = rows["행안부"]
    assert (ministry.confirmed, ministry.counts.below, ministry.counts.share) == (
        True,
        1,
        Decimal("0.0"),
    )


def test_results_not_confirmed_are_not_counted(results_2024):
    seoul = rows_by_name(year_results(2024))["서울"]
    assert not seoul.confirmed
    assert seoul.plan_indicators == 1
    assert seoul.counts.with_actual == 0
    assert seoul.counts.share is None


def test_strategy_rows_count_confirmed_bodies_only(results_2024):
    strategies = {row.name: row.counts for row in year_results(2024).strategies}
    # 부산's two indicators (Ⅰ), 행안부's one (Ⅲ); 서울's Ⅰ indicator is not confirmed.
    assert strategies["Ⅰ 자율성 강화"].indicators == 2
    assert strategies["Ⅲ 혁신성장"].below == 1


def test_anonymous_reads_the_page_and_unconfirmed_results_stay_hidden(client, results_2024):
    response = client.get(reverse("results:year", args=[2024]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "100.0% (DREAM 계산)" in text
    assert NO_CONFIRMED in text
    seoul_row = text.split(">서울<", 1)[1].split("</tr>", 1)[0]
    assert NO_CONFIRMED in seoul_row
    assert "%" not in seoul_row  # 서울's submitted 10 of 50 (20.0 %) is not shown
    assert "20.0%" not in text
    assert reverse("results:body", args=[2024, "부산"]) in text
    assert "Ⅰ 자율성 강화" in text and "Ⅲ 혁신성장" in text  # by strategy
    assert "적용 규칙" in text


def test_page_queries_do_not_grow_with_bodies(client, results_2024, orgs, staff,
                                              django_assert_max_num_queries):  # fmt: skip
    for name in ("대구", "인천", "광주"):
        plan, core = province_plan(orgs[name])
        for position in range(1, 4):
            item = indicator(
                plan, core, position, group="key", name=f"지표 {position}",
                target_text="1", target_value=Decimal("1"), direction="higher",
            )  # fmt: skip
            actual(staff, item, "1", Decimal("1"))
        submission(plan, orgs[name], ResultState.CONFIRMED)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("results:year", args=[2024])).status_code == 200


def test_csv_download_has_headers_and_formula_like_cells_made_safe(client, results_2024):
    Organization.objects.create(kind=OrganizationKind.PROVINCE, short_name=FORMULA_NAME)
    response = client.get(reverse("results:year", args=[2024]), {"_export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["구분", "기관", "계획의 지표(개)"]
    assert "달성 비율(%, DREAM 계산)" in rows[0]
    by_name = {row[1]: row for row in rows[1:]}
    assert "'" + FORMULA_NAME in by_name
    assert by_name["서울"][3] == NO_CONFIRMED
    assert by_name["부산"][-1] == "100"


def test_excel_download_has_headers(client, results_2024):
    response = client.get(reverse("results:year", args=[2024]), {"_export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]][:2] == ["구분", "기관"]


def test_unknown_export_format_is_refused(client, results_2024):
    response = client.get(reverse("results:year", args=[2024]), {"_export": "ods"})
    assert response.status_code == 400


def test_year_without_published_plan_is_a_korean_404(client, results_2024):
    response = client.get(reverse("results:year", args=[2019]))
    assert response.status_code == 404
    assert "공개된 연도: 2024년" in response.content.decode()


def test_every_number_of_the_tables_has_its_unit(client, results_2024):
    """The page's own text and tables; the shared rules box's formulas ("× 100") are its
    template's concern."""
    from tests.bare_numbers import bare_numbers

    html = client.get(reverse("results:year", args=[2024])).content.decode()
    assert bare_numbers(html.split('<section class="rules-box"')[0]) == []


def test_map_colours_provinces_by_confirmed_share_only(results_2024):
    from dream.results.public import EMPTY_TILE, province_tiles

    tiles, legend = province_tiles(year_results(2024).bodies)
    by_name = {tile.short_name: tile for tile in tiles}
    assert len(by_name) == 17
    assert (by_name["부산"].label, by_name["부산"].dark) == ("100.0%", True)
    assert (by_name["서울"].label, by_name["서울"].color) == (NO_CONFIRMED, EMPTY_TILE)
    assert legend[0][1] == "0% ~ 20%"
