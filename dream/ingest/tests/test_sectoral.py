"""Part Ⅳ of the 2024 plan, the ministries' sectoral plan, as the reader must see it.

Expected values were read by hand from data/seeds/2024-implementation-plan.txt
(the table is lines 6683–7129, the task sections 7130–10102).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dream.ingest.document import Line, PlanFormatError, Section, read_lines, split_sections
from dream.ingest.records import ParsedIndicator, ParsedPlan, ParsedTask
from dream.ingest.sections.sectoral import parse_sectoral

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def section() -> Section:
    return split_sections(read_lines(SEED))["sectoral"]


@pytest.fixture(scope="module")
def plan(section: Section) -> ParsedPlan:
    return parse_sectoral(section)


def practical(plan: ParsedPlan) -> dict[str, ParsedTask]:
    return {f"{core.code}{task.code}": task for core in plan.tasks for task in core.children}


def indicator_at(plan: ParsedPlan, line: int) -> ParsedIndicator:
    [found] = [i for i in plan.indicators if i.source_line == line]
    return found


def with_lines(section: Section, replace: dict[int, str]) -> Section:
    """The real part with some lines changed, to see what the reader makes of a defect."""
    lines = [Line(line.number, replace.get(line.number, line.text)) for line in section.lines]
    return Section(section.key, section.title, lines)


# ---------------------------------------------------------------- the plan


def test_the_plan_is_the_committees_sectoral_plan(plan):
    assert (plan.level, plan.owner, plan.goal, plan.source_line) == ("sectoral", "위원회", "", 6682)


def test_five_strategies_with_unicode_codes_and_joined_names(plan):
    assert [(s.kind, s.position, s.code, s.name, s.source_line) for s in plan.strategies] == [
        ("pillar", 1, "Ⅰ", "자율성 키우는 과감한 지방분권", 6696),
        ("pillar", 2, "Ⅱ", "인재를 기르는 담대한 교육개혁", 6768),
        ("pillar", 3, "Ⅲ", "일자리 늘리는 창조적 혁신성장", 6850),
        ("pillar", 4, "Ⅳ", "개성을 살리는 주도적 특화발전", 6959),  # printed "IⅤ."
        ("pillar", 5, "Ⅴ", "삶의 질 높이는 맞춤형 생활복지", 7047),
    ]


def test_22_core_tasks_numbered_within_their_strategy(plan):
    assert [core.code for core in plan.tasks] == [
        "Ⅰ-1",
        "Ⅰ-2",
        "Ⅰ-3",
        "Ⅰ-4",
        "Ⅰ-5",
        "Ⅱ-1",
        "Ⅱ-2",
        "Ⅱ-3",
        "Ⅲ-1",
        "Ⅲ-2",
        "Ⅲ-3",
        "Ⅲ-4",
        "Ⅲ-5",
        "Ⅲ-6",
        "Ⅳ-1",
        "Ⅳ-2",
        "Ⅳ-3",
        "Ⅳ-4",
        "Ⅴ-1",
        "Ⅴ-2",
        "Ⅴ-3",
        "Ⅴ-4",
    ]
    assert all(core.kind == "core" for core in plan.tasks)
    assert [core.position for core in plan.tasks if core.strategy_position == 3] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_68_practical_tasks_436_projects_and_246237_eok(plan):
    tasks = list(practical(plan).values())
    assert len(tasks) == 68
    assert all(task.kind == "practical" for task in tasks)
    assert sum(task.project_count for task in tasks) == 436
    assert sum(task.national_budget_eok or 0 for task in tasks) == 246_237


@pytest.mark.parametrize(
    ("position", "tasks", "projects", "eok", "printed", "line"),
    [
        (1, 15, 31, 151, "151억원", 6766),
        (2, 10, 18, 2_304, "2,304억원", 6838),
        (3, 17, 98, 28_878, "28,878억원", 6957),
        (4, 14, 192, 88_407, "88,407억원", 7045),
        (5, 12, 97, 126_497, "126,497억원", 7124),
    ],
)
def test_each_strategy_adds_up_to_its_printed_sum_row(
    plan, position, tasks, projects, eok, printed, line
):
    rows = [t for core in plan.tasks if core.strategy_position == position for t in core.children]
    assert len(rows) == tasks
    assert sum(t.project_count for t in rows) == projects
    assert sum(t.national_budget_eok or 0 for t in rows) == eok
    [budget] = [b for b in plan.budgets if b.strategy_position == position]
    assert (budget.year, budget.source, budget.amount_eok, budget.printed, budget.source_line) == (
        2024,
        "national",
        eok,
        printed,
        line,
    )


def test_the_grand_total_is_kept_as_printed_24_6_jo(plan):
    [total] = [b for b in plan.budgets if b.strategy_position is None]
    assert (total.amount_eok, total.printed, total.source_line) == (246_000, "24.6조원", 7129)


def test_core_task_iii_5_with_its_ministries_and_practical_tasks(plan):
    [core] = [c for c in plan.tasks if c.code == "Ⅲ-5"]
    assert (
        core.name,
        core.ministries,
        core.position,
        core.strategy_position,
        core.source_line,
    ) == ("지역 디지털 혁신을 통한 균형발전 실현", ["과기부", "산업부", "행안부"], 5, 3, 6909)
    assert [
        (
            t.code,
            t.position,
            t.name,
            t.ministries,
            t.project_count,
            t.national_budget_eok,
            t.national_budget_text,
            t.strategy_position,
        )
        for t in core.children
    ] == [
        (
            "(1)",
            1,
            "지역 디지털 경쟁력 강화를 위한 기반 구축",
            ["과기부", "산업부"],
            7,
            1_175,
            "1,175",
            3,
        ),
        (
            "(2)",
            2,
            "디지털 격차 해소를 위한 디지털 기술 보급∙확산",
            ["과기부", "산업부"],
            8,
            1_334,
            "1,334",
            3,
        ),
        ("(3)", 3, "디지털 기술 기반의 공공서비스 발굴 확산", ["행안부"], 1, 29, "29", 3),
    ]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("Ⅰ-1", "자율적 자치기반 마련"),
        ("Ⅱ-3", "지방자치-교육자치 연계·협력 강화"),
        ("Ⅲ-1", "기회발전특구와 혁신성장거점 육성으로 성장동력 확충"),
        ("Ⅳ-2", "지역 고유자원을 활용한 문화‧관광 육성"),
        ("Ⅴ-3", "삶의 질 높이는 지역 의료·보건·복지 확충"),
        ("Ⅴ-4", "지역 환경·생태자원의 보전 및 활용"),
    ],
)
def test_wrapped_core_task_names_are_joined_without_artefacts(plan, code, name):
    [core] = [c for c in plan.tasks if c.code == code]
    assert core.name == name


@pytest.mark.parametrize(
    ("key", "name", "ministries", "projects", "eok", "printed", "line"),
    [
        ("Ⅰ-1(3)", "자치입법권 강화", ["행안부", "법제처"], 2, None, "-", 6711),
        ("Ⅰ-2(1)", "자주재원 확충 및 세입기반 강화", ["행안부", "기재부"], 2, None, "-", 6722),
        ("Ⅰ-3(3)", "주민참여 증진", ["행안부"], 3, 135, "135", 6739),
        ("Ⅰ-4(2)", "특별자치시도의 선도적 자치분권 모델 구현", ["행안부"], 1, None, "-", 6749),
        (
            "Ⅱ-1(2)",
            "디지털 교육혁신으로 수도권‧지방의 교육격차 해소",
            ["교육부"],
            2,
            106,
            "106",
            6785,
        ),
        (
            "Ⅱ-2(3)",
            "지역혁신 및 지역창업 허브로서 지방대학의 역할 강화",
            ["중기부", "교육부"],
            5,
            2_145,
            "2,145",
            6805,
        ),
        (
            "Ⅱ-3(1)",
            "시도-교육청 행정 및 교육재정 연계‧협력 강화",
            ["교육부", "행안부"],
            2,
            None,
            "-",
            6819,
        ),
        ("Ⅲ-1(1)", "기회발전특구 조성 및 지방투자 활성화", ["산업부"], 9, 5_843, "5,843", 6863),
        (
            "Ⅲ-3(1)",
            "지역 전략산업 발굴 및 혁신기반 확충",
            ["산업부", "중기부"],
            13,
            6_617,
            "6,617",
            6887,
        ),
        (
            "Ⅲ-6(2)",
            "지역중소·중견기업 혁신생태계 구축 지원",
            ["중기부", "산업부"],
            8,
            821,
            "821",
            6940,
        ),
        ("Ⅳ-1(1)", "산업 분야 지역정책과제", ["산업부"], 24, 739, "739", 6971),
        (
            "Ⅳ-3(4)",
            "지역특화형 교통∙물류 인프라 지원 및 구축",
            ["국토부", "해수부"],
            27,
            54_923,
            "54,923",
            7023,
        ),
        ("Ⅳ-4(1)", "농림수산 분야 지역정책과제", ["농식품부", "해수부"], 5, 89, "89", 7035),
        (
            "Ⅴ-1(3)",
            "농촌형 서비스 강화, 정주환경 개선으로 농촌 소멸위기 극복 지원",
            ["농식품부"],
            8,
            9_620,
            "9,620",
            7065,
        ),
        ("Ⅴ-2(3)", "활력있는 새만금 도시조성 기반 마련", ["국토부"], 1, None, "-", 7083),
        (
            "Ⅴ-3(3)",
            "안전한 지역사회∙건강한 가족 만들기",
            ["행안부", "여가부"],
            13,
            21_538,
            "21,538",
            7100,
        ),
        (
            "Ⅴ-4(1)",
            "친환경∙탄소중립기반 구축",
            ["환경부", "산업부", "산림청"],
            15,
            37_293,
            "37,293",
            7112,
        ),
        (
            "Ⅴ-4(2)",
            "지역 생태복원 및 지역환경 보전∙활용",
            ["환경부", "해수부", "산림청"],
            10,
            1_792,
            "1,792",
            7117,
        ),
    ],
)
def test_practical_task_rows_as_printed_in_the_table(
    plan, key, name, ministries, projects, eok, printed, line
):
    task = practical(plan)[key]
    assert (
        task.name,
        task.ministries,
        task.project_count,
        task.national_budget_eok,
        task.national_budget_text,
        task.source_line,
    ) == (name, ministries, projects, eok, printed, line)


# ---------------------------------------------------------------- indicators


def test_indicators_are_the_key_targets_of_practical_tasks(plan):
    assert len(plan.indicators) == 202
    assert {i.group for i in plan.indicators} == {"key"}
    assert {i.target_year for i in plan.indicators} == {2024}
    tasks = practical(plan)
    assert all(i.scope == tasks[i.task_code].name for i in plan.indicators)


def test_practical_tasks_without_numeric_targets_have_no_indicators(plan):
    codes = {i.task_code for i in plan.indicators}
    assert set(practical(plan)) - codes == {
        "Ⅳ-1(1)",
        "Ⅳ-1(2)",
        "Ⅳ-2(1)",
        "Ⅳ-2(2)",
        "Ⅳ-3(1)",
        "Ⅳ-3(2)",
        "Ⅳ-3(3)",
        "Ⅳ-4(1)",
    }


def test_target_with_year_only_and_prose_value(plan):
    # 지방이양 사무관리체계 개선 : (’24년) 지방이양사무 관리시스템 구축
    i = indicator_at(plan, 7145)
    assert (i.task_code, i.scope, i.name, i.unit) == (
        "Ⅰ-1(1)",
        "지방정부 행정권한 확대",
        "지방이양 사무관리체계 개선",
        "",
    )
    assert (i.baseline_year, i.baseline_text, i.target_text, i.target_value) == (
        None,
        "",
        "지방이양사무 관리시스템 구축",
        None,
    )


def test_target_with_year_only_and_a_count(plan):
    # 자치단체 특례 발굴 설명회 : (’24년) 2회(상·하반기 각 1회)
    i = indicator_at(plan, 7152)
    assert (i.unit, i.target_text, i.target_value) == ("회", "2회(상·하반기 각 1회)", Decimal(2))


def test_baseline_to_target_with_text_around_the_numbers(plan):
    # 읍면동 안전협의체 구성 비율 : (’23) 전체 시·군·구 10% → (’24) 전체 시·군·구 20%
    i = indicator_at(plan, 7462)
    assert (i.name, i.unit, i.baseline_year, i.baseline_text, i.baseline_value) == (
        "읍면동 안전협의체 구성 비율",
        "%",
        2023,
        "전체 시·군·구 10%",
        Decimal(10),
    )
    assert (i.target_text, i.target_value) == ("전체 시·군·구 20%", Decimal(20))


def test_baseline_to_target_with_the_unit_after_the_label(plan):
    # 광역철도 수송인원(백만명) : (’23) 1,049.3 → (’24) 1,274.1
    i = indicator_at(plan, 9362)
    assert (i.task_code, i.name, i.unit) == ("Ⅳ-3(4)", "광역철도 수송인원(백만명)", "백만명")
    assert (i.baseline_value, i.target_value) == (Decimal("1049.3"), Decimal("1274.1"))


def test_baseline_to_target_with_years_written_out(plan):
    # 의정활동 정보공개 확대 : (’23년) 5건 → (’24년) 8건
    i = indicator_at(plan, 7861)
    assert (i.unit, i.baseline_year, i.baseline_value, i.target_value) == (
        "건",
        2023,
        Decimal(5),
        Decimal(8),
    )


def test_target_only_with_its_unit_in_the_label(plan):
    # 자공고 2.0 운영 학교 수(교) : (’24) 17교
    i = indicator_at(plan, 7927)
    assert (i.task_code, i.unit, i.baseline_text, i.target_text, i.target_value) == (
        "Ⅱ-1(1)",
        "교",
        "",
        "17교",
        Decimal(17),
    )


def test_target_of_a_new_programme_keeps_new_as_baseline(plan):
    # 기회발전특구 지정 (개) : (’23) 신규 → (’24) 16
    i = indicator_at(plan, 8357)
    assert (i.unit, i.baseline_year, i.baseline_text, i.baseline_value, i.target_value) == (
        "개",
        2023,
        "신규",
        None,
        Decimal(16),
    )


@pytest.mark.parametrize("line", [8357, 8397, 8864, 8899])  # "(’23) 신규 → (’24) …"
def test_an_actual_printed_as_new_marks_the_indicator_new(plan, line):
    i = indicator_at(plan, line)
    assert (i.baseline_text, i.target_note, i.is_new) == ("신규", "", True)


@pytest.mark.parametrize(
    ("line", "target_text", "target_value"),
    [
        (8626, "5", Decimal(5)),  # … (건) :  (’24) 5 (‘24년 신규)
        (9696, "110", Decimal(110)),  # 농촌왕진버스 운영횟수(회) : (’24 신규) 110
        (9176, "902,000건", Decimal(902_000)),  # 로컬100 온라인 언급량(건) : 신규, (’24) 902,000건
        (10044, "60", Decimal(60)),  # … 지자체 수(개) : 신규 → (’24) 60
        (9733, "10", Decimal(10)),  # 임대형 양식장 선정 수(개소) : (’24) 10  * 신규
    ],
)
def test_new_targets_in_their_several_spellings(plan, line, target_text, target_value):
    i = indicator_at(plan, line)
    assert (i.baseline_year, i.baseline_text, i.target_text, i.target_value) == (
        None,
        "신규",
        target_text,
        target_value,
    )


@pytest.mark.parametrize(
    ("line", "note"),
    [
        (8626, "(‘24년 신규)"),  # … (건) : (’24) 5 (‘24년 신규)
        (8632, "(‘24년 신규)"),  # … 특허등급(SMART지수) (점) : (’24) 4.0 (‘24년 신규)
        (8690, "(‘24년 신규)"),  # 딥테크사업모델 개발 건수 (건) : (’24) 2 (‘24년 신규)
        (9733, "* 신규"),  # 임대형 양식장 선정 수(개소) : (’24) 10  * 신규
    ],
)
def test_a_note_printed_after_the_target_is_kept_and_marks_the_target_new(plan, line, note):
    i = indicator_at(plan, line)
    assert (i.target_note, i.is_new) == (note, True)
    assert note not in i.target_text


def test_a_target_printed_without_a_note_is_not_new(plan):
    # 지방과학기술진흥협의회개최 건수 (건) :  (’23) 1 → (’24) 2
    i = indicator_at(plan, 8628)
    assert (i.target_text, i.target_note, i.is_new) == ("2", "", False)


def test_target_marked_as_goal(plan):
    # 아이돌봄 이용 가구수 : (’24목표) 10,300가구
    i = indicator_at(plan, 9990)
    assert (i.task_code, i.unit, i.target_text, i.target_value) == (
        "Ⅴ-3(3)",
        "가구",
        "10,300가구",
        Decimal(10_300),
    )


def test_baseline_and_target_separated_by_a_slash(plan):
    # 지역맞춤형 재난안전 기술개발 신규 지원(건) : (’23) 6 / (’24) 6
    i = indicator_at(plan, 9984)
    assert (i.baseline_value, i.target_value, i.unit) == (Decimal(6), Decimal(6), "건")


@pytest.mark.parametrize(
    ("line", "baseline_text", "target_text"),
    [
        (9469, "-", "80"),  # 지역특화 임대형스마트팜 입주율(%) : (’23) - → (’24) 80
        (9364, "미집계", "93,449"),  # 고속철도 이용객수(천명) : ('23) 미집계 → (’24) 93,449
        (9850, "없음", "적기 달성"),  # 계획대비* 일정 준수 : (’23) 없음 → (’24) 적기 달성
        (8460, "연구기획 등", "기술개발 및 현장적용 등"),  # 도심융합기술R&D
    ],
)
def test_baselines_without_a_number_are_kept_as_text(plan, line, baseline_text, target_text):
    i = indicator_at(plan, line)
    assert (i.baseline_year, i.baseline_text, i.baseline_value, i.target_text) == (
        2023,
        baseline_text,
        None,
        target_text,
    )


def test_target_printed_without_a_year(plan):
    i = indicator_at(plan, 7670)
    assert (i.task_code, i.name, i.target_text, i.target_value) == (
        "Ⅰ-4(2)",
        "특별자치시·도 법령 제정",
        "「강원특별법」및「전북특별법」시행령 제정(상·하반기 각 1)",
        None,
    )


def test_notes_with_yearly_figures_are_not_targets(plan):
    lines = {i.source_line for i in plan.indicators}
    # ※ (’23) 10개 → (’24) 20개(+10) → …, * 학령인구 추이 … : (’23) 534만명 → (’43) 307만명
    assert not lines & {7543, 7993, 8089, 9955, 9957}


# ---------------------------------------------------------------- findings


def test_findings_are_the_documents_real_inconsistencies(plan):
    found = sorted((f.severity, f.code, f.source_line) for f in plan.findings)
    assert found == sorted(
        [
            ("info", "sectoral.total.budget_rounded", 7129),
            # the section heading's ministries differ from the table's
            ("warning", "sectoral.section.ministry_mismatch", 7284),  # Ⅰ-2(1) 기재부 missing
            ("warning", "sectoral.section.ministry_mismatch", 8179),  # Ⅱ-3(1) 행안부 missing
            ("warning", "sectoral.section.ministry_mismatch", 8741),  # Ⅲ-5(1) 국토부 added
            ("warning", "sectoral.section.ministry_mismatch", 9408),  # Ⅳ-4(1) 해수부 missing
            ("warning", "sectoral.section.ministry_mismatch", 9548),  # Ⅴ-1(1) 환경부 added
            ("warning", "sectoral.section.ministry_mismatch", 10030),  # Ⅴ-4(1) 농림부 added
            # the section heading's name differs from the table's
            ("warning", "sectoral.section.strategy_name_mismatch", 7900),  # 기르는 / 키우는
            ("warning", "sectoral.section.core_name_mismatch", 8612),  # Ⅲ-4
            ("warning", "sectoral.section.practical_name_mismatch", 7621),  # Ⅰ-4(2) 강화
            ("warning", "sectoral.section.practical_name_mismatch", 8032),  # Ⅱ-2(1) (RISE)
            ("warning", "sectoral.section.practical_name_mismatch", 8938),  # Ⅲ-6(4) 의
            ("warning", "sectoral.section.practical_name_mismatch", 9319),  # Ⅳ-3(3) 등
            # the section's 합계 rows count fewer projects than the table
            ("warning", "sectoral.section.project_count_mismatch", 8659),  # Ⅲ-4(1) 8 / 10
            ("warning", "sectoral.section.project_count_mismatch", 9004),  # Ⅳ-1(1) 12 / 24
            ("warning", "sectoral.section.project_count_mismatch", 9045),  # Ⅳ-1(2) 7 / 11
            ("warning", "sectoral.section.project_count_mismatch", 9119),  # Ⅳ-2(1) 8 / 9
            ("warning", "sectoral.section.project_count_mismatch", 9161),  # Ⅳ-2(2) 6 / 13
            ("warning", "sectoral.section.project_count_mismatch", 9285),  # Ⅳ-3(1) 15 / 34
            ("warning", "sectoral.section.project_count_mismatch", 9318),  # Ⅳ-3(2) 8 / 11
            ("warning", "sectoral.section.project_count_mismatch", 9352),  # Ⅳ-3(3) 4 / 7
            ("warning", "sectoral.section.project_count_mismatch", 9439),  # Ⅳ-4(1) 4 / 5
            ("warning", "sectoral.section.project_count_mismatch", 9500),  # Ⅳ-4(2) 17 / 20
            ("error", "sectoral.section.budget_mismatch", 10102),  # Ⅴ-4(2) 1,812 / 1,792
            # sections without a numeric 2024 target
            ("info", "sectoral.section.no_targets", 8968),
            ("info", "sectoral.section.no_targets", 9005),
            ("info", "sectoral.section.no_targets", 9087),
            ("info", "sectoral.section.no_targets", 9120),
            ("info", "sectoral.section.no_targets", 9252),
            ("info", "sectoral.section.no_targets", 9286),
            ("info", "sectoral.section.no_targets", 9319),
            ("info", "sectoral.section.no_targets", 9408),
            # 17개 시도별 RISE 계획 수립 : (’24) 17건, in Ⅱ-2's preamble (repeated at 8054)
            ("info", "sectoral.indicator.outside_task", 8030),
        ]
    )


def test_findings_say_what_differs_in_korean(plan):
    messages = {f.source_line: f.message for f in plan.findings}
    assert "1,812" in messages[10102] and "1,792" in messages[10102]
    assert "246,237억원" in messages[7129]
    assert "키우는" in messages[7900] and "기르는" in messages[7900]


def test_section_sums_rounded_to_the_table_are_not_findings(plan):
    # Ⅱ-1(2) prints 105.69 (table 106), Ⅱ-2(3) 2,144.73 + 1 project (table 2,145, 5 projects)
    assert not [f for f in plan.findings if f.source_line in (7978, 8157, 8173)]


def test_a_strategy_sum_row_that_disagrees_with_its_rows_is_an_error(section, plan):
    changed = parse_sectoral(with_lines(section, {6766: "합계 15개 실천과제 32개 152억원"}))
    before = {(f.severity, f.code, f.source_line) for f in plan.findings}
    assert {(f.severity, f.code, f.source_line) for f in changed.findings} - before == {
        ("error", "sectoral.strategy.project_count_mismatch", 6766),
        ("error", "sectoral.strategy.budget_mismatch", 6766),
        ("error", "sectoral.total.strategy_sums_mismatch", 7129),
    }


def test_a_practical_task_without_its_section_is_an_error(section):
    plan = parse_sectoral(with_lines(section, {7137: "지방정부 행정권한 확대"}))
    [missing] = [f for f in plan.findings if f.code == "sectoral.section.missing_practical"]
    assert (missing.severity, missing.source_line) == ("error", 6707)


def test_a_row_without_numbers_is_reported_not_dropped(section):
    plan = parse_sectoral(with_lines(section, {6746: "(1) 자치경찰 이원화 하나 - 행안부"}))
    assert ("error", "sectoral.table.row_without_numbers", 6746) in {
        (f.severity, f.code, f.source_line) for f in plan.findings
    }
    assert practical(plan)["Ⅰ-4(1)"].project_count is None


def test_an_unreadable_table_line_is_reported_not_dropped(section):
    plan = parse_sectoral(with_lines(section, {6747: "경찰청 12개"}))
    [unparsed] = [f for f in plan.findings if f.code == "sectoral.table.unparsed_line"]
    assert (unparsed.severity, unparsed.source_line) == ("error", 6747)
    assert "경찰청 12개" in unparsed.message


def test_a_target_line_that_cannot_be_split_is_a_warning(section):
    plan = parse_sectoral(with_lines(section, {7462: "읍면동 안전협의체 : (’23) 10% ⇒ (’24) 20%"}))
    [unparsed] = [f for f in plan.findings if f.code == "sectoral.indicator.unparsed"]
    assert (unparsed.severity, unparsed.source_line) == ("warning", 7462)
    assert 7462 not in {i.source_line for i in plan.indicators}


# ---------------------------------------------------------------- format errors


def test_a_truncated_table_raises(section):
    cut = Section(
        section.key, section.title, [line for line in section.lines if line.number < 7000]
    )
    with pytest.raises(PlanFormatError, match="총계"):
        parse_sectoral(cut)


def test_a_part_without_its_table_raises(section):
    heading_only = Section(section.key, section.title, section.lines[:1])
    with pytest.raises(PlanFormatError) as error:
        parse_sectoral(heading_only)
    assert error.value.line == 6682
