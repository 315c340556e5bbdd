"""Hand-made uploads that no spreadsheet program writes: sheets with a lying dimension or
cells no reader expects, and zip archives whose directory lies. Shared by the upload tests
and the upload fuzzer (tests/fuzz/uploads.py)."""

import datetime
import io
import re
import struct
import warnings
import zipfile

from openpyxl import Workbook

HEADER = ["목표", "연도", "값", "출처", "기준일"]
GOOD_ROW = ["digital-economy-output", 2024, 18.2, "디지털산업 실태조사", datetime.date(2025, 6, 30)]
SHEET = "xl/worksheets/sheet1.xml"
# Good rows as text (the CSV template filled in), and cells no one should type.
GOOD_ROWS = [
    ["digital-economy-output", "2024", "18.2", "디지털산업 실태조사", "2025-06-30"],
    ["지방 디지털 인재 정착률", "2024", "43.5%", "인재 정착 조사", "2025.3.31"],
    ["digital-inclusion-level", "2023", "80", "디지털정보격차 실태조사", "2024-12-31"],
    ["digital-economy-output", "2023", "15조원", "실태조사", "2024-06-30"],
]
HOSTILE_TEXTS = [
    "²",
    "2²",
    "٢٠٢٤",
    "２０２４",
    "9" * 17,
    "9" * 400,
    "9" * 5000,
    "1e999",
    "-1E999",
    "NaN",
    "nan",
    "Infinity",
    "-0",
    "1,5",
    "△3",
    "0000",
    "20245년",
    '=HYPERLINK("http://example.com/"&A1,"x")',
    "+1+1",
    "-2-2",
    "@SUM(A1:A9)",
    "\x00",
    "a\x00b",
    "\u202e",
    "\ufeff",
    "",
    " ",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "가" * 600,
]
HOSTILE_CELLS: list[object] = [
    *HOSTILE_TEXTS,
    float("nan"),
    float("inf"),
    float("-inf"),
    1e300,
    -1e-300,
    10**40,
    -(10**18),
    0,
    True,
    datetime.datetime(1900, 1, 1),
    datetime.datetime(9999, 12, 31),
    datetime.date(2024, 1, 1),
    datetime.time(12, 0),
    datetime.timedelta(days=3),
]
# Offsets inside a central directory entry ("PK\1\2"), from the zip specification.
_CENTRAL = {"flags": (8, "<H"), "compress_size": (20, "<L"), "file_size": (24, "<L")}
_CENTRAL_OFFSET = (42, "<L")


def xlsx_bytes(*rows, header=HEADER) -> bytes:
    """A workbook as openpyxl writes it: the header, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for row in (header, *rows):
        sheet.append(list(row))
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """An archive of (name, bytes) members, duplicates allowed (zipfile warns, writes them)."""
    content = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(content, "w", compression) as archive:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": meant
        for name, data in members:
            archive.writestr(name, data)
    return content.getvalue()


def sheet_edited(data: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML passed through `edit` (text → text)."""
    return zip_bytes(
        (name, edit(content.decode()).encode() if name == SHEET else content)
        for name, content in zip_members(data)
    )


def with_dimension(data: bytes, ref: str) -> bytes:
    return sheet_edited(
        data,
        lambda xml: re.sub(r"<dimension ref=\"[^\"]*\"\s*/>", f'<dimension ref="{ref}"/>', xml),
    )


def with_rows(data: bytes, rows_xml: str) -> bytes:
    """Raw <row> elements added at the end of the sheet data."""
    return sheet_edited(data, lambda xml: xml.replace("</sheetData>", rows_xml + "</sheetData>"))


def with_cell_value(data: bytes, coordinate: str, value: str) -> bytes:
    """The <v> of the numeric cell at `coordinate` replaced by `value`, as raw text."""
    pattern = re.compile(rf'(<c r="{coordinate}"[^>]*>)<v>[^<]*</v>')
    return sheet_edited(data, lambda xml: pattern.sub(rf"\g<1><v>{value}</v>", xml, count=1))


def text_cell(coordinate: str, text: str) -> str:
    return f'<c r="{coordinate}" t="inlineStr"><is><t>{text}</t></is></c>'


def central_patched(data: bytes, name: str, **fields: int) -> bytes:
    """The archive with fields of `name`'s central directory entry overwritten: flags,
    compress_size, file_size, or header_offset (where its local header is said to be)."""
    entry = _central_entry(data, name)
    patched = bytearray(data)
    for field, value in fields.items():
        offset, form = _CENTRAL_OFFSET if field == "header_offset" else _CENTRAL[field]
        struct.pack_into(form, patched, entry + offset, value)
    return bytes(patched)


def _central_entry(data: bytes, name: str) -> int:
    """Where `name`'s central directory entry starts: entries are 46 bytes, then the name,
    the extra field and the comment, whose lengths are at 28, 30 and 32."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        position = archive.start_dir
    while data[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, position + 28)
        if data[position + 46 : position + 46 + name_length] == name.encode():
            return position
        position += 46 + name_length + extra_length + comment_length
    raise KeyError(name)
