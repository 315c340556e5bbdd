"""The agency's yearly performance workbook: download the template (stored reports filled in),
fill it offline, upload it back — all rows or none, errors by sheet and row.

Built like the results workbook (dream/results/workbook.py) and on its helpers: the upload
is bounded and its archive checked before openpyxl opens it read-only; a formula typed into
a cell is kept as the text written ("=HYPERLINK(…)"), never evaluated, and written back as
text. Each programme goes through `performance_report_save`, the one write path, inside one
transaction that any refused row rolls back.
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.spreadsheets import excel_safe
from dream.cycle.errors import CycleError, NotAllowed
from dream.ingest.numbers import plain
from dream.plans.models import EOK_UNIT
from dream.results.workbook import (
    ImportResult,
    RowError,
    _opened,
    _text,
    _value,
    _write_fill,
)
from dream.tracking.files import MAX_CELL_CHARS, MAX_SHEET_ROWS, ImportFileError

from .models import DigitalAgency
from .permissions import can_report_for
from .services import REASON_MAX_LENGTH, OutcomeInput, performance_report_save

GUIDE_SHEET = "안내"
PROGRAMME_SHEET = "사업"
OUTCOME_SHEET = "성과지표"
MINISTRY, PROGRAMME = "부처", "사업명"
BUDGET, SPENT, OUTPUTS = f"예산({EOK_UNIT})", f"집행액({EOK_UNIT})", "산출물"
COLUMNS = {
    PROGRAMME_SHEET: (MINISTRY, PROGRAMME, BUDGET, SPENT, OUTPUTS),
    OUTCOME_SHEET: (MINISTRY, PROGRAMME, "지표명", "단위", "목표", "실적"),
}


def template_filename(agency: DigitalAgency, year: int) -> str:
    return f"{agency}-{year}-통합성과.xlsx"


# ---------------------------------------------------------------- download


def performance_workbook_build(agency: DigitalAgency, year: int) -> bytes:
    """The agency's reports of `year` as an .xlsx file; empty sheets when it has none."""
    reports = list(
        agency.reports.filter(year=year)
        .select_related("ministry")
        .prefetch_related("outcomes")
        .order_by("ministry__position", "programme")
    )
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    for line in _guide_lines(agency, year):
        guide.append([excel_safe(line)])
    guide.column_dimensions["A"].width = 110
    programmes = [
        [r.ministry.short_name, r.programme, r.budget_text or plain(r.budget_eok),
         r.spent_text, r.outputs]
        for r in reports
    ]  # fmt: skip
    outcomes = [
        [r.ministry.short_name, r.programme, o.name, o.unit, o.target_text, o.actual_text]
        for r in reports
        for o in r.outcomes.all()
    ]
    _sheet(book, PROGRAMME_SHEET, programmes)
    _sheet(book, OUTCOME_SHEET, outcomes)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _guide_lines(agency: DigitalAgency, year: int) -> list[str]:
    return [
        f"{agency} {year}년 범부처 디지털 사업 통합 성과 보고 서식 (DREAM)",
        "",
        f"시트 '{PROGRAMME_SHEET}': 사업마다 한 행. 부처는 약칭(예: 과기정통부), 예산·집행액은 "
        f"{EOK_UNIT} 단위로 적습니다(예: 93.5). 소수점은 점(.)으로 적습니다(31,6은 받지 않습니다).",
        f"시트 '{OUTCOME_SHEET}': 성과지표마다 한 행. 부처·사업명은 '{PROGRAMME_SHEET}' 시트의 "
        "행과 같게 적습니다. 목표·실적은 숫자(1,200) 또는 글(완료)로 적습니다. 달성률은 DREAM이 "
        "계산합니다.",
        "파일에 있는 사업의 성과지표는 파일의 내용으로 바뀝니다. 파일에 없는 사업은 그대로 둡니다.",
        "제출한 보고는 고칠 수 없습니다(지방시대위원회 담당자만 고칩니다).",
        "수식은 계산하지 않고 적힌 글자 그대로 받습니다. 값만 적어 주세요.",
        "올리면 모든 행을 먼저 검사합니다. 한 행이라도 틀리면 아무것도 바꾸지 않고 틀린 곳을 "
        "시트·행마다 알려 드립니다.",
    ]


def _sheet(book: Workbook, title: str, rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(COLUMNS[title]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _write_fill(sheet.cell(row=number, column=column), value)
    for index in range(1, len(COLUMNS[title]) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 20


# ---------------------------------------------------------------- upload


def performance_workbook_import(
    *, actor: User, agency: DigitalAgency, year: int, file, filename: str
) -> ImportResult:
    """Apply an uploaded workbook, all or nothing. NotAllowed when the actor may not report
    for the agency; every other problem is an error of the result, and then nothing is
    written."""
    if not can_report_for(actor, agency):
        raise NotAllowed(f"{agency}의 성과를 보고할 권한이 없습니다.")
    try:
        book = _opened(file, filename)
    except ImportFileError as error:
        return ImportResult(errors=[RowError("", None, str(error))])
    errors: list[RowError] = []
    try:
        missing = [name for name in COLUMNS if name not in book.sheetnames]
        if missing:
            names = ", ".join(f"'{name}'" for name in missing)
            return ImportResult(
                errors=[
                    RowError(
                        "", None, f"시트 {names}이(가) 없습니다. 서식의 시트 이름을 그대로 두세요."
                    )
                ]
            )
        programmes = _rows(book[PROGRAMME_SHEET], PROGRAMME_SHEET, errors)
        outcomes = _rows(book[OUTCOME_SHEET], OUTCOME_SHEET, errors)
    finally:
        book.close()
    calls = _calls(programmes or [], outcomes or [], errors)
    reason = f"엑셀 업로드: {filename}"[:REASON_MAX_LENGTH]
    with transaction.atomic():
        for number, fields in calls:
            try:
                with transaction.atomic():
                    performance_report_save(
                        actor=actor, agency=agency, year=year, reason=reason, **fields
                    )
            except CycleError as error:
                errors.append(RowError(PROGRAMME_SHEET, number, error.message))
        if errors:
            transaction.set_rollback(True)
    if errors:
        sheets = ["", *COLUMNS]
        return ImportResult(
            errors=sorted(errors, key=lambda e: (sheets.index(e.sheet), e.row or 0))
        )
    return ImportResult(ok=len(calls))


def _rows(sheet, name: str, errors: list[RowError]) -> list[tuple[int, dict]] | None:
    """(row number, header → value) of every non-empty row; None when the sheet cannot be
    read (a column missing, too many rows, an unreadable cell)."""
    titles = COLUMNS[name]
    try:
        sheet.reset_dimensions()
        lines = sheet.iter_rows(max_col=len(titles) + 5, values_only=True)
        header = [_value(cell) for cell in next(lines, ())]
        missing = [title for title in titles if title not in header]
        if missing:
            names = ", ".join(f"'{title}'" for title in missing)
            errors.append(RowError(name, 1, f"머리글에 {names} 열이 없습니다."))
            return None
        positions = {title: header.index(title) for title in titles}
        rows = []
        for number, cells in enumerate(lines, start=2):
            if number > MAX_SHEET_ROWS:
                errors.append(
                    RowError(name, None, f"행이 너무 많습니다({MAX_SHEET_ROWS:,}행까지).")
                )
                return None
            values = {
                title: _value(cells[index]) if index < len(cells) else ""
                for title, index in positions.items()
            }
            if all(value == "" for value in values.values()):
                continue
            if any(len(str(value)) > MAX_CELL_CHARS for value in values.values()):
                errors.append(RowError(name, number, f"{MAX_CELL_CHARS:,}자를 넘는 칸이 있습니다."))
                continue
            rows.append((number, values))
        return rows
    except Exception:  # noqa: BLE001 - a hostile sheet makes openpyxl raise anything (files.py)
        errors.append(RowError(name, None, "시트를 읽을 수 없습니다."))
        return None


def _ministries() -> dict[str, Organization]:
    """Ministries by short name and by their other printed names (과기부)."""
    found = {}
    for ministry in Organization.objects.filter(kind=OrganizationKind.MINISTRY).prefetch_related(
        "aliases"
    ):
        found[ministry.short_name] = ministry
        found.update({alias.name: ministry for alias in ministry.aliases.all()})
    return found


def _calls(programmes, outcomes, errors: list[RowError]) -> list[tuple[int, dict]]:
    """The arguments of one `performance_report_save` per programme row; errors for rows
    whose ministry is unknown, repeated programmes and outcomes of no programme."""
    ministries = _ministries()
    by_key: dict[tuple, list[OutcomeInput]] = defaultdict(list)
    keys = {(_text(values[MINISTRY]), _text(values[PROGRAMME])) for _, values in programmes}
    for number, values in outcomes:
        key = (_text(values[MINISTRY]), _text(values[PROGRAMME]))
        if key not in keys:
            errors.append(
                RowError(
                    OUTCOME_SHEET,
                    number,
                    f"'{PROGRAMME_SHEET}' 시트에 이 부처·사업명의 행이 없습니다.",
                )
            )
            continue
        by_key[key].append(
            OutcomeInput(
                name=_text(values["지표명"]),
                unit=_text(values["단위"]),
                target=_text(values["목표"]),
                actual=_text(values["실적"]),
            )  # fmt: skip
        )
    calls, seen = [], set()
    for number, values in programmes:
        key = (_text(values[MINISTRY]), _text(values[PROGRAMME]))
        ministry = ministries.get(key[0])
        if ministry is None:
            shown = key[0][:40] or "(빈 칸)"
            errors.append(RowError(PROGRAMME_SHEET, number, f"부처 '{shown}'를 알 수 없습니다."))
            continue
        if key in seen:
            errors.append(
                RowError(PROGRAMME_SHEET, number, "같은 부처·사업명의 행이 두 번 있습니다.")
            )
            continue
        seen.add(key)
        calls.append(
            (
                number,
                {
                    "ministry": ministry,
                    "programme": key[1],
                    "budget": _text(values[BUDGET]),
                    "spent": _text(values[SPENT]),
                    "outputs": _cell_text(values[OUTPUTS]),
                    "outcomes": by_key.get(key, []),
                },
            )
        )
    return calls


def _cell_text(value) -> str:
    """A free-text cell as written, line breaks kept."""
    return value if isinstance(value, str) else _text(value)
