"""The register's template (CSV and Excel) and its import: the plan prints counts only
(l.611, l.620), so every row comes from a province's own list through this file.

An upload is all rows or none: each row goes through the same checks and services as the
forms (`regional_task_register`, `regional_task_update`) inside one transaction that any
refused row rolls back, and every error is named by its sheet, row and column. Rows are keyed
by province and 과제 번호, so importing the same file again changes nothing; a changed row is
updated with its history. 관리 구분 moves only through the services (classification and the
closure path), never by a file.

The upload is untrusted: bounded and, for .xlsx, its archive checked like the other imports
(dream/tracking/files.py) before openpyxl opens it read-only; a formula typed into a cell
("=HYPERLINK(…)") is read as the text written, never evaluated, and written back as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, OrganizationAlias, User
from dream.accounts.registry import PROVINCES
from dream.accounts.selectors import ministries_by_name, name_key
from dream.core.spreadsheets import excel_safe, excel_storable
from dream.cycle.errors import CycleError, InvalidInput, NotAllowed
from dream.tracking.files import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEET_ROWS,
    MAX_UPLOAD_BYTES,
    MEGABYTE,
    UNREADABLE_XLSX,
    ImportFileError,
    archive_check,
    csv_lines,
    upload_content,
)

from .choices import TaskState
from .models import RegionalPolicyTask
from .permissions import can_import_tasks, can_register_task
from .services import (
    TASK_FIELDS,
    initial_state_clean,
    regional_task_register,
    regional_task_update,
    task_field_clean,
)

SHEET = "지역정책과제"
GUIDE_SHEET = "안내"
YES, NO = "예", "아니오"
# field → the column's header in the template (Korean, as the brief's list of columns).
HEADERS = {
    "province": "시·도",
    "code": "과제 번호",
    "title": "과제명",
    "origin_pledge": "대통령 지역공약",
    "announced_2022": f"인수위 발표 과제({YES}/{NO})",
    "in_comprehensive_plan": f"종합계획 반영({YES}/{NO})",
    "ministry": "소관 부처",
    "state": "관리 구분",
}
FLAGS = ("announced_2022", "in_comprehensive_plan")
FLAG_VALUES = {YES: True, NO: False, "아니요": False, "": False}
STATES = {label: value for value, label in TaskState.choices} | {v: v for v in TaskState.values}
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ERRORS_SHOWN = 200
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
TEMPLATE_NAME = "지역정책과제-서식"


def _header_key(text) -> str:
    """A header as compared: without spaces and without the "(예/아니오)" hint."""
    return name_key(str(text or "").lstrip("\ufeff")).replace(f"({YES}/{NO})", "")


HEADER_KEYS = {_header_key(header): name for name, header in HEADERS.items()}


# ---------------------------------------------------------------- the template


def guide_lines() -> list[str]:
    return [
        "지역정책과제 등록 서식 (DREAM)",
        "",
        f"시트 '{SHEET}'에 과제마다 한 행을 적습니다. 머리글(첫 행)은 그대로 둡니다.",
        "시·도: 약칭이나 정식 명칭(부산, 부산광역시). 시·도 담당자는 자기 시·도의 과제만 "
        "가져올 수 있고, 지방시대위원회 담당자는 모든 시·도의 과제를 가져옵니다.",
        "과제 번호: 시·도가 매긴 번호(예: 부산-01). 시·도와 과제 번호로 과제를 찾으므로, "
        "이미 있는 번호의 행은 그 과제를 고치고 없는 번호의 행은 새로 등록합니다.",
        "과제명은 꼭 적습니다. 대통령 지역공약은 과제가 나온 공약(없으면 비움).",
        f"인수위 발표 과제: ’22.4 인수위 지역균형특위가 발표한 255개(17개 시·도×15개, 원문 611줄)에 "
        f"들면 {YES}, 아니면 {NO}(비우면 {NO}).",
        f"종합계획 반영: 지방시대 종합계획(’23~’27)에 반영된 414개(원문 620줄)에 들면 {YES}, "
        f"아니면 {NO}(비우면 {NO}). 예산 요구는 반영 과제만 냅니다(원문 622줄).",
        "소관 부처: 부처 약칭이나 정식 명칭(행안부, 행정안전부, 과기부). 모르면 비웁니다.",
        "관리 구분: 새 과제는 적극추진, 보완필요, 중장기 중 하나(비우면 적극추진). 이미 있는 "
        "과제의 구분은 파일로 바꾸지 않습니다. 구분 변경은 위원회가, 종결은 종결 절차"
        "(시·도·부처 협의 → 전문위 논의 → 반기별 이행점검 결과 보고, 원문 637줄)로만 합니다.",
        "수식은 계산하지 않고 적힌 글자 그대로 받습니다. 값만 적어 주세요.",
        "올리면 모든 행을 먼저 검사합니다. 한 행이라도 틀리면 아무것도 바꾸지 않고 틀린 곳을 "
        "시트·행·열마다 알려 드립니다. 같은 파일을 다시 올려도 바뀌는 것은 없습니다.",
        f"파일 크기는 {MAX_UPLOAD_BYTES // MEGABYTE} MB까지, 한 번에 {MAX_ROWS:,}행까지 "
        "올릴 수 있습니다.",
    ]


def _row_values(task: RegionalPolicyTask) -> list:
    return [
        task.province.short_name,
        task.code,
        task.title,
        task.origin_pledge,
        YES if task.announced_2022 else NO,
        YES if task.in_comprehensive_plan else NO,
        task.ministry.short_name if task.ministry else "",
        task.get_state_display(),
    ]


def template_csv() -> bytes:
    """The CSV template: the header row only, UTF-8 with a BOM so Excel reads the Korean."""
    output = io.StringIO()
    csv.writer(output).writerow(HEADERS.values())
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def workbook_build(tasks: Iterable[RegionalPolicyTask] = ()) -> bytes:
    """The Excel template: the register's sheet (with `tasks` filled in, none for the empty
    template) and the guide. Text that looks like a formula is written as text, so the file
    uploaded back changes nothing."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(HEADERS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, task in enumerate(tasks, start=2):
        for column, value in enumerate(_row_values(task), start=1):
            _write_text(sheet.cell(row=number, column=column), value)
    for letter, width in zip("ABCDEFGH", (10, 12, 50, 40, 22, 22, 14, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    last = MAX_ROWS + 1
    choices = {
        "A": [short for short, _full, _capital in PROVINCES],
        "E": [YES, NO],
        "F": [YES, NO],
        "H": list(TaskState.labels),
    }
    for letter, values in choices.items():
        validation = DataValidation(
            type="list", formula1='"' + ",".join(values) + '"', allow_blank=True
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    guide = book.create_sheet(GUIDE_SHEET)
    for line in guide_lines():
        guide.append([excel_safe(line)])
    guide.column_dimensions["A"].width = 110
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _write_text(cell, value) -> None:
    value = excel_storable(value)
    cell.value = None if value == "" else value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class RowError:
    """One reason the upload was refused: a cell, a row, or the file (row None)."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"시트 '{self.sheet}'")
        if self.row is not None:
            where.append(f"{self.row:,}행")
        if self.column:
            where.append(f"'{self.column}' 열")
        return f"{' '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    """What an upload did: rows created and updated (the rest unchanged), or nothing written
    and every error."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        """The errors as Korean lines, at most MAX_ERRORS_SHOWN and a count of the rest."""
        lines = [str(error) for error in self.errors[:MAX_ERRORS_SHOWN]]
        if len(self.errors) > MAX_ERRORS_SHOWN:
            lines.append(f"그 밖에 {len(self.errors) - MAX_ERRORS_SHOWN:,}건")
        return lines


def _cell(value) -> str:
    """A cell as the text written: a whole number without ".0", a date as 2025-01-31, a
    formula as its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_lines(content: bytes) -> tuple[str, Iterator[list]]:
    """The register's sheet (or the first) as (its name, its rows), formulas as written."""
    archive_check(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()
        title = sheet.title
    except Exception as error:  # noqa: BLE001 - openpyxl documents no exceptions (files.py)
        raise ImportFileError(UNREADABLE_XLSX) from error

    def lines():
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        try:
            number = 0
            while True:
                try:
                    cells = next(rows, None)
                except Exception as error:  # noqa: BLE001 - see _xlsx_lines
                    raise ImportFileError(
                        f"시트 '{title}'의 {number + 1:,}행 또는 그 아래 첫 행에 읽을 수 없는 "
                        "칸이 있습니다. 그 칸을 다시 입력해 저장하세요."
                    ) from error
                if cells is None:
                    return
                number += 1
                yield list(cells)
        finally:
            book.close()

    return title, lines()


def _read(file, filename: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """(sheet name, numbered rows of field → cell text); ImportFileError for the file."""
    name = filename.lower()
    if name.endswith(".csv"):
        sheet, lines = "", csv_lines(upload_content(file))
    elif name.endswith(".xlsx"):
        sheet, lines = _xlsx_lines(upload_content(file))
    else:
        raise ImportFileError("CSV(.csv) 또는 Excel(.xlsx) 파일만 가져올 수 있습니다.")
    try:
        header = next(lines, None)
        if header is None:
            raise ImportFileError("파일이 비어 있습니다.")
        positions: dict[str, int] = {}
        for index, cell in enumerate(header):
            key = HEADER_KEYS.get(_header_key(cell))
            if key and key not in positions:
                positions[key] = index
        missing = [HEADERS[key] for key in HEADERS if key not in positions]
        if missing:
            raise ImportFileError(
                f"첫 행(머리글)에 {', '.join(missing)} 열이 없습니다. 내려받은 서식의 머리글을 "
                "그대로 쓰세요."
            )
        rows = []
        for number, cells in enumerate(lines, start=2):
            if number > MAX_SHEET_ROWS:
                raise ImportFileError(
                    f"파일은 {MAX_SHEET_ROWS:,}행까지 읽습니다. 파일을 나누어 가져오세요."
                )
            values = {
                key: _cell(cells[index]) if index < len(cells) else ""
                for key, index in positions.items()
            }
            if not any(values.values()):
                continue
            rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다.")
        if not rows:
            raise ImportFileError("머리글 아래에 과제 행이 없습니다.")
        return sheet, rows
    finally:
        lines.close()


# ---------------------------------------------------------------- checking and writing


def _provinces_by_name() -> dict[str, Organization]:
    """Every name a province goes by (부산, 부산광역시, another printed name) → the province."""
    provinces = {p.pk: p for p in Organization.objects.filter(kind=OrganizationKind.PROVINCE)}
    names = {name_key(p.full_name): p for p in provinces.values() if p.full_name}
    for alias in OrganizationAlias.objects.filter(organization__in=provinces):
        names[name_key(alias.name)] = provinces[alias.organization_id]
    names.update({name_key(p.short_name): p for p in provinces.values()})
    return names


@dataclass
class _Reading:
    actor: User
    sheet: str
    errors: list[RowError] = field(default_factory=list)

    def error(self, row: int | None, key: str, message: str) -> None:
        column = HEADERS.get(key, "")
        self.errors.append(RowError(self.sheet, row, column, message))


def _checked_row(reading: _Reading, number: int, cells: dict[str, str], names) -> dict | None:
    """The row's values as the services take them, or None after naming each bad cell."""
    provinces, ministries = names
    values: dict = {}
    ok = True
    shown = cells["province"][:40]
    province = provinces.get(name_key(cells["province"])) if cells["province"] else None
    if not cells["province"]:
        reading.error(number, "province", "시·도를 적어 주세요.")
        ok = False
    elif province is None:
        reading.error(
            number, "province", f"시·도 '{shown}'를 찾을 수 없습니다(예: 부산, 부산광역시)."
        )
        ok = False
    elif not can_register_task(reading.actor, province):
        reading.error(
            number,
            "province",
            f"{province}의 과제는 가져올 수 없습니다. {province}의 작성 권한이 있는 담당자나 "
            "위원회 담당자만 가져옵니다.",
        )
        ok = False
    values["province"] = province
    for key in ("code", "title", "origin_pledge"):
        try:
            values[key] = task_field_clean(key, cells[key])
        except InvalidInput as error:
            reading.error(number, key, error.message)
            ok = False
    for key in FLAGS:
        flag = FLAG_VALUES.get(cells[key])
        if flag is None:
            reading.error(number, key, f"{YES} 또는 {NO}로 적어 주세요(비우면 {NO}).")
            ok = False
        values[key] = flag
    values["ministry"] = None
    if cells["ministry"]:
        values["ministry"] = ministries.get(name_key(cells["ministry"]))
        if values["ministry"] is None:
            reading.error(
                number,
                "ministry",
                f"소관 부처 '{cells['ministry'][:40]}'를 찾을 수 없습니다(예: 행안부, 행정안전부).",
            )
            ok = False
    values["state"] = None
    if cells["state"]:
        values["state"] = STATES.get(cells["state"])
        if values["state"] is None:
            reading.error(
                number, "state", f"관리 구분은 {', '.join(TaskState.labels[:3])} 중 하나입니다."
            )
            ok = False
    return values if ok else None


def _write(reading: _Reading, number: int, values: dict, existing, reason: str, result) -> None:
    """Register a new row, update a changed one, leave an unchanged one; errors by cell."""
    state = values.pop("state")
    if existing is None:
        try:
            state = initial_state_clean(state or TaskState.ACTIVE)
        except InvalidInput as error:
            reading.error(number, "state", error.message)
            return
        regional_task_register(actor=reading.actor, state=state, reason=reason, **values)
        result.created += 1
        return
    if state is not None and state != existing.state:
        reading.error(
            number,
            "state",
            f"관리 구분은 가져오기로 바꾸지 않습니다(지금 {existing.get_state_display()}, 파일 "
            f"{TaskState(state).label}). 구분 변경은 위원회가, 종결은 종결 절차로 합니다.",
        )
        return
    changed = {
        key: values[key]
        for key in TASK_FIELDS
        if key != "code" and values[key] != getattr(existing, key)
    }
    if not changed:
        result.unchanged += 1
        return
    regional_task_update(actor=reading.actor, task=existing, reason=reason, **changed)
    result.updated += 1


def regional_tasks_import(*, actor: User, file, filename: str) -> ImportResult:
    """Apply an uploaded template, all rows or none. NotAllowed when the actor may register
    tasks for no province; every other problem is an error of the result, and then nothing
    is written."""
    if not can_import_tasks(actor):
        raise NotAllowed(
            "지역정책과제는 시·도의 작성 권한이 있는 담당자나 위원회 담당자만 가져옵니다."
        )
    try:
        sheet, rows = _read(file, filename)
    except ImportFileError as error:
        return ImportResult(errors=[RowError("", None, "", str(error))])
    reading = _Reading(actor=actor, sheet=sheet)
    names = (_provinces_by_name(), ministries_by_name())
    checked, seen = [], {}
    for number, cells in rows:
        values = _checked_row(reading, number, cells, names)
        if values is None:
            continue
        key = (values["province"].pk, values["code"])
        if key in seen:
            reading.error(
                number, "code", f"과제 번호 '{values['code']}'가 {seen[key]:,}행과 겹칩니다."
            )
            continue
        seen[key] = number
        checked.append((number, values))
    existing = {
        (task.province_id, task.code): task
        for task in RegionalPolicyTask.objects.filter(
            province__in={values["province"] for _, values in checked}
        ).select_related("province", "ministry")
    }
    result = ImportResult()
    reason = f"가져오기: {filename}"[:100]
    with transaction.atomic():
        for number, values in checked:
            key = (values["province"].pk, values["code"])
            try:
                with transaction.atomic():
                    _write(reading, number, values, existing.get(key), reason, result)
            except CycleError as error:
                reading.errors.append(RowError(sheet, number, "", error.message))
        if reading.errors:
            transaction.set_rollback(True)
    if reading.errors:
        return ImportResult(errors=sorted(reading.errors, key=_error_order))
    return result


def _error_order(error: RowError) -> tuple:
    columns = list(HEADERS.values())
    return (
        error.row or 0,
        columns.index(error.column) if error.column in columns else len(columns),
    )
