"""What the province and super-region pages read, checked against the 2024 document."""

from decimal import Decimal

import pytest

from dream.accounts.registry import PROVINCES, SUPER_REGIONS
from dream.plans.selectors.regions import (
    compare_chart,
    compare_rows,
    normalized_indicator_name,
    province_page,
    provinces,
    super_region_page,
)

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_a_province_page_holds_the_tree_of_pillars_core_and_detailed_tasks(db):
    page = province_page("서울", 2024)

    assert page.organization.full_name == "서울특별시"
    assert page.plan.goal == "동행과 매력의 균형도시 서울"
    assert [s.code for s in (p.strategy for p in page.pillars)] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"]
    first = page.pillars[0].core_tasks[0]
    assert first.task.name == "자율적 자치기반 마련"
    assert [c.task.name for c in first.children][0] == "중앙권한의 지방이양 사무 적극 발굴"
    assert page.core_task_count + page.child_task_count == page.plan.tasks.count()


def test_a_province_page_lists_its_focus_strategies(db):
    page = province_page("서울", 2024)

    assert [s.name for s in page.focus][0] == "권한과 자율성 강화를 통한 실질적 자치분권 추진"
    assert len(page.focus) == 3


def test_the_fiscal_table_flags_a_strategy_sum_that_differs_from_the_printed_total(db):
    fiscal = province_page("서울", 2024).fiscal

    assert [row.amount_eok for row in fiscal.strategies] == [41886, 611, 6247, 3884, 2115]
    assert (fiscal.strategy_sum, fiscal.total_eok) == (54743, 54742)
    assert fiscal.mismatch and fiscal.difference_text == "+1억원"
    assert fiscal.strategies[0].share == Decimal("76.5")
    assert [row.name for row in fiscal.rows[-2:]] == ["전략별 금액의 합", "총액(원문)"]


def test_a_fiscal_table_that_adds_up_raises_no_flag(db):
    assert not province_page("부산", 2024).fiscal.mismatch


def test_a_super_region_strategy_without_an_amount_stays_empty_and_is_listed(db):
    fiscal = super_region_page("충청권", 2024).fiscal

    assert [row.amount_eok for row in fiscal.strategies] == [22, None, 1011, None]
    assert len(fiscal.missing) == 2
    assert fiscal.strategy_sum == fiscal.total_eok == 1033
    assert fiscal.chart["values"] == [22, 1011]


def test_province_indicators_come_grouped_common_then_autonomous(db):
    sections = province_page("서울", 2024).indicator_sections

    assert [(s.title, len(s.indicators)) for s in sections] == [("공통지표", 3), ("자율지표", 4)]


def test_super_region_indicators_come_grouped_by_the_strategy_they_measure(db):
    sections = super_region_page("충청권", 2024).indicator_sections

    assert [len(s.indicators) for s in sections] == [2, 2, 3, 2]
    assert sections[-1].title == "초광역 협력을 위한 자치분권 지원"


def test_indicators_printed_without_a_scope_get_one_section(db):
    sections = super_region_page("강원권", 2024).indicator_sections

    assert [s.title for s in sections] == ["전략 구분 없음"]


def test_a_super_region_page_holds_its_members_and_plan_items_with_descriptions(db):
    page = super_region_page("충청권", 2024)

    assert [m.short_name for m in page.related] == ["대전", "세종", "충북", "충남"]
    item = page.pillars[0].core_tasks[0].children[0]
    assert item.task.name == "첨단 바이오 혁신 신약 클러스터 조성"
    assert len(item.points) == 2
    assert item.points[0].startswith("TP 등 혁신 지원기관")


def test_a_province_links_to_its_super_region_and_a_comparison_with_its_members(db):
    page = province_page("부산", 2024)

    assert [o.short_name for o in page.related] == ["부울경"]
    assert [link.query for link in page.compare_links] == [
        "p=%EB%B6%80%EC%82%B0&p=%EC%9A%B8%EC%82%B0&p=%EA%B2%BD%EB%82%A8",
        "",
    ]


def test_a_province_outside_every_super_region_compares_with_all(db):
    page = province_page("서울", 2024)

    assert page.related == []
    assert [link.short_names for link in page.compare_links] == [[]]


def test_the_plan_findings_come_with_the_page(db):
    findings = province_page("서울", 2024).findings

    assert [f.code for f in findings] == ["budget.sum_mismatch"]


@pytest.mark.parametrize(
    ("short_name", "select"),
    [("없는곳", province_page), ("충청권", province_page), ("서울", super_region_page)],
)
def test_a_name_without_such_a_plan_gives_nothing(db, short_name, select):
    assert select(short_name, 2024) is None


def test_a_page_is_read_in_a_fixed_number_of_queries(db, django_assert_num_queries):
    with django_assert_num_queries(8):
        page = province_page("부산", 2024)
        [node.children for pillar in page.pillars for node in pillar.core_tasks]
    with django_assert_num_queries(7):
        super_region_page("부울경", 2024)


def test_every_province_and_super_region_of_the_registry_has_a_page(db):
    for short_name, *_ in PROVINCES:
        assert province_page(short_name, 2024).pillars, short_name
    for short_name, *_ in SUPER_REGIONS:
        assert super_region_page(short_name, 2024).pillars, short_name


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [("일자리 수", "일자리수"), ("1인당 GRDP(23)", "1인당grdp"), ("재정자주도", "재정자주도")],
)
def test_indicator_names_match_whatever_the_spacing_or_a_year_note(printed, normalized):
    assert normalized_indicator_name(printed) == normalized


def test_the_comparison_finds_the_three_common_indicators_of_every_province(db):
    rows = compare_rows(provinces(), 2024)

    assert len(rows) == 17
    assert all(set(row.indicators) == {"grdp", "jobs", "fiscal_autonomy"} for row in rows)


def test_the_comparison_keeps_the_printed_text(db):
    busan, gwangju = compare_rows(
        [p for p in provinces() if p.short_name in ("부산", "광주")], 2024
    )

    assert busan.fiscal_eok == 49004
    assert busan.indicators["grdp"].baseline_text == "31,6"  # as printed; read as 31.6
    assert gwangju.indicators["jobs"].target_text == "777"  # printed "일자리 수"
    assert gwangju.indicators["fiscal_autonomy"].unit == "%, %p"


def test_the_comparison_chart_shows_the_table_numbers(db):
    rows = compare_rows(provinces()[:2], 2024)

    assert compare_chart(rows) == {
        "categories": ["서울", "부산"],
        "values": [54742, 49004],
        "unit": "억원",
    }
