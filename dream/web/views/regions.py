"""The pages of one province's or super-region's plan, and the province comparison.

A plan page has three tables; `?table=fiscal|indicators|findings` names the one that
`?_export=csv|xlsx` downloads (default `fiscal`). The comparison has one table.
"""

from collections.abc import Callable

import django_tables2 as tables
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.views.generic import TemplateView

from dream.plans.selectors import latest_year
from dream.plans.selectors import regions as selectors
from dream.web.tables import TableDownloadMixin

NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}


def _year() -> int:
    """The year the pages show: the newest plan's."""
    year = latest_year()
    if year is None:
        raise Http404("아직 가져온 시행계획이 없습니다.")
    return year


class AmountColumn(tables.Column):
    """Whole 억원 with separators on the page, the bare number in downloads."""

    def __init__(self, verbose_name, **kwargs):
        super().__init__(verbose_name, attrs=NUMERIC, **kwargs)

    def render(self, value):
        return f"{value:,}"

    def value(self, value):
        return value


class ShareColumn(AmountColumn):
    """A percentage with one decimal."""

    def render(self, value):
        return f"{value:.1f}"


class RegionTable(tables.Table):
    """A table of these pages: not sortable, with a caption for screen readers."""

    def __init__(self, data, *, caption="", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    class Meta:
        orderable = False
        default = "–"
        template_name = "web/regions/table.html"


class FiscalTable(RegionTable):
    code = tables.Column("번호", default="")
    name = tables.Column("전략")
    amount_eok = AmountColumn("금액(억원)")
    share = ShareColumn("비중(%)")

    class Meta(RegionTable.Meta):
        row_attrs = {"class": lambda record: "total" if record.is_total else None}


class IndicatorTable(RegionTable):
    """Indicators as printed; the year columns are named after the plan's year."""

    scope = tables.Column("해당 전략")
    group = tables.Column("구분")
    name = tables.Column("지표명")
    unit = tables.Column("단위")
    baseline_text = tables.Column("실적", attrs=NUMERIC)
    target_text = tables.Column("목표", attrs=NUMERIC)
    change_text = tables.Column("증감", attrs=NUMERIC)
    source_line = tables.Column("원문 줄", attrs=NUMERIC)

    class Meta(RegionTable.Meta):
        attrs = {"class": "indicator-table"}
        row_attrs = {"id": lambda record: f"indicator-{record.pk}"}

    def __init__(self, data, *, year, **kwargs):
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

    def __init__(self, data, *, year, **kwargs):
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
                tables.Column(
                    f"{label} {header}",
                    accessor=f"indicators__{key}__{field}",
                    attrs={} if field == "unit" else NUMERIC,
                ),
            )
            for key, label in selectors.COMMON_INDICATORS
            for field, header in parts
        ]
        super().__init__(data, extra_columns=columns, **kwargs)

    def render_short_name(self, value):
        return format_html(
            '<a href="{}">{}</a>', reverse("web:province_detail", args=[value]), value
        )

    def value_short_name(self, value):
        return value


class RegionDetailView(TableDownloadMixin, TemplateView):
    """One plan: goal, strategies, task tree, fiscal input, indicators, findings."""

    template_name = "web/regions/region_detail.html"
    download_titles = {"fiscal": "재정투입", "indicators": "성과지표", "findings": "검토 사항"}
    # Set by the subclasses; the template reads the labels from `view`.
    grouping_column = ""  # the indicator column the page's indicator sections group by
    child_label = ""  # what the tasks under a core task are called
    parent_label = ""  # a breadcrumb between the overview and the page, if any
    parent_url_name = ""
    related_label = ""  # the super-regions of a province, the members of a super-region
    related_url_name = ""

    select: Callable[[str, int], selectors.RegionPage | None]

    def get_context_data(self, **kwargs):
        year = _year()
        page = self.select(self.kwargs["short_name"], year)
        if page is None:
            raise Http404("이 이름의 시행계획이 없습니다.")
        self.page = page
        self.download_tables = {
            "fiscal": FiscalTable(page.fiscal.rows, caption="전략별 재정투입"),
            "indicators": IndicatorTable(
                page.indicators,
                year=year,
                exclude=[c for c in ("group", "scope") if c != self.grouping_column],
                caption="성과지표",
            ),
            "findings": FindingTable(page.findings, caption="검토 사항"),
        }
        indicator_tables = [
            (
                section,
                IndicatorTable(
                    section.indicators, year=year, exclude=("group", "scope"), caption=section.title
                ),
            )
            for section in page.indicator_sections
        ]
        return super().get_context_data(
            page=page,
            plan=page.plan,
            organization=page.organization,
            fiscal_table=self.download_tables["fiscal"],
            indicator_tables=indicator_tables,
            finding_table=self.download_tables["findings"],
            **kwargs,
        )

    def _table_key(self) -> str:
        key = self.request.GET.get("table", "fiscal")
        if key not in self.download_tables:
            raise Http404("이 페이지에 그런 표는 없습니다.")
        return key

    def get_table_kwargs(self):
        return {}

    def get_table(self):
        return self.download_tables[self._table_key()]

    def get_dataset_kwargs(self):
        return {"title": self.download_titles[self._table_key()]}

    def get_export_filename(self, export_format):
        plan = self.page.plan
        return f"dream-{plan.year}-{plan.level}-{plan.pk}-{self._table_key()}.{export_format}"


class ProvinceDetailView(RegionDetailView):
    """A province's plan (/provinces/서울/); indicators grouped common / autonomous."""

    grouping_column = "group"
    child_label = "세부과제"
    parent_label = "시·도 지도"
    parent_url_name = "web:map"
    related_label = "소속 초광역권"
    related_url_name = "web:super_region_detail"
    select = staticmethod(selectors.province_page)


class SuperRegionDetailView(RegionDetailView):
    """A super-region's plan (/super-regions/충청권/); indicators grouped by strategy."""

    grouping_column = "scope"
    child_label = "중점 추진 계획"
    related_label = "구성 시·도"
    related_url_name = "web:province_detail"
    select = staticmethod(selectors.super_region_page)


class CompareView(TableDownloadMixin, TemplateView):
    """Provinces side by side (?p=서울&p=부산; none: all 17) on fiscal input and the
    common indicators."""

    template_name = "web/regions/compare.html"

    def get_context_data(self, **kwargs):
        year = _year()
        provinces = selectors.provinces()
        asked = self.request.GET.getlist("p")
        selected = [p for p in provinces if p.short_name in asked] or provinces
        known = {p.short_name for p in provinces}
        rows = selectors.compare_rows(selected, year)
        self.table = CompareTable(rows, year=year, caption="시·도별 재정투입과 공통지표")
        self.year = year
        return super().get_context_data(
            year=year,
            choices=[(p, p in selected) for p in provinces],
            unknown=[name for name in asked if name not in known],
            table=self.table,
            chart=selectors.compare_chart(rows),
            **kwargs,
        )

    def get_table_kwargs(self):
        return {}

    def get_table(self):
        return self.table

    def get_dataset_kwargs(self):
        return {"title": "시·도 비교"}

    def get_export_filename(self, export_format):
        return f"dream-{self.year}-compare.{export_format}"
