"""Hostile uploads are refused early and cheaply, with a Korean message and nothing written.

A few kilobytes of .xlsx can declare a sheet of a million rows, or unpack to gigabytes;
a CSV can be 50 MB. Each limit is checked before or while reading, so these tests assert
the refusal (its message), not a timing: a reader that built the rows first would fail
them by giving another answer (or none within the memory of the machine).
"""

import io
import zipfile

import pytest

from dream.core.fingerprint import database_fingerprint
from dream.tracking import files
from dream.tracking.files import ImportFileError, rows_read
from dream.tracking.models import GoalValue
from dream.tracking.services import goal_values_import

from .hostile import (
    GOOD_ROW,
    HEADER,
    SHEET,
    central_patched,
    text_cell,
    with_cell_value,
    with_dimension,
    with_rows,
    zip_bytes,
    zip_members,
)
from .hostile import xlsx_bytes as workbook

GOOD_CSV_ROW = "digital-economy-output,2024,18.2,디지털산업 실태조사,2025-06-30"


def refusal(data: bytes, filename: str = "values.xlsx") -> str:
    with pytest.raises(ImportFileError) as excinfo:
        rows_read(io.BytesIO(data), filename)
    return str(excinfo.value)


def csv_bytes(*lines: str) -> bytes:
    return "\r\n".join(lines).encode()


def far_cell_bomb(row: int, column: str = "A") -> bytes:
    """The issue's file: a 5 kB sheet that declares A1:XFD<row> and has one cell there."""
    return with_rows(
        with_dimension(workbook(), f"A1:XFD{row}"),
        f'<row r="{row}">{text_cell(f"{column}{row}", "x")}</row>',
    )


# --- rows and columns, checked while streaming -------------------------------------------


@pytest.mark.parametrize(("row", "column"), [(20_000, "A"), (20_000, "XFD"), (1_048_576, "C")])
def test_a_sheet_declaring_a_huge_dimension_with_one_far_cell_is_refused_while_streaming(
    editor, digital_plan_2023, row, column
):
    bomb = far_cell_bomb(row, column)
    assert len(bomb) < 10_000
    before = database_fingerprint()

    result = goal_values_import(actor=editor, file=io.BytesIO(bomb), filename="bomb.xlsx")

    assert [(error.row, error.column) for error in result.errors] == [(None, "")]
    assert "10,000행까지 읽습니다" in result.errors[0].message
    assert database_fingerprint() == before


def test_a_declared_dimension_is_ignored_when_the_rows_are_few(editor, digital_plan_2023):
    data = with_dimension(workbook(GOOD_ROW), "A1:XFD1048576")

    result = goal_values_import(actor=editor, file=io.BytesIO(data), filename="values.xlsx")

    assert result.ok, result.errors
    assert GoalValue.objects.get().year == 2024


def test_a_row_is_read_only_up_to_fifty_cells_and_its_far_cells_are_ignored():
    data = workbook([*GOOD_ROW, *[None] * 60, "멀리 있는 메모"])

    [row] = rows_read(io.BytesIO(data), "values.xlsx")

    assert row.cells["goal"] == "digital-economy-output"
    assert "멀리 있는 메모" not in row.cells.values()


def test_a_header_beyond_the_fiftieth_column_is_missing_and_the_message_says_why():
    header = ["메모"] * 50 + HEADER

    message = refusal(workbook(header=header))

    assert "목표, 연도, 값, 출처, 기준일 열이 없습니다" in message
    assert "앞 50열 안에" in message


def test_more_than_5000_data_rows_are_refused_as_soon_as_row_5001_is_read():
    lines = [",".join(HEADER)] + [GOOD_CSV_ROW.replace("2024", str(n)) for n in range(5_001)]

    message = refusal(csv_bytes(*lines), "values.csv")

    assert message.startswith("한 번에 5,000행까지 가져올 수 있습니다(5,002행에서 넘었습니다)")


def test_blank_lines_count_towards_the_10000_lines_read():
    lines = [",".join(HEADER)] + ["digital-soc,,,,"] * 10_000 + [GOOD_CSV_ROW]

    assert "10,000행까지 읽습니다" in refusal(csv_bytes(*lines), "values.csv")


# --- size of the upload ------------------------------------------------------------------


class UploadOfKnownSize:
    """An upload whose size Django already knows; reading it would be a test failure."""

    size = files.MAX_UPLOAD_BYTES + 1

    def read(self, *args):
        raise AssertionError("an oversized upload was read")


def test_an_upload_over_2_mb_is_refused_from_its_size_before_it_is_read():
    with pytest.raises(ImportFileError) as excinfo:
        rows_read(UploadOfKnownSize(), "big.csv")

    assert "파일이 너무 큽니다(이 파일 2.0 MB). 2 MB까지" in str(excinfo.value)


def test_a_stream_over_2_mb_is_refused_after_reading_just_past_the_cap():
    content = io.BytesIO(csv_bytes(",".join(HEADER), *[GOOD_CSV_ROW] * 40_000))

    with pytest.raises(ImportFileError, match="이 파일은 2 MB보다 큼"):
        rows_read(content, "big.csv")
    assert content.tell() == files.MAX_UPLOAD_BYTES + 1


# --- CSV ---------------------------------------------------------------------------------


def test_a_csv_with_a_nul_byte_is_refused_with_a_message():
    message = refusal(
        csv_bytes(",".join(HEADER), GOOD_CSV_ROW.replace("실태", "실\x00태")), "a.csv"
    )

    assert "NUL 문자" in message


def test_a_csv_field_longer_than_the_field_limit_is_refused_naming_the_line():
    lines = [",".join(HEADER), GOOD_CSV_ROW, f'digital-soc,2024,1,"{"가" * 200_000}",2025-01-01']

    message = refusal(csv_bytes(*lines), "a.csv")

    assert "CSV 파일의 3번째 줄을 읽을 수 없습니다" in message


# --- the zip archive, checked before openpyxl opens it -----------------------------------


def members_replaced(name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(member, data if member == name else old) for member, old in zip_members(workbook())]


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        pytest.param(
            zip_bytes(zip_members(workbook()) + [(f"extra/{n}.xml", b"") for n in range(200)]),
            "구성 파일이 너무 많습니다",
            id="too-many-members",
        ),
        pytest.param(
            zip_bytes(zip_members(workbook()) + [(SHEET, b"<worksheet/>")]),
            "같은 이름의 구성 파일이 둘",
            id="duplicate-member",
        ),
        pytest.param(
            central_patched(workbook(), SHEET, flags=0x1),
            "암호가 걸린 Excel 파일",
            id="encrypted",
        ),
        pytest.param(
            central_patched(workbook(), SHEET, file_size=30 * files.MEGABYTE),
            "압축을 풀면 너무 큽니다(30.0 MB",
            id="member-declared-too-large",
        ),
        pytest.param(
            zip_bytes(members_replaced("docProps/app.xml", b" " * files.MEGABYTE)),
            "비정상적으로 많이 압축",
            id="compression-ratio",
        ),
    ],
)
def test_an_archive_that_would_unpack_to_too_much_or_tricks_a_reader_is_refused(archive, message):
    assert message in refusal(archive)


def test_the_total_unpacked_size_is_bounded(monkeypatch):
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 4_000)

    assert "압축을 풀면 너무 큽니다" in refusal(workbook(GOOD_ROW))


def overlapping(data: bytes) -> bytes:
    """Two directory entries pointing into one compressed stream (CVE-2024-0450's bomb)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_offset = archive.getinfo(SHEET).header_offset
    return central_patched(data, "docProps/app.xml", header_offset=sheet_offset + 10)


def test_overlapping_members_are_refused():
    assert "구성 파일이 서로 겹칩니다" in refusal(overlapping(workbook(GOOD_ROW)))


def test_a_member_unpacking_to_more_than_it_declares_is_refused_as_damaged():
    data = workbook(GOOD_ROW)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        real_size = archive.getinfo(SHEET).file_size

    lying = central_patched(data, SHEET, file_size=real_size // 2)

    assert "손상되었거나" in refusal(lying)


def test_a_file_that_is_not_a_zip_archive_is_refused():
    assert refusal(b"PK\x03\x04 not really") == "Excel(.xlsx) 파일을 열 수 없습니다."


# --- cells no spreadsheet program writes -------------------------------------------------


def test_text_in_a_numeric_cell_is_refused_naming_the_row():
    data = with_cell_value(workbook(GOOD_ROW), "C2", "많음")

    assert "Excel 시트의 2행 또는 그 아래 첫 행에 읽을 수 없는 칸" in refusal(data)


def test_a_5000_digit_number_in_a_cell_is_refused_naming_the_row():
    data = with_cell_value(workbook(GOOD_ROW), "C2", "9" * 5_000)

    assert "2행 또는 그 아래 첫 행" in refusal(data)


@pytest.mark.parametrize(
    ("cell", "raw", "column", "message"),
    [
        ("C2", "1E999", "값", "무한대 또는 NaN"),
        ("C2", "-1E999", "값", "무한대 또는 NaN"),
        ("B2", "1E999", "연도", "네 자리 숫자"),
        ("B2", "1E300", "연도", "2020년부터 2030년 사이"),
        ("E2", "1E10", "기준일", "기준일은 2025-03-31처럼"),  # a date cell far out of range
    ],
)
def test_an_impossible_number_in_a_cell_is_that_rows_error(
    editor, digital_plan_2023, cell, raw, column, message
):
    data = with_cell_value(workbook(GOOD_ROW), cell, raw)

    result = goal_values_import(actor=editor, file=io.BytesIO(data), filename="values.xlsx")

    assert [(error.row, error.column) for error in result.errors] == [(2, column)]
    assert message in result.errors[0].message
    assert not GoalValue.objects.exists()
