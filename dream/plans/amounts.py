"""An amount of money entered by a person, in 억원: one reader for every form, workbook and API
call that takes one (execution, call budgets and grants, agency reports, base amounts,
proposal sizes), so "93.5" stays 93.5 and "31,6" is refused everywhere alike."""

from decimal import Decimal

from dream.core.korean import particle, with_particle
from dream.cycle.errors import InvalidInput, text_checked
from dream.ingest.numbers import parse_number

from .models import AMOUNT_DIGITS, AMOUNT_PLACES, EOK_UNIT

AMOUNT_TEXT_MAX_LENGTH = 50
NEGATIVE_SIGNS = ("-", "−", "△", "▲", "▵", "–")


def eok_parsed(text, what: str) -> tuple[Decimal, str]:
    """`what` in 억원 as written ("93.5", "1,234.5", "93.5억원") and the text kept; empty, a
    comma decimal ("31,6"), a negative amount, a percentage, more than two decimals or more
    than the column holds are refused with a Korean message naming `what`."""
    written = " ".join(text_checked(str(text if text is not None else ""), what).split())
    if not written:
        raise InvalidInput(f"{with_particle(what, '을')} 적어 주세요({EOK_UNIT}).")
    if len(written) > AMOUNT_TEXT_MAX_LENGTH:
        raise InvalidInput(
            f"{with_particle(what, '은')} {AMOUNT_TEXT_MAX_LENGTH}자까지 적을 수 있습니다."
        )
    number = written.removesuffix(EOK_UNIT).strip()
    if number.startswith(NEGATIVE_SIGNS):
        raise InvalidInput(f"{with_particle(what, '은')} 0{EOK_UNIT} 이상이어야 합니다.")
    parsed = parse_number(number, EOK_UNIT) if number else None
    if parsed is None or parsed.value is None or number.endswith("%"):
        raise InvalidInput(
            f"{what} '{written}'{particle(written, '을')} 숫자로 읽을 수 없습니다({EOK_UNIT})."
        )
    if parsed.problem:
        raise InvalidInput(f"{parsed.problem}. 소수점은 마침표로 적어 주세요.")
    amount = parsed.value
    if -amount.as_tuple().exponent > AMOUNT_PLACES:
        raise InvalidInput(
            f"{with_particle(what, '은')} 소수점 아래 {AMOUNT_PLACES}자리까지 적을 수 있습니다"
            f"({EOK_UNIT})."
        )
    if amount >= Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES):
        raise InvalidInput(f"{with_particle(what, '이')} 너무 큽니다({EOK_UNIT}).")
    return amount, written
