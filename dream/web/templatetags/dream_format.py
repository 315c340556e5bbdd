"""Numbers as Korean officials write them: 246,237억원, 24.6조원, 58.3%."""

from decimal import Decimal

from django import template

from dream.ingest.numbers import EOK_PER_JO, amount_text

register = template.Library()


@register.filter
def eok(amount: Decimal | int | None) -> str:
    """An amount of 억원 with thousands separators, decimals as printed: 54,742억원, 93.5억원."""
    if amount is None:
        return "–"
    return f"{amount_text(amount)}억원"


@register.filter
def jo(amount: int | None) -> str:
    """An amount of 억원 in 조원 with one decimal (42.2조원); under 1조원 stays in 억원."""
    if amount is None:
        return "–"
    if abs(amount) < EOK_PER_JO:
        return eok(amount)
    return f"{Decimal(amount) / EOK_PER_JO:,.1f}조원"


@register.filter
def percent(value: float | Decimal | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}%"


@register.filter
def signed_percent(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value:+.1f}%"


@register.filter
def number(value: Decimal | int | None) -> str:
    """A parsed indicator value without trailing zeros: 31.6, 5,188."""
    if value is None:
        return "–"
    value = Decimal(value).normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}"


@register.simple_tag
def figure(
    value: Decimal | int | None, unit: str, year: int | None = None, *, difference: bool = False
) -> str:
    """A number as every page shows it: with its unit and, for a value of a year (an
    actual, a baseline, a district's count), that year — "21조원 (2024년)", "80.1%", "3곳".
    A difference of percentages is in percentage points: "0.46%p".
    In templates: {% figure value "조원" year %}."""
    if value is None:
        return "–"
    text = f"{number(value)}{'%p' if difference and unit == '%' else unit}"
    return f"{text} ({year}년)" if year else text


@register.filter
def unit(value: Decimal | int | None, unit: str) -> str:
    """A number with its unit or counter word: {{ count|unit:"곳" }} → "3곳"."""
    return figure(value, unit)
