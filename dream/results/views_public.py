"""The public results page: how far the year's indicators were achieved, by body and by
strategy, from confirmed results only, with the rules used and CSV/Excel downloads."""

import django_tables2 as tables
from django.shortcuts import render
from django.utils.html import format_html

from dream.evaluation.rules import achievement_rules_from, rules_for_year
from dream.ingest.numbers import plain
from dream.web.tables import CaptionedTable, table_export_response

from .public import (
    NO_CONFIRMED,
    SHARE_RULE,
    province_tiles,
    published_year_or_404,
    year_results,
)


class CountColumn(tables.Column):
    """A count of indicators: "3개" on the page, the bare number in downloads (the header
    names the unit); a body without confirmed results says so instead."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        if not getattr(record, "confirmed", True):
            return NO_CONFIRMED
        return f"{value:,}개"

    def value(self, value, record):
        if not getattr(record, "confirmed", True):
            return NO_CONFIRMED
        return value


class ShareColumn(CountColumn):
    """The share achieved, DREAM's computation, in %."""

    def render(self, value, record):
        if not getattr(record, "confirmed", True):
            return NO_CONFIRMED
        if value is None:
            return "계산된 지표 없음"
        return f"{value}% (DREAM 계산)"

    def value(self, value, record):
        if not getattr(record, "confirmed", True):
            return NO_CONFIRMED
        return None if value is None else plain(value)


class CountsTable(CaptionedTable):
    """The counts both tables show, from `public.Counts`."""

    with_actual = CountColumn("실적 있는 지표(개)", accessor="counts__with_actual")
    achieved = CountColumn("달성(개)", accessor="counts__achieved")
    partial = CountColumn("부분 달성(개)", accessor="counts__partial")
    below = CountColumn("미달성(개)", accessor="counts__below")
    judgement = CountColumn("판단 필요(개)", accessor="counts__judgement")
    share = ShareColumn("달성 비율(%, DREAM 계산)", accessor="counts__share")

    class Meta(CaptionedTable.Meta):
        pass


class BodyAchievementTable(CountsTable):
    kind_label = tables.Column("구분")
    organization = tables.Column("기관", accessor="organization__short_name")
    plan_indicators = CountColumn("계획의 지표(개)", accessor="plan_indicators")

    class Meta(CountsTable.Meta):
        sequence = (
            "kind_label",
            "organization",
            "plan_indicators",
            "with_actual",
            "achieved",
            "partial",
            "below",
            "judgement",
            "share",
        )

    def render_organization(self, value, record):
        return format_html('<a href="{}">{}</a>', record.href, value)

    def value_organization(self, value):
        return value

    def render_plan_indicators(self, value):
        return f"{value:,}개"

    def value_plan_indicators(self, value):
        return value


class StrategyAchievementTable(CountsTable):
    group = tables.Column("구분")
    name = tables.Column("전략")
    indicators = CountColumn("확정 실적이 있는 기관의 지표(개)", accessor="counts__indicators")

    class Meta(CountsTable.Meta):
        sequence = (
            "group",
            "name",
            "indicators",
            "with_actual",
            "achieved",
            "partial",
            "below",
            "judgement",
            "share",
        )


def year_view(request, year: int):
    """`/results/<year>/`: public; `?_export=csv|xlsx` downloads the by-body table."""
    published_year_or_404(year)
    rules = rules_for_year(year)
    results = year_results(year, achievement_rules_from(rules))
    body_table = BodyAchievementTable(results.bodies, caption=f"{year}년 기관별 지표 달성")
    download = table_export_response(request, {"bodies": body_table}, f"{year}-추진실적-기관별")
    if download:
        return download
    tiles, legend = province_tiles(results.bodies)
    context = {
        "year": year,
        "tiles": tiles,
        "legend": legend,
        "results": results,
        "rules": rules,
        "share_rule": SHARE_RULE,
        "no_confirmed": NO_CONFIRMED,
        "body_table": body_table,
        "strategy_table": StrategyAchievementTable(
            results.strategies, caption=f"{year}년 전략별 지표 달성"
        ),
    }
    return render(request, "results/year.html", context)
