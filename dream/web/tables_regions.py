"""Tables of the province, super-region and comparison pages (display and download)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from dream.ingest.numbers import amount_text, plain
from dream.plans.selectors import regions as selectors
from dream.web.indicator_notes import NEW_BADGE, is_shown_as_new, target_note_html
from dream.web.source_text import source_link
from dream.web.tables import CaptionedTable
from dream.web.views import in_year

NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}


class AmountColumn(tables.Column):
    """억원 as printed (1,234 / 93.5) on the page, the bare number in downloads."""

    def __init__(self, verbose_name, **kwargs):
        super().__init__(verbose_name, attrs=NUMERIC, **kwargs)

    def render(self, value):
        return amount_text(value)

    def value(self, value):
        return plain(value)


class ShareColumn(AmountColumn):
    """A percentage with one decimal."""

    def render(self, value):
        return f"{value:.1f}"

    def value(self, value):
        return value


class CommonIndicatorColumn(tables.Column):
    """A common indicator's value as printed, linked to the line that prints it on the
    comparison page; downloads keep the text."""

    def __init__(self, verbose_name, *, key: str, field: str, **kwargs):
        super().__init__(verbose_name, accessor=f"indicators__{key}__{field}", **kwargs)
        self.key = key
        self.field = field

    def render(self, value, record):
        """A new indicator's actual is "신규"; a target carries the note printed beside it."""
        indicator = record.indicators[self.key].indicator
        if self.field == "baseline_text" and is_shown_as_new(indicator):
            return NEW_BADGE
        shown = source_link(indicator, value, value)
        if self.field == "target_text":
            return format_html("{}{}", shown, target_note_html(indicator))
        return shown

    def value(self, value):
        return value


class RegionTable(CaptionedTable):
    """A table of the province, super-region and comparison pages."""

    class Meta(CaptionedTable.Meta):
        pass

    def render_source_line(self, value, record):
        """The line number, linked to the "원문 보기" page; downloads keep the number."""
        return source_link(record, str(value))

    def value_source_line(self, value):
        return value


class FiscalTable(RegionTable):
    code = tables.Column("번호", default="")
    name = tables.Column("전략")
    amount_eok = AmountColumn("금액(억원)")
    share = ShareColumn("비중(%)")
    # Shown only: where the amount is printed. The sum of the strategies is DREAM's own.
    budget = tables.Column("원문", empty_values=(), exclude_from_export=True)

    class Meta(RegionTable.Meta):
        row_attrs = {"class": lambda record: "total" if record.is_total else None}

    def render_budget(self, value, record):
        if value is not None:
            return source_link(value, figure=value.printed) or "–"
        return "DREAM 계산" if record.is_total else "–"


class IndicatorTable(RegionTable):
    """Indicators as printed; the year columns are named after the plan's year."""

    scope = tables.Column("해당 전략")
    group = tables.Column("구분")
    subgroup = tables.Column("지표 묶음", default="")
    name = tables.Column("지표명")
    unit = tables.Column("단위")
    baseline_text = tables.Column("실적", attrs=NUMERIC, empty_values=())
    target_text = tables.Column("목표", attrs=NUMERIC)
    change_text = tables.Column("증감", attrs=NUMERIC)
    source_line = tables.Column("원문 줄", attrs=NUMERIC)
    # Downloads only (the page shows them in the actual and target cells), and only on a
    # table where the plan prints them.
    target_note = tables.Column("목표 주석", visible=False)
    is_new = tables.Column("신규 지표", visible=False)

    class Meta(RegionTable.Meta):
        attrs = {"class": "indicator-table"}
        row_attrs = {"id": lambda record: f"indicator-{record.pk}"}

    def render_source_line(self, value, record):
        """Linked down to the line that prints the target: a long name wraps above it."""
        return source_link(record, str(value), record.target_text)

    def render_baseline_text(self, value, record):
        """A new indicator has no actual of the year before: "신규", not a bare "–"."""
        if is_shown_as_new(record):
            return NEW_BADGE
        return value or "–"

    def value_baseline_text(self, value):
        return value or None

    def render_target_text(self, value, record):
        return format_html("{}{}", value, target_note_html(record))

    def value_target_text(self, value):
        return value

    def value_is_new(self, value):
        return "신규" if value else ""

    def __init__(self, data, *, year, **kwargs):
        if not any(indicator.subgroup for indicator in data):
            # Only 부울경 prints groups of indicators: no empty column on other pages.
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "subgroup")
        for name in ("target_note", "is_new"):
            if not any(getattr(indicator, name) for indicator in data):
                kwargs["exclude"] = (*kwargs.get("exclude", ()), name)
        super().__init__(data, **kwargs)
        self.columns["baseline_text"].column.verbose_name = f"{year - 1}년 실적"
        self.columns["target_text"].column.verbose_name = f"{year}년 목표"


class FindingTable(RegionTable):
    severity = tables.Column("심각도")
    message = tables.Column("내용")
    source_line = tables.Column("원문 줄", attrs=NUMERIC)

    class Meta(RegionTable.Meta):
        empty_text = "이 시행계획에서 찾은 검토 사항이 없습니다."

    def render_severity(self, value, record):
        return format_html('<span class="badge {}">{}</span>', record.severity, value)

    def render_message(self, value: str) -> str:
        """The reader's words quoting the document's figures as printed; the unit check of
        the pages (tests/bare_numbers.py) reads it as a quotation."""
        return format_html("<span data-verbatim>{}</span>", value)

    def value_message(self, value: str) -> str:
        return value

    def value_severity(self, value):
        return value


class CompareTable(RegionTable):
    """One row per province; four columns (unit, actual, target, change) per common
    indicator."""

    short_name = tables.Column("시·도")
    fiscal_eok = AmountColumn("재정투입(억원)")

    class Meta(RegionTable.Meta):
        attrs = {"class": "compare-table"}
        template_name = "web/regions/compare_table.html"

    def __init__(self, data, *, year, link_query: str = "", **kwargs):
        self.link_query = link_query  # `year=…` while the page shows an older year
        parts = [
            ("unit", "단위"),
            ("baseline_text", f"{year - 1}년 실적"),
            ("target_text", f"{year}년 목표"),
            ("change_text", "증감"),
        ]
        self.header_groups = [
            (label, [header for _, header in parts]) for _, label in selectors.COMMON_INDICATORS
        ]
        columns = [
            (
                f"{key}_{field}",
                tables.Column(f"{label} {header}", accessor=f"indicators__{key}__{field}")
                if field == "unit"
                else CommonIndicatorColumn(
                    f"{label} {header}", key=key, field=field, attrs=NUMERIC
                ),
            )
            for key, label in selectors.COMMON_INDICATORS
            for field, header in parts
        ]
        super().__init__(data, extra_columns=columns, **kwargs)

    def render_short_name(self, value):
        return format_html(
            '<a href="{}">{}</a>',
            in_year(reverse("web:province_detail", args=[value]), self.link_query),
            value,
        )

    def value_short_name(self, value):
        return value

    def render_fiscal_eok(self, value, record):
        """The printed total, linked to its line like the province page's fiscal table."""
        budget = record.fiscal_budget
        return source_link(budget, amount_text(value), budget.printed if budget else "")

    def value_fiscal_eok(self, value):
        return plain(value)
