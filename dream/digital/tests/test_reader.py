"""Reading 「지방 디지털 경쟁력 강화방안」's schedule (Ⅶ 과제별 추진일정, lines 1811–1937).

The expected values were counted by hand from the document; no database is needed.
"""

from collections import Counter
from pathlib import Path

import pytest

from dream.digital.reader import ParsedDigitalPlan, digital_plan_read
from dream.ingest.document import PlanFormatError, read_lines
from dream.ingest.reader import document_kind

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
DOCUMENT = SEEDS / "2023-digital-plan.txt"
SOURCE_LINES = DOCUMENT.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def plan() -> ParsedDigitalPlan:
    return digital_plan_read(DOCUMENT)


def task_at(plan: ParsedDigitalPlan, line: int):
    return next(task for task in plan.tasks if task.source_line == line)


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ── the document as published ───────────────────────────────────────────────────────


def test_the_title_is_the_first_line(plan):
    assert plan.title == "지방 디지털 경쟁력 강화방안(안)"
    assert plan.source_line == 1


def test_the_schedule_has_2_pillars_4_areas_9_sub_areas_and_42_tasks(plan):
    assert Counter(area.kind for area in plan.areas) == {"pillar": 2, "area": 4, "sub_area": 9}
    assert len(plan.tasks) == 42
    assert [task.position for task in plan.tasks] == list(range(1, 43))
    assert plan.findings == []


def test_the_structure_is_read_with_codes_names_and_lines_in_printed_order(plan):
    assert [(a.code, a.name, a.source_line) for a in plan.areas] == [
        ("1", "지방 디지털 재창조 프로젝트 추진", 1816),
        ("1-1", "지방 디지털 혁신 생태계 조성", 1818),
        ("1-1-1", "지방 디지털 신산업 허브(Hub)로, 디지털 혁신지구 조성", 1820),
        ("1-1-2", "지방 주도로 차별화된 디지털 기술기반 확보", 1827),
        ("1-2", "디지털 기반 지방 경제·사회 혁신 지원", 1843),
        ("1-2-1", "지방 먹거리 산업의 디지털 전환 가속화", 1845),
        ("1-2-2", "디지털로 지방 주민의 생활·안전 개선", 1864),
        ("1-2-3", "지방 주민의 디지털 활용능력 제고", 1876),
        ("2", "지방 디지털 혁신 추진기반 강화", 1882),
        ("2-1", "지방 혁신을 선도하는 디지털 인재 양성체계 구축", 1884),
        ("2-1-1", "지방 디지털 생태계 성장에 대한 지방대학 역할 강화", 1886),
        ("2-1-2", "지방기업 수요의 현장형 디지털 인재 확충", 1894),
        ("2-2", "지방 디지털 정책 추진체계 확립", 1910),
        ("2-2-1", "지방 디지털 정책 거버넌스 구축", 1912),
        ("2-2-2", "지방 디지털 사업 발굴·추진 절차 정립", 1931),
    ]
    assert [a.position for a in plan.areas] == list(range(1, 16))


def test_tasks_per_sub_area_as_counted_by_hand(plan):
    assert Counter(task.area_code for task in plan.tasks) == {
        "1-1-1": 2,
        "1-1-2": 7,
        "1-2-1": 7,
        "1-2-2": 5,
        "1-2-3": 2,
        "2-1-1": 3,
        "2-1-2": 6,
        "2-2-1": 8,
        "2-2-2": 2,
    }


@pytest.mark.parametrize(
    ("line", "area", "name", "ministries", "schedule", "start_year"),
    [
        (
            1822,
            "1-1-1",
            "(1단계) 디지털 혁신지구 시범지역 조성 추진",
            ("과기정통부",),
            "’23~",
            2023,
        ),
        (1841, "1-1-2", "전파플레이그라운드 구축", ("과기정통부",), "’23~", 2023),
        (1850, "1-2-1", "산업단지 디지털 전환 대진단", ("산업부",), "’25~", 2025),
        (1854, "1-2-1", "제조데이터 표준모델 마련·확산", ("중기부",), "‘24~", 2024),
        (1856, "1-2-1", "농산물의 디지털 유통 확산", ("농림부",), "’23~", 2023),
        (
            1868,
            "1-2-2",
            "디지털트윈 기반 도시침수 예방 지원",
            ("과기정통부", "환경부"),
            "’23~",
            2023,
        ),
        (1874, "1-2-2", "AI 복지사 구축", ("복지부",), "’23~", 2023),
        (1880, "1-2-3", "SW미래채움센터 지방 확산", ("과기정통부",), "’24~", 2024),
        (
            1888,
            "2-1-1",
            "과기정통부 디지털 인재양성사업과 RISE 연계 추진",
            ("과기정통부", "교육부"),
            "’24~",
            2024,
        ),
        (1906, "2-1-2", "SW마이스터고 신규 지정 추진", ("교육부", "과기정통부"), "‘24~", 2024),
        (
            1918,
            "2-2-1",
            "‘지역 디지털플랫폼정부 협의체’ 구성·운영",
            ("디지털플랫폼정부위",),
            "‘24~",
            2024,
        ),
        (1920, "2-2-1", "'지역디지털혁신협의회' 출범 추진", ("과기정통부", "지자체"), "‘24~", 2024),
        (1925, "2-2-1", "지방 디지털 사업 통합 성과관리체계 마련", ("지자체",), "‘24~", 2024),
        (1935, "2-2-2", "대형·중장기 프로젝트 체계적 발굴", ("지자체", "범정부"), "‘24~", 2024),
    ],
)
def test_a_task_in_each_area_keeps_its_cells_as_printed(
    plan, line, area, name, ministries, schedule, start_year
):
    task = task_at(plan, line)
    assert (task.area_code, task.name, task.ministries) == (area, name, ministries)
    assert (task.schedule_text, task.start_year) == (schedule, start_year)


def test_start_years_are_2023_2024_and_2025(plan):
    assert Counter(task.start_year for task in plan.tasks) == {2023: 19, 2024: 21, 2025: 2}


def test_a_ministries_cell_wrapped_onto_the_next_line_is_joined_and_keeps_its_등(plan):
    # 1824: " - (2단계) 권역별 디지털 혁신지구 조성 과기정통부, 국토부, " / 1825: "교육부 등 ’25~"
    task = task_at(plan, 1824)
    assert task.name == "(2단계) 권역별 디지털 혁신지구 조성"
    assert task.ministries == ("과기정통부", "국토부", "교육부")
    assert task.ministries_text == "과기정통부, 국토부, 교육부 등"
    assert task.start_year == 2025


def test_a_wrapped_ministries_cell_without_등(plan):
    # 1847: " - XaaS 선도프로젝트 추진 과기정통부, " / 1848: "디지털플랫폼정부위 ’24~"
    task = task_at(plan, 1847)
    assert task.name == "XaaS 선도프로젝트 추진"
    assert task.ministries == ("과기정통부", "디지털플랫폼정부위")
    assert task.ministries_text == "과기정통부, 디지털플랫폼정부위"


def test_a_task_name_wrapped_onto_the_next_line_is_joined_by_one_space(plan):
    # 1922: " - 지방시대위원회 내 " / 1923: "‘지방 디지털 생태계 조성 특별위원회’ 설치 추진 지방시대위원회 ‘24~"
    task = task_at(plan, 1922)
    assert task.name == "지방시대위원회 내 ‘지방 디지털 생태계 조성 특별위원회’ 설치 추진"
    assert task.ministries == ("지방시대위원회",)
    assert task.schedule_text == "‘24~"


def test_the_repeated_table_header_after_a_page_break_is_not_a_task(plan):
    # 1856 "농산물의 디지털 유통 확산" is directly followed by the header (1857–1858)
    assert task_at(plan, 1856).name == "농산물의 디지털 유통 확산"
    assert task_at(plan, 1860).area_code == "1-2-1"
    assert not any("주관부처" in task.name for task in plan.tasks)


# ── what the reader refuses ─────────────────────────────────────────────────────────


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PlanFormatError, match="빈 파일"):
        digital_plan_read(path)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02")
    with pytest.raises(PlanFormatError, match="이진 파일"):
        digital_plan_read(path)


def test_another_document_is_refused_with_its_first_line():
    with pytest.raises(PlanFormatError, match="강화방안」이 아닙니다.*줄 1"):
        digital_plan_read(SEEDS / "2024-implementation-plan.txt")


def test_a_file_cut_before_the_schedule_is_refused(tmp_path):
    path = write(tmp_path, SOURCE_LINES[:1810])
    with pytest.raises(PlanFormatError, match="Ⅶ. 과제별 추진일정'을 찾을 수 없습니다.*줄 1810"):
        digital_plan_read(path)


def test_a_schedule_without_tasks_is_refused(tmp_path):
    path = write(tmp_path, SOURCE_LINES[:1815])
    with pytest.raises(PlanFormatError, match="과제가 하나도 없습니다.*줄 1811"):
        digital_plan_read(path)


def test_a_file_cut_inside_a_wrapped_cell_is_refused(tmp_path):
    path = write(tmp_path, SOURCE_LINES[:1824])  # ends at "… 과기정통부, 국토부, "
    with pytest.raises(PlanFormatError, match="일정 칸이 나오기 전에.*줄 1824"):
        digital_plan_read(path)


def test_a_file_cut_right_after_a_heading_is_refused(tmp_path):
    path = write(tmp_path, SOURCE_LINES[:1932])  # ends at "2-2-2. …" and a blank line
    with pytest.raises(PlanFormatError, match="2-2-2.*과제가 나오기 전에"):
        digital_plan_read(path)


# ── what the reader keeps but cannot place: findings ────────────────────────────────


def small_schedule(*rows: str) -> list[str]:
    return [" 지방 디지털 경쟁력 강화방안(안) 요약", "", " Ⅶ. 과제별 추진일정", "", *rows]


def test_a_task_without_a_schedule_cell_is_kept_whole_and_reported(tmp_path):
    path = write(
        tmp_path,
        small_schedule(
            "추진과제1. 가",
            " 1-1. 나",
            "1-1-1. 다",
            " - 일정이 빠진 과제 과기정통부",
            " - 다음 과제 과기정통부 ’23~",
        ),
    )
    plan = digital_plan_read(path)
    assert [task.name for task in plan.tasks] == ["일정이 빠진 과제 과기정통부", "다음 과제"]
    assert plan.tasks[0].start_year is None
    assert [(f.code, f.source_line) for f in plan.findings] == [("digital.schedule.no_schedule", 8)]


def test_lines_that_belong_nowhere_become_findings(tmp_path):
    path = write(
        tmp_path,
        small_schedule(
            " - 분야보다 먼저 나온 과제 과기정통부 ’23~",
            "추진과제1. 가",
            "",
            "떠도는 줄",
            " 1-1. 나",
            "1-1-1. 다",
            " - 과제 과기정통부 ’23~",
            "1-3-1. 상위가 없는 세부분야",
            " - 놓을 곳이 없는 과제 중기부 ’24~",
            "1-1-1. 같은 번호",
            " - 또 다른 과제 중기부 ’24~",
        ),
    )
    plan = digital_plan_read(path)
    assert [task.name for task in plan.tasks] == ["과제"]
    assert [(f.code, f.source_line) for f in plan.findings] == [
        ("digital.schedule.task_without_area", 5),
        ("digital.schedule.unplaced_line", 8),
        ("digital.schedule.misplaced_heading", 12),
        ("digital.schedule.task_without_area", 13),
        ("digital.schedule.duplicate_code", 14),
        ("digital.schedule.task_without_area", 15),
    ]


def test_a_heading_wrapped_onto_the_next_line_is_joined(tmp_path):
    path = write(
        tmp_path,
        small_schedule(
            "추진과제1. 가",
            " 1-1. 나",
            "1-1-1. 길어서",
            "줄이 바뀐 세부분야",
            "",
            " - 과제 과기정통부 ’23~",
        ),
    )
    plan = digital_plan_read(path)
    assert plan.areas[-1].name == "길어서 줄이 바뀐 세부분야"
    assert plan.findings == []


def test_a_word_the_wrap_cut_is_joined_as_the_document_spells_it(tmp_path):
    path = write(
        tmp_path,
        [
            *small_schedule(
                "추진과제1. 가",
                " 1-1. 나",
                "1-1-1. 지역 먹거리 산업",
                "화 지원",
                "",
                " - 지역 기업의 디지털 전환 가속",
                "화 과기정통부 ’23~",
            ),
            "※ 지역 먹거리 산업화와 디지털 전환 가속화를 함께 추진",
        ],
    )
    plan = digital_plan_read(path)
    assert plan.areas[-1].name == "지역 먹거리 산업화 지원"
    assert plan.tasks[0].name == "지역 기업의 디지털 전환 가속화"


def test_a_heading_without_children_is_reported(tmp_path):
    path = write(
        tmp_path,
        small_schedule(
            "추진과제1. 가", " 1-1. 나", "1-1-1. 비어 있음", "1-1-2. 다", " - 과제 교육부 ’23~"
        ),
    )
    plan = digital_plan_read(path)
    assert [(f.code, f.source_line) for f in plan.findings] == [
        ("digital.schedule.empty_heading", 7)
    ]


# ── telling the two supported documents apart (dream.ingest.reader.document_kind) ─────


def test_document_kind_tells_the_two_documents_apart_by_their_title_lines():
    assert document_kind(read_lines(DOCUMENT)) == "digital_plan"
    assert document_kind(read_lines(SEEDS / "2024-implementation-plan.txt")) == (
        "implementation_plan"
    )


def test_document_kind_refuses_any_other_text_naming_both_documents(tmp_path):
    path = write(tmp_path, ["", "회의록", "참석자: …"])
    with pytest.raises(
        PlanFormatError, match="지방시대 시행계획」과 「지방 디지털.*'회의록'.*줄 2"
    ):
        document_kind(read_lines(path))
