"""The pages of one province's or super-region's plan, and the province comparison.

A plan page has three tables; `?table=fiscal|indicators|findings` names the one that
`?_export=csv|xlsx` downloads (default `fiscal`). The comparison has one table.
"""

from collections.abc import Callable

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from dream.accounts.choices import OrganizationKind
from dream.cycle.selectors import plan_changes_from_previous_year, version_steps
from dream.plans.selectors import regions as selectors
from dream.web.tables import TableDownloadMixin, download_filename
from dream.web.tables_regions import CompareTable, FindingTable, FiscalTable, IndicatorTable
from dream.web.views import YEAR_PARAMETER, year_or_404, year_query


class RegionDetailView(TableDownloadMixin, TemplateView):
    """One plan: goal, strategies, task tree, fiscal input, indicators, findings."""

    template_name = "web/regions/region_detail.html"
    download_titles = {"fiscal": "재정투입", "indicators": "성과지표", "findings": "검토 사항"}
    table_names = tuple(download_titles)
    # Set by the subclasses; the template reads the labels from `view`.
    grouping_column = ""  # the indicator column the page's indicator sections group by
    child_label = ""  # what the tasks under a core task are called
    parent_label = ""  # a breadcrumb between the overview and the page, if any
    parent_url_name = ""
    related_label = ""  # the super-regions of a province, the members of a super-region
    related_url_name = ""

    select: Callable[[str, int], selectors.RegionPage | None]
    organization_kind = ""
    url_name = ""

    def get(self, request, *args, **kwargs):
        """A full official name or a spacing variant (/provinces/서울특별시/) redirects to
        the page's address under the short name (/provinces/서울/)."""
        asked = kwargs["short_name"]
        short_name = selectors.canonical_short_name(self.organization_kind, asked)
        if short_name is not None and short_name != asked:
            query = request.META.get("QUERY_STRING", "")
            return redirect(
                reverse(self.url_name, args=[short_name]) + (f"?{query}" if query else "")
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = year_or_404(self.request)
        page = self.select(self.kwargs["short_name"], year)
        if page is None and not self.request.GET.get(YEAR_PARAMETER):
            # Not asked for a year: the body's newest published plan, when the newest
            # year has none of it (bodies not yet resolved in that cycle).
            for year in self.request.plan_years[1:]:
                if page := self.select(self.kwargs["short_name"], year):
                    self.request.plan_year = year
                    break
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
            year_changes=plan_changes_from_previous_year(page.plan),
            version_steps=version_steps(page.plan),
            **kwargs,
        )

    def get_table_kwargs(self):
        return {}

    def get_table(self):
        return self.download_tables[self.download.table]

    def get_dataset_kwargs(self):
        return {"title": self.download_titles[self.download.table]}

    def get_export_filename(self, export_format):
        return download_filename(
            self.page.plan.year,
            self.page.organization.short_name,
            self.download_titles[self.download.table],
            export_format=export_format,
        )


class ProvinceDetailView(RegionDetailView):
    """A province's plan (/provinces/서울/); indicators grouped common / autonomous."""

    grouping_column = "group"
    child_label = "세부과제"
    parent_label = "시·도 지도"
    parent_url_name = "web:map"
    related_label = "소속 초광역권"
    related_url_name = "web:super_region_detail"
    organization_kind = OrganizationKind.PROVINCE
    url_name = "web:province_detail"
    select = staticmethod(selectors.province_page)


class SuperRegionDetailView(RegionDetailView):
    """A super-region's plan (/super-regions/충청권/); indicators grouped by strategy."""

    grouping_column = "scope"
    child_label = "중점 추진 계획"
    related_label = "구성 시·도"
    related_url_name = "web:province_detail"
    organization_kind = OrganizationKind.SUPER_REGION
    url_name = "web:super_region_detail"
    select = staticmethod(selectors.super_region_page)


class CompareView(TableDownloadMixin, TemplateView):
    """Provinces side by side (?p=서울&p=부산; none: all 17) on fiscal input and the
    common indicators."""

    template_name = "web/regions/compare.html"

    def get_context_data(self, **kwargs):
        year = year_or_404(self.request)
        provinces = selectors.provinces()
        asked = self.request.GET.getlist("p")
        # Full official names (?p=서울특별시) choose the same province as short names.
        names = selectors.short_names_by_name(OrganizationKind.PROVINCE)
        chosen = {names.get(selectors.name_key(name)) for name in asked}
        selected = [p for p in provinces if p.short_name in chosen] or provinces
        rows = selectors.compare_rows(selected, year)
        self.table = CompareTable(
            rows,
            year=year,
            caption="시·도별 재정투입과 공통지표",
            link_query=year_query(self.request),
        )
        self.year = year
        return super().get_context_data(
            year=year,
            choices=[(p, p in selected) for p in provinces],
            unknown=[name for name in asked if selectors.name_key(name) not in names],
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
        return download_filename(self.year, "시·도 비교", export_format=export_format)
