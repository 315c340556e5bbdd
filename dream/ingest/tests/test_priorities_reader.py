"""Ⅱ 지방시대위원회 중점 이행과제 of the 2024 plan (lines 217–976) and its appendix summary
(【 2024년 지방시대위원회 4+10 중점 이행과제 】, lines 12298–12423), as the reader must see them.

Line numbers are those of data/seeds/2024-implementation-plan.txt.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dream.ingest.document import Line, PlanFormatError, Section, read_lines, split_sections
from dream.ingest.records import Finding, ParsedPriorityTask
from dream.ingest.sections.priorities import parse_priorities

SOURCE = Path(__file__).resolve().parents[3] / "data" / "seeds" / "2024-implementation-plan.txt"


@pytest.fixture(scope="module")
def sections() -> dict[str, Section]:
    return split_sections(read_lines(SOURCE))


@pytest.fixture(scope="module")
def read(sections) -> tuple[list[ParsedPriorityTask], list[Finding]]:
    annex = [*sections["annex"].lines, *sections["appendix"].lines]
    return parse_priorities(sections["priorities"], annex, 2024)


@pytest.fixture(scope="module")
def tasks(read) -> list[ParsedPriorityTask]:
    return read[0]


@pytest.fixture(scope="module")
def findings(read) -> list[Finding]:
    return read[1]


def _item_at(task: ParsedPriorityTask, line: int):
    records = [*task.aims, *task.status]
    for action in task.actions:
        records += [action, *action.items]
    return next(record for record in records if record.source_line == line)


# Counted by hand from the lines of each task (a wrapped sentence counts once): aims (▪),
# status-box items (ㅇ ❶ • and the box's notes, all of kind status), actions (□), and
# under the actions the steps (ㅇ), sub-steps (-) and notes (*, **, ※).
# group, number, title line, name, appendix line, aims, status, actions, steps, subs, notes
TASKS = [
    ("zone", 1, 220, "기회발전특구 지정으로 양질의 신규 일자리 창출", 12303, 2, 6, 3, 4, 1, 4),
    ("zone", 2, 272, "교육발전특구 도입과 지역-대학 동반 성장", 12311, 2, 0, 2, 4, 2, 4),
    ("zone", 3, 326, "도심융합특구 조성으로 지방활성화 기반 구축", 12322, 2, 0, 2, 5, 0, 7),
    ("zone", 4, 380, "문화특구와 로컬콘텐츠로 지역활력 강화", 12331, 2, 0, 3, 6, 0, 4),
    (
        "priority",
        1,
        447,
        "인구감소지역 부활 3종 프로젝트로 지방경제 역동성 강화",
        12343,
        3,
        3,
        4,
        3,
        0,
        7,
    ),
    (
        "priority",
        2,
        499,
        "지역 특성에 맞는 권한이양으로 지방의 자율성 확대",
        12351,
        3,
        0,
        3,
        5,
        0,
        5,
    ),
    ("priority", 3, 548, "초광역권 활성화 본격 추진으로 지방경쟁력 제고", 12358, 2, 0, 3, 5, 0, 4),
    (
        "priority",
        4,
        600,
        "개성있는 특화발전 위한 지역정책과제의 체계적 이행 지원",
        12367,
        3,
        2,
        4,
        2,
        0,
        7,
    ),
    (
        "priority",
        5,
        650,
        "현장 규제 해소로 지방기업 활력 제고 및 투자 확대",
        12375,
        3,
        0,
        3,
        7,
        0,
        5,
    ),
    (
        "priority",
        6,
        700,
        "지방이 주도하는 첨단전략산업 중심 지방경제 성장",
        12383,
        3,
        0,
        3,
        7,
        1,
        8,
    ),
    ("priority", 7, 754, "디지털 재창조로 지방 신산업 혁신역량 강화", 12393, 3, 0, 3, 6, 0, 5),
    ("priority", 8, 806, "매력있는 농어촌 조성으로 인구 유입 확대", 12401, 2, 0, 3, 6, 0, 8),
    (
        "priority",
        9,
        860,
        "지방재정의 건전성‧안정성 강화로 재정책임성 제고",
        12409,
        3,
        0,
        3,
        4,
        1,
        4,
    ),
    ("priority", 10, 911, "자치역량 제고를 통한 지방분권 기반 구축", 12417, 2, 0, 3, 6, 0, 3),
]


def test_there_are_the_four_zones_and_the_ten_priorities_in_the_order_of_the_text(tasks):
    assert [(t.group, t.number, t.source_line, t.name) for t in tasks] == [row[:4] for row in TASKS]


@pytest.mark.parametrize("row", TASKS, ids=[f"{row[0]}-{row[1]}" for row in TASKS])
def test_each_task_has_the_items_counted_by_hand(tasks, row):
    group, number, _line, _name, appendix_line, *counts = row
    task = next(t for t in tasks if (t.group, t.number) == (group, number))
    items = [item for action in task.actions for item in action.items]

    assert task.appendix_line == appendix_line
    assert [
        len(task.aims),
        len(task.status),
        len(task.actions),
        sum(item.kind == "step" for item in items),
        sum(item.kind == "sub" for item in items),
        sum(item.kind == "note" for item in items),
    ] == counts


def test_a_wrapped_step_is_one_item_with_its_lines_joined_by_one_space(tasks):
    step = _item_at(tasks[1], 294)

    assert step.kind == "step"
    assert step.text == (
        "교육발전특구 시범지역 2차 지정(’24.下) 및 지역의 규제 특례를 "
        "발굴하여「교육발전특구 지정‧운영 위한 법안」마련(’24.下)"
    )
    assert [(p.printed, p.source_line) for p in step.periods] == [("’24.下", 294), ("’24.下", 296)]


def test_an_action_keeps_its_topic_apart_and_one_without_a_topic_has_none(tasks):
    first = tasks[0].actions[0]
    later = tasks[4].actions[-1]

    assert (first.topic, first.source_line) == ("제도 완비", 240)
    assert first.text.startswith("기회발전특구 규제 특례 등을 포함하고, 기업의 지방 투자 활성화")
    assert (later.topic, later.source_line) == ("", 494)


def test_the_status_box_of_the_first_task_runs_until_its_first_action(tasks):
    task = tasks[0]

    assert task.status_title == "기회발전특구 추진 현황"
    assert [(item.kind, item.source_line) for item in task.status] == [
        ("status", 227),
        ("status", 229),
        ("status", 231),
        ("status", 233),
        ("status", 235),
        ("status", 238),
    ]
    assert task.status[0].periods[0].start == date(2023, 7, 10)
    assert task.status[4].text.endswith(
        "필요한 중앙정부 및 지방정부 지원사업*을 패키지로 구성하여 제공"
    )


def test_the_status_box_of_the_population_task_has_its_bullet_items_and_its_note(tasks):
    task = tasks[4]

    assert task.status_title == "생활인구"
    assert [(item.kind, item.source_line, item.text[:4]) for item in task.status] == [
        ("status", 454, "(개념)"),
        ("status", 455, "(목적)"),
        ("status", 456, "※ 89"),
    ]
    assert task.status[2].periods[0].printed == "’24년~"


def test_a_table_printed_inside_a_note_stays_the_text_of_that_note(tasks):
    note = _item_at(tasks[3], 393)

    assert note.kind == "note"
    assert note.text.startswith("* 권역별 문화특구(대한민국 문화도시) 조성계획 승인 지자체 권역")
    assert "대구 수성구" in note.text and note.text.endswith("전남 순천시 전남 진도군")


def test_the_page_number_between_tasks_is_not_an_item(tasks, findings):
    last_step = _item_at(tasks[3], 440)

    assert "14" not in last_step.text
    assert not [f for f in findings if f.code == "priority.unplaced_line"]


def test_the_appendix_summary_is_attached_with_its_note(tasks):
    task = tasks[2]

    assert task.appendix_title == "도심융합특구 조성"
    assert task.appendix_text.split("\n")[1] == (
        "* 도심융합특구 지정‧운영 위한 하위법령 마련 및 시행(‘24.4), 범부처 업무협약(’24.上)"
    )
    assert [p.printed for p in task.appendix_periods] == ["‘24.4", "’24.上"]


def _differences(findings: list[Finding]) -> dict[int, Finding]:
    return {f.source_line: f for f in findings if f.code == "priority.date_differs"}


@pytest.mark.parametrize(
    ("appendix_line", "severity", "appendix_date", "body_line", "body_date", "relation"),
    [
        (12319, "info", "‘24.7월", 294, "’24.下", "부록의 날짜가 Ⅱ의 기간 안에"),
        (12387, "info", "2024.3", 712, "’24.3.27", "Ⅱ의 날짜가 부록의 기간 안에"),
        (12329, "warning", "‘24.4", 359, "’24.1.11~2.20", "겹치지 않습니다"),
    ],
    ids=["education-zone-2nd-round", "high-tech-support-plan", "downtown-zone-decrees"],
)
def test_an_appendix_date_that_differs_from_the_text_is_reported(
    findings, appendix_line, severity, appendix_date, body_line, body_date, relation
):
    finding = _differences(findings)[appendix_line]

    assert finding.severity == severity
    assert f"부록 줄 {appendix_line} '{appendix_date}'" in finding.message
    assert f"Ⅱ 줄 {body_line} '{body_date}'" in finding.message
    assert relation in finding.message


def test_only_those_three_dates_differ(findings):
    differing = [f.source_line for f in findings if f.code == "priority.date_differs"]

    assert sorted(differing) == [12319, 12329, 12387]


@pytest.mark.parametrize(
    "appendix_line",
    [
        pytest.param(12309, id="opportunity-zone-applications-24.3"),
        pytest.param(12363, id="super-region-plan-until-24.6"),
        pytest.param(12381, id="global-innovation-zones-24.4"),
        pytest.param(12333, id="culture-zones-december"),
    ],
)
def test_an_appendix_date_the_text_prints_alike_is_no_finding(findings, appendix_line):
    assert appendix_line not in {f.source_line for f in findings}


def test_the_interministerial_agreement_in_the_first_half_is_not_a_difference(findings):
    (downtown,) = [f for f in findings if f.source_line == 12329]

    assert "부록 줄 12329 '‘24.4'" in downtown.message


def test_every_appendix_date_found_its_counterpart(findings):
    assert [f for f in findings if f.code == "priority.appendix_unmatched"] == []


def test_a_part_that_does_not_open_with_a_task_title_is_refused_with_the_line():
    section = Section(
        "priorities",
        "Ⅱ",
        [
            Line(217, "Ⅱ. 2024년 지방시대위원회"),
            Line(219, "중점 이행과제"),
            Line(222, "▪ 기회발전특구 본격 시행을 위한 제도 완비 및 인센티브 도입"),
        ],
    )

    with pytest.raises(PlanFormatError, match=r"과제 제목.*\(줄 222\)"):
        parse_priorities(section, [], 2024)


def test_a_date_not_on_the_calendar_is_kept_as_printed_and_reported():
    section = Section(
        "priorities",
        "Ⅱ",
        [
            Line(217, "Ⅱ. 2024년 지방시대위원회"),
            Line(220, " 기회발전특구 지정으로 양질의 신규 일자리 창출"),
            Line(222, "▪ 지방정부 주도로 기회발전특구 신규 지정"),
            Line(250, "□ (신규 지정) 지방정부-투자기업 간 협의로 정한 지역을 기회발전특구로 지정"),
            Line(252, "ㅇ 지침을 제정(‘24.2.30)"),
        ],
    )

    (task,), findings = parse_priorities(section, [], 2024)

    (period,) = task.actions[0].items[0].periods
    assert (period.printed, period.start, period.precision) == ("‘24.2.30", None, "undated")
    assert [(f.code, f.source_line) for f in findings if f.severity == "warning"] == [
        ("priority.task_count", 217),
        ("priority.date_unreadable", 252),
    ]


def test_a_missing_appendix_block_is_a_finding_per_task_not_a_refusal(sections):
    tasks, findings = parse_priorities(sections["priorities"], [], 2024)

    assert len(tasks) == 14
    assert [f.source_line for f in findings if f.code == "priority.appendix_missing"] == [
        row[2] for row in TASKS
    ]
