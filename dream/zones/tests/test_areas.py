"""An area is kept as entered and read in 만평; what cannot be read exactly is refused with a
Korean message, never guessed."""

from decimal import Decimal

import pytest

from dream.cycle.errors import InvalidInput
from dream.zones.services import area_parsed


@pytest.mark.parametrize(
    ("entered", "pyeong", "kept"),
    [
        ("120만평", Decimal(120), "120만평"),
        ("120 만평", Decimal(120), "120 만평"),
        ("  120만평 ", Decimal(120), "120만평"),
        ("150만 평", Decimal(150), "150만 평"),
        ("3.5만평", Decimal("3.5"), "3.5만평"),
        ("1,200,000평", Decimal(120), "1,200,000평"),
        ("35,000평", Decimal("3.5"), "35,000평"),
        ("12,345평", Decimal("1.2345"), "12,345평"),
        ("1,234.5678만평", Decimal("1234.5678"), "1,234.5678만평"),
        ("", None, ""),
        (None, None, ""),
        ("   ", None, ""),
    ],
)
def test_an_area_is_read_in_man_pyeong_and_kept_as_entered(entered, pyeong, kept):
    assert area_parsed(entered) == (pyeong, kept)


@pytest.mark.parametrize(
    ("entered", "says"),
    [
        ("31,6만평", "소수점은 마침표로"),
        ("1,20만평", "소수점은 마침표로"),
        ("120", "단위가 없습니다"),
        ("120㎡", "단위가 없습니다"),
        ("약 120만평", "숫자로 읽을 수 없습니다"),
        ("만평", "숫자로 읽을 수 없습니다"),
        ("일백만평", "숫자로 읽을 수 없습니다"),
        ("1,2000만평", "숫자로 읽을 수 없습니다"),
        ("-3만평", "0보다 커야"),
        ("0만평", "0보다 커야"),
        ("0.5평", "1평 단위까지"),
        ("1.23456만평", "1평 단위까지"),
        ("99999999999만평", "너무 큽니다"),
        ("1" * 60 + "만평", "50자까지"),
        ("120\x00만평", "제어 문자"),
    ],
)
def test_an_unreadable_area_is_refused_in_korean(entered, says):
    with pytest.raises(InvalidInput) as refused:
        area_parsed(entered)
    assert says in refused.value.message
