"""Tables of the overview and map pages, with Korean headers for display and download."""

import django_tables2 as tables

from dream.web.templatetags.dream_format import number


class NumberColumn(tables.Column):
    """A right-aligned number, shown with separators, exported raw."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number(value)

    def value(self, value):
        return value


class SourceTable(tables.Table):
    label = tables.Column("재원", orderable=False)
    current = NumberColumn("2024년(억원)", orderable=False)
    previous = NumberColumn("2023년(억원)", orderable=False)
    change = NumberColumn("증감률(%)", orderable=False)
    share = NumberColumn("2024년 구성비(%)", orderable=False)
    printed = tables.Column("원문 표기(2024)", orderable=False)

    class Meta:
        attrs = {"class": "data"}


class StrategyShareTable(tables.Table):
    code = tables.Column("전략", orderable=False)
    name = tables.Column("전략명", orderable=False)
    ministries_eok = NumberColumn("부처 국비(억원)", orderable=False)
    ministries_share = NumberColumn("부처 비중(%)", orderable=False)
    provinces_eok = NumberColumn("시·도 재정투입(억원)", orderable=False)
    provinces_share = NumberColumn("시·도 비중(%)", orderable=False)


class ProvinceMetricTable(tables.Table):
    """One row per province; the value column is named after the chosen metric."""

    full_name = tables.Column("시·도", orderable=False)

    def __init__(self, data, *, metric_header: str):
        super().__init__(
            data, extra_columns=[("value", NumberColumn(metric_header, orderable=False))]
        )
