"""The one write path for indicator actuals: the body's form, the API and the results
workbook all call these, so a value is refused for the same reasons, with the same Korean
messages, whichever way it came in.

Rules (ADR 0008):
- Only a published plan (`is_draft=False`) takes results, and an actual is for the plan's own
  year: the 2024 plan is reported on for 2024. A later year's actual belongs to that year's
  plan, whose indicators are its own rows.
- The body writes while its submission is 작성 중 or 보완 요청. Once it is 제출 or 확정, only
  Committee staff may still write, and only with a reason (a correction the Committee makes on
  a submitted or confirmed result must say why in the history) — `workflow.entry_check`.
- Replacing or deleting an actual needs a reason; the old value stays in the history with it.
- The submission row is locked first, so two people entering one body's results at once are
  taken one after the other: both succeed and the history keeps both.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.core.korean import particle
from dream.cycle.errors import InvalidInput, StateConflict, text_checked
from dream.indicators.models import Indicator
from dream.ingest.numbers import parse_number

from .models import IndicatorActual, ResultSubmission
from .permissions import responsible_body
from .submissions import result_submission_for, result_submission_locked
from .workflow import entry_check

MAX_INTEGER_DIGITS = 16  # IndicatorActual.value: 20 digits, 4 after the point
MAX_DECIMAL_PLACES = 4
VALUE_MAX_LENGTH = IndicatorActual._meta.get_field("value_text").max_length
SOURCE_MAX_LENGTH = IndicatorActual._meta.get_field("source").max_length
NOTE_MAX_LENGTH = IndicatorActual._meta.get_field("note").max_length
REASON_MAX_LENGTH = 100  # simple-history's change reason column
CREATED_REASON = "실적 입력"


@transaction.atomic
def indicator_actual_record(
    *,
    actor: User,
    indicator: Indicator,
    year,
    value_text,
    source,
    observed_on,
    note="",
    reason="",
) -> IndicatorActual:
    """Enter the actual of `indicator` for `year`, or replace the one there (then `reason` is
    required and kept in the history beside the old value). The text is kept as written; its
    number (the indicator's unit or % may follow it) is stored beside it, or None for a text
    such as "기본계획 고시 완료". Sending what is already stored changes nothing."""
    _writable(actor, indicator, reason)  # the submission stays locked to the end
    year = _year(year, indicator)
    text, value = _value(value_text, indicator)
    source = _one_line(source, "출처", SOURCE_MAX_LENGTH, required=True)
    observed = _observed_on(observed_on)
    note = _one_line(note, "비고", NOTE_MAX_LENGTH)
    why = _one_line(reason, "까닭", REASON_MAX_LENGTH)
    actual = IndicatorActual.objects.filter(indicator=indicator, year=year).first()
    if actual is not None:
        if (actual.value_text, actual.source, actual.observed_on, actual.note) == (
            text,
            source,
            observed,
            note,
        ):
            return actual
        if not why:
            raise InvalidInput(
                f"{year}년 실적({actual.value_text})이 이미 있습니다. 바꾸려면 까닭을 적어 "
                "주세요(변경 이력에 남습니다)."
            )
    actual = actual or IndicatorActual(indicator=indicator, year=year)
    actual.value_text, actual.value = text, value
    actual.source, actual.observed_on, actual.note = source, observed, note
    actual.recorded_by = actor
    actual._history_user = actor
    actual._change_reason = why or CREATED_REASON
    actual.save()
    return actual


@transaction.atomic
def indicator_actual_delete(*, actor: User, actual: IndicatorActual, reason) -> None:
    """Delete a wrong actual with a reason; its last values stay in the history."""
    why = _one_line(reason, "까닭", REASON_MAX_LENGTH)
    if not why:
        raise InvalidInput("지우는 까닭을 적어 주세요(변경 이력에 남습니다).")
    indicator = Indicator.objects.select_related("plan", "task").get(pk=actual.indicator_id)
    _writable(actor, indicator, why)
    row = IndicatorActual.objects.filter(pk=actual.pk).first()
    if row is None:
        raise StateConflict("이 실적은 이미 지워졌습니다. 페이지를 다시 보세요.")
    row._history_user = actor
    row._change_reason = why
    row.delete()


def _writable(actor: User, indicator: Indicator, reason) -> ResultSubmission:
    """The body's submission, locked, if `actor` may write its results now."""
    plan = indicator.plan
    if plan.is_draft:
        raise StateConflict(
            "초안인 시행계획에는 실적을 입력할 수 없습니다. 의결된 시행계획에 입력하세요."
        )
    body = responsible_body(plan, indicator.task)
    submission = result_submission_locked(result_submission_for(plan, body))
    entry_check(actor, submission, reason)
    return submission


def _year(raw, indicator: Indicator) -> int:
    year = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    if year is None:
        text = str(raw or "").strip().removesuffix("년").strip()
        year = int(text) if text.isdecimal() and len(text) <= 4 else None
    plan_year = indicator.plan.year
    if year != plan_year:
        raise InvalidInput(
            f"이 지표는 {plan_year}년 시행계획의 지표입니다. 실적 연도는 {plan_year}년이어야 "
            "합니다."
        )
    return year


def _value(raw, indicator: Indicator) -> tuple[str, Decimal | None]:
    """The text as written (one line) and its number; the indicator's unit or % may follow
    the number. A text that is not a number is kept with None — unless the indicator has a
    numeric target and the text starts like a number, which is a typo, not a statement."""
    text = _one_line(raw, "실적", VALUE_MAX_LENGTH, required=True)
    number_text = text
    for suffix in (indicator.unit, "%"):
        if suffix and number_text.endswith(suffix):
            number_text = number_text.removesuffix(suffix).strip()
            break
    whole = number_text.split(".", 1)[0]
    if sum(character.isdecimal() for character in whole) > MAX_INTEGER_DIGITS:
        raise InvalidInput("실적 수치가 너무 큽니다. 단위를 확인하세요.")
    parsed = parse_number(number_text, indicator.unit)
    if parsed.value is not None and parsed.problem:
        raise InvalidInput(f"{parsed.problem}. 소수점은 마침표로 적어 주세요(예: 31.6).")
    if parsed.value is None:
        if indicator.target_value is not None and number_text[:1].isdecimal():
            unit = indicator.unit or "단위 없음"
            raise InvalidInput(
                f"'{text}'{particle(text, '을')} 숫자로 읽을 수 없습니다. 숫자 뒤에는 이 지표의 "
                f"단위({unit})나 %만 적을 수 있습니다(예: 31.6)."
            )
        return text, None
    if parsed.value.as_tuple().exponent < -MAX_DECIMAL_PLACES:
        raise InvalidInput(f"실적은 소수점 아래 {MAX_DECIMAL_PLACES}자리까지 적을 수 있습니다.")
    return text, parsed.value


def _one_line(raw, what: str, limit: int, *, required: bool = False) -> str:
    """One line of text: runs of whitespace become one space; control characters refused."""
    text = " ".join(text_checked(str(raw if raw is not None else ""), what).split())
    if required and not text:
        raise InvalidInput(f"{what}{particle(what, '을')} 적어 주세요.")
    if len(text) > limit:
        raise InvalidInput(f"{what}{particle(what, '은')} {limit:,}자까지 적을 수 있습니다.")
    return text


def _observed_on(raw) -> date:
    """The date of the source (기준일 or 공표일): a real date, not after today."""
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw or "").strip())
        except ValueError:
            raise InvalidInput("기준일은 2025-01-31처럼 적어 주세요.") from None
    if day > timezone.localdate():
        raise InvalidInput(
            "기준일이 오늘보다 뒤입니다. 출처 자료의 기준일이나 공표일을 적어 주세요."
        )
    return day
