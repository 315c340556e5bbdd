"""The goal list and goal page tables: shown on the page and downloaded as CSV or Excel."""

from decimal import Decimal

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from dream.web.source_text import source_link
from dream.web.tables import CaptionedTable
from dream.web.templatetags.dream_format import number

NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}


class NumberColumn(tables.Column):
    """A figure without trailing zeros (12.3, 1,500); downloads get the bare number."""

    def __init__(self, verbose_name, **kwargs):
        super().__init__(verbose_name, attrs=NUMERIC, **kwargs)

    def render(self, value):
        return number(value)

    def value(self, value):
        return f"{Decimal(value).normalize():f}"


class GoalTable(CaptionedTable):
    """A table of the goal pages, in the order the selector gives."""

    class Meta(CaptionedTable.Meta):
        pass


class ShownColumn(NumberColumn):
    """A goal's figure shown with its unit (and year) from GoalStatus.<name>_shown;
    downloads get the bare number, with the unit and the years in their own columns."""

    def __init__(self, verbose_name, shown: str, **kwargs):
        self.shown = shown
        super().__init__(verbose_name, **kwargs)

    def render(self, value, record):
        return getattr(record, self.shown)


class GoalStatusTable(GoalTable):
    """On the page each figure carries its unit and year; the unit and year columns are
    for the downloads only."""

    class Meta(GoalTable.Meta):
        pass

    kind = tables.Column("구분", accessor="goal__get_kind_display")
    area = tables.Column("분야", accessor="goal__area")
    name = tables.Column(
        "목표",
        accessor="goal__name",
        linkify=lambda record: reverse("tracking:goal_detail", args=[record.goal.key]),
    )
    unit = tables.Column("단위", accessor="goal__unit", visible=False)
    baseline_year = tables.Column(
        "기준 연도", accessor="goal__baseline_year", attrs=NUMERIC, visible=False
    )
    baseline_value = ShownColumn("기준값", "baseline_shown", accessor="goal__baseline_value")
    target_year = tables.Column(
        "목표 연도", accessor="goal__target_year", attrs=NUMERIC, visible=False
    )
    target_value = ShownColumn("목표값", "target_shown", accessor="goal__target_value")
    latest_year = tables.Column(
        "최근 실적 연도", accessor="latest__year", attrs=NUMERIC, visible=False
    )
    latest_value = ShownColumn("최근 실적", "latest_shown", accessor="latest__value")
    projected_value = ShownColumn("목표 연도 전망(결과)", "projected_shown")
    path_gap_value = ShownColumn("경로 대비(실적−필요 경로)", "path_shown")
    progress_percent = ShownColumn("필요 진척 대비(%)", "progress_shown")
    status = tables.Column("상태", accessor="status_label")
    # Where the plan prints the goal; downloads name the document in their sources.
    source = tables.Column("원문", accessor="goal", exclude_from_export=True)

    def render_status(self, value, record):
        return format_html('<span class="badge {}">{}</span>', record.status, value)

    def render_source(self, value):
        return source_link(value, figure=value.target_text)

    def value_status(self, value):
        return value


class TrajectoryTable(GoalTable):
    class Meta(GoalTable.Meta):
        pass

    year = tables.Column("연도", attrs=NUMERIC)
    required = NumberColumn("필요 경로")
    actual = NumberColumn("실적")
    trend = NumberColumn("추세선")

    def __init__(self, data, *, unit: str, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("required", "actual", "trend"):
            column = self.columns[name].column
            column.verbose_name = f"{column.verbose_name}({unit})"


class GoalValueTable(GoalTable):
    class Meta(GoalTable.Meta):
        pass

    year = tables.Column("연도", attrs=NUMERIC)
    value = NumberColumn("값")
    value_text = tables.Column("입력한 값")
    source = tables.Column("출처")
    observed_on = tables.DateColumn(verbose_name="기준일", format="Y-m-d")
    recorded_by = tables.Column("입력한 사람")
    recorded_at = tables.DateTimeColumn(verbose_name="입력 시각", format="Y-m-d H:i")

    def __init__(self, data, *, unit: str, **kwargs):
        super().__init__(data, **kwargs)
        self.columns["value"].column.verbose_name = f"값({unit})"

    def render_value_text(self, value):
        """What the person typed, quoted as typed; the 값 column beside it has the unit."""
        return format_html("<span data-verbatim>{}</span>", value)

    def value_value_text(self, value):
        return value

    def render_recorded_by(self, value):
        return value.get_full_name() or value.get_username()

    def value_recorded_by(self, value):
        return self.render_recorded_by(value)
