"""Reading numbers as the plan documents print them.

Each reader returns the value it could parse and, separately, what looked wrong,
so that callers keep the printed text and turn the doubt into a finding instead
of silently correcting it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dream.core.korean import particle

EOK_PER_JO = 10_000
NEGATIVE_MARKS = ("△", "▵", "▲", "-", "−", "–")
CHANGE_NIL_MARKS = frozenset({"-", "△", "▲", "▵", "−"})  # a 증감 printed as a mark alone: none
_DASHES = {"-", "−", "–", "—", "‐", "", "n/a", "N/A"}
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}$")
# No amount, count or share in a plan has more digits (억원 totals have 6); anything longer
# is damage, and would not fit the columns (BigInteger, Decimal of 20 digits) either.
MAX_DIGITS = 15


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal | None
    problem: str = ""  # Korean explanation when the printed text looks wrong

    @property
    def ok(self) -> bool:
        return not self.problem


def parse_number(text: str, unit: str = "") -> ParsedNumber:
    """Parse "1,704", "31.6", "△0.5", "-"; flag "31,6" (a comma used as decimal point).
    `unit` is the unit the number is in, for the value a problem says it was read as."""
    raw = text.strip().replace(" ", "")
    if raw in _DASHES:
        return ParsedNumber(None)
    negative = False
    if raw[0] in NEGATIVE_MARKS and len(raw) > 1:
        negative, raw = True, raw[1:]
    raw = raw.rstrip("%")
    if sum(character.isdigit() for character in raw) > MAX_DIGITS:
        return ParsedNumber(None, _too_long(text))
    if _GROUPED.match(raw):
        value = Decimal(raw.replace(",", ""))
    elif _PLAIN.match(raw):
        value = Decimal(raw)
    elif _COMMA_DECIMAL.match(raw):
        value = Decimal(raw.replace(",", "."))
        read = with_unit(value, unit)
        return ParsedNumber(
            -value if negative else value,
            f"'{text.strip()}'{particle(text.strip(), '은')} 쉼표가 소수점 자리에 찍힌 것으로 보여 {read}{particle(read, '으로')} 읽었습니다",
        )
    else:
        return ParsedNumber(
            None, f"'{text.strip()}'{particle(text.strip(), '을')} 숫자로 읽을 수 없습니다"
        )
    return ParsedNumber(-value if negative else value)


def _too_long(text: str) -> str:
    shown = text.strip()
    shown = shown if len(shown) <= 30 else shown[:30] + "…"
    return f"'{shown}'{particle(shown, '은')} {MAX_DIGITS}자리를 넘는 숫자라 읽지 않았습니다"


def is_number(text: str) -> bool:
    parsed = parse_number(text)
    return parsed.value is not None


def parse_eok(text: str) -> ParsedNumber:
    """An amount in 억원, exactly as printed: "24.6조원" becomes 246,000 억원, "93.5억원" 93.5.

    Budgets are printed with decimals (93.5억원, 135.27억원) and kept so, in every column
    (a task's 국비 too): nothing is rounded."""
    raw = text.strip().replace(" ", "")
    multiplier, unit = 1, "억원"
    if raw.endswith("조원"):
        raw, multiplier, unit = raw[: -len("조원")], EOK_PER_JO, "조원"
    elif raw.endswith("억원"):
        raw = raw[: -len("억원")]
    parsed = parse_number(raw, unit)
    if parsed.value is None:
        return parsed
    amount = parsed.value * multiplier
    if abs(amount) >= 10**MAX_DIGITS:
        return ParsedNumber(None, _too_long(text))
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))  # 24.6조원 is 246000, not 246000.0
    return ParsedNumber(amount, parsed.problem)


def plain(value: Decimal | int | None) -> Decimal | int | None:
    """A stored amount without the column's padding: Decimal("93.50") → 93.5, "41886.00" → 41886
    (an int, so that neither a page nor a spreadsheet shows 41886.00 or 4.1886E+4)."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def json_number(value: Decimal | int | None) -> float | int | None:
    """An amount for a chart's JSON: 54742 stays 54742, 93.5 becomes the float 93.5."""
    value = plain(value)
    return value if value is None or isinstance(value, int) else float(value)


def amount_text(value: Decimal | int, *, signed: bool = False) -> str:
    """An amount with thousands separators, decimals as printed: 1,234 / 93.5 / +1."""
    value = plain(value)
    return f"{value:+,}" if signed else f"{value:,}"


def with_unit(value: Decimal | int | str, unit: str) -> str:
    """A number as a finding states it, with its unit: 0.3%p, 246,237억원, 16,374천명; a unit
    that begins with a digit ("20년=100") after a space."""
    text = value if isinstance(value, str) else amount_text(value)
    if not unit:
        return text
    return f"{text} {unit}" if unit[0].isdigit() else f"{text}{unit}"


def indicator_units(unit: str) -> tuple[str, str]:
    """The unit of an indicator's values and the unit of its change: "%, %p" and "%" give
    "%" and "%p" (a difference of percentages is in percentage points), others the same."""
    parts = [part.strip() for part in unit.split(",") if part.strip()]
    value_unit = parts[0] if parts else ""
    if value_unit == "%":
        return "%", "%p"
    return value_unit, parts[-1] if len(parts) > 1 else value_unit


def safe_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def mismatch_severity(difference: int | Decimal) -> str:
    """A sum off by one 억원 is usually rounding of parts (warning); more is an error."""
    return "warning" if abs(difference) <= 1 else "error"


def sum_difference(parts: Iterable[Decimal | int], total: Decimal | int) -> Decimal | None:
    """How far the parts' sum is from the total (parts − total), None when they agree: the
    rule the readers apply to printed sums and the live checks to a draft's."""
    difference = sum(parts, Decimal(0)) - total
    return difference if difference else None


def change_difference(
    baseline: Decimal | None, target: Decimal | None, change_text: str
) -> Decimal | None:
    """target − baseline when a printed 증감 says otherwise ('-' alone is no change), None when
    they agree or cannot be compared (a value or the change is not a number)."""
    if baseline is None or target is None:
        return None
    printed = change_text.replace(" ", "")
    change = Decimal(0) if printed in CHANGE_NIL_MARKS else parse_number(printed).value
    difference = target - baseline
    if change is None or change == difference:
        return None
    return difference
