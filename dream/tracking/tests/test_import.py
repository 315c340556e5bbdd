"""Importing a file of actuals: CSV (UTF-8, BOM, CP949) and Excel, all rows or none."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from dream.tracking.models import GoalValue
from dream.tracking.services import goal_values_import

HEADER = "목표,연도,값,출처,기준일"
GOOD_ROWS = [
    "digital-economy-output,2024,18.2,디지털산업 실태조사,2025-06-30",
    "지방 디지털 인재 정착률,2024,43.5%,인재 정착 조사,2025.3.31",
]


def csv_file(*lines: str, encoding: str = "utf-8-sig") -> io.BytesIO:
    return io.BytesIO("\r\n".join(lines).encode(encoding))


def run(actor, content, filename="values.csv"):
    return goal_values_import(actor=actor, file=content, filename=filename)


def stored() -> dict[tuple[str, int], D]:
    return {(v.goal.key, v.year): v.value for v in GoalValue.objects.select_related("goal")}


def test_a_good_csv_is_stored_with_goals_named_by_key_or_name(editor, digital_plan_2023):
    result = run(editor, csv_file(HEADER, *GOOD_ROWS))

    assert result.ok, result.errors
    assert result.changes == {"created": 2}
    assert stored() == {
        ("digital-economy-output", 2024): D("18.2"),
        ("digital-talent-retention", 2024): D("43.5"),
    }
    row = GoalValue.objects.get(year=2024, goal__key="digital-talent-retention")
    assert (row.value_text, row.observed_on) == ("43.5%", datetime.date(2025, 3, 31))
    assert row.history.get().history_change_reason == "파일 가져오기: values.csv"
    assert row.history.get().history_user == editor


def test_a_csv_saved_by_korean_excel_in_cp949_is_read(editor, digital_plan_2023):
    result = run(editor, csv_file(HEADER, *GOOD_ROWS, encoding="cp949"))

    assert result.ok, result.errors
    assert len(stored()) == 2


def test_english_headers_and_utf8_without_bom_are_read(editor, digital_plan_2023):
    content = csv_file(
        "goal,year,value,source,observed_on,note", GOOD_ROWS[0] + ",x", encoding="utf-8"
    )

    assert run(editor, content).ok
    assert stored() == {("digital-economy-output", 2024): D("18.2")}


def test_an_excel_file_is_read_with_number_and_date_cells(editor, digital_plan_2023):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["목표", "연도", "값", "출처", "기준일"])
    sheet.append(["digital-economy-output", 2024, 18.2, "실태조사", datetime.datetime(2025, 6, 30)])
    sheet.append(["digital-inclusion-level", 2023, 80, "디지털정보격차 실태조사", "2024-12-31"])
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)

    result = run(editor, content, filename="실적.XLSX")

    assert result.ok, result.errors
    assert stored() == {
        ("digital-economy-output", 2024): D("18.2"),
        ("digital-inclusion-level", 2023): D(80),
    }
    assert GoalValue.objects.get(year=2023).value_text == "80"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(editor, digital_plan_2023):
    content = csv_file(
        HEADER,
        GOOD_ROWS[0],
        "no-such-goal,2024,1,조사,2025-01-01",
        "digital-economy-output,2019,11,조사,2025-01-01",
        "digital-economy-output,2025,많음,조사,2025-01-01",
        "digital-talent-retention,2025,45,,2025-01-01",
    )

    result = run(editor, content)

    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "목표"),
        (4, "연도"),
        (5, "값"),
        (6, "출처"),
    ]
    assert "'no-such-goal'에 해당하는 목표가 없습니다" in result.errors[0].message
    assert "2020년부터 2030년 사이" in result.errors[1].message
    assert "'많음'을 숫자로 읽을 수 없습니다" in result.errors[2].message
    assert not GoalValue.objects.exists()


def test_one_goal_and_year_twice_in_a_file_is_an_error(editor, digital_plan_2023):
    result = run(editor, csv_file(HEADER, GOOD_ROWS[0], GOOD_ROWS[0].replace("18.2", "19")))

    assert [(e.row, e.column) for e in result.errors] == [(3, "연도")]
    assert "2행과 목표·연도가 같습니다" in result.errors[0].message
    assert not GoalValue.objects.exists()


def test_template_lines_left_empty_are_skipped(editor, digital_plan_2023):
    content = csv_file(HEADER + ",목표명(참고)", "digital-soc,,,,,디지털 SOC", GOOD_ROWS[0])

    result = run(editor, content)

    assert result.ok, result.errors
    assert list(stored()) == [("digital-economy-output", 2024)]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (csv_file(HEADER), "values.csv", "데이터 행이 없습니다"),
        (csv_file(""), "values.csv", "파일이 비어 있습니다"),
        (csv_file("목표,연도,값", GOOD_ROWS[0]), "values.csv", "출처, 기준일 열이 없습니다"),
        (io.BytesIO(b"\x80\x80,\x80"), "values.csv", "UTF-8 또는 CP949"),
        (io.BytesIO(b"not a zip"), "values.xlsx", "Excel(.xlsx) 파일을 열 수 없습니다"),
        (csv_file(HEADER, GOOD_ROWS[0]), "values.txt", "CSV(.csv) 또는 Excel(.xlsx)"),
    ],
)
def test_an_unreadable_file_is_refused_as_a_whole(
    editor, digital_plan_2023, content, filename, message
):
    result = run(editor, content, filename)

    assert [(e.row, e.column) for e in result.errors] == [(None, "")]
    assert message in result.errors[0].message


def test_importing_replaces_a_years_value_keeps_the_history_and_repeats_change_nothing(
    editor, economy
):
    run(editor, csv_file(HEADER, GOOD_ROWS[0]))
    corrected = csv_file(HEADER, GOOD_ROWS[0].replace("18.2", "18.9"))

    assert run(editor, corrected).changes == {"replaced": 1}
    corrected.seek(0)
    assert run(editor, corrected).changes == {"unchanged": 1}

    row = GoalValue.objects.get()
    assert row.value == D("18.9")
    assert [h.value for h in row.history.order_by("history_date")] == [D("18.2"), D("18.9")]


def test_only_committee_staff_may_import(persona, digital_plan_2023):
    with pytest.raises(PermissionDenied):
        run(persona("province_editor"), csv_file(HEADER, *GOOD_ROWS))
    assert not GoalValue.objects.exists()
