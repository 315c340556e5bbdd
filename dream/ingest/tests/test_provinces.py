"""Part Ⅲ of the 2024 plan, the 17 provinces' plans, read from the seed document.

Every expected value below was checked by hand against
data/seeds/2024-implementation-plan.txt (line numbers quoted). Core task
positions count within their strategy.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dream.ingest.document import PlanFormatError, Section, read_lines, split_sections
from dream.ingest.records import ParsedPlan
from dream.ingest.sections.provinces import parse_provinces

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"
OWNERS = [
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기",
    "강원", "충북", "충남", "전북", "전남", "경북", "경남", "제주",
]  # fmt: skip


@pytest.fixture(scope="module")
def section() -> Section:
    return split_sections(read_lines(SEED))["provinces"]


@pytest.fixture(scope="module")
def plans(section: Section) -> dict[str, ParsedPlan]:
    return {plan.owner: plan for plan in parse_provinces(section)}


def cores(plan: ParsedPlan):
    return [task for task in plan.tasks if task.kind == "core"]


def pillars(plan: ParsedPlan):
    return [s for s in plan.strategies if s.kind == "pillar"]


def codes(plan: ParsedPlan, code: str) -> list[str]:
    return [finding.code for finding in plan.findings if finding.code == code]


def test_one_province_plan_per_province_in_document_order(section):
    parsed = parse_provinces(section)
    assert [plan.owner for plan in parsed] == OWNERS
    assert {plan.level for plan in parsed} == {"province"}
    assert parsed[0].source_line == 1186  # " 서울특별시 동행과 매력의 균형도시 서울"
    assert parsed[-1].source_line == 6313  # " 제주특별자치도 위대한 도민시대, …"


# owner: goal, ◈ focus strategies, core tasks, detailed tasks (= its § lines),
# budget line (total then five strategies), indicators
PROVINCES = {
    "서울": ("동행과 매력의 균형도시 서울", 3, 15, 37,
            [54742, 41886, 611, 6247, 3884, 2115], 7),
    "부산": ("시민들이 행복한 글로벌 허브도시 부산", 3, 21, 72,
            [49004, 8781, 769, 8340, 16744, 14370], 8),
    "대구": ("신공항 건설과 남부 거대경제권 기반 마련", 3, 20, 59,
            [19911, 22, 913, 5299, 7728, 5949], 8),
    "인천": ("시민 중심의 도시경쟁력 있는 미래가치 기반 구축", 3, 22, 62,
            [33860, 21, 8187, 5205, 3426, 17021], 8),
    "광주": ("더 (살기·즐기기·기업하기) 좋은 기회도시 광주", 3, 22, 45,
            [9743, 9, 147, 2466, 5749, 1372], 8),
    "대전": ("미래개척･문화활력･생활안정･공간혁신의 일류경제도시 대전", 4, 22, 50,
            [19241, 35, 1200, 1695, 5284, 11027], 8),
    "울산": ("일자리 넘치는 지방시대 선도도시 울산", 3, 22, 46,
            [8586, 5, 128, 3575, 2282, 2596], 8),
    "세종": ("미래전략수도로 도약하기 위한 발판 마련", 3, 22, 53,
            [20411, 0, 182, 8500, 8826, 2903], 8),
    "경기": ("사람과 기업이 성장하고, 누구나 편안한 삶을 살 수 있는 터전 창출", 5, 22, 53,
            [20326, 21, 3083, 2774, 10352, 4096], 8),
    "강원": ("신성장 동력을 선도하는 미래산업 글로벌도시 도약", 3, 22, 63,
            [20031, 233, 715, 1363, 9054, 8666], 8),
    "충북": ("중부내륙시대 개막과 대한민국의 중심 우뚝 충북", 3, 22, 66,
            [45563, 109, 3879, 8537, 14392, 18646], 8),
    "충남": ("대한민국 성장과 나눔을 선도하는 힘쎈 충남", 3, 22, 75,
            [38346, 321, 2580, 4107, 15869, 15469], 8),
    "전북": ("새로운 전북, 특별한 기회 글로벌 생명경제도시 전북", 3, 22, 78,
            [20614, 0, 467, 1203, 9346, 9598], 8),
    "전남": ("첨단전략산업 글로벌 성장 기반 및 남해안 관광‧문화벨트 구축", 3, 21, 65,
            [30519, 348, 474, 7942, 16693, 5061], 8),
    "경북": ("지방정부 중심의 저출생 대책 수립･시행 "
            "민간주도 경제성장과 자생적 지역경제 생태계 구축", 5, 22, 53,
            [27604, 0, 1638, 2364, 5830, 17772], 8),
    "경남": ("도민과 함께여는 희망! 새 경남시대!", 3, 22, 83,
            [22956, 91, 215, 2045, 9475, 11130], 8),
    "제주": ("위대한 도민시대, 사람과 자연이 행복한 제주", 2, 22, 72,
            [30106, 1847, 3675, 3091, 10640, 10853], 8),
}  # fmt: skip


@pytest.mark.parametrize("owner", OWNERS)
def test_each_province_as_printed(plans, owner):
    goal, focus, core_count, detailed, amounts, indicators = PROVINCES[owner]
    plan = plans[owner]
    assert plan.goal == goal
    assert len([s for s in plan.strategies if s.kind == "focus"]) == focus
    assert len(cores(plan)) == core_count
    assert sum(len(core.children) for core in cores(plan)) == detailed
    assert [b.amount_eok for b in plan.budgets] == amounts
    assert [b.strategy_position for b in plan.budgets] == [None, 1, 2, 3, 4, 5]
    assert {(b.year, b.source) for b in plan.budgets} == {(2024, "total")}
    assert len(plan.indicators) == indicators
    assert [i.group for i in plan.indicators[:3]] == ["common"] * 3
    assert {i.group for i in plan.indicators[3:]} == {"autonomous"}


@pytest.mark.parametrize("owner", OWNERS)
def test_every_province_prints_the_five_strategies_in_national_order(plans, owner):
    plan = plans[owner]
    assert [(s.position, s.code) for s in pillars(plan)] == [
        (1, "Ⅰ"), (2, "Ⅱ"), (3, "Ⅲ"), (4, "Ⅳ"), (5, "Ⅴ"),
    ]  # fmt: skip
    assert not codes(plan, "strategy.missing")
    assert not codes(plan, "task.unplaced_line")
    for core in cores(plan):
        assert core.strategy_position in (1, 2, 3, 4, 5)
        assert all(child.kind == "detailed" for child in core.children)
        assert [child.position for child in core.children] == list(range(1, len(core.children) + 1))


# owner: (source line, name, unit, 2023 text, 2024 text, 증감 text) of one autonomous indicator
INDICATORS = {
    "서울": (1424, "외국인 관광객 수", "만명", "910", "2,000", "1,090"),
    "부산": (1786, "방문건강관리 등록가구 수", "가구", "59,058", "60,000", "942"),
    "대구": (2153, "공공/응급의료 전문의 확대", "명", "42", "68", "26"),
    "인천": (2482, "연안여객선 이용자 수", "천명", "1,727", "1,779", "52"),
    "광주": (2790, "RISE 전담 기관 센터 구축", "개소", "-", "1", "1"),
    "대전": (3107, "에듀케어 새봄교실 운영", "교", "149", "150", "1"),
    "울산": (3404, "무공해차 보급대수", "대", "2,172", "1,700", "- 472"),
    "세종": (3710, "인구 천명당 사업체수", "개수*1000/인구", "86", "88", "2"),
    "경기": (4004, "전기자동차 충전인프라 설치", "기", "74,957", "89,000", "14,043"),
    "강원": (4349, "3년 사업체 증감률", "%, %p", "4.0", "4.68", "0.68"),
    "충북": (4690, "충북형 도시농부 일손지원", "명", "65,532", "100,000", "34,468"),
    "충남": (4998, "중증응급환자 적정시간 내 최종치료기관 도착률", "%, %p", "51.9", "53", "1.1"),
    "전북": (5291, "청년농부 육성", "명", "329", "1,125", "796"),
    "전남": (5632, "청년(15~29세) 고용률", "%, %p", "39.4", "40.1", "0.7"),
    "경북": (5956, "SW분야 지역성장 관련 지원 기업 수", "개사", "15", "15", "-"),
    "경남": (6280, "제조업 생산지수", "20년=100", "106.1", "107.9", "1.8"),
    "제주": (6647, "재정규모", "조", "8.7", "9.2", "1"),
}


@pytest.mark.parametrize("owner", OWNERS)
def test_one_indicator_of_each_province_exactly(plans, owner):
    line, name, unit, baseline, target, change = INDICATORS[owner]
    indicator = next(i for i in plans[owner].indicators if i.source_line == line)
    assert (indicator.name, indicator.unit) == (name, unit)
    assert (indicator.baseline_year, indicator.baseline_text) == (2023, baseline)
    assert (indicator.target_year, indicator.target_text) == (2024, target)
    assert indicator.change_text == change
    assert indicator.target_value == Decimal(target.replace(",", ""))


def test_common_indicators_are_grdp_jobs_and_fiscal_autonomy(plans):
    seoul = plans["서울"].indicators[:3]
    assert [(i.name, i.unit, i.baseline_text, i.target_text, i.change_text) for i in seoul] == [
        ("1인당 GRDP", "백만원", "51.6", "51.6", "-"),
        ("일자리수", "천명", "5,147", "5,188", "41"),
        ("재정자주도", "%, %p", "77.2", "77.2", "-"),
    ]
    assert seoul[0].baseline_value == Decimal("51.6")


# Findings.


def test_busan_comma_as_decimal_point_is_read_and_flagged(plans):
    grdp = plans["부산"].indicators[0]
    assert (grdp.name, grdp.source_line) == ("1인당 GRDP", 1764)
    assert grdp.baseline_text == "31,6"
    assert grdp.baseline_value == Decimal("31.6")
    [finding] = [f for f in plans["부산"].findings if f.code == "number.comma_decimal"]
    assert (finding.severity, finding.source_line) == ("warning", 1764)
    assert "31,6" in finding.message and "31.6" in finding.message


def test_strategy_amounts_not_adding_up_to_the_total_are_flagged(plans):
    # 서울 (line 1406): 41,886+611+6,247+3,884+2,115 = 54,743 ≠ 54,742
    [seoul] = [f for f in plans["서울"].findings if f.code == "budget.sum_mismatch"]
    assert (seoul.severity, seoul.source_line) == ("warning", 1406)
    assert "54,743" in seoul.message and "54,742" in seoul.message and "+1" in seoul.message
    # 전남 (line 5612): 348+474+7,942+16,693+5,061 = 30,518 ≠ 30,519
    [jeonnam] = [f for f in plans["전남"].findings if f.code == "budget.sum_mismatch"]
    assert jeonnam.source_line == 5612 and "30,518" in jeonnam.message
    others = [o for o in OWNERS if o not in ("서울", "전남")]
    assert not [o for o in others if codes(plans[o], "budget.sum_mismatch")]


def test_a_dash_budget_is_kept_as_printed_with_no_money(plans):
    first = plans["세종"].budgets[1]  # "20,411 - 182 …", line 3688
    assert (first.printed, first.amount_eok, first.source_line) == ("-", 0, 3688)


def test_printed_change_that_is_not_target_minus_baseline_is_flagged(plans):
    mismatches = {
        (owner, f.source_line)
        for owner in OWNERS
        for f in plans[owner].findings
        if f.code == "indicator.change_mismatch"
    }
    assert mismatches == {
        ("세종", 3714),  # 공공보육 이용률 57.9 → 58.2 printed 0.5
        ("전북", 5289),  # 혁신역량지수 순위 9 → 8 printed 1
        ("제주", 6643),  # 재정자주도 68.5 → 69 printed 1
        ("제주", 6647),  # 재정규모 8.7 → 9.2 printed 1
    }


def test_a_baseline_of_another_year_keeps_its_note_and_year(plans):
    indicator = next(i for i in plans["전남"].indicators if i.source_line == 5634)
    assert (indicator.name, indicator.baseline_text) == ("총 사업체 수", "236.5(`22)")
    assert (indicator.baseline_year, indicator.baseline_value) == (2022, Decimal("236.5"))
    assert any(f.source_line == 5634 for f in plans["전남"].findings)


def test_text_values_are_kept_without_a_number(plans):
    airport = next(i for i in plans["부산"].indicators if i.source_line == 1784)
    assert (airport.name, airport.unit) == ("가덕도 신공항 건설", "식")
    assert (airport.baseline_text, airport.target_text) == ("기본계획 고시", "공사 착공")
    assert airport.baseline_value is None and airport.target_value is None
    law = next(i for i in plans["부산"].indicators if i.source_line == 1772)
    assert law.name == "글로벌 허브도시 특별법 제정"  # wrapped over lines 1772-1773
    assert (law.baseline_text, law.target_text, law.change_text) == ("전략수립", "제정", "-")


def test_summary_table_differences_are_flagged(plans):
    gyeonggi = [f for f in plans["경기"].findings if f.code == "summary.strategy_count"]
    assert [f.source_line for f in gyeonggi] == [1088]  # 3 ◈ in the summary, 5 in its part
    [differs] = [f for f in plans["경북"].findings if f.code == "summary.strategy_differs"]
    assert differs.source_line == 1164
    assert codes(plans["대전"], "summary.strategy_count")
    assert not [o for o in OWNERS if codes(plans[o], "summary.goal_differs")]


def test_core_tasks_without_detailed_tasks_are_noted(plans):
    [incheon] = [f for f in plans["인천"].findings if f.code == "task.no_detailed"]
    assert incheon.source_line == 2409
    assert cores(plans["인천"])[-3].name == "실질적 균형발전을 위한 지역 생활여건 개선"


# Reading the flattened task table.


def test_strategy_and_core_task_names_are_joined_from_their_wrapped_lines(plans):
    seoul = plans["서울"]
    assert pillars(seoul)[0].name == "자율성 키우는 과감한 지방분권"
    assert pillars(seoul)[0].source_line == 1200
    first = cores(seoul)[0]
    assert (first.name, first.source_line, first.position) == ("자율적 자치기반 마련", 1208, 1)
    assert [c.name for c in cores(seoul) if c.strategy_position == 3] == [
        "권역별 혁신성장거점 육성으로 성장동력 확충",  # reworded national core tasks
        "지역별 과학기술 진흥 및 디지털 역량강화",
    ]
    assert [c.position for c in cores(seoul) if c.strategy_position == 5] == [1, 2, 3, 4]


def test_wrapped_detailed_tasks_are_joined(plans):
    police = cores(plans["서울"])[3].children[0]
    assert police.name == "진정한 자치경찰제 도입을 위한 제도개선 추진 (제도개선 필요성 홍보)"
    assert police.source_line == 1237
    daegu = next(c for c in cores(plans["대구"]) if c.source_line == 1928).children[0]
    assert daegu.source_line == 1932  # wrapped over 1932-1936
    assert daegu.name.startswith("지역 전략산업 발굴·육성 : 미래차")
    assert daegu.name.endswith("스타 기업100 육성, 데이터산업 육성 등")
    gyeongnam = cores(plans["경남"])[-1].children[-1]  # lines 6237-6239, last of the table
    assert gyeongnam.name.endswith("생태관광 지역 지정·육성")


def test_core_task_and_detailed_task_on_one_line(plans):
    finance = cores(plans["광주"])[1]  # 2531 "지방재정 경쟁력 강화 § 전략적 재정 운용, …"
    assert finance.name == "지방재정 경쟁력 강화"
    assert [(d.name, d.source_line) for d in finance.children] == [
        ("전략적 재정 운용, 체납징수율 제고로 자주 재정 강화", 2531)
    ]


def test_reworded_strategies_keep_the_provinces_words(plans):
    assert [s.name for s in pillars(plans["강원"])] == [
        "강원특별 자치도 특례 발굴을 통한 자치분권 선도",
        "미래선도 글로벌 교육환경 조성",
        "규제혁신을 통한 미래산업벨트 특화산업 육성",
        "5대 관광벨트 조성으로 글로벌 관광도시 도약",
        "지방시대를 선도 하는 삶의 질 제고",
    ]
    assert pillars(plans["광주"])[0].name == "광주시민이 주도하는 자치분권 시스템 구축"
    assert codes(plans["광주"], "strategy.budget_header_differs")


def test_a_strategy_cut_by_a_page_break_goes_on_after_the_repeated_header(plans):
    # 인천 2268-2272 "일자리 늘리는 창조적", header at 2285, "혁신성장" at 2287
    assert pillars(plans["인천"])[2].name == "일자리 늘리는 창조적 혁신성장"
    assert pillars(plans["충남"])[2].name == "일자리 늘리는 창조적 혁신성장"


def test_a_core_task_cut_by_a_page_break_is_completed(plans):
    jeju = plans["제주"]
    assert pillars(jeju)[2].name == "혁신성장을 통해 소득이 증대되는 선진경제 제주"
    hub = [c for c in cores(jeju) if c.strategy_position == 3][0]
    assert hub.name == "기회발전특구와 혁신성장거점 육성으로 성장동력 확충"
    assert [d.source_line for d in hub.children] == [6429, 6431, 6433, 6440]


def test_stray_mark_before_a_core_task_is_removed_and_noted(plans):
    digital = next(c for c in cores(plans["대전"]) if c.source_line == 2954)
    assert digital.name == "지역 디지털 혁신을 통한 균형발전 실현"
    assert codes(plans["대전"], "task.stray_mark")


def test_letter_spaced_goal_and_wrapped_focus_strategy(plans):
    gyeongbuk = plans["경북"]
    assert gyeongbuk.source_line == 5662
    focus = [s for s in gyeongbuk.strategies if s.kind == "focus"]
    assert focus[-1].name.endswith("민간주도 경북형 재난대응 체계로 대전환")
    assert focus[-1].source_line == 5677


# Unreadable input.


def test_a_cut_off_part_raises_with_the_line(section):
    cut = Section(section.key, section.title, [ln for ln in section.lines if ln.number < 6400])
    with pytest.raises(PlanFormatError) as error:
        parse_provinces(cut)
    assert "III. 재정투입" in str(error.value) and error.value.line is not None


def test_a_missing_province_raises(section):
    cut = Section(section.key, section.title, [ln for ln in section.lines if ln.number < 6313])
    with pytest.raises(PlanFormatError, match="제주특별자치도"):
        parse_provinces(cut)


def test_a_budget_without_its_amounts_line_raises(section):
    lines = [ln for ln in section.lines if ln.number != 1406]
    with pytest.raises(PlanFormatError) as error:
        parse_provinces(Section(section.key, section.title, lines))
    assert error.value.line == 1386 and "서울" in str(error.value)
