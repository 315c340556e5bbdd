"""Part Ⅴ of the 2024 plan, 초광역권발전 시행계획, read into one plan per super-region.

Every expected value below was checked by hand against
data/seeds/2024-implementation-plan.txt (line numbers are the file's).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dream.ingest.document import PlanFormatError, Section, read_lines, split_sections
from dream.ingest.records import ParsedPlan
from dream.ingest.sections.super_regions import parse_super_regions

SOURCE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def section() -> Section:
    return split_sections(read_lines(SOURCE))["super_regions"]


@pytest.fixture(scope="module")
def plans(section: Section) -> dict[str, ParsedPlan]:
    return {plan.owner: plan for plan in parse_super_regions(section)}


def _kinds(plan: ParsedPlan, kind: str) -> list[str]:
    return [s.name for s in plan.strategies if s.kind == kind]


def _items(plan: ParsedPlan) -> list:
    return [item for core in plan.tasks for item in core.children]


def _budgets(plan: ParsedPlan) -> list[tuple[int | None, int]]:
    return [(b.strategy_position, b.amount_eok) for b in plan.budgets]


def _findings(plan: ParsedPlan) -> set[tuple[str, str, int]]:
    return {(f.severity, f.code, f.source_line) for f in plan.findings}


# One row per super-region: heading line, goal, numbers of focus (◈) and pillar
# strategies, core tasks, plan items (§), budgets (pillar position, 억원; None is
# the total), indicators, and the findings (severity, code, line).
EXPECTED = {
    "충청권": dict(
        line=10196,
        goal="바이오․모빌리티 등 혁신자원을 연계한 미래 新성장동력 확보",
        focus=3,
        pillars=4,
        cores=7,
        items=11,
        budgets=[(1, 22), (3, 1011), (None, 1033)],
        indicators=9,
        findings={
            ("info", "budget.name_differs", 10438),
            ("warning", "budget.strategy_missing", 10333),
            ("warning", "budget.strategy_missing", 10399),
        },
    ),
    "광주전남권": dict(
        line=10517,
        goal="광주·전남 초광역권 형성을 위한 기반 구축",
        focus=3,
        pillars=2,
        cores=8,
        items=31,
        budgets=[(1, 446), (2, 3347), (None, 3793)],
        indicators=8,
        findings={
            ("warning", "table.duplicate_item", 10633),
            ("warning", "table.duplicate_item", 10665),
            ("warning", "table.duplicate_item", 10667),
        },
    ),
    "대구경북권": dict(
        line=10816,
        goal="대구경북 산업 대전환과 신공항 연계 강화로 지방시대 선도",
        focus=3,
        pillars=3,
        cores=10,
        items=22,
        budgets=[(1, 1495), (2, 1307), (3, 0), (None, 2802)],  # (제도) is printed "-"
        indicators=7,
        findings=set(),
    ),
    "부울경": dict(
        line=11083,
        goal=(
            "주력·신산업 혁신기반 마련 및 광역교통망 확충, "
            "생활여건 개선으로 지방시대를 선도하는 부울경"
        ),
        focus=3,
        pillars=3,
        cores=12,
        items=57,
        budgets=[(1, 2450), (2, 7807), (3, 287), (None, 10544)],
        indicators=8,
        findings={
            ("info", "budget.name_differs", 11322),
            ("info", "budget.name_differs", 11324),
            ("info", "budget.name_differs", 11326),
        },
    ),
    "전북권": dict(
        line=11387,
        goal="새로운 전북, 특별한 기회 글로벌 생명경제도시 전북",
        focus=3,
        pillars=5,
        cores=10,
        items=28,
        budgets=[(1, 81), (2, 35), (3, 32), (4, 78), (5, 1467), (None, 1692)],
        indicators=10,
        findings={
            ("warning", "table.item_in_task_column", 11467),
            ("warning", "budget.sum_mismatch", 11614),
        },
    ),
    "강원권": dict(
        line=11686,
        goal="미래산업 선도, 초광역협력 생태계 중심지 도약",
        focus=3,
        pillars=4,
        cores=11,
        items=25,
        budgets=[(1, 1021), (2, 39), (3, 3214), (None, 4274)],
        indicators=6,
        findings={("warning", "budget.strategy_missing", 11844)},
    ),
    "제주권": dict(
        line=11934,
        goal="초광역 생태계 조성으로 「다함께 미래로, 빛나는 제주」 구현",
        focus=2,
        pillars=2,
        cores=2,
        items=4,
        budgets=[(1, 63), (2, 13), (None, 76)],
        indicators=3,
        findings=set(),
    ),
}


def test_one_plan_per_super_region_in_document_order(section):
    plans = parse_super_regions(section)
    assert [p.owner for p in plans] == list(EXPECTED)
    assert {p.level for p in plans} == {"super_region"}


@pytest.mark.parametrize("owner", EXPECTED)
def test_goal_and_heading_line(plans, owner):
    plan = plans[owner]
    assert plan.goal == EXPECTED[owner]["goal"]
    assert plan.source_line == EXPECTED[owner]["line"]


@pytest.mark.parametrize("owner", EXPECTED)
def test_counts_of_strategies_tasks_items_and_indicators(plans, owner):
    plan, expected = plans[owner], EXPECTED[owner]
    assert len(_kinds(plan, "focus")) == expected["focus"]
    assert len(_kinds(plan, "pillar")) == expected["pillars"]
    assert len(plan.tasks) == expected["cores"]
    assert len(_items(plan)) == expected["items"]
    assert len(plan.indicators) == expected["indicators"]


@pytest.mark.parametrize("owner", EXPECTED)
def test_budgets_per_strategy_and_total_for_2024(plans, owner):
    plan = plans[owner]
    assert _budgets(plan) == EXPECTED[owner]["budgets"]
    assert {(b.year, b.source) for b in plan.budgets} == {(2024, "total")}


@pytest.mark.parametrize("owner", EXPECTED)
def test_findings_with_their_lines(plans, owner):
    assert _findings(plans[owner]) == EXPECTED[owner]["findings"]


@pytest.mark.parametrize("owner", EXPECTED)
def test_task_tree_is_consistent(plans, owner):
    plan = plans[owner]
    pillars = [s.position for s in plan.strategies if s.kind == "pillar"]
    for core in plan.tasks:
        assert core.kind == "core" and core.strategy_position in pillars
        assert [item.position for item in core.children] == list(range(1, len(core.children) + 1))
        assert all(item.kind == "item" and not item.name.startswith("§") for item in core.children)


# ---------------------------------------------------------------- 충청권


def test_chungcheong_strategies(plans):
    plan = plans["충청권"]
    assert _kinds(plan, "focus")[1] == (
        "혁신거점 클러스터 확장 및 광역생활경제권 조성을 위한 교통망 연결"
    )
    assert _kinds(plan, "pillar") == [
        "충청권 연계‧협력 체계 구축을 통한 초광역 산업발전 및 경쟁력 제고",
        "혁신거점 클러스터 확장 및 광역생활경 제권 조성을 위한 교통망 연결",
        "충청권 문화-관광 동질성 강화",
        "초광역 협력을 위한 자치분권 지원",
    ]


def test_chungcheong_item_keeps_its_bullets_as_description(plans):
    core = plans["충청권"].tasks[0]
    assert core.name == "첨단바이오 헬스 산업생태계 조성"
    item = core.children[0]
    assert (item.name, item.source_line) == ("첨단 바이오 혁신 신약 클러스터 조성", 10226)
    assert item.description.startswith(
        "Ÿ TP 등 혁신 지원기관 및 기업 등의 협업을 토대로 항체 의약품 개발 가속 화 지원,"
    )
    assert item.description.endswith(
        "(충남) 지역혁신소재 활용 생산공정 연계 기능성 국산화 신소재 개발"
    )


def test_chungcheong_fiscal_22_is_a_strategy_amount_and_1033_the_total(plans):
    """22 + 1,011 = 1,033: the number under "22" is the merged total cell, not a split number."""
    budgets = plans["충청권"].budgets
    assert [(b.printed, b.source_line) for b in budgets] == [
        ("22", 10438),
        ("1,011", 10441),
        ("1,033", 10439),
    ]


def test_chungcheong_indicator(plans):
    indicator = plans["충청권"].indicators[7]
    assert indicator.scope == "초광역 협력을 위한 자치분권 지원"
    assert indicator.name == "충청권 특별지방자치단체 출범 및 운영"
    assert indicator.unit == "%"
    assert (indicator.baseline_year, indicator.baseline_text, indicator.baseline_value) == (
        2023,
        "70",
        Decimal("70"),
    )
    assert (indicator.target_year, indicator.target_text, indicator.target_value) == (
        2024,
        "100",
        Decimal("100"),
    )
    assert (indicator.change_text, indicator.source_line, indicator.group) == ("30", 10488, "key")


# ---------------------------------------------------------------- 광주전남권


def test_gwangju_strategy_cut_by_the_fiscal_page_is_completed_after_it(plans):
    plan = plans["광주전남권"]
    assert _kinds(plan, "pillar") == [
        "동북아 성장을 견인하는 초광역 경제권 조성",
        "초광역권 산업의 발전을 견인하고 사람 중심의 생활공동체 생태계 조성",
    ]
    campus = plan.tasks[4]
    assert (campus.name, campus.strategy_position, campus.position) == (
        "광주·전남 공유캠퍼스 조성",
        2,
        1,
    )
    assert [i.source_line for i in campus.children] == [10633, 10665, 10667, 10669]


def test_gwangju_indicator(plans):
    indicator = plans["광주전남권"].indicators[0]
    assert (indicator.scope, indicator.name, indicator.unit) == (
        "동북아 성장을 견인하는 초광역 경제권 조성",
        "재생에너지 거래모델 발굴",
        "건",
    )
    assert (indicator.baseline_text, indicator.baseline_value) == ("-", None)
    assert (indicator.target_value, indicator.change_text) == (Decimal("1"), "1")


# ---------------------------------------------------------------- 대구경북권


def test_daegu_strategy_column_continues_on_the_next_page(plans):
    plan = plans["대구경북권"]
    assert _kinds(plan, "pillar") == _kinds(plan, "focus")
    tourism = plan.tasks[6]
    assert tourism.name == "K-콘텐츠 및 관광콘텐츠 발굴, 초광역 관광 그리드 구축"
    assert [i.source_line for i in tourism.children] == [10934, 10938, 11014]


def test_daegu_wrapped_item_keeps_its_last_line(plans):
    item = plans["대구경북권"].tasks[0].children[3]
    assert item.name == (
        "자율주행 모빌리티 실증 주행이 가능한 인프라를 활용, "
        "기술개발부터 상용화까지 전주기 지원을 통한 자율주행 산업 육성"
    )


def test_daegu_indicator_with_text_values(plans):
    indicator = plans["대구경북권"].indicators[2]
    assert (indicator.scope, indicator.name, indicator.unit) == (
        "초광역권 산업육성 계획",
        "국가로봇테스트필드 조성 지원 실행계획 수립",
        "1식",
    )
    assert (indicator.baseline_text, indicator.target_text, indicator.change_text) == (
        "예타완료",
        "수립완료",
        "-",
    )
    assert indicator.baseline_value is None and indicator.target_value is None


# ---------------------------------------------------------------- 부울경


def test_busan_strategies_are_read_from_the_layout(plans):
    assert _kinds(plans["부울경"], "pillar") == [
        "주력산업의 고도화 및 첨단 신산업 육성을 통한 산업 혁신기반 마련",
        "생활권 확장 통행수요에 대응한 광역 인프라 기반 구축",
        "생활여건 개선을 통한 시·도민이 체감할 수 있는 삶의 질 향상 추진",
    ]


def test_busan_line_ends_decide_between_wrapped_text_and_a_new_cell(plans):
    names = {item.source_line: item.name for item in _items(plans["부울경"])}
    assert names[11193] == "울산∼부산∼창원∼진주를 잇는 철도교통 인프라 도입 운영 을 위한 실무협의"
    assert names[11264] == "개발제한구역 제도 개선을 위한 공동건의 추진"
    assert names[11125] == "수소연료전지 기반 19인승 커뮤터기 테마검증 및 원천 연구"


def test_busan_indicator(plans):
    indicator = plans["부울경"].indicators[7]
    assert (indicator.scope, indicator.name, indicator.unit) == (
        "시･도민 삶의 질 향상",
        "소아 중증 응급환자 중증도 향상*",
        "%",
    )
    assert (indicator.baseline_value, indicator.target_value, indicator.change_text) == (
        Decimal("5.8"),
        Decimal("6"),
        "0.2",
    )


def test_busan_indicator_group_labels_are_read_apart_from_the_names(plans):
    # 11337 "인재양성" / 11338 "미래기술 명 0 450 450" / 11340 "생산공정 명 0 600 600"
    # 11342 "수소산업 " / 11343 "기반" / 11345 "충전소 개소 0 1 1"
    indicators = plans["부울경"].indicators
    assert [(i.subgroup, i.name, i.source_line) for i in indicators[:4]] == [
        ("인재양성", "미래기술", 11338),
        ("인재양성", "생산공정", 11340),
        ("수소산업 기반", "충전소", 11345),
        ("", "수소버스 구매", 11347),
    ]


def test_a_name_wrapped_onto_its_value_row_is_not_a_group_label(plans):
    # 10453 "초광역 산업분야 " (left open) / 10454 "실무협의체 구성 건 …"
    names = [(i.subgroup, i.name) for i in plans["충청권"].indicators]
    assert ("", "초광역 산업분야 실무협의체 구성") in names
    assert ("", "사업 이관 수 (4개 시도→특자체)") in names
    assert all(subgroup == "" for subgroup, _name in names)


# ---------------------------------------------------------------- 전북권


def test_jeonbuk_core_task_cell_ending_after_its_first_item_is_joined(plans):
    # 11491 "액화수소 저장·운송·충전용 " … 11497 "§ 강원 수소 클러스터 … 발굴  " / 11498 " 기기 개발"
    core = plans["전북권"].tasks[4]
    assert core.name == "액화수소 저장 기반 수소충전 인프라 구축 / 액화수소 저장·운송·충전용 기기 개발"
    assert core.children[1].name == "강원 수소 클러스터 사업과 연계한 사업 발굴"


def test_jeonbuk_bullet_printed_in_the_task_column_becomes_a_core_task(plans):
    core = plans["전북권"].tasks[3]
    assert (core.name, core.source_line) == ("해양바이오매스 기반 산업 화 플랫폼 구축", 11467)
    assert len(core.children) == 3


def test_jeonbuk_task_and_item_sharing_a_line(plans):
    core = plans["전북권"].tasks[-1]
    assert (core.name, core.strategy_position, core.source_line) == (
        "전주~무주~대구 고속도로",
        5,
        11604,
    )
    assert [i.name for i in core.children] == ["무주~성주구간에 대한 사전타당성조사 용역 착수"]


def test_jeonbuk_indicator(plans):
    indicator = plans["전북권"].indicators[8]
    assert (indicator.scope, indicator.name, indicator.unit) == (
        "동서내륙 SOC 추진",
        "고용창출",
        "회",
    )
    assert (indicator.target_text, indicator.target_value) == ("8,970", Decimal("8970"))


# ---------------------------------------------------------------- 강원권


def test_gangwon_fourth_strategy_only_in_the_table(plans):
    plan = plans["강원권"]
    assert _kinds(plan, "pillar")[3] == "초광역 협력을 위한 자치분권 지원"
    assert [t.name for t in plan.tasks if t.strategy_position == 4] == [
        "특별자치도 간 협력 농업‧환경‧산림 규제 개선 협력",
        "해외 우수산업 인력 유치 및 교류 활성화",
    ]


def test_gangwon_indicators_have_no_strategy_printed(plans):
    indicator = plans["강원권"].indicators[3]
    assert (indicator.scope, indicator.name, indicator.unit) == ("", "생활인구", "명/일")
    assert (indicator.baseline_value, indicator.target_value, indicator.change_text) == (
        Decimal("400000"),
        Decimal("800000"),
        "400,000",
    )


# ---------------------------------------------------------------- 제주권


def test_jeju_tasks(plans):
    plan = plans["제주권"]
    assert _kinds(plan, "pillar") == ["초광역권 산업 육성", "초광역협력 사업 추진"]
    assert [t.name for t in plan.tasks] == [
        "초광역 특화생물자원 활용 바이오산업 육성",
        "도시 데이터 기반 SW융합 신산업 육성",
    ]


def test_jeju_indicator(plans):
    indicator = plans["제주권"].indicators[2]
    assert (indicator.scope, indicator.name, indicator.unit) == (
        "SW융합서비스 실증 및 상용화 지원",
        "지원 기업수",
        "기업수",
    )
    assert (indicator.baseline_text, indicator.target_text, indicator.change_text) == (
        "4",
        "6",
        "2",
    )
    assert indicator.source_line == 12023


# ---------------------------------------------------------------- broken input


def _cut(section: Section, last_line: int) -> Section:
    return Section(
        section.key, section.title, [line for line in section.lines if line.number <= last_line]
    )


def test_a_missing_super_region_raises(section):
    with pytest.raises(PlanFormatError, match="강원권") as error:
        parse_super_regions(_cut(section, 11600))
    assert error.value.line is not None


def test_a_part_cut_before_its_fiscal_table_raises(section):
    with pytest.raises(PlanFormatError, match="제주권.*재정투입") as error:
        parse_super_regions(_cut(section, 11990))
    assert error.value.line == 11934
