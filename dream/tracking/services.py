"""The write paths for goal actuals: one value entered in the form, or a file of them.

Both go through `goal_value_clean`, so a row of a file is refused for exactly the reasons,
and with the same Korean messages, as the form.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.core.korean import particle
from dream.digital.models import DigitalGoal, DigitalPlan
from dream.digital.selectors import current_digital_plan
from dream.ingest.numbers import parse_number

from .files import LABELS, ImportFileError, SheetRow, rows_read
from .models import GoalValue
from .permissions import can_record_goal_value

YEARS_AFTER_TARGET = 3  # results are often published a year or more after the target year
MAX_INTEGER_DIGITS = 16  # GoalValue.value: 20 digits, 4 after the point
MAX_DECIMAL_PLACES = 4
MAX_YEAR_DIGITS = 9  # enough to say "not 2020-2030" about a typo, far below int()'s limit
_DATE = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$")
REFUSED = "목표 실적은 지방시대위원회 작성·관리 담당자만 입력할 수 있습니다."


@dataclass(frozen=True)
class GoalValueEntry:
    """A checked actual, ready to store."""

    goal: DigitalGoal
    year: int
    value: Decimal
    value_text: str
    source: str
    observed_on: date


def goal_value_clean(*, goal: DigitalGoal, year, value, source, observed_on) -> GoalValueEntry:
    """Check and convert one actual as typed (form) or read (file cells: text, numbers, dates).

    Raises ValidationError keyed by field (year, value, source, observed_on), with every
    problem of the entry at once, so a person fixes them in one go.
    """
    parsers = {
        "year": lambda: _year(year, goal),
        "value": lambda: _value(value, goal),
        "source": lambda: _source(source),
        "observed_on": lambda: _observed_on(observed_on),
    }
    parsed, errors = {}, {}
    for name, parse in parsers.items():
        try:
            parsed[name] = parse()
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    number, text = parsed.pop("value")
    return GoalValueEntry(goal=goal, value=number, value_text=text, **parsed)


@transaction.atomic
def goal_value_record(
    *, actor: User, goal: DigitalGoal, year, value, source: str, observed_on
) -> GoalValue:
    """Enter the actual of `goal` for `year`; an earlier value of that year is replaced and
    stays in the history."""
    if not can_record_goal_value(actor):
        raise PermissionDenied(REFUSED)
    entry = goal_value_clean(
        goal=goal, year=year, value=value, source=source, observed_on=observed_on
    )
    row, _change = _goal_value_store(actor=actor, entry=entry, reason="실적 입력")
    return row


REASON_MAX_LENGTH = 100  # simple-history's change reason column
REASON_REQUIRED = "고치거나 지우는 까닭을 적어 주세요(변경 이력에 남습니다)."
REASON_TOO_LONG = f"까닭은 {REASON_MAX_LENGTH}자까지 적을 수 있습니다."
GONE = "이 실적은 이미 지워졌습니다. 페이지를 다시 보세요."
CHANGED_MEANWHILE = (
    "다른 담당자가 먼저 이 실적을 고쳤습니다. 페이지를 다시 보고, 필요하면 다시 고치세요."
)


def _reason(reason: str) -> str:
    text = str(reason or "").strip()
    if not text:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": REASON_TOO_LONG})
    return text


def _locked(goal_value: GoalValue, seen: datetime | None) -> GoalValue:
    """The actual read again under a row lock, so two staff correcting it at once are
    taken one after the other; `seen` (when the value the person corrected was recorded)
    refuses the second instead of letting it overwrite a correction its author never saw."""
    row = GoalValue.objects.select_for_update().filter(pk=goal_value.pk).first()
    if row is None:
        raise ValidationError(GONE)
    if seen is not None and row.recorded_at != seen:
        raise ValidationError(CHANGED_MEANWHILE)
    return row


@transaction.atomic
def goal_value_correct(
    *,
    actor: User,
    goal_value: GoalValue,
    value,
    source,
    observed_on,
    reason: str,
    seen: datetime | None = None,
) -> GoalValue:
    """Correct a recorded actual (its value, source or date; the year stays) with a reason;
    the value it replaces stays in the history with who corrected it and why."""
    if not can_record_goal_value(actor):
        raise PermissionDenied(REFUSED)
    row = _locked(goal_value, seen)
    errors = {}
    try:
        entry = goal_value_clean(
            goal=row.goal, year=row.year, value=value, source=source, observed_on=observed_on
        )
    except ValidationError as error:
        errors = error.message_dict
    try:
        why = _reason(reason)
    except ValidationError as error:
        errors = errors | error.message_dict
    if errors:
        raise ValidationError(errors)
    if (row.value, row.value_text, row.source, row.observed_on) == (
        entry.value,
        entry.value_text,
        entry.source,
        entry.observed_on,
    ):
        raise ValidationError("바뀐 것이 없습니다. 값·출처·기준일 가운데 고칠 것을 바꾸세요.")
    row.value, row.value_text = entry.value, entry.value_text
    row.source, row.observed_on, row.recorded_by = entry.source, entry.observed_on, actor
    row._history_user = actor
    row._change_reason = why
    row.save()
    return row


@transaction.atomic
def goal_value_delete(
    *, actor: User, goal_value: GoalValue, reason: str, seen: datetime | None = None
) -> GoalValue:
    """Delete a wrong actual with a reason. Its last values stay in the history (shown on
    the goal page), so entering them again restores it; the goal's status follows at once."""
    if not can_record_goal_value(actor):
        raise PermissionDenied(REFUSED)
    row = _locked(goal_value, seen)
    row._history_user = actor
    row._change_reason = _reason(reason)
    row.delete()
    return row


@dataclass(frozen=True)
class RowError:
    row: int | None  # spreadsheet row number; None for the file as a whole
    column: str  # Korean column header, empty for the file as a whole
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    changes: Counter = field(default_factory=Counter)  # created / replaced / unchanged

    @property
    def ok(self) -> bool:
        return not self.errors


def goal_values_import(*, actor: User, file, filename: str) -> ImportResult:
    """Enter every row of a CSV or Excel file of actuals, or none of them.

    Every row is checked first; one bad row means nothing is written and every problem is
    returned, by row and column. Goals are those of the current digital plan, named by
    their identifier (key) or their exact name.
    """
    if not can_record_goal_value(actor):
        raise PermissionDenied(REFUSED)
    plan = current_digital_plan()
    if plan is None:
        return ImportResult(
            [RowError(None, "", "디지털 계획이 아직 없어 실적을 넣을 목표가 없습니다.")]
        )
    try:
        rows = rows_read(file, filename)
    except ImportFileError as error:
        return ImportResult([RowError(None, "", str(error))])
    entries, errors = _rows_clean(rows, _goals_by_label(plan))
    if errors:
        return ImportResult(errors)
    result = ImportResult()
    with transaction.atomic():
        for entry in entries:
            _row, change = _goal_value_store(
                actor=actor, entry=entry, reason=f"파일 가져오기: {filename}"
            )
            result.changes[change] += 1
    return result


def _goal_value_store(*, actor: User, entry: GoalValueEntry, reason: str) -> tuple[GoalValue, str]:
    """Create or replace the goal's value of that year; a value that is already there as it
    stands is left alone, so re-importing a file adds no history.

    Called inside a transaction. The goal's row is locked first, so two values sent at once
    for the same year are stored one after the other (the second replaces the first and
    both stay in the history) instead of both inserting and one failing on the unique year.
    """
    DigitalGoal.objects.select_for_update(no_key=True).get(pk=entry.goal.pk)
    row = GoalValue.objects.filter(goal=entry.goal, year=entry.year).first()
    if row and (row.value, row.source, row.observed_on) == (
        entry.value,
        entry.source,
        entry.observed_on,
    ):
        return row, "unchanged"
    change = "replaced" if row else "created"
    row = row or GoalValue(goal=entry.goal, year=entry.year)
    row.value, row.value_text = entry.value, entry.value_text
    row.source, row.observed_on, row.recorded_by = entry.source, entry.observed_on, actor
    row._history_user = actor
    row._change_reason = reason
    row.save()
    return row, change


def _goals_by_label(plan: DigitalPlan) -> dict[str, DigitalGoal | None]:
    """The plan's goals by key and by exact name; a name two goals share maps to None."""
    goals = list(plan.goals.select_related("plan"))
    names = Counter(goal.name for goal in goals)
    labels: dict[str, DigitalGoal | None] = {
        goal.name: goal if names[goal.name] == 1 else None for goal in goals
    }
    labels.update({goal.key: goal for goal in goals})
    return labels


def _rows_clean(
    rows: list[SheetRow], goals: dict[str, DigitalGoal | None]
) -> tuple[list[GoalValueEntry], list[RowError]]:
    entries: list[GoalValueEntry] = []
    errors: list[RowError] = []
    first_row: dict[tuple[int, int], int] = {}
    for row in rows:
        label = str(row.cells["goal"] or "").strip()
        if not label or goals.get(label) is None:
            errors.append(RowError(row.number, LABELS["goal"], _unknown_goal(label, goals)))
            continue
        try:
            entry = goal_value_clean(goal=goals[label], **_value_cells(row))
        except ValidationError as error:
            errors += [
                RowError(row.number, LABELS[name], message)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
            continue
        seen = first_row.setdefault((entry.goal.pk, entry.year), row.number)
        if seen != row.number:
            errors.append(
                RowError(
                    row.number,
                    LABELS["year"],
                    f"{seen}행과 목표·연도가 같습니다. 한 파일에는 목표·연도마다 한 행만 적으세요.",
                )
            )
        entries.append(entry)
    return entries, errors


def _value_cells(row: SheetRow) -> dict[str, object]:
    return {name: row.cells[name] for name in ("year", "value", "source", "observed_on")}


def _unknown_goal(label: str, goals: dict[str, DigitalGoal | None]) -> str:
    if not label:
        return "목표를 적으세요(식별자 또는 목표명)."
    if label in goals:
        return f"'{label}'{particle(label, '이라')}는 이름의 목표가 여럿입니다. 식별자를 적으세요."
    return f"'{label}'에 해당하는 목표가 없습니다. 서식 파일의 식별자나 목표명을 그대로 적으세요."


def _year(raw, goal: DigitalGoal) -> int:
    year = _whole_number(raw)
    if year is None:
        raise ValidationError("연도는 2025처럼 네 자리 숫자로 적으세요.")
    first, last = goal_year_range(goal)
    if not first <= year <= last:
        raise ValidationError(
            f"연도는 {first}년부터 {last}년 사이여야 합니다"
            f"(기준 연도부터 목표 연도 {goal.target_year}년 뒤 {YEARS_AFTER_TARGET}년까지)."
        )
    return year


def goal_year_range(goal: DigitalGoal) -> tuple[int, int]:
    """The years an actual may be entered for: from the baseline year (or the plan's year,
    for goals printed without a baseline) to three years after the target year."""
    return goal.baseline_year or goal.plan.year, goal.target_year + YEARS_AFTER_TARGET


def _whole_number(raw) -> int | None:
    """A whole number typed or read from a cell, or None.

    Only decimal digits count (isdecimal, not isdigit: "²" is a digit int() refuses), at
    most MAX_YEAR_DIGITS of them; NaN and infinity from a spreadsheet are not numbers.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else None
    if isinstance(raw, Decimal):
        return int(raw) if raw.is_finite() and raw == raw.to_integral_value() else None
    text = str(raw or "").strip().removesuffix("년").strip()
    return int(text) if text.isdecimal() and len(text) <= MAX_YEAR_DIGITS else None


def _value(raw, goal: DigitalGoal) -> tuple[Decimal, str]:
    """The number and the text as entered; the goal's unit after the number is allowed."""
    value, text = _number(raw, goal.unit)
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise ValidationError("값이 너무 큽니다. 단위를 확인하세요.")
    if len(text) > GoalValue._meta.get_field("value_text").max_length:
        raise ValidationError("값은 100자까지 적을 수 있습니다.")
    if value.as_tuple().exponent < -MAX_DECIMAL_PLACES:
        raise ValidationError(f"소수점 아래 {MAX_DECIMAL_PLACES}자리까지 적을 수 있습니다.")
    if value < 0 and not goal.unit.endswith("%p"):
        raise ValidationError(f"이 목표의 값({goal.unit})은 0보다 작을 수 없습니다.")
    if value > 100 and _is_share(goal):
        raise ValidationError("비율(%)은 100을 넘을 수 없습니다.")
    return value, text


def _number(raw, unit: str) -> tuple[Decimal, str]:
    """A finite Decimal and the text it came from; a spreadsheet's 1E999 is infinity."""
    if isinstance(raw, bool) or raw in (None, ""):
        raise ValidationError("값을 적으세요.")
    if isinstance(raw, float | Decimal) and not Decimal(raw).is_finite():
        raise ValidationError("값이 숫자가 아닙니다(무한대 또는 NaN). 12.3처럼 숫자만 적으세요.")
    if isinstance(raw, int | Decimal):
        return Decimal(raw), str(raw)
    if isinstance(raw, float):
        text = str(int(raw)) if raw.is_integer() else repr(raw)
        return Decimal(text), text
    text = str(raw).strip()
    number_text = text.removesuffix(unit).strip() if unit else text
    whole_part = number_text.split(".", 1)[0]
    if sum(character.isdecimal() for character in whole_part) > MAX_INTEGER_DIGITS:
        raise ValidationError("값이 너무 큽니다. 단위를 확인하세요.")
    parsed = parse_number(number_text)
    if parsed.value is None or not parsed.ok:
        raise ValidationError(
            f"'{text}'{particle(text, '을')} 숫자로 읽을 수 없습니다. 12.3처럼 숫자만 적으세요."
        )
    return parsed.value, text


def _is_share(goal: DigitalGoal) -> bool:
    """A percentage whose baseline and target are at most 100: a rate or share, not a growth."""
    bounds = [v for v in (goal.baseline_value, goal.target_value) if v is not None]
    return goal.unit == "%" and all(v <= 100 for v in bounds)


def _source(raw) -> str:
    text = str(raw or "").strip()
    if not text:
        raise ValidationError("출처를 적으세요(수치를 확인한 통계·보고서 등).")
    if "\x00" in text:
        raise ValidationError("출처에 NUL 문자(\\x00)가 있습니다. 그 글자를 지우고 다시 적으세요.")
    if len(text) > GoalValue._meta.get_field("source").max_length:
        raise ValidationError("출처는 500자까지 적을 수 있습니다.")
    return text


def _observed_on(raw) -> date:
    day = _date(raw)
    if day is None:
        raise ValidationError("기준일은 2025-03-31처럼 적으세요.")
    if day > timezone.localdate():
        raise ValidationError("기준일이 오늘보다 뒤입니다.")
    return day


def _date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    match = _DATE.match(str(raw or "").strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
