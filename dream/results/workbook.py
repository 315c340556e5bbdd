"""The results workbook (ADR 0008, Excel): a body downloads its plan year's results as an .xlsx
file, fills it offline and uploads it back, all or nothing.

Three sheets hold what the body reports — 성과지표 실적, 재정 집행, 자체 설명 — each row named by a
hidden ID column; what the plan printed (baseline, target, direction, planned amount) stands
beside the fill columns, grey and locked. The upload reads every row first; only when no row is
wrong does it call the results services (the one write path: permission, state, number rules)
inside one transaction, and an error there rolls the whole workbook back. Empty fill cells
leave a stored result as it is: nothing is deleted from a workbook.

The upload is untrusted: it is bounded and its archive checked as the tracking import of
actuals (dream/tracking/files.py) before openpyxl opens it, in read-only mode. A formula typed
into a cell is kept as the text written, never evaluated; the download writes every text as
text, never as a formula.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection

from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.core.spreadsheets import excel_safe, excel_storable
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict
from dream.indicators.choices import IndicatorDirection
from dream.ingest.numbers import plain
from dream.plans.choices import BudgetSource, TaskKind
from dream.plans.models import EOK_UNIT, Plan, Strategy, Task
from dream.tracking.files import (
    MAX_CELL_CHARS,
    MAX_SHEET_ROWS,
    MAX_UPLOAD_BYTES,
    MEGABYTE,
    UNREADABLE_XLSX,
    ImportFileError,
    archive_check,
)

from .execution import (
    NO_PLAN,
    ExecutionRow,
    assessable,
    execution_rows,
    fiscal_execution_record,
    self_assessment_record,
)
from .models import IndicatorActual, SelfAssessment
from .permissions import can_record_results, responsible_body
from .selectors import reported_indicators
from .services import REASON_MAX_LENGTH, indicator_actual_record
from .submissions import result_submission_for

GUIDE_SHEET = "안내"
INDICATOR_SHEET = "성과지표 실적"
FISCAL_SHEET = "재정 집행"
ACCOUNT_SHEET = "자체 설명"

# sheet → (read-only columns, fill columns); column A of every sheet is the hidden ID.
ID_COLUMN = "ID"
SOURCE_CODE_COLUMN = "재원 코드"
COLUMNS = {
    INDICATOR_SHEET: (
        (ID_COLUMN, "지표명", "단위", "기준 연도", "기준 실적(원문)", "목표(원문)", "방향"),
        ("실적", "출처", "기준일", "비고"),
    ),
    FISCAL_SHEET: (
        (ID_COLUMN, SOURCE_CODE_COLUMN, "구분", "번호", "이름", "재원", f"계획({EOK_UNIT})"),
        (f"집행액({EOK_UNIT})", "출처", "기준일"),
    ),
    ACCOUNT_SHEET: (
        (ID_COLUMN, "구분", "번호", "이름"),
        (f"설명({SelfAssessment.MAX_LENGTH:,}자까지)",),
    ),
}
HIDDEN_COLUMNS = {INDICATOR_SHEET: 1, FISCAL_SHEET: 2, ACCOUNT_SHEET: 1}
SPENT_COLUMN = f"집행액({EOK_UNIT})"
ACCOUNT_COLUMN = COLUMNS[ACCOUNT_SHEET][1][0]
PLAN_ROW, STRATEGY_ROW = "시행계획 전체", "전략"
READ_ONLY_FILL = PatternFill("solid", fgColor="D9D9D9")
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ERRORS_SHOWN = 200
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DATE = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?")


# ---------------------------------------------------------------- what a body reports on


def _row_key(strategy: Strategy | None, task: Task | None, plan: Plan) -> str:
    """The hidden ID of a row: "task-3", "strategy-2", or "plan-1" for the plan as a whole."""
    if task is not None:
        return f"task-{task.pk}"
    if strategy is not None:
        return f"strategy-{strategy.pk}"
    return f"plan-{plan.pk}"


def _row_kind(strategy: Strategy | None, task: Task | None) -> str:
    if task is not None:
        return task.get_kind_display()
    return STRATEGY_ROW if strategy is not None else PLAN_ROW


@dataclass(frozen=True)
class AccountRow:
    """One line of the 자체 설명 sheet: a core task, or a super-region's pillar strategy."""

    key: str
    kind: str
    code: str
    name: str
    task: Task | None = None
    strategy: Strategy | None = None


def account_rows(plan: Plan, organization: Organization) -> list[AccountRow]:
    """The core tasks (and a super-region's pillar strategies) `organization` accounts for."""
    tasks, strategies = assessable(plan)
    rows = []
    if strategies and responsible_body(plan) == organization:
        rows += [
            AccountRow(_row_key(s, None, plan), STRATEGY_ROW, s.code, s.name, strategy=s)
            for s in strategies
        ]
    rows += [
        AccountRow(_row_key(None, t, plan), TaskKind.CORE.label, t.code, t.name, task=t)
        for t in tasks
        if responsible_body(plan, t) == organization
    ]
    return rows


# ---------------------------------------------------------------- download


def results_workbook_build(plan: Plan, organization: Organization, year: int) -> bytes:
    """The body's results of `year` on `plan` as an .xlsx file, stored results pre-filled."""
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    for line in _guide_lines(plan, organization, year):
        guide.append([excel_safe(line)])
    guide.column_dimensions["A"].width = 110
    _sheet(book, INDICATOR_SHEET, _indicator_values(plan, organization, year))
    _sheet(book, FISCAL_SHEET, _fiscal_values(plan, organization, year))
    _sheet(book, ACCOUNT_SHEET, _account_values(plan, organization, year))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _guide_lines(plan: Plan, organization: Organization, year: int) -> list[str]:
    return [
        f"{plan.title} — {organization} {year}년 추진실적 서식 (DREAM)",
        "",
        "시트: 성과지표 실적(지표마다 한 행), 재정 집행(시행계획 전체·전략·과제의 재원마다 한 행), "
        "자체 설명(핵심과제마다 한 행; 초광역권은 전략도).",
        "회색 칸은 계획이 인쇄한 값(기준 실적, 목표, 방향, 계획 금액)이며 고치지 않습니다. 숨긴 ID "
        "열로 항목을 찾으므로 행을 옮기거나 다른 기관의 파일에서 행을 가져오면 받지 않습니다.",
        "성과지표 실적: 실적은 계획의 단위로 적습니다(예: 93.5, 31.6%). 소수점은 점(.)으로 "
        "적습니다(31,6은 받지 않습니다). 수치가 아닌 실적(예: 기본계획 고시 완료)도 적을 수 "
        "있습니다. 출처(통계명·보고서)와 기준일은 꼭 적습니다. 비고는 적지 않아도 됩니다.",
        f"재정 집행: 집행액은 {EOK_UNIT} 단위로 적고, 출처(집행을 확인한 자료)와 기준일을 적습니다. "
        f"계획 금액이 없는 재원은 '{NO_PLAN}'으로 보입니다. 집행률은 DREAM이 계산합니다.",
        f"자체 설명: 그 해에 한 일을 {SelfAssessment.MAX_LENGTH:,}자까지 적습니다. 평가 등급이 "
        "아닙니다.",
        "기준일은 2024-12-31처럼 적습니다.",
        "빈 칸은 바꾸지 않습니다. 이미 입력한 실적을 지우는 일은 이 파일이 아니라 실적 화면에서 "
        "합니다. 이미 있는 값을 바꾸면 바꾼 까닭은 '엑셀 업로드: 파일 이름'으로 기록됩니다.",
        "수식은 계산하지 않고 적힌 글자 그대로 받습니다. 값만 적어 주세요.",
        "올리면 모든 행을 먼저 검사합니다. 한 행이라도 틀리면 아무것도 바꾸지 않고 틀린 곳을 "
        "시트·행마다 알려 드립니다.",
        f"파일 크기는 {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다.",
    ]


def _sheet(book: Workbook, title: str, rows: list[list]) -> None:
    read_only, fill = COLUMNS[title]
    sheet = book.create_sheet(title)
    sheet.append(list(read_only + fill))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            if column <= len(read_only):
                cell.value = None if value == "" else excel_safe(value)
                cell.fill = READ_ONLY_FILL
            else:
                _write_fill(cell, value)
                cell.protection = Protection(locked=False)
                cell.alignment = Alignment(wrap_text=isinstance(value, str) and len(value) > 60)
    for index in range(1, HIDDEN_COLUMNS[title] + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].hidden = True
    for index in range(HIDDEN_COLUMNS[title] + 1, len(read_only) + len(fill) + 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 40 if index == len(read_only) + 1 else 16
    # Locked (grey) cells cannot be typed over; no password, so a body can still unprotect.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.freeze_panes = sheet.cell(row=2, column=HIDDEN_COLUMNS[title] + 2)


def _write_fill(cell, value) -> None:
    """A stored value written back as data: text that looks like a formula stays text (kept
    as written, so uploading the file again changes nothing)."""
    value = excel_storable(value)
    cell.value = None if value == "" else value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _shown(text: str, value: Decimal | None) -> str:
    if text:
        return text
    return "" if value is None else str(plain(value))


def _indicator_values(plan: Plan, organization: Organization, year: int) -> list[list]:
    indicators = reported_indicators(plan, organization)
    actuals = {
        a.indicator_id: a
        for a in IndicatorActual.objects.filter(indicator__in=indicators, year=year)
    }
    rows = []
    for indicator in indicators:
        actual = actuals.get(indicator.pk)
        rows.append(
            [
                indicator.pk,
                indicator.name,
                indicator.unit,
                indicator.baseline_year or "",
                _shown(indicator.baseline_text, indicator.baseline_value),
                _shown(indicator.target_text, indicator.target_value),
                IndicatorDirection(indicator.direction).label
                if indicator.direction
                else "정하지 않음",
            ]
            + (
                [actual.value_text, actual.source, actual.observed_on, actual.note]
                if actual
                else ["", "", "", ""]
            )
        )
    return rows


def _fiscal_rows(plan: Plan, organization: Organization, year: int) -> dict[tuple, ExecutionRow]:
    """(hidden ID, source) → the row of planned beside spent the body reports on, as the
    results page lists them (execution.execution_rows)."""
    return {
        (_row_key(row.strategy, row.task, plan), row.source): row
        for row in execution_rows(plan, year, organization)
    }


def _fiscal_values(plan: Plan, organization: Organization, year: int) -> list[list]:
    rows = []
    for (key, source), row in _fiscal_rows(plan, organization, year).items():
        anchor = row.task or row.strategy
        execution = row.execution
        rows.append(
            [
                key,
                source,
                _row_kind(row.strategy, row.task),
                anchor.code if anchor else "",
                anchor.name if anchor else plan.title,
                BudgetSource(source).label,
                NO_PLAN if row.planned is None else plain(row.planned),
            ]
            + (
                [execution.spent_text, execution.document, execution.observed_on]
                if execution
                else ["", "", ""]
            )
        )
    return rows


def _assessments(plan: Plan, year: int) -> dict[str, SelfAssessment]:
    found = SelfAssessment.objects.filter(year=year).filter(
        task__plan=plan
    ) | SelfAssessment.objects.filter(year=year, strategy__plan=plan)
    return {f"task-{a.task_id}" if a.task_id else f"strategy-{a.strategy_id}": a for a in found}


def _account_values(plan: Plan, organization: Organization, year: int) -> list[list]:
    stored = _assessments(plan, year)
    rows = []
    for row in account_rows(plan, organization):
        account = stored.get(row.key)
        rows.append([row.key, row.kind, row.code, row.name, account.text if account else ""])
    return rows


# ---------------------------------------------------------------- upload


@dataclass(frozen=True)
class RowError:
    """One reason the upload was refused: a sheet row, or the file (sheet and row empty)."""

    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        if self.row is None:
            return f"시트 '{self.sheet}': {self.message}"
        return f"시트 '{self.sheet}' {self.row}행: {self.message}"


@dataclass
class ImportResult:
    """What an upload did: `ok` rows written, or nothing written and every error."""

    ok: int = 0
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


@dataclass
class _Reading:
    plan: Plan
    organization: Organization
    actor: User
    year: int
    reason: str
    errors: list[RowError] = field(default_factory=list)
    calls: list[tuple[str, int, Callable[[], object]]] = field(default_factory=list)

    def error(self, sheet: str, row: int | None, message: str) -> None:
        self.errors.append(RowError(sheet, row, message))

    def call(self, sheet: str, row: int, call: Callable[[], object]) -> None:
        self.calls.append((sheet, row, call))


def results_workbook_import(
    *, actor: User, plan: Plan, organization: Organization, year: int, file, filename: str
) -> ImportResult:
    """Apply an uploaded results workbook, all or nothing. Raises NotAllowed when the actor
    may not record the body's results, and the services' StateConflict (e.g. results already
    submitted); every other problem is an error of the returned ImportResult, and then
    nothing is written."""
    if plan.is_draft:
        raise StateConflict(
            "초안인 시행계획에는 실적을 입력할 수 없습니다. 의결된 시행계획에 입력하세요."
        )
    if not can_record_results(actor, result_submission_for(plan, organization)):
        raise NotAllowed(f"{organization}의 추진실적을 입력할 권한이 없습니다.")
    try:
        book = _opened(file, filename)
    except ImportFileError as error:
        return ImportResult(errors=[RowError("", None, str(error))])
    reason = f"엑셀 업로드: {filename}"[:REASON_MAX_LENGTH]
    reading = _Reading(plan, organization, actor, year, reason)
    try:
        _read_book(book, reading)
    finally:
        book.close()
    # The services run even when a row was already refused, so that every error is listed
    # at once; anything wrong rolls the whole workbook back.
    with transaction.atomic():
        for sheet, row, call in reading.calls:
            try:
                with transaction.atomic():
                    call()
            except InvalidInput as error:
                reading.error(sheet, row, error.message)
        if reading.errors:
            transaction.set_rollback(True)
            return ImportResult(errors=_in_order(reading.errors))
    return ImportResult(ok=len(reading.calls))


def _in_order(errors: list[RowError]) -> list[RowError]:
    """The file's errors first, then sheet by sheet, row by row."""
    sheets = ["", *COLUMNS]
    return sorted(errors, key=lambda e: (sheets.index(e.sheet), e.row or 0))


def _opened(file, filename: str):
    """The workbook in read-only mode, after the size and archive checks."""
    if not filename.lower().endswith(".xlsx"):
        raise ImportFileError("Excel(.xlsx) 파일만 올릴 수 있습니다. 내려받은 서식을 쓰세요.")
    too_large = ImportFileError(
        f"파일이 너무 큽니다. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다."
    )
    if (getattr(file, "size", None) or 0) > MAX_UPLOAD_BYTES:
        raise too_large
    content = file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise too_large
    archive_check(content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl documents no exceptions (files.py)
        raise ImportFileError(UNREADABLE_XLSX) from error


def _read_book(book, reading: _Reading) -> None:
    missing = [name for name in COLUMNS if name not in book.sheetnames]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        reading.error(
            "", None,
            f"시트 {names}{particle(names, '이')} 없습니다. 내려받은 서식의 시트 이름을 그대로 두세요.",
        )  # fmt: skip
        return
    readers = {
        INDICATOR_SHEET: _read_indicators,
        FISCAL_SHEET: _read_executions,
        ACCOUNT_SHEET: _read_accounts,
    }
    for name, reader in readers.items():
        rows = _rows(book[name], name, reading)
        if rows is not None:
            reader(rows, reading)


def _rows(sheet, name: str, reading: _Reading) -> list[tuple[int, dict[str, object]]] | None:
    """(row number, header → value) for each row with an ID or a fill cell; None when the
    sheet cannot be read (a column is missing, too many rows, an unreadable cell)."""
    read_only, fill = COLUMNS[name]
    titles = read_only + fill
    width = len(titles) + 5
    try:
        sheet.reset_dimensions()
        lines = sheet.iter_rows(max_col=width, values_only=True)
        header = [_value(cell) for cell in next(lines, ())]
        positions = {title: header.index(title) for title in titles if title in header}
        missing = [title for title in (ID_COLUMN, *fill) if title not in positions]
        if name == FISCAL_SHEET and SOURCE_CODE_COLUMN not in positions:
            missing.insert(1, SOURCE_CODE_COLUMN)
        if missing:
            names = ", ".join(f"'{title}'" for title in missing)
            reading.error(name, 1, f"머리글에 {names} 열이 없습니다.")
            return None
        rows = []
        for number, cells in enumerate(lines, start=2):
            if number > MAX_SHEET_ROWS:
                reading.error(name, None, f"행이 너무 많습니다({MAX_SHEET_ROWS:,}행까지 읽습니다).")
                return None
            values = {
                title: _value(cells[index]) if index < len(cells) else ""
                for title, index in positions.items()
            }
            if values[ID_COLUMN] == "" and all(values[title] == "" for title in fill):
                continue
            too_long = [t for t, v in values.items() if len(str(v)) > MAX_CELL_CHARS]
            if too_long:
                reading.error(
                    name, number, f"'{too_long[0]}' 칸이 {MAX_CELL_CHARS:,}자를 넘습니다."
                )
                continue
            rows.append((number, values))
        return rows
    except Exception:  # noqa: BLE001 - a hostile sheet makes openpyxl raise anything (files.py)
        reading.error(name, None, "시트를 읽을 수 없습니다(숫자 칸에 글자, 잘못된 날짜 등).")
        return None


def _value(value) -> object:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _text(value) -> str:
    """A cell as text: a number as written (93.5, 1660), never 1660.0; a date as 2024-12-31."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return str(plain(Decimal(str(value))))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _date(value) -> datetime.date | None:
    """A date cell or a text like 2024-12-31, 2024.12.31; None when it is not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _identifier(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def _rows_by_key(reading: _Reading, sheet: str, rows, known: dict, what: str, key):
    """(number, values, item) for each row whose key names an item the body reports on;
    an error for every other row (unreadable, not the body's, repeated)."""
    seen: set = set()
    for number, values in rows:
        raw = values[ID_COLUMN]
        wanted = key(values)
        if wanted is None or wanted not in known:
            shown = str(raw)[:40] or "(빈 칸)"
            reading.error(
                sheet, number,
                f"ID {shown}{particle(shown, '은')} {reading.organization}{particle(str(reading.organization), '이')} "
                f"실적을 내는 이 시행계획의 {what}{particle(what, '이')} 아닙니다. 행을 옮기지 말고 "
                "내려받은 서식에 적어 주세요.",
            )  # fmt: skip
        elif wanted in seen:
            reading.error(sheet, number, f"ID {raw}의 행이 두 번 있습니다.")
        else:
            seen.add(wanted)
            yield number, values, known[wanted]


def _observed_on(reading: _Reading, sheet: str, number: int, raw) -> datetime.date | None:
    if raw == "":
        reading.error(sheet, number, "기준일을 적어 주세요(예: 2024-12-31).")
        return None
    observed_on = _date(raw)
    if observed_on is None:
        shown = _text(raw)[:40]
        reading.error(
            sheet, number,
            f"기준일 '{shown}'{particle(shown, '을')} 날짜로 읽을 수 없습니다. 2024-12-31처럼 적어 주세요.",
        )  # fmt: skip
    return observed_on


def _read_indicators(rows, reading: _Reading) -> None:
    sheet = INDICATOR_SHEET
    known = {i.pk: i for i in reported_indicators(reading.plan, reading.organization)}
    stored = {
        a.indicator_id: a
        for a in IndicatorActual.objects.filter(indicator__in=known.values(), year=reading.year)
    }
    items = _rows_by_key(
        reading, sheet, rows, known, "성과지표", lambda values: _identifier(values[ID_COLUMN])
    )
    for number, values, indicator in items:
        value_text, source, note = (
            _text(values["실적"]),
            _text(values["출처"]),
            _text(values["비고"]),
        )
        if not (value_text or source or note or values["기준일"] != ""):
            continue
        if not value_text:
            reading.error(sheet, number, "실적을 적어 주세요(출처·기준일·비고만 적혀 있습니다).")
            continue
        if not source:
            reading.error(sheet, number, "출처(통계명·보고서)를 적어 주세요.")
            continue
        observed_on = _observed_on(reading, sheet, number, values["기준일"])
        if observed_on is None:
            continue
        actual = stored.get(indicator.pk)
        if actual and (actual.value_text, actual.source, actual.observed_on, actual.note) == (
            value_text, source, observed_on, note,
        ):  # fmt: skip
            continue
        reading.call(
            sheet, number,
            lambda i=indicator, v=value_text, s=source, o=observed_on, n=note: (
                indicator_actual_record(
                    actor=reading.actor, indicator=i, year=reading.year, value_text=v, source=s,
                    observed_on=o, note=n, reason=reading.reason,
                )
            ),
        )  # fmt: skip


def _read_executions(rows, reading: _Reading) -> None:
    sheet = FISCAL_SHEET
    known = _fiscal_rows(reading.plan, reading.organization, reading.year)
    items = _rows_by_key(
        reading, sheet, rows, known, "재정 집행 항목",
        lambda values: (_text(values[ID_COLUMN]), _text(values[SOURCE_CODE_COLUMN])),
    )  # fmt: skip
    for number, values, row in items:
        spent, document = _text(values[SPENT_COLUMN]), _text(values["출처"])
        if not (spent or document or values["기준일"] != ""):
            continue
        if not spent:
            reading.error(sheet, number, f"집행액({EOK_UNIT})을 적어 주세요.")
            continue
        if not document:
            reading.error(sheet, number, "출처(집행을 확인한 자료)를 적어 주세요.")
            continue
        observed_on = _observed_on(reading, sheet, number, values["기준일"])
        if observed_on is None:
            continue
        execution = row.execution
        if execution and (execution.spent_text, execution.document, execution.observed_on) == (
            spent, document, observed_on,
        ):  # fmt: skip
            continue
        reading.call(
            sheet, number,
            lambda r=row, spent=spent, d=document, o=observed_on: fiscal_execution_record(
                actor=reading.actor, plan=reading.plan, year=reading.year, source=r.source,
                spent_text=spent, document=d, observed_on=o, strategy=r.strategy, task=r.task,
                reason=reading.reason,
            ),
        )  # fmt: skip


def _read_accounts(rows, reading: _Reading) -> None:
    sheet = ACCOUNT_SHEET
    known = {row.key: row for row in account_rows(reading.plan, reading.organization)}
    stored = _assessments(reading.plan, reading.year)
    items = _rows_by_key(
        reading, sheet, rows, known, "핵심과제·전략", lambda values: _text(values[ID_COLUMN])
    )
    for number, values, row in items:
        raw = values[ACCOUNT_COLUMN]
        text = raw.strip() if isinstance(raw, str) else _text(raw)
        if not text:
            continue
        if len(text) > SelfAssessment.MAX_LENGTH:
            reading.error(
                sheet, number,
                f"설명이 {len(text):,}자입니다. {SelfAssessment.MAX_LENGTH:,}자까지 적을 수 있습니다.",
            )  # fmt: skip
            continue
        account = stored.get(row.key)
        if account and account.text == text:
            continue
        reading.call(
            sheet, number,
            lambda r=row, text=text: self_assessment_record(
                actor=reading.actor, year=reading.year, text=text, task=r.task,
                strategy=r.strategy, reason=reading.reason,
            ),
        )  # fmt: skip
