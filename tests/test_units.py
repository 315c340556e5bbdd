"""Issue 8, item 4: every number on every public page carries its unit ("42.2조원", "3곳",
"80.1%") and, where it is a value of a year, its year — or its column header, definition
term or table caption names the unit. The check (tests/bare_numbers.py) reads the visible
text of each page as rendered from the bundled plans, with staff's actuals, link
proposals and a district entered, and lists every number without a unit."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.bare_numbers import bare_numbers

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")

PAGES = [
    reverse("web:overview"),
    reverse("web:map"),
    reverse("web:map") + "?metric=tasks",
    reverse("web:map") + "?metric=jobs_change&region=부울경",
    reverse("web:compare"),
    reverse("web:compare") + "?p=부산&p=서울",
    reverse("web:sectoral"),
    reverse("web:sectoral") + "?strategy=3",
    reverse("web:findings"),
    reverse("web:downloads"),
    reverse("priorities:task_list"),
    reverse("priorities:task_detail", args=[2024, 1]),
    reverse("priorities:inspection_list") + "?year=2024",
    reverse("zones:registry") + "?year=2024",
    reverse("regional_tasks:overview"),
    reverse("digital:dashboard"),
    reverse("tracking:goal_list"),
    reverse("links:link_overview"),
    reverse("districts:district_list"),
    reverse("agencies:agency_list"),
    reverse("pipeline:board"),
    reverse("pipeline:track2_board"),
    reverse("agencies:performance_integrated", args=[2024]),
    reverse("cycle:cycle_list"),
    reverse("cycle:cycle_detail", args=[2024]),
    reverse("cycle:submission_detail", args=[2024, "부산"]),
    reverse("results:year", args=[2024]),
    reverse("evaluation:round_list"),
    reverse("allocation:index"),
    reverse("calls:call_list"),
    reverse("allocation:year", args=[2025]),
    reverse("search:search") + "?q=탄소중립",
    reverse("search:search") + "?q=디지털",
]


@pytest.fixture
def entered(db, record_reported_actuals, register_district):
    """What staff put on the pages beside the plans: link proposals, the actuals of the
    issue's example (2023 = 15.2, 2024 = 21조원; 80.1 %; 1,200개) and a district with its
    count of digital firms."""
    from dream.accounts.models import User
    from dream.accounts.services import organizations_ensure
    from dream.districts.choices import MeasureKind
    from dream.districts.services import district_measure_record
    from dream.links.services import link_proposals_refresh

    organizations_ensure()
    staff = User.objects.create_superuser("staff", password="pw")
    link_proposals_refresh(year=2024, actor=staff)
    record_reported_actuals(staff)
    district = register_district("부산", actor=staff, name="센텀 디지털 혁신지구")
    district_measure_record(
        actor=staff,
        district=district,
        kind=MeasureKind.DIGITAL_FIRMS,
        year=2024,
        value=12,
        source="조사",
    )
    return district


def indicator_units() -> set[str]:
    """The units the plans print for their indicators and goals ("%", "개소", "만명" …)."""
    from dream.digital.models import DigitalGoal
    from dream.indicators.models import Indicator

    return set(Indicator.objects.values_list("unit", flat=True)) | set(
        DigitalGoal.objects.values_list("unit", flat=True)
    )


def bare_numbers_on(client, address: str) -> list[str]:
    response = client.get(address)
    assert response.status_code == 200, address
    return bare_numbers(response.content.decode(), indicator_units())


@pytest.mark.parametrize("address", PAGES)
def test_every_number_on_the_page_carries_its_unit(client, entered, address):
    assert bare_numbers_on(client, address) == []


def test_every_number_on_each_province_and_super_region_page_carries_its_unit(client, entered):
    from dream.accounts.registry import PROVINCES, SUPER_REGIONS

    pages = [reverse("web:province_detail", args=[p[0]]) for p in PROVINCES] + [
        reverse("web:super_region_detail", args=[s[0]]) for s in SUPER_REGIONS
    ]
    found = {page: bare_numbers_on(client, page) for page in pages}

    assert {page: numbers for page, numbers in found.items() if numbers} == {}


def test_every_number_on_each_goal_and_district_page_carries_its_unit(client, entered):
    from dream.digital.models import DigitalGoal

    pages = [reverse("tracking:goal_detail", args=[g.key]) for g in DigitalGoal.objects.all()]
    pages.append(reverse("districts:district_detail", args=[entered.pk]))
    found = {page: bare_numbers_on(client, page) for page in pages}

    assert {page: numbers for page, numbers in found.items() if numbers} == {}


def test_the_dashboard_shows_the_latest_actual_with_unit_and_year(client, entered):
    html = client.get(reverse("digital:dashboard")).content.decode()

    assert "21조원 (2024년)" in html
    assert "80.1% (2023년)" in html


def test_the_map_tiles_show_their_metrics_unit(client, entered):
    html = client.get(reverse("web:map"), {"metric": "jobs_change"}).content.decode()
    tiles = html.split('class="tile-map"', 1)[1].split("</div>", 1)[0]

    assert "%</small>" in tiles
    assert bare_numbers(tiles) == []


def test_district_counts_show_their_counter_words(client, entered):
    html = client.get(reverse("districts:district_list")).content.decode()

    assert "0곳 / 5곳" in html
    assert "12개" in html and "(2024년)" in html


def test_search_facets_count_hits_in_geon(client, entered):
    html = client.get(reverse("search:search"), {"q": "탄소중립"}).content.decode()

    assert "건)</option>" in html
    assert re.search(r"\(\d+\)</option>", html) is None


# -- the check itself


@pytest.mark.parametrize(
    "html",
    [
        "<div class='card'><span>최근 실적</span> <div>21</div></div>",
        "<p>80.1</p>",
        "<p>실적 × 1000</p>",
        "<a class='tile'>부산<small>3.12</small></a>",
        "<table><thead><tr><th>사업 수</th></tr></thead><tbody><tr><td>3</td></tr></tbody></table>",
        "<select><option>부산 (12)</option></select>",
    ],
)
def test_the_check_finds_a_number_without_its_unit(html):
    assert len(bare_numbers(html)) == 1


@pytest.mark.parametrize(
    "html",
    [
        "<p>21조원 (2024년)</p>",
        "<p>검색 결과 <strong>87</strong>건</p>",
        "<p>80.1 %</p>",
        "<table><thead><tr><th>국비(억원)</th></tr></thead><tbody><tr><td>1,234</td></tr></tbody>",
        "<table><caption>(단위: 억원)</caption><tr><td>1,234</td></tr></table>",
        "<table><thead><tr><th>단위</th><th>목표</th></tr></thead><tr><td>%</td><td>3.1</td></tr>",
        "<dl><dt>국비(억원)</dt><dd>5,000</dd></dl>",
        "<p>2024년 · 2024-05-01 · 2024. 4. 4. 의결 · ’23~ · 원문 1,204줄 · 제1유형</p>",
        "<p>실천과제 Ⅴ-4(2) · 과제 1-2-3 · 5G · 3대 전략</p>",
        "<li>(1) 지방정부 행정권한 확대</li>",
        "<p><span data-verbatim>목표 8 − 실적 9</span></p>",
        "<p><span class='visually-hidden'>3</span>개</p>",
        "<td>실적 ÷ 목표 × 100 (낮을수록 좋은 지표는 목표 ÷ 실적 ×100)</td>",
    ],
)
def test_the_check_accepts_units_years_dates_codes_and_quotations(html):
    assert bare_numbers(html) == []


def test_a_target_printed_without_unit_says_so_instead_of_inventing_one():
    from dream.indicators.models import Indicator
    from dream.web.tables_sectoral import _target_note

    counted = Indicator(name="디지털 혁신거점 구축 수 (개)", unit="개", target_text="4(누적)")
    unitless = Indicator(name="창업기업", unit="", target_text="416", target_year=2024)
    printed = Indicator(name="설명회", unit="회", target_text="2회(상·하반기 각 1회)")

    assert "→ 4개(누적)" in _target_note(counted)
    assert "→ 2024년 416 (단위 미표기)" in _target_note(unitless)
    assert "2회(상·하반기 각 1회)" in _target_note(printed)


def test_figure_is_the_one_way_a_number_meets_its_unit():
    from dream.web.templatetags.dream_format import figure, unit

    assert figure(Decimal("21.0000"), "조원", 2024) == "21조원 (2024년)"
    assert figure(Decimal("3.12"), "%") == "3.12%"
    assert unit(3, "곳") == "3곳"
    assert unit(None, "곳") == "–"
