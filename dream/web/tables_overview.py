"""Tables of the overview and map pages, with Korean headers for display and download."""

from decimal import Decimal

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from dream.ingest.numbers import plain
from dream.web.source_text import source_link
from dream.web.templatetags.dream_format import number


class NumberColumn(tables.Column):
    """A right-aligned number, shown with separators, exported raw."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number(value)

    def value(self, value):
        return plain(value)


class PrintedPercentColumn(NumberColumn):
    """A share as the plan prints it ("35.6"), the number without "%" in downloads."""

    def render(self, value):
        """The printed figure, linked to the line the plan prints it on."""
        return source_link(value.record, value.printed.rstrip("%")) if value.printed else "–"

    def value(self, value):
        return plain(Decimal(value.printed.rstrip("%"))) if value.printed else None


class ComputedPercentColumn(NumberColumn):
    """DREAM's own computation of a share; where it differs from the print, it says so and
    links the finding that explains why."""

    def render(self, value):
        if value.computed is None:
            return "–"
        if not value.differs:
            return number(value.computed)
        if not value.finding_code:
            return format_html("{} <small>(원문과 다름)</small>", number(value.computed))
        return format_html(
            '{} <small>(<a href="{}?code={}">원문과 다른 이유</a>)</small>',
            number(value.computed),
            reverse("web:findings"),
            value.finding_code,
        )

    def value(self, value):
        return plain(value.computed)


class ConvertedAmountColumn(NumberColumn):
    """억원 converted from a rounded 조원 figure: "약 422,000", never a printed-looking amount."""

    def render(self, value, record):
        return f"약 {number(value)}" if record.converted else number(value)


class SourceTable(tables.Table):
    label = tables.Column("재원", orderable=False)
    printed = tables.Column("2024년(원문)", orderable=False)
    printed_previous = tables.Column("2023년(원문)", orderable=False)
    share = PrintedPercentColumn("2024년 구성비(%, 원문)", orderable=False)
    computed_share = ComputedPercentColumn(
        "2024년 구성비(%, DREAM 계산)", accessor="share", orderable=False
    )
    change = NumberColumn("증감률(%, DREAM 계산)", orderable=False)
    current = ConvertedAmountColumn("2024년(억원, 반올림된 인쇄값에서 환산)", orderable=False)
    previous = ConvertedAmountColumn("2023년(억원, 반올림된 인쇄값에서 환산)", orderable=False)

    class Meta:
        attrs = {"class": "data"}

    def render_printed(self, value, record):
        return source_link(record.budget, value)

    def value_printed(self, value):
        return value

    def render_printed_previous(self, value, record):
        return source_link(record.budget_previous, value)

    def value_printed_previous(self, value):
        return value


class StrategyShareTable(tables.Table):
    code = tables.Column("전략", orderable=False)
    name = tables.Column("전략명", orderable=False)
    ministries_eok = NumberColumn("부처 국비(억원)", orderable=False)
    ministries_share = PrintedPercentColumn("부처 비중(%, 원문)", orderable=False)
    ministries_computed = ComputedPercentColumn(
        "부처 비중(%, DREAM 계산)", accessor="ministries_share", orderable=False
    )
    provinces_eok = NumberColumn("시·도 재정투입(억원)", orderable=False)
    provinces_share = PrintedPercentColumn("시·도 비중(%, 원문)", orderable=False)
    provinces_computed = ComputedPercentColumn(
        "시·도 비중(%, DREAM 계산)", accessor="provinces_share", orderable=False
    )


class ProvinceMetricTable(tables.Table):
    """One row per province; the value column is named after the chosen metric."""

    full_name = tables.Column("시·도", orderable=False)

    def __init__(self, data, *, metric_header: str):
        super().__init__(
            data, extra_columns=[("value", NumberColumn(metric_header, orderable=False))]
        )
