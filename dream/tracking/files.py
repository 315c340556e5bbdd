"""Reading an uploaded table of actuals (CSV or Excel) into numbered rows of raw cells.

Nothing is interpreted here beyond finding the columns: every cell is validated by the
same code as the entry form (services.goal_value_clean), so both give the same messages.

An upload is untrusted: a few kilobytes of .xlsx can declare a sheet of a million rows or
unpack to gigabytes. So every limit below is checked before or while reading, never after
building the whole table, and each refusal is a Korean ImportFileError.
"""

import csv
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import load_workbook

from dream.core.korean import particle

# column key → (Korean header, English header); the Korean one is what the template uses.
COLUMNS = {
    "goal": ("목표", "goal"),
    "year": ("연도", "year"),
    "value": ("값", "value"),
    "source": ("출처", "source"),
    "observed_on": ("기준일", "observed_on"),
}
LABELS = {key: korean for key, (korean, _english) in COLUMNS.items()}
ENCODINGS = ("utf-8-sig", "cp949")  # Excel on Korean Windows saves CSV as CP949

MEGABYTE = 1024 * 1024
MAX_UPLOAD_BYTES = 2 * MEGABYTE  # 5,000 rows of actuals are about 0.5 MB as CSV or .xlsx
MAX_ROWS = 5000  # data rows of one file; blank (template) lines are not counted
MAX_SHEET_ROWS = 10_000  # lines read at most, header and blank lines included
MAX_COLUMNS = 50  # cells read per line; the five columns must be among the first fifty
MAX_CELL_CHARS = 10_000  # one cell; a source or a note is a line, not a page

# An .xlsx file is a zip archive. Python 3.11.7 predates the zipfile fix for overlapping
# members (CVE-2024-0450), so the archive is checked here before openpyxl opens it.
MAX_ZIP_MEMBERS = 200  # a workbook written by Excel has about a dozen
MAX_MEMBER_BYTES = 20 * MEGABYTE  # unpacked size of one member
MAX_UNPACKED_BYTES = 40 * MEGABYTE  # unpacked size of all members together
MAX_COMPRESSION_RATIO = 100  # Excel's own sheets pack about 5-20 times
RATIO_CHECKED_FROM_BYTES = 64 * 1024  # tiny members pack oddly and cost nothing
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip local file header, 30 bytes
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_READ_CHUNK = 64 * 1024

# What zipfile raises for a damaged or unsupported archive (NotImplementedError: flag bits
# for patched data or strong encryption).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
)

UNREADABLE_XLSX = "Excel(.xlsx) 파일을 열 수 없습니다."
DAMAGED_XLSX = "Excel(.xlsx) 파일이 손상되었거나 Excel이 만든 파일이 아니어서 읽을 수 없습니다."


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, columns); the message is Korean."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number a spreadsheet shows (the header is row 1)
    cells: dict[str, object]  # column key → raw cell (text, number or date)


def rows_read(file, filename: str) -> list[SheetRow]:
    """The data rows of a .csv or .xlsx file, with blank rows left out.

    Lines are read one at a time and the limits checked as they come, so an oversized
    file is refused after reading at most MAX_SHEET_ROWS lines of MAX_COLUMNS cells.
    """
    name = filename.lower()
    if name.endswith(".csv"):
        lines = csv_lines(upload_content(file))
    elif name.endswith(".xlsx"):
        lines = xlsx_lines(upload_content(file))
    else:
        raise ImportFileError("CSV(.csv) 또는 Excel(.xlsx) 파일만 가져올 수 있습니다.")
    try:
        return _data_rows(lines)
    finally:
        lines.close()


def upload_content(file) -> bytes:
    """The upload's bytes, refused by its size before it is read when the size is known."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_too_large(f"이 파일 {size / MEGABYTE:,.1f} MB"))
    content = file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_too_large(f"이 파일은 {MAX_UPLOAD_BYTES // MEGABYTE} MB보다 큼"))
    return content


def _too_large(what: str) -> str:
    return (
        f"파일이 너무 큽니다({what}). {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 가져올 수 있습니다. "
        "파일을 나누어 가져오세요."
    )


def _data_rows(lines: Iterator[list[object]]) -> list[SheetRow]:
    header = next(lines, None)
    if header is None:
        raise ImportFileError("파일이 비어 있습니다.")
    positions = _column_positions(header)
    rows: list[SheetRow] = []
    for number, cells in enumerate(lines, start=2):
        if number > MAX_SHEET_ROWS:
            raise ImportFileError(
                f"파일은 {MAX_SHEET_ROWS:,}행까지 읽습니다. 그 아래에도 행이 있으니 "
                "지우거나 파일을 나누어 가져오세요(빈 행도 행으로 셉니다)."
            )
        row = SheetRow(number, {key: _cell(cells, index) for key, index in positions.items()})
        if _is_blank(row):
            continue
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다({number:,}행에서 넘었습니다). "
                "파일을 나누어 가져오세요."
            )
    if not rows:
        raise ImportFileError("머리글 아래에 데이터 행이 없습니다.")
    return rows


def csv_lines(content: bytes) -> Iterator[list[object]]:
    """The CSV's records one at a time, each cut to MAX_COLUMNS cells.

    A cell is bounded by MAX_CELL_CHARS here, not by the csv module's field size limit: that
    limit is process-wide and other libraries raise it. A NUL byte means the file is not a
    text CSV (often UTF-16 or a binary file).
    """
    if b"\x00" in content:
        raise ImportFileError(
            "CSV 파일에 NUL 문자(\\x00)가 있습니다. 텍스트 CSV(UTF-8 또는 CP949)로 다시 저장하세요."
        )
    reader = csv.reader(io.StringIO(_csv_text(content)))
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            raise ImportFileError(
                f"CSV 파일의 {reader.line_num:,}번째 줄을 읽을 수 없습니다"
                "(칸 하나가 너무 길거나 따옴표가 짝이 맞지 않습니다)."
            ) from error
        if cells is None:
            return
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise ImportFileError(
                f"CSV 파일의 {reader.line_num:,}번째 줄을 읽을 수 없습니다"
                f"(칸 하나가 {MAX_CELL_CHARS:,}자를 넘습니다)."
            )
        yield cells[:MAX_COLUMNS]


def _csv_text(content: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        "CSV 파일의 문자 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장하세요."
    )


def xlsx_lines(content: bytes) -> Iterator[list[object]]:
    """The first sheet's rows one at a time, from row 1, each cut to MAX_COLUMNS cells.

    The sheet's declared dimension is ignored (reset_dimensions): openpyxl would pad every
    row to its width and fill in every row up to its height. Missing rows still come as
    one shared empty tuple each, and the caller stops after MAX_SHEET_ROWS.

    openpyxl documents no exceptions: a hostile sheet makes its XML and type code raise
    ValueError, TypeError, KeyError, SyntaxError (XML ParseError) and more. The archive is
    checked first, so whatever openpyxl raises here means this file is unreadable.
    """
    archive_check(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:  # noqa: BLE001 - see the docstring
        raise ImportFileError(UNREADABLE_XLSX) from error
    try:
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        number = 0
        while True:
            try:
                cells = next(rows, None)
            except Exception as error:  # noqa: BLE001 - see the docstring
                raise ImportFileError(
                    f"Excel 시트의 {number + 1:,}행 또는 그 아래 첫 행에 읽을 수 없는 칸이 "
                    "있습니다(숫자 칸에 글자, 잘못된 날짜 등). 그 칸을 다시 입력해 저장하세요."
                ) from error
            if cells is None:
                return
            number += 1
            yield list(cells)
    finally:
        workbook.close()


def archive_check(content: bytes) -> None:
    """Refuse a zip archive that would unpack to too much, or that is built to trick a reader.

    Checked: the number of members, each member's and the total declared size, the packing
    ratio, overlapping members (one compressed stream shared by many names: the zip bomb
    CVE-2024-0450 is about), encryption and compression method. Then every member is
    unpacked once in chunks, counting what comes out, so a member lying about its size is
    caught by the count or by zipfile's CRC check rather than trusted.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except _ZIP_ERRORS as error:
        raise ImportFileError(UNREADABLE_XLSX) from error
    with archive:
        members = archive.infolist()
        _members_check(members)
        _overlap_check(content, members, archive.start_dir)
        for member in members:
            _member_unpack(archive, member)


def _members_check(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportFileError(
            f"Excel 파일 안의 구성 파일이 너무 많습니다({len(members):,}개, "
            f"{MAX_ZIP_MEMBERS}개까지). Excel에서 새 통합 문서로 다시 저장하세요."
        )
    if len({member.filename for member in members}) != len(members):
        raise ImportFileError(f"{DAMAGED_XLSX} (같은 이름의 구성 파일이 둘 있습니다)")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise ImportFileError(
                "암호가 걸린 Excel 파일은 가져올 수 없습니다. 암호를 풀고 저장하세요."
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportFileError(f"{DAMAGED_XLSX} (지원하지 않는 압축 방식)")
        if member.file_size > MAX_MEMBER_BYTES:
            raise ImportFileError(_unpacks_too_large(member.file_size))
        ratio_too_high = member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and ratio_too_high:
            raise ImportFileError(
                f"Excel 파일 안의 '{member.filename[:80]}'{particle(member.filename[:80], '이')} 비정상적으로 많이 압축되어 "
                f"있습니다({MAX_COMPRESSION_RATIO}배 넘게). 압축 폭탄일 수 있어 읽지 않습니다."
            )
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(_unpacks_too_large(total))


def _unpacks_too_large(size: int) -> str:
    return (
        f"Excel 파일의 압축을 풀면 너무 큽니다({size / MEGABYTE:,.1f} MB, "
        f"{MAX_UNPACKED_BYTES // MEGABYTE} MB까지). 필요한 시트만 남겨 다시 저장하세요."
    )


def _overlap_check(content: bytes, members: list[zipfile.ZipInfo], directory_start: int) -> None:
    """Each member's local header and data must end before the next member starts."""
    end = 0
    for member in sorted(members, key=lambda member: member.header_offset):
        start = member.header_offset
        header = content[start : start + _LOCAL_HEADER.size]
        if start < end or len(header) < _LOCAL_HEADER.size:
            raise ImportFileError(f"{DAMAGED_XLSX} (구성 파일이 서로 겹칩니다)")
        fields = _LOCAL_HEADER.unpack(header)
        if fields[0] != _LOCAL_HEADER_SIGNATURE:
            raise ImportFileError(DAMAGED_XLSX)
        name_length, extra_length = fields[-2:]
        end = start + _LOCAL_HEADER.size + name_length + extra_length + member.compress_size
    if end > directory_start:
        raise ImportFileError(f"{DAMAGED_XLSX} (구성 파일이 서로 겹칩니다)")


def _member_unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    unpacked = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_READ_CHUNK):
                unpacked += len(chunk)
                if unpacked > member.file_size:
                    raise ImportFileError(f"{DAMAGED_XLSX} (구성 파일 크기가 적힌 것과 다릅니다)")
    except _ZIP_ERRORS as error:
        raise ImportFileError(DAMAGED_XLSX) from error


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
            + (
                f" 머리글은 앞 {MAX_COLUMNS}열 안에 있어야 합니다."
                if len(header) >= MAX_COLUMNS
                else ""
            )
        )
    return positions


def _cell(cells: list[object], index: int) -> object:
    value = cells[index] if index < len(cells) else None
    return value.strip() if isinstance(value, str) else value


def _is_blank(row: SheetRow) -> bool:
    """A row with nothing but (at most) the goal: an untouched line of the template."""
    return all(value in (None, "") for key, value in row.cells.items() if key != "goal")
