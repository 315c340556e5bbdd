from django.views.generic import TemplateView

from dream.plans.selectors.overview import (
    METRICS,
    findings_summary,
    fiscal_by_source,
    ministries_national_budget,
    national_plan,
    overview_charts,
    plan_counts,
    province_map,
    strategy_shares,
    super_region_names,
)
from dream.web.tables import table_export_response
from dream.web.tables_overview import ProvinceMetricTable, SourceTable, StrategyShareTable
from dream.web.views import year_or_404

TABLE_TITLES = {"sources": "재원별 재정투입", "strategies": "5대 전략별 비중", "map": "시·도 지도"}


def _map_context(request, year: int) -> dict:
    province_map_ = province_map(
        year, request.GET.get("metric", "budget"), request.GET.get("region") or None
    )
    header = f"{province_map_.metric.label}({province_map_.metric.unit})"
    return {
        "province_map": province_map_,
        "metrics": METRICS,
        "super_regions": super_region_names(),
        "map_table": ProvinceMetricTable(province_map_.tiles, metric_header=header),
    }


class OverviewView(TemplateView):
    """The national picture at a glance: money, strategies, counts, map, findings."""

    template_name = "web/overview.html"

    def get(self, request, *args, **kwargs):
        year = year_or_404(request)
        sources, shares = fiscal_by_source(year), strategy_shares(year)
        map_context = _map_context(request, year)  # once: the map's query is the page's dearest
        tables = {
            "sources": SourceTable(sources),
            "strategies": StrategyShareTable(shares),
            "map": map_context["map_table"],
        }
        download = table_export_response(request, tables, str(year), TABLE_TITLES)
        if download:
            return download
        counts, top_findings = findings_summary(year)
        plan_totals = plan_counts(year)
        context = self.get_context_data(
            year=year,
            previous_year=year - 1,
            sources=sources,
            shares=shares,
            source_table=tables["sources"],
            strategy_table=tables["strategies"],
            counts=plan_totals,
            national_budget=ministries_national_budget(year, plan_totals["national_eok"]),
            finding_counts=counts,
            top_findings=top_findings,
            national_plan=national_plan(year),
            chart_data=overview_charts(year, sources, shares),
            **map_context,
        )
        return self.render_to_response(context)


class MapView(TemplateView):
    """The 17 provinces coloured by a metric the reader picks."""

    template_name = "web/map.html"

    def get(self, request, *args, **kwargs):
        year = year_or_404(request)
        context = _map_context(request, year)
        download = table_export_response(
            request,
            {"map": context["map_table"]},
            f"{year}-시·도지도-{context['province_map'].metric.label}",
        )
        if download:
            return download
        return self.render_to_response(self.get_context_data(year=year, **context))
