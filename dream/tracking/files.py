"""Reading an uploaded table of actuals (CSV or Excel) into numbered rows of raw cells.

Nothing is interpreted here beyond finding the columns: every cell is validated by the
same code as the entry form (services.goal_value_clean), so both give the same messages.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook

# column key → (Korean header, English header); the Korean one is what the template uses.
COLUMNS = {
    "goal": ("목표", "goal"),
    "year": ("연도", "year"),
    "value": ("값", "value"),
    "source": ("출처", "source"),
    "observed_on": ("기준일", "observed_on"),
}
LABELS = {key: korean for key, (korean, _english) in COLUMNS.items()}
MAX_ROWS = 5000
ENCODINGS = ("utf-8-sig", "cp949")  # Excel on Korean Windows saves CSV as CP949


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, columns); the message is Korean."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number a spreadsheet shows (the header is row 1)
    cells: dict[str, object]  # column key → raw cell (text, number or date)


def rows_read(file, filename: str) -> list[SheetRow]:
    """The data rows of a .csv or .xlsx file, with blank rows left out."""
    name = filename.lower()
    if name.endswith(".csv"):
        table = _csv_table(file.read())
    elif name.endswith(".xlsx"):
        table = _xlsx_table(file)
    else:
        raise ImportFileError("CSV(.csv) 또는 Excel(.xlsx) 파일만 가져올 수 있습니다.")
    if not table:
        raise ImportFileError("파일이 비어 있습니다.")
    positions = _column_positions(table[0])
    rows = [
        SheetRow(number, {key: _cell(cells, index) for key, index in positions.items()})
        for number, cells in enumerate(table[1:], start=2)
    ]
    rows = [row for row in rows if not _is_blank(row)]
    if not rows:
        raise ImportFileError("머리글 아래에 데이터 행이 없습니다.")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다(이 파일 {len(rows):,}행)."
        )
    return rows


def _csv_table(content: bytes) -> list[list[object]]:
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(io.StringIO(text)))
    raise ImportFileError(
        "CSV 파일의 문자 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장하세요."
    )


def _xlsx_table(file) -> list[list[object]]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError("Excel(.xlsx) 파일을 열 수 없습니다.") from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _column_positions(header: list[object]) -> dict[str, int]:
    """Where each column is, by its Korean or English header; other columns are ignored."""
    names = {name: key for key, pair in COLUMNS.items() for name in (pair[0], pair[1].lower())}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(str(cell or "").strip().lstrip("\ufeff").lower())
        if key and key not in positions:
            positions[key] = index
    missing = [LABELS[key] for key in COLUMNS if key not in positions]
    if missing:
        raise ImportFileError(
            f"첫 행(머리글)에 {', '.join(missing)} 열이 없습니다. "
            "목표 / 연도 / 값 / 출처 / 기준일 머리글을 쓰세요(서식 파일 참고)."
        )
    return positions


def _cell(cells: list[object], index: int) -> object:
    value = cells[index] if index < len(cells) else None
    return value.strip() if isinstance(value, str) else value


def _is_blank(row: SheetRow) -> bool:
    """A row with nothing but (at most) the goal: an untouched line of the template."""
    return all(value in (None, "") for key, value in row.cells.items() if key != "goal")
