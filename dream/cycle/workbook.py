"""The Excel template of a draft (issue 9, Drafting): downloaded pre-filled, edited offline,
uploaded back all or nothing.

Every row carries the id of its item; the upload matches rows by that id, validates every
row first and reports each error as "시트 '재정투입' 7행: …", and only when nothing is wrong
applies the changes through the drafting services in one transaction, so that the history
names the uploader and the services' rules (permission, state, amounts) hold as in forms.
A row with an empty ID on the strategy, task or indicator sheet adds an item (strategy_add,
task_add, indicator_add); a new task names its place by the ID of its parent task or, for
a core task, of its strategy.

The upload is untrusted: it goes through the same size and archive checks as the tracking
import of actuals (dream/tracking/files.py) before openpyxl opens it, and a cell holding a
formula is refused. The download writes every text as text, never as a formula, even when
it begins with = + - @.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from dream.accounts.models import User
from dream.core.korean import particle
from dream.core.spreadsheets import excel_storable
from dream.indicators.choices import IndicatorDirection
from dream.indicators.models import Indicator
from dream.ingest.numbers import plain
from dream.plans.choices import NATIONAL_SPLIT, BudgetSource, StrategyKind, TaskKind
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

from . import drafting
from .errors import InvalidInput, StateConflict
from .models import Submission

GUIDE_SHEET = "안내"
GOAL_SHEET = "목표·전략"
TASK_SHEET = "과제"
BUDGET_SHEET = "재정투입"
INDICATOR_SHEET = "성과지표"

GOAL_ROW = "목표"
WHOLE_PLAN_ROW = "시행계획 전체"
STRATEGY_ROW = "전략"
BUDGET_SOURCES = (
    BudgetSource.TOTAL,
    BudgetSource.NATIONAL,
    *NATIONAL_SPLIT,
    BudgetSource.LOCAL,
    BudgetSource.PRIVATE,
)
# sheet → its columns; the upload finds them by these headers in row 1.
COLUMNS = {
    GOAL_SHEET: ("구분", "ID", "번호", "내용"),
    TASK_SHEET: (
        "ID",
        "상위 ID",
        "단계",
        "종류",
        "번호",
        "과제명",
        "내용",
        "국비(억원)",
        "전략 ID",
    ),
    BUDGET_SHEET: (
        "구분",
        "ID",
        "번호",
        "전략",
        *(f"{BudgetSource(source).label}({EOK_UNIT})" for source in BUDGET_SOURCES),
    ),
    INDICATOR_SHEET: ("ID", "지표명", "단위", "기준 연도", "기준값", "목표 연도", "목표값", "방향"),
}
AMOUNT_COLUMNS = dict(zip(COLUMNS[BUDGET_SHEET][4:], BUDGET_SOURCES, strict=True))
DIRECTIONS = {label: value for value, label in IndicatorDirection.choices}
TASK_KINDS = {label: value for value, label in TaskKind.choices}
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ERRORS_SHOWN = 200
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- download


def workbook_build(plan: Plan) -> bytes:
    """The draft as an .xlsx file: a guide, then one sheet per kind of item."""
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    for line in _guide_lines(plan):
        guide.append([excel_storable(line)])
    guide.column_dimensions["A"].width = 110
    _sheet(book, GOAL_SHEET, _goal_rows(plan))
    _sheet(book, TASK_SHEET, _task_rows(plan))
    _sheet(book, BUDGET_SHEET, _budget_rows(plan))
    _sheet(book, INDICATOR_SHEET, _indicator_rows(plan))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _guide_lines(plan: Plan) -> list[str]:
    return [
        f"{plan.title} — DREAM 초안 서식",
        "",
        "고칠 수 있는 칸: 목표·전략 시트의 내용, 과제 시트의 과제명과 내용(실천과제와 사업은 "
        "국비도), 재정투입 시트의 금액, "
        "성과지표 시트의 지표명·단위·기준값·목표값·방향.",
        "고치지 않는 칸: 구분·ID·번호·상위 ID·단계·종류·전략 ID·연도 열과 시트 이름. 올릴 때 ID로 "
        "항목을 찾으므로 ID를 바꾸거나 다른 기관의 파일에서 행을 옮겨 오면 받지 않습니다.",
        "항목 더하기: 목표·전략, 과제, 성과지표 시트에 ID 칸을 비운 행을 넣으면 새 항목이 됩니다"
        "(번호·단계·연도는 DREAM이 매깁니다). 새 전략은 구분에 '전략'과 내용(전략명)을, 새 성과지표는 "
        "지표명과 값들을 적습니다. 새 과제는 과제명과 종류(" + ", ".join(TaskKind.labels) + ")를 "
        "적고, 상위 과제의 ID를 상위 ID에 적습니다. 핵심과제는 상위 ID를 비우고 전략의 ID(목표·전략 "
        "시트)를 전략 ID에 적습니다. 새로 더하는 항목 아래에 다시 더하려면 먼저 올린 뒤 서식을 다시 "
        "내려받으세요.",
        "항목을 지우는 일은 이 파일이 아니라 초안 편집 화면에서 합니다. 행을 지우면 그 항목은 "
        "바뀌지 않습니다.",
        f"금액 단위는 {EOK_UNIT}입니다. 0{EOK_UNIT} 이상, 소수점 아래 2자리까지 적습니다. 빈 칸은 "
        "바꾸지 않습니다(금액을 없애려면 0을 적습니다).",
        "합계 = 국비 + 지방비 + 민자. 국비(일반회계)·국비(지특회계)·국비(기타)는 국비를 회계별로 "
        "나눈 것으로, 적는 경우 그 합이 국비와 같아야 합니다.",
        "성과지표의 방향: "
        + " / ".join(IndicatorDirection.labels)
        + " 가운데 하나를 적거나, 정하지 않았으면 비워 둡니다.",
        "수식은 받지 않습니다. 값만 적어 주세요.",
        "올리면 모든 행을 먼저 검사합니다. 한 행이라도 틀리면 아무것도 바꾸지 않고 틀린 곳을 "
        "시트·행마다 알려 드립니다.",
        f"파일 크기는 {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다.",
    ]


def _sheet(book: Workbook, title: str, rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    headers = COLUMNS[title]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _write(sheet.cell(row=number, column=column), value)
    sheet.freeze_panes = "A2"


def _write(cell, value) -> None:
    """A value as data: a text that a spreadsheet would take for a formula stays text, and
    a control character an Excel file cannot hold (older imported text may have one) is
    shown as "\ufffd" rather than failing the download."""
    value = excel_storable(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _goal_rows(plan: Plan) -> list[list]:
    rows = [[GOAL_ROW, plan.pk, "", plan.goal]]
    for strategy in plan.strategies.order_by("kind", "position"):
        rows.append([STRATEGY_ROW, strategy.pk, strategy.code, strategy.name])
    return rows


def _task_tree(plan: Plan) -> list[tuple[int, Task]]:
    """The tasks depth first, each with its depth (1 = top)."""
    tasks = list(plan.tasks.order_by("position", "pk"))
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    strategy_order = {
        s.pk: index for index, s in enumerate(plan.strategies.order_by("kind", "position"))
    }
    tops = sorted(
        children.get(None, []), key=lambda t: (strategy_order.get(t.strategy_id, -1), t.position)
    )
    ordered: list[tuple[int, Task]] = []
    stack = [(1, task) for task in reversed(tops)]
    while stack:
        depth, task = stack.pop()
        ordered.append((depth, task))
        stack.extend((depth + 1, child) for child in reversed(children.get(task.pk, [])))
    return ordered


def _task_rows(plan: Plan) -> list[list]:
    return [
        [task.pk, task.parent_id or "", depth, task.get_kind_display(), task.code]
        + [task.name, task.description, plain(task.national_budget_eok), task.strategy_id or ""]
        for depth, task in _task_tree(plan)
    ]


def _budget_rows(plan: Plan) -> list[list]:
    cells: dict[tuple[int | None, str], Decimal] = {
        (b.strategy_id, b.source): b.amount_eok for b in plan.budgets.filter(year=plan.year)
    }

    def amounts(strategy_id):
        return [plain(cells.get((strategy_id, source))) for source in BUDGET_SOURCES]

    rows = [[WHOLE_PLAN_ROW, plan.pk, "", "", *amounts(None)]]
    for strategy in _pillars(plan):
        rows.append(
            [STRATEGY_ROW, strategy.pk, strategy.code, strategy.name, *amounts(strategy.pk)]
        )
    return rows


def _indicator_rows(plan: Plan) -> list[list]:
    return [
        [
            indicator.pk,
            indicator.name,
            indicator.unit,
            indicator.baseline_year,
            _shown(indicator.baseline_text, indicator.baseline_value),
            indicator.target_year,
            _shown(indicator.target_text, indicator.target_value),
            IndicatorDirection(indicator.direction).label if indicator.direction else "",
        ]
        for indicator in plan.indicators.order_by("position", "pk")
    ]


def _shown(text: str, value: Decimal | None) -> str:
    """An indicator value as the editor wrote it, or its number when only that is known."""
    if text:
        return text
    return "" if value is None else str(plain(value))


def _pillars(plan: Plan):
    return plan.strategies.filter(kind=StrategyKind.PILLAR).order_by("position")


# ---------------------------------------------------------------- upload


class WorkbookRefused(Exception):
    """The upload changes nothing; `errors` are Korean, one per sheet row or for the file."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class _Reading:
    """What validating the workbook found: errors, and the service calls to make."""

    plan: Plan
    actor: User
    errors: list[str] = field(default_factory=list)
    changes: list[tuple[str, tuple[str, int], Callable[[], object]]] = field(default_factory=list)

    def error(self, sheet: str, row: int, message: str) -> None:
        self.errors.append(f"시트 '{sheet}' {row}행: {message}")

    def change(self, where: str, item: tuple[str, int], call: Callable[[], object]) -> None:
        self.changes.append((where, item, call))


def workbook_apply(*, actor: User, submission: Submission, content: bytes) -> int:
    """Apply an uploaded template to the submission's draft, all or nothing; returns how
    many items changed. Raises the services' NotAllowed / StateConflict first (same rules
    as the forms), then WorkbookRefused with every error when anything is wrong."""
    with transaction.atomic():
        plan = submission.working_plan
        if plan is None:
            raise StateConflict("아직 초안이 없습니다. 먼저 전년 계획에서 초안을 만드세요.")
        drafting.check_editable(actor, plan)
        book = _opened(content)
        reading = _Reading(plan=plan, actor=actor)
        _read_book(book, reading)
        if reading.errors:
            raise WorkbookRefused(_capped(reading.errors))
        changed = {item for _where, item, _call in reading.changes}
        for where, _item, call in reading.changes:
            try:
                call()
            except InvalidInput as error:
                reading.errors.append(f"{where}: {error.message}")
        if reading.errors:  # raised inside the transaction: every change is rolled back
            raise WorkbookRefused(_capped(reading.errors))
    return len(changed)


def _capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_SHOWN:
        return errors
    return [*errors[:MAX_ERRORS_SHOWN], f"그 밖에 {len(errors) - MAX_ERRORS_SHOWN:,}건"]


def _opened(content: bytes):
    """The workbook, after the size and archive checks of the tracking import."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookRefused(
            [f"파일이 너무 큽니다. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다."]
        )
    try:
        archive_check(content)
    except ImportFileError as error:
        raise WorkbookRefused([str(error)]) from error
    try:
        return load_workbook(io.BytesIO(content), data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl documents no exceptions (files.py)
        raise WorkbookRefused([UNREADABLE_XLSX]) from error


def _read_book(book, reading: _Reading) -> None:
    missing = [name for name in COLUMNS if name not in book.sheetnames]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        reading.errors.append(
            f"시트 {names}{particle(names, '이')} 없습니다. 내려받은 서식의 시트 이름을 그대로 "
            "두세요."
        )
        return
    for name in book.sheetnames:
        _formulas(book[name], reading)
    if reading.errors:
        return
    readers = {
        GOAL_SHEET: _read_goal_sheet,
        TASK_SHEET: _read_task_sheet,
        BUDGET_SHEET: _read_budget_sheet,
        INDICATOR_SHEET: _read_indicator_sheet,
    }
    for name, reader in readers.items():
        rows = _rows(book[name], name, reading)
        if rows is not None:
            reader(rows, reading)


def _formulas(sheet, reading: _Reading) -> None:
    if sheet.max_row > MAX_SHEET_ROWS:
        reading.errors.append(
            f"시트 '{sheet.title}'에 행이 너무 많습니다({sheet.max_row:,}행, "
            f"{MAX_SHEET_ROWS:,}행까지)."
        )
        return
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                reading.error(
                    sheet.title,
                    cell.row,
                    f"{cell.column_letter}열에 수식이 있습니다. 수식은 받지 않으니 값만 적어 주세요.",
                )


def _rows(sheet, name: str, reading: _Reading) -> list[tuple[int, dict[str, object]]] | None:
    """(row number, header → value) for each non-blank row under the header; None when a
    column is missing."""
    header = [_value(cell) for cell in next(sheet.iter_rows(max_row=1), ())]
    positions = {title: header.index(title) for title in COLUMNS[name] if title in header}
    missing = [title for title in COLUMNS[name] if title not in positions]
    if missing:
        names = ", ".join(f"'{title}'" for title in missing)
        reading.error(name, 1, f"머리글에 {names} 열이 없습니다.")
        return None
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        values = {
            title: _value(cells[index]) if index < len(cells) else ""
            for title, index in positions.items()
        }
        if not any(value != "" for value in values.values()):
            continue
        too_long = [title for title, value in values.items() if len(str(value)) > MAX_CELL_CHARS]
        if too_long:
            reading.error(name, number, f"'{too_long[0]}' 칸이 {MAX_CELL_CHARS:,}자를 넘습니다.")
            continue
        rows.append((number, values))
    return rows


def _value(cell) -> object:
    value = cell.value
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _text(value) -> str:
    """A cell as text: a number as written (1660, 93.5), never 1660.0."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return str(plain(Decimal(str(value))))
    return " ".join(str(value).split())


def _items(reading: _Reading, sheet: str, rows, model, what: str, **filters):
    """(number, values, item) for each row whose ID is an item of this plan; errors for
    the others (unreadable, missing, repeated, of another plan)."""
    items = {item.pk: item for item in model.objects.filter(plan=reading.plan, **filters)}
    seen: set[int] = set()
    for number, values in rows:
        raw = values["ID"]
        identifier = _identifier(raw)
        if identifier is None:
            reading.error(
                sheet,
                number,
                "ID가 없습니다. 이 시트에서는 항목을 더할 수 없습니다."
                if raw == ""
                else f"ID '{raw}'{particle(str(raw), '을')} 읽을 수 없습니다.",
            )
        elif identifier not in items:
            reading.error(
                sheet,
                number,
                f"ID {identifier}{particle(str(identifier), '은')} 이 시행계획의 {what}{particle(what, '이')} 아닙니다.",
            )
        elif identifier in seen:
            reading.error(sheet, number, f"ID {identifier}의 행이 두 번 있습니다.")
        else:
            seen.add(identifier)
            yield number, values, items[identifier]


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


def _read_goal_sheet(rows, reading: _Reading) -> None:
    plan, actor = reading.plan, reading.actor
    goal_rows = [(n, v) for n, v in rows if v["구분"] == GOAL_ROW]
    others = [(n, v) for n, v in rows if v["구분"] != GOAL_ROW]
    for number, values in goal_rows:
        if _identifier(values["ID"]) != plan.pk:
            reading.error(
                GOAL_SHEET,
                number,
                f"목표 행의 ID '{values['ID']}'{particle(str(values['ID']), '은')} 이 시행계획의 ID가 아닙니다.",
            )
            continue
        goal = _text(values["내용"])
        if goal != " ".join(plan.goal.split()):
            reading.change(
                f"시트 '{GOAL_SHEET}' {number}행",
                ("plan", plan.pk),
                lambda goal=goal: drafting.plan_goal_update(actor=actor, plan=plan, goal=goal),
            )
    for number, values in _new_rows(others):
        name = _text(values["내용"])
        if values["구분"] not in (STRATEGY_ROW, ""):
            reading.error(GOAL_SHEET, number, f"새 행의 구분은 '{STRATEGY_ROW}'이어야 합니다.")
        elif not name:
            reading.error(GOAL_SHEET, number, "전략명을 비워 둘 수 없습니다.")
        else:
            reading.change(
                f"시트 '{GOAL_SHEET}' {number}행",
                ("new strategy", number),
                lambda name=name: drafting.strategy_add(actor=actor, plan=plan, name=name),
            )
    for number, values, strategy in _items(reading, GOAL_SHEET, _id_rows(others), Strategy, "전략"):
        name = _text(values["내용"])
        if not name:
            reading.error(GOAL_SHEET, number, "전략명을 비워 둘 수 없습니다.")
        elif name != strategy.name:
            reading.change(
                f"시트 '{GOAL_SHEET}' {number}행",
                ("strategy", strategy.pk),
                lambda s=strategy, name=name: drafting.strategy_update(
                    actor=actor, strategy=s, name=name
                ),
            )


def _new_rows(rows):
    """The rows that add an item: their ID is empty."""
    return [(number, values) for number, values in rows if values["ID"] == ""]


def _id_rows(rows):
    return [(number, values) for number, values in rows if values["ID"] != ""]


def _read_task_sheet(rows, reading: _Reading) -> None:
    actor = reading.actor
    for number, values in _new_rows(rows):
        _read_new_task(number, values, reading)
    for number, values, task in _items(reading, TASK_SHEET, _id_rows(rows), Task, "과제"):
        name, description = _text(values["과제명"]), str(values["내용"]).strip()
        if not name:
            reading.error(TASK_SHEET, number, "과제명을 비워 둘 수 없습니다.")
            continue
        update = {}
        if name != task.name:
            update["name"] = name
        if description != task.description.strip():
            update["description"] = description
        raw = values["국비(억원)"]
        if raw != "" and task.kind not in drafting.BUDGET_TASK_KINDS:
            reading.error(TASK_SHEET, number, "국비는 실천과제와 사업에만 적습니다(억원).")
            continue
        if raw != "":
            try:
                amount = drafting.amount_checked(raw)
            except InvalidInput as error:
                reading.error(TASK_SHEET, number, f"국비: {error.message}")
                continue
            if amount != task.national_budget_eok:
                update["national_budget_eok"] = amount
        if update:
            reading.change(
                f"시트 '{TASK_SHEET}' {number}행",
                ("task", task.pk),
                lambda t=task, update=update: drafting.task_update(actor=actor, task=t, **update),
            )


def _read_new_task(number: int, values: dict, reading: _Reading) -> None:
    """A task row without an ID: a new task under the task named by 상위 ID, or a core task
    under the pillar strategy named by 전략 ID; task_add checks the kinds and the money."""
    plan, actor = reading.plan, reading.actor
    parent = strategy = None
    if values["상위 ID"] != "":
        parent = plan.tasks.filter(pk=_identifier(values["상위 ID"]) or 0).first()
        if parent is None:
            raw = str(values["상위 ID"])
            reading.error(
                TASK_SHEET,
                number,
                f"상위 ID '{raw}'{particle(raw, '은')} 이 시행계획의 과제가 아닙니다. 새로 더하는 "
                "과제 아래에 과제를 두려면 먼저 올린 뒤 서식을 다시 내려받으세요.",
            )
            return
    if values["전략 ID"] != "":
        strategy = _pillars(plan).filter(pk=_identifier(values["전략 ID"]) or 0).first()
        if strategy is None:
            raw = str(values["전략 ID"])
            reading.error(
                TASK_SHEET,
                number,
                f"전략 ID '{raw}'{particle(raw, '은')} 이 시행계획의 전략(과제·예산 구분)이 "
                "아닙니다.",
            )
            return
    if parent is None and strategy is None:
        reading.error(
            TASK_SHEET,
            number,
            "새 과제의 자리를 알 수 없습니다. 상위 과제의 ID를 상위 ID에, 핵심과제는 전략의 ID를 "
            "전략 ID에 적어 주세요.",
        )
        return
    allowed = drafting.CHILD_KINDS.get(parent.kind if parent else None, ())
    label = _text(values["종류"])
    if label and label not in TASK_KINDS:
        names = ", ".join(TaskKind.labels)
        reading.error(
            TASK_SHEET,
            number,
            f"종류 '{label}'{particle(label, '을')} 알 수 없습니다({names} 가운데 하나).",
        )
        return
    if not label and len(allowed) != 1:
        names = ", ".join(TaskKind(kind).label for kind in allowed) or ", ".join(TaskKind.labels)
        reading.error(TASK_SHEET, number, f"새 과제의 종류를 적어 주세요({names} 가운데 하나).")
        return
    kind = TASK_KINDS[label] if label else allowed[0]
    name, description = _text(values["과제명"]), str(values["내용"]).strip()
    if not name:
        reading.error(TASK_SHEET, number, "과제명을 비워 둘 수 없습니다.")
        return
    budget = values["국비(억원)"]

    def add():
        task = drafting.task_add(
            actor=actor, plan=plan, parent=parent, name=name, kind=kind, strategy=strategy,
            national_budget_eok=None if budget == "" else budget,
        )  # fmt: skip
        if description:
            drafting.task_update(actor=actor, task=task, description=description)

    reading.change(f"시트 '{TASK_SHEET}' {number}행", ("new task", number), add)


def _read_budget_sheet(rows, reading: _Reading) -> None:
    plan, actor = reading.plan, reading.actor
    cells = {(b.strategy_id, b.source): b.amount_eok for b in plan.budgets.filter(year=plan.year)}
    whole = [(n, v) for n, v in rows if v["구분"] == WHOLE_PLAN_ROW]
    strategy_rows = [(n, v) for n, v in rows if v["구분"] != WHOLE_PLAN_ROW]
    targets: list[tuple[int, dict, Strategy | None]] = []
    for number, values in whole:
        if _identifier(values["ID"]) != plan.pk:
            reading.error(
                BUDGET_SHEET,
                number,
                f"'{WHOLE_PLAN_ROW}' 행의 ID '{values['ID']}'{particle(str(values['ID']), '은')} 이 시행계획의 ID가 아닙니다.",
            )
        else:
            targets.append((number, values, None))
    for number, values, strategy in _items(
        reading, BUDGET_SHEET, strategy_rows, Strategy, "전략(과제·예산 구분)",
        kind=StrategyKind.PILLAR,
    ):  # fmt: skip
        targets.append((number, values, strategy))
    for number, values, strategy in targets:
        strategy_id = strategy.pk if strategy else None
        for column, source in AMOUNT_COLUMNS.items():
            raw = values[column]
            if raw == "":
                continue
            try:
                amount = drafting.amount_checked(raw)
            except InvalidInput as error:
                reading.error(BUDGET_SHEET, number, f"{column}: {error.message}")
                continue
            if cells.get((strategy_id, source)) == amount:
                continue
            reading.change(
                f"시트 '{BUDGET_SHEET}' {number}행",
                ("budget", f"{strategy_id}:{source}"),
                lambda s=strategy, source=source, amount=amount: drafting.budget_set(
                    actor=actor, plan=plan, strategy=s, source=source, amount_eok=amount
                ),
            )


def _indicator_wanted(number: int, values: dict, reading: _Reading) -> dict | None:
    """The fields an indicator row asks for, or None (with the row's error)."""
    direction_label = _text(values["방향"])
    if direction_label and direction_label not in DIRECTIONS:
        names = ", ".join(IndicatorDirection.labels)
        reading.error(
            INDICATOR_SHEET,
            number,
            f"방향 '{direction_label}'{particle(direction_label, '은')} 쓸 수 없습니다({names} 또는 빈 칸).",
        )
        return None
    wanted = {
        "name": _text(values["지표명"]),
        "unit": _text(values["단위"]),
        "baseline_text": _text(values["기준값"]),
        "target_text": _text(values["목표값"]),
        "direction": DIRECTIONS.get(direction_label, ""),
    }
    if not wanted["name"]:
        reading.error(INDICATOR_SHEET, number, "지표명을 비워 둘 수 없습니다.")
        return None
    return wanted


def _read_indicator_sheet(rows, reading: _Reading) -> None:
    plan, actor = reading.plan, reading.actor
    for number, values in _new_rows(rows):
        wanted = _indicator_wanted(number, values, reading)
        if wanted is not None:
            reading.change(
                f"시트 '{INDICATOR_SHEET}' {number}행",
                ("new indicator", number),
                lambda wanted=wanted: drafting.indicator_add(actor=actor, plan=plan, **wanted),
            )
    for number, values, indicator in _items(
        reading, INDICATOR_SHEET, _id_rows(rows), Indicator, "성과지표"
    ):
        wanted = _indicator_wanted(number, values, reading)
        if wanted is None:
            continue
        current = {
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline_text": _shown(indicator.baseline_text, indicator.baseline_value),
            "target_text": _shown(indicator.target_text, indicator.target_value),
            "direction": indicator.direction,
        }
        update = {key: value for key, value in wanted.items() if value != current[key]}
        if update:
            reading.change(
                f"시트 '{INDICATOR_SHEET}' {number}행",
                ("indicator", indicator.pk),
                lambda i=indicator, update=update: drafting.indicator_update(
                    actor=actor, indicator=i, **update
                ),
            )
