"""Ⅰ (시행계획 개요) and the appendix (참고 1–3) of the 2024 plan, and their check against the
body, as the reader must see them.

Expected values were read by hand from data/seeds/2024-implementation-plan.txt: Ⅰ is lines
1–216, 참고 1 lines 13303–14076, 참고 2 lines 14077–15549, 참고 3 lines 15550–16015.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dream.ingest.document import Line, PlanFormatError, Section, read_lines, split_sections
from dream.ingest.records import (
    Finding,
    ParsedBudget,
    ParsedIndicator,
    ParsedPlan,
    ParsedStrategy,
    ParsedTask,
)
from dream.ingest.sections.appendix import (
    PROVINCES,
    AppendixStrategy,
    AppendixSummary,
    MinistriesTable,
    RegionSummary,
    StrategyShare,
    TableTotal,
    comparable,
    cross_check,
    parse_appendix,
    parse_overview,
    split_target,
    target_indicators,
)

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def sections() -> dict[str, Section]:
    return split_sections(read_lines(SEED))


@pytest.fixture(scope="module")
def national(sections: dict[str, Section]) -> ParsedPlan:
    return parse_overview(sections["overview"])


@pytest.fixture(scope="module")
def summary(sections: dict[str, Section]) -> AppendixSummary:
    return parse_appendix(sections["appendix"])


def section_of(*texts: str, key: str = "overview", start: int = 1) -> Section:
    return Section(key, key, [Line(start + i, text) for i, text in enumerate(texts)])


def budgets_by(plan_or_summary) -> dict[tuple[int, str], tuple[int, str, int]]:
    return {
        (b.year, b.source): (b.amount_eok, b.printed, b.source_line)
        for b in plan_or_summary.budgets
    }


# ---------------------------------------------------------------- Ⅰ. 시행계획 개요


def test_overview_is_the_national_plan_with_its_goal(national: ParsedPlan) -> None:
    assert (national.level, national.owner, national.source_line) == ("national", "위원회", 1)
    assert national.goal == "지방주도 균형발전, 책임있는 지방분권"


def test_overview_lists_the_five_national_strategies_as_printed(national: ParsedPlan) -> None:
    assert [(s.kind, s.position, s.code, s.name, s.source_line) for s in national.strategies] == [
        ("pillar", 1, "Ⅰ", "자율성 키우는 과감한 지방분권", 50),
        ("pillar", 2, "Ⅱ", "인재를 기르는 담대한 교육개혁", 50),
        ("pillar", 3, "Ⅲ", "일자리 늘리는 창조적 혁신성장", 50),
        ("pillar", 4, "Ⅳ", "개성을 살리는 주도적 특화발전", 51),
        ("pillar", 5, "Ⅴ", "삶의 질 높이는 맞춤형 생활복지", 51),
    ]


def test_overview_budgets_by_year_and_source_in_eok(national: ParsedPlan) -> None:
    assert budgets_by(national) == {
        (2024, "total"): (422_000, "42.2조원", 110),
        (2024, "national"): (246_000, "24.6조원", 111),
        (2024, "local"): (150_000, "15.0조원", 111),
        (2024, "private"): (26_000, "2.6조원", 111),
        (2023, "total"): (365_000, "36.5조원", 113),
        (2023, "national"): (175_000, "17.5조원", 114),
        (2023, "local"): (161_000, "16.1조원", 116),
        (2023, "private"): (29_000, "2.9조원", 116),
    }
    assert all(b.strategy_position is None for b in national.budgets)


def test_overview_flags_only_the_rounded_shares(national: ParsedPlan) -> None:
    # 15.0/42.2 = 35.55% printed 35.6%, 2.6/42.2 = 6.16% printed 6.1%: both possible for
    # amounts rounded to 0.1조원; sums (24.6+15.0+2.6, 17.5+16.1+2.9) and changes
    # (15.6%, 40.6%, 6.8%↓, 10.3%↓) agree.
    assert [(f.severity, f.code, f.source_line) for f in national.findings] == [
        ("info", "budget.share_mismatch", 111),
        ("info", "budget.share_mismatch", 111),
    ]
    assert "35.6%" in national.findings[0].message
    assert "6.1%" in national.findings[1].message


OVERVIEW_WITH_ERRORS = (
    " Ⅰ. 시행계획 개요",
    "ㅇ ‘지방주도 균형발전, 책임있는 지방분권’의 목표 달성을 위한 5대 ",
    "    * ➀자율성 키우는 과감한 지방분권, ➁인재를 기르는 담대한 교육개혁",
    "",
    "ㅇ 재정투입은 총 42.2조원으로 ",
    "국비 24.6조원(58.3%), 지방비 15.0조원(35.6%), 민자 3.6조원(8.5%)으로 구성",
    "ㅇ 전년 대비 총 투자액 15.6%(‘23년 36.5조원→’24년 42.2조원), 국비 ",
    "20.6%(‘23년 17.5조원→’24년 24.6조원) 증가",
    "    * 지방비 : (‘23)16.1조원→(’24)15.5조원(6.8%↓) / 민자 : (‘23)2.9조원→(’24)3.6조원(10.3%↓)",
)


def test_overview_findings_name_what_does_not_add_up() -> None:
    plan = parse_overview(section_of(*OVERVIEW_WITH_ERRORS))
    assert [s.name for s in plan.strategies] == [
        "자율성 키우는 과감한 지방분권",
        "인재를 기르는 담대한 교육개혁",
    ]
    assert [(f.severity, f.code, f.source_line) for f in plan.findings] == [
        ("info", "budget.share_mismatch", 6),  # 15.0/42.2 = 35.55%, printed 35.6%
        ("warning", "budget.change_mismatch", 8),  # 17.5→24.6 is 40.6%, not 20.6%
        ("warning", "budget.repeated_mismatch", 9),  # 지방비 15.5조원 here, 15.0조원 above
        ("warning", "budget.change_mismatch", 9),  # 16.1→15.5 is 3.7%↓, not 6.8%↓
        ("warning", "budget.change_mismatch", 9),  # 2.9→3.6 is an increase
        ("warning", "budget.sum_mismatch", 5),  # 24.6 + 15.0 + 3.6 ≠ 42.2
    ]
    assert "20.6%" in plan.findings[1].message


def test_overview_share_of_a_wrong_amount_is_a_warning() -> None:
    plan = parse_overview(
        section_of("ㅇ 재정투입은 총 42.2조원으로 ", "국비 24.6조원(50.0%), 지방비 17.6조원(41.7%)")
    )
    budget = [f for f in plan.findings if f.code.startswith("budget.")]
    assert [(f.severity, f.code, f.source_line) for f in budget] == [
        ("warning", "budget.share_mismatch", 2),  # 24.6/42.2 is 58.3%, beyond any rounding
    ]
    assert "50.0%" in budget[0].message


def test_overview_without_figures_says_so() -> None:
    plan = parse_overview(section_of(" Ⅰ. 시행계획 개요", "내용 없음"))
    assert plan.goal == ""
    assert plan.budgets == []
    assert {(f.severity, f.code) for f in plan.findings} == {
        ("error", "budget.missing"),
        ("error", "overview.strategies_missing"),
    }


# ---------------------------------------------------------------- 참고 1: totals


def test_appendix_repeats_the_totals_on_its_own_lines(summary: AppendixSummary) -> None:
    assert budgets_by(summary) == {
        (2024, "total"): (422_000, "42.2조원", 13309),
        (2024, "national"): (246_000, "24.6조원", 13310),
        (2024, "local"): (150_000, "15.0조원", 13310),
        (2024, "private"): (26_000, "2.6조원", 13310),
        (2023, "total"): (365_000, "36.5조원", 13312),
        (2023, "national"): (175_000, "17.5조원", 13313),
        (2023, "local"): (161_000, "16.1조원", 13315),
        (2023, "private"): (29_000, "2.9조원", 13315),
    }


def test_appendix_strategy_shares(summary: AppendixSummary) -> None:
    assert [(s.group, s.strategy_position, s.printed, s.source_line) for s in summary.shares] == [
        ("sectoral", 1, "0.1%", 13330),
        ("sectoral", 2, "0.8%", 13330),
        ("sectoral", 3, "13.2%", 13331),
        ("sectoral", 4, "35.4%", 13331),
        ("sectoral", 5, "50.5%", 13333),
        ("province", 1, "11%", 13335),
        ("province", 2, "6%", 13335),
        ("province", 3, "16%", 13336),
        ("province", 4, "33%", 13336),
        ("province", 5, "34%", 13336),
    ]
    assert summary.shares[2].percent == Decimal("13.2")


def test_appendix_findings_against_itself(summary: AppendixSummary) -> None:
    # The ministries' shares do not follow from the 국비 of the table beside them
    # (151 / 2,304 / 28,878 / 88,407 / 126,497억원 of 246,237억원: 0.1 / 0.9 / 11.7 /
    # 35.9 / 51.4%), and 총계 24.6조원 rounds the rows' 246,237억원.
    assert [(f.severity, f.code, f.source_line) for f in summary.findings] == [
        ("info", "budget.share_mismatch", 13310),
        ("info", "budget.share_mismatch", 13310),
        ("info", "appendix.table_sum_mismatch", 13786),
        ("warning", "appendix.share_differs", 13330),
        ("warning", "appendix.share_differs", 13331),
        ("warning", "appendix.share_differs", 13331),
        ("warning", "appendix.share_differs", 13333),
    ]
    assert "13.2%" in summary.findings[4].message and "11.7%" in summary.findings[4].message


# ---------------------------------------------------------------- 참고 1: ministries' table


def test_ministries_table_strategies(summary: AppendixSummary) -> None:
    table = summary.ministries
    assert [(s.code, s.name, s.source_line) for s in table.strategies] == [
        ("Ⅰ", "자율성 키우는 과감한 지방분권", 13353),
        ("Ⅱ", "인재를 기르는 담대한 교육개혁", 13425),
        ("Ⅲ", "일자리 늘리는 창조적 혁신성장", 13507),
        ("Ⅳ", "개성을 살리는 주도적 특화발전", 13616),  # printed "IⅤ."
        ("Ⅴ", "삶의 질 높이는 맞춤형 생활복지", 13704),
    ]
    assert len(table.tasks) == 22
    assert sum(len(core.children) for core in table.tasks) == 68


def test_ministries_table_rows(summary: AppendixSummary) -> None:
    cores = {core.code: core for core in summary.ministries.tasks}
    core = cores["Ⅱ-2"]
    assert (core.name, core.ministries, core.source_line, core.strategy_position) == (
        "대학과 지역의 동반성장 지원",
        ["교육부", "중기부"],
        13449,
        2,
    )
    row = core.children[2]
    assert (row.code, row.name, row.project_count, row.national_budget_eok) == (
        "(3)",
        "지역혁신 및 지역창업 허브로서 지방대학의 역할 강화",
        5,
        2145,
    )
    assert (row.national_budget_text, row.ministries, row.source_line) == (
        "2,145",
        ["중기부", "교육부"],
        13462,
    )
    first = cores["Ⅰ-1"].children[0]
    assert (first.name, first.project_count, first.national_budget_eok) == (
        "지방정부 행정권한 확대",
        3,
        None,
    )
    assert first.national_budget_text == "-"
    infra = cores["Ⅳ-3"].children[3]
    assert (infra.name, infra.project_count, infra.national_budget_eok, infra.ministries) == (
        "지역특화형 교통∙물류 인프라 지원 및 구축",
        27,
        54923,
        ["국토부", "해수부"],
    )
    assert cores["Ⅴ-4"].children[0].ministries == ["환경부", "산업부", "산림청"]


def test_ministries_table_totals(summary: AppendixSummary) -> None:
    totals = summary.ministries.totals
    assert [
        (
            t.strategy_position,
            t.practical_count,
            t.project_count,
            t.budget.amount_eok,
            t.budget.printed,
            t.source_line,
        )
        for t in totals
    ] == [
        (1, 15, 31, 151, "151억원", 13423),
        (2, 10, 18, 2304, "2,304억원", 13495),
        (3, 17, 98, 28878, "28,878억원", 13614),
        (4, 14, 192, 88407, "88,407억원", 13702),
        (5, 12, 97, 126497, "126,497억원", 13781),
        (None, 68, 436, 246000, "24.6조원", 13786),
    ]
    assert (totals[-1].strategy_count, totals[-1].core_count) == (5, 22)
    assert all(t.budget.source == "national" and t.budget.year == 2024 for t in totals)


# ---------------------------------------------------------------- 참고 1: 개관


def test_overview_page_of_a_province(summary: AppendixSummary) -> None:
    seoul = summary.region(1, "서울")
    assert (seoul.level, seoul.full_name, seoul.source_line) == ("province", "", 13791)
    assert (seoul.goal, seoul.goal_line) == ("동행과 매력의 균형도시 서울", 13793)
    assert [(s.position, s.name, s.target, s.source_line) for s in seoul.strategies] == [
        (1, "권한과 자율성 강화를 통한 실질적 자치분권 추진", "", 13797),
        (2, "권역별 특색있는 균형발전으로 도시경쟁력 강화", "", 13799),
        (3, "문화·관광 매력 콘텐츠 육성 및 약자와의 동행을 통한 시민 행복 실현", "", 13801),
    ]


def test_overview_pages_read_every_plan(summary: AppendixSummary) -> None:
    part_one = [r for r in summary.regions if r.part == 1]
    assert [r.owner for r in part_one] == [owner for owner, _ in PROVINCES] + [
        "충청권",
        "광주전남권",
        "대구경북권",
        "부울경",
        "전북권",
        "강원권",
        "제주권",
    ]
    assert (
        summary.region(1, "전남").goal
        == "최첨단 전략산업 글로벌 성장 기반 및 남해안 관광‧문화벨트 구축"
    )
    # 울산's second strategy runs into a stray "(반구대 역사문화 탐방로 조성" (line 13871).
    ulsan = summary.region(1, "울산").strategies[1]
    assert ulsan.name == "시민을 위한 문화·관광산업 육성 및 교통·물류 인프라 확충"
    assert ulsan.target == "(반구대 역사문화 탐방로 조성"
    # 부울경: "목표" alone, the goal on the two lines after it.
    bug = summary.region(1, "부울경")
    assert (bug.level, bug.goal_line) == ("super_region", 14033)
    assert bug.goal == (
        "주력·신산업 혁신기반 마련 및 광역교통망 확충, 생활여건 개선으로 지방시대를 선도하는 부울경"
    )
    assert len(summary.region(1, "제주권").strategies) == 2


# ---------------------------------------------------------------- 참고 2


def test_province_summary_heading_and_targets(summary: AppendixSummary) -> None:
    busan = summary.region(2, "부산")
    assert (busan.full_name, busan.goal, busan.source_line) == (
        "부산광역시",
        "시민들이 행복한 글로벌 허브도시 부산",
        14158,
    )
    assert [(s.name, s.target, s.source_line) for s in busan.strategies] == [
        ("글로벌허브도시 조성을 위한 핵심기반 구축", "(글로벌 허브도시 특별법 제정)", 14162),
        (
            "금융집적 및 첨단 디지털 금융\uf000창업 생태계 조성을 통한 "
            "글로벌 금융\uf000창업도시 조성",
            "(창업펀드 조성, 11,411억 원)",
            14164,
        ),
        ("‘인재-취업-정주’를 연계한 청년이 정착하는 도시기반 조성", "(청년고용률 42.3%)", 14168),
    ]
    assert [(i.name, i.target_text, i.unit, i.target_value) for i in busan.indicators] == [
        ("창업펀드 조성", "11,411억 원", "억원", Decimal("11411")),
        ("청년고용률", "42.3%", "%", Decimal("42.3")),
    ]
    assert busan.indicators[0].scope.startswith("금융집적")
    assert busan.indicators[0].source_line == 14164


def test_letter_spaced_goal_and_five_strategies_of_gyeongbuk(summary: AppendixSummary) -> None:
    gyeongbuk = summary.region(2, "경북")
    assert (gyeongbuk.full_name, gyeongbuk.source_line, gyeongbuk.goal_line) == (
        "경상북도",
        15276,
        15277,
    )
    assert gyeongbuk.goal == (
        "지방정부 중심의 저출생 대책 수립･시행 민간주도 경제성장과 자생적 지역경제 생태계 구축"
    )
    assert len(gyeongbuk.strategies) == 5
    last = gyeongbuk.strategies[4]
    assert last.name == (
        "맞춤형 저출생 극복 인구전략 추진, 필수의료 보장으로 의료안전망 강화, "
        "민간주도 경북형 재난대응 체계로 대전환"
    )
    assert (last.target, last.source_line) == ("(공공보건의료 협력강화 구축율: 80%)", 15299)


def test_province_summary_table(summary: AppendixSummary) -> None:
    seoul = summary.region(2, "서울")
    assert [(p.name, p.source_line, len(p.items)) for p in seoul.pillars] == [
        ("자율성 키우는 과감한 지방분권", 14093, 3),
        ("인재를 기르는 담대한 교육개혁", 14105, 2),
        ("일자리 늘리는 창조적 혁신성장", 14117, 2),
        ("개성을 살리는 주도적 특화발전", 14131, 2),
        ("삶의 질 높이는 맞춤형 생활복지", 14145, 3),
    ]
    growth = seoul.pillars[2].items
    assert (growth[1].label, growth[1].source_line) == (
        "지역별 과학기술 진흥 및 디지털 역량강화",
        14127,
    )
    # the wrapped last line "첨단산업(강동) 등 거점 마련" is the item's, not the next cell's
    assert (
        growth[1].text
        == "디지털미디어(상암)·R&D(마곡)·바이오(홍릉)·ICT 첨단산업(강동) 등 거점 마련"
    )
    assert seoul.pillars[4].items[2].text.endswith(": 서울 초록길 구축 등")


def test_custom_strategy_cells(summary: AppendixSummary) -> None:
    assert [p.name for p in summary.region(2, "전북").pillars] == [
        "자주, 자립, 자강의 특별자치 전북 (지방분권)",
        "인재와 지역이 함께 성장하는 상생요람 전북 (교육개혁)",
        "일자리와 기업이 모이는 성장엔진 전북 (혁신성장)",
        "도민과의 약속, 차별화된 특화발전",
        "활력 넘치는 사람 살기 좋은 전북",
    ]
    assert [p.name for p in summary.region(2, "부산").pillars][2:4] == [
        "일자리가 풍부한 창조적 혁신성장",
        "성숙한 도시 인프라 기반 주도적 특화발전",
    ]


def test_every_province_summary_is_read(summary: AppendixSummary) -> None:
    part_two = [r for r in summary.regions if r.part == 2]
    assert [(r.owner, r.full_name) for r in part_two] == PROVINCES
    assert all(len(r.pillars) == 5 for r in part_two)
    assert [len(r.strategies) for r in part_two] == [
        3,
        3,
        3,
        3,
        3,
        4,
        3,
        3,
        5,
        3,
        3,
        3,
        3,
        3,
        5,
        3,
        2,
    ]


# ---------------------------------------------------------------- 참고 3


def test_super_region_summary(summary: AppendixSummary) -> None:
    daegu = summary.region(3, "대구경북권")
    assert (daegu.level, daegu.goal, daegu.source_line) == (
        "super_region",
        "대구경북 산업 대전환과 신공항 연계 강화로 지방시대 선도",
        15697,
    )
    # a leading "(산업)" belongs to the name; the last group is the target
    assert [(s.name, s.target) for s in daegu.strategies] == [
        (
            "(산업) 500만 경제공동체 기반 대구경북 산업구조 대전환 선도",
            "(미래차 디지털융합산업 실증플랫폼 구축 추진률 100%)",
        ),
        (
            "(협력) 지역 간 역사문화 콘텐츠의 상호활용, "
            "신공항-신항만 연계로 세계로 열린 대구경북 실현",
            "(웰니스 관광객 유치 33만명)",
        ),
        ("(제도) 산업육성을 위한 규제완화 등 제도 개선으로 지역 간 발전 기반 마련", ""),
    ]
    assert daegu.pillars[1].items[1].label == "광역교통 철도망 구축(구미~경산)"
    assert [p.name for p in summary.region(3, "강원권").pillars] == [
        "미래산업육성을 통한 탄소중립 초광역경제권 구축",
        "생활인구 확대를 위한 융복합 관광허브 구축",
        "순환 경제 혁신을 위한 교통망 확대·거점간 네트워크 강화",
    ]


def test_super_region_goal_under_the_name_and_cooperation(summary: AppendixSummary) -> None:
    bug = summary.region(3, "부울경")
    assert (bug.source_line, bug.goal_line) == (15768, 15769)
    assert bug.goal.startswith("주력·신산업 혁신기반 마련") and bug.goal.endswith("선도하는 부울경")
    assert [(c.text, c.source_line) for c in bug.cooperation][0] == (
        "부울경 초광역 경제동맹추진단 운영 및 역할 고도화 (인력 11명, 예산 3억)",
        15836,
    )
    assert len(bug.cooperation) == 3
    assert [r.owner for r in summary.regions if r.part == 3] == [
        "충청권",
        "광주전남권",
        "대구경북권",
        "부울경",
        "전북권",
        "강원권",
        "제주권",
    ]


# ---------------------------------------------------------------- small readers


@pytest.mark.parametrize(
    ("text", "name", "target"),
    [
        (
            "추진(권한이양, 자치조직권 자율화 등 건의(5건))",
            "추진",
            "(권한이양, 자치조직권 자율화 등 건의(5건))",
        ),
        ("실현(외국인 관광객수(2천만명)", "실현", "(외국인 관광객수(2천만명)"),  # unclosed
        (
            "첨단전략산업(이차전지, 바이오) 허브로 도약 ( 1인당 GRDP 53.4백만 원 )",
            "첨단전략산업(이차전지, 바이오) 허브로 도약",
            "( 1인당 GRDP 53.4백만 원 )",
        ),
        ("(제도) 제도 개선", "(제도) 제도 개선", ""),
        ("교통망 구축", "교통망 구축", ""),
    ],
)
def test_split_target(text: str, name: str, target: str) -> None:
    assert split_target(text) == (name, target)


def test_target_indicators_split_several_figures() -> None:
    strategy = AppendixStrategy(
        1, "산업", 10, "(1인당 GRDP 3,670만원, 일자리 80만개, 도로, 철도연장 74.6km)"
    )
    assert [(i.name, i.target_text, i.unit) for i in target_indicators(strategy)] == [
        ("1인당 GRDP", "3,670만원", "만원"),
        ("일자리", "80만개", "만개"),
        ("도로, 철도연장", "74.6km", "km"),
    ]
    festival = AppendixStrategy(3, "관광", 11, "(0시축제, 200만명 방문)")
    assert [(i.name, i.target_value) for i in target_indicators(festival)] == [
        ("0시축제", Decimal("200")),
    ]
    assert target_indicators(AppendixStrategy(1, "x", 1, "(대전RISE센터 개소)")) == []


def test_comparable_ignores_spacing_dots_and_punctuation() -> None:
    assert comparable("문화‧관광  ･ 복지ㆍ의료∙보건") == comparable("문화·관광·복지·의료·보건")
    assert comparable("‘인재-취업-정주’를 연계") == comparable("인재 취업 정주를연계")
    assert comparable("첨단전략산업") != comparable("최첨단 전략산업")


def test_missing_part_is_a_format_error(sections: dict[str, Section]) -> None:
    appendix = sections["appendix"]
    cut = Section("appendix", appendix.title, [ln for ln in appendix.lines if ln.number < 14077])
    with pytest.raises(PlanFormatError, match="참고 2"):
        parse_appendix(cut)


# ---------------------------------------------------------------- cross check, hand-built


def province_summary(**changes) -> RegionSummary:
    region = RegionSummary(
        part=2,
        level="province",
        owner="서울",
        full_name="서울특별시",
        goal="동행과 매력의 균형도시 서울",
        source_line=14079,
        goal_line=14079,
        strategies=[
            AppendixStrategy(1, "문화·관광 매력 콘텐츠 육성", 14087, "(외국인 관광객수(2천만명)"),
        ],
    )
    region.indicators = target_indicators(region.strategies[0])
    for key, value in changes.items():
        setattr(region, key, value)
    return region


def seoul_plan(**changes) -> ParsedPlan:
    plan = ParsedPlan(
        level="province",
        owner="서울",
        goal="동행과  매력의 균형도시 서울",
        source_line=1186,
        strategies=[ParsedStrategy("focus", 1, "문화‧관광 매력 콘텐츠  육성", 1194)],
        indicators=[
            ParsedIndicator(
                "autonomous",
                "외국인 관광객 수",
                "만명",
                1421,
                target_text="2,000",
                target_value=Decimal("2000"),
            ),
        ],
    )
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan


def check(regions: list[RegionSummary], plans: list[ParsedPlan], **parts) -> list[Finding]:
    return cross_check(AppendixSummary(regions=regions, **parts), plans)


def test_matching_plan_gives_no_findings() -> None:
    # only spacing and middle dots differ; 2천만명 is 2,000만명
    assert check([province_summary()], [seoul_plan()]) == []


def test_plans_missing_from_the_body_are_not_compared() -> None:
    assert check([province_summary(owner="부산")], [seoul_plan()]) == []


def test_differing_goal_names_both_texts_and_the_appendix_line() -> None:
    findings = check([province_summary(goal="동행과 매력의 글로벌도시 서울")], [seoul_plan()])
    assert [(f.severity, f.code, f.source_line, f.owner) for f in findings] == [
        ("warning", "appendix.goal_differs", 14079, "서울"),
    ]
    assert "동행과 매력의 글로벌도시 서울" in findings[0].message
    assert "동행과  매력의 균형도시 서울" in findings[0].message
    assert "14079" in findings[0].message and "1186" in findings[0].message


def test_differing_and_missing_strategies() -> None:
    region = province_summary(
        strategies=[
            AppendixStrategy(1, "문화 콘텐츠 육성", 14087, "(관광객)"),
            AppendixStrategy(2, "약자와의 동행", 14089),
        ]
    )
    findings = check([region], [seoul_plan()])
    assert [(f.code, f.source_line) for f in findings] == [
        ("appendix.strategy_differs", 14087),
        ("appendix.strategy_count_differs", 14079),
    ]
    assert "'문화 콘텐츠 육성'" in findings[0].message  # the target is not part of it


def test_indicator_values_compare_across_units() -> None:
    plan = seoul_plan()
    plan.indicators[0].target_value = Decimal("1400")  # "2천만명" covers 1,500–2,500만명 only
    plan.indicators[0].target_text = "1,400"
    [finding] = check([province_summary()], [plan])
    assert (finding.severity, finding.code, finding.source_line) == (
        "warning",
        "appendix.indicator_differs",
        14087,
    )
    plan.indicators[0].unit = "%"  # another unit: nothing to compare
    assert check([province_summary()], [plan]) == []


def test_rounded_indicator_is_info() -> None:
    region = province_summary(
        strategies=[
            AppendixStrategy(1, "문화·관광 매력 콘텐츠 육성", 14087, "(외국인 관광객수 1,640만명)")
        ]
    )
    region.indicators = target_indicators(region.strategies[0])
    plan = seoul_plan()
    plan.indicators[0] = ParsedIndicator(
        "autonomous",
        "외국인 관광객 수",
        "천명",
        1421,
        target_text="16,374",
        target_value=Decimal("16374"),
    )
    [finding] = check([region], [plan])
    assert (finding.severity, finding.code) == ("info", "appendix.indicator_differs")


def national_plan(total: int = 422_000, printed: str = "42.2조원") -> ParsedPlan:
    return ParsedPlan(
        level="national",
        owner="위원회",
        goal="",
        source_line=1,
        budgets=[ParsedBudget(2024, "total", total, printed, 110)],
    )


def test_budget_differences_warning_and_rounding_info() -> None:
    budgets = [ParsedBudget(2024, "total", 422_000, "42.2조원", 13309)]
    assert check([], [national_plan()], budgets=budgets) == []
    [rounded] = check([], [national_plan(421_837, "421,837")], budgets=budgets)
    assert (rounded.severity, rounded.code, rounded.source_line) == (
        "info",
        "appendix.budget_differs",
        13309,
    )
    [wrong] = check([], [national_plan(432_000, "43.2조원")], budgets=budgets)
    assert (wrong.severity, wrong.source_line, wrong.owner) == ("warning", 13309, "위원회")
    assert "42.2조원" in wrong.message and "43.2조원" in wrong.message


def ministries_table(budget: int = 16) -> MinistriesTable:
    task = ParsedTask(
        "practical",
        1,
        "지방정부 역량 강화",
        13392,
        code="(1)",
        ministries=["행안부"],
        project_count=2,
        national_budget_eok=budget,
        national_budget_text=str(budget),
    )
    core = ParsedTask(
        "core",
        1,
        "지방의 자치역량 제고",
        13387,
        code="Ⅰ-3",
        ministries=["행안부"],
        strategy_position=1,
        children=[task],
    )
    total = TableTotal(
        1,
        2,
        ParsedBudget(2024, "national", budget, f"{budget}억원", 13423, 1),
        13423,
        strategy_position=1,
    )
    return MinistriesTable(
        strategies=[ParsedStrategy("pillar", 1, "자율성 키우는 과감한 지방분권", 13353, "Ⅰ")],
        tasks=[core],
        totals=[total],
    )


def sectoral_plan() -> ParsedPlan:
    table = ministries_table()
    core = table.tasks[0]
    core.code = "I-3"  # any spelling of the numeral
    return ParsedPlan(
        level="sectoral",
        owner="위원회",
        goal="",
        source_line=6682,
        strategies=[ParsedStrategy("pillar", 1, "자율성 키우는  과감한 지방분권", 6696, "Ⅰ")],
        tasks=[core],
        budgets=[ParsedBudget(2024, "national", 16, "16억원", 6766, 1)],
    )


def test_ministries_table_matching_the_body() -> None:
    assert check([], [sectoral_plan()], ministries=ministries_table()) == []


def test_ministries_table_differing_budget() -> None:
    findings = check([], [sectoral_plan()], ministries=ministries_table(budget=61))
    assert [(f.code, f.source_line) for f in findings] == [
        ("appendix.task_differs", 13392),
        ("appendix.budget_differs", 13423),
    ]
    assert "61" in findings[0].message and "16" in findings[0].message


def test_province_shares_need_all_seventeen_plans() -> None:
    shares = [
        StrategyShare("province", 1, Decimal("11"), "11%", 13335),
        StrategyShare("province", 2, Decimal("89"), "89%", 13335),
    ]
    plans = [
        ParsedPlan(
            "province",
            owner,
            "",
            1,
            budgets=[
                ParsedBudget(2024, "total", 10, "10", 2, 1),
                ParsedBudget(2024, "total", 90, "90", 2, 2),
            ],
        )
        for owner, _ in PROVINCES
    ]
    [one, two] = check([], plans, shares=shares)  # 10% and 90%, not 11% and 89%
    assert (one.code, one.source_line, two.code) == (
        "appendix.share_differs",
        13335,
        "appendix.share_differs",
    )
    assert check([], plans[:16], shares=shares) == []


# ---------------------------------------------------------------- cross check, real body


def body_plans(sections: dict[str, Section]) -> list[ParsedPlan]:
    provinces = pytest.importorskip("dream.ingest.sections.provinces")
    sectoral = pytest.importorskip("dream.ingest.sections.sectoral")
    return [
        parse_overview(sections["overview"]),
        sectoral.parse_sectoral(sections["sectoral"]),
        *provinces.parse_provinces(sections["provinces"]),
    ]


def test_real_differences_between_appendix_and_body(
    sections: dict[str, Section], summary: AppendixSummary
) -> None:
    findings = cross_check(summary, body_plans(sections))
    found = {(f.code, f.source_line, f.owner) for f in findings}
    assert {
        ("appendix.goal_differs", 13865, "울산"),  # "… 선도도시 울산 만들기"
        ("appendix.goal_differs", 13948, "전남"),  # "최첨단 전략산업" for "첨단전략산업"
        ("appendix.strategy_differs", 13952, "전남"),
        ("appendix.strategy_differs", 13918, "충북"),  # "… 민간 전용 활주로 확보 노력 …"
        ("appendix.strategy_count_differs", 13851, "대전"),  # 참고 1 lists 3 of 4
        ("appendix.indicator_differs", 15100, "전북"),  # 재정자주도 2%p, body +1.3%p
        ("appendix.strategy_differs", 15108, "전북"),  # its own strategy names in 참고 2
    } <= found
    # the ministries' table is the body's table, and the totals are Ⅰ's
    assert not [
        f
        for f in findings
        if f.code
        in (
            "appendix.task_differs",
            "appendix.task_missing",
            "appendix.count_differs",
            "appendix.budget_differs",
        )
    ]
