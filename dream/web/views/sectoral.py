"""The ministries' sectoral plan (/sectoral/): totals against the printed 합계 rows,
the practical-task table (sortable, filterable, downloadable) and the task tree."""

from django.shortcuts import redirect
from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from dream.accounts.selectors import ministry_named
from dream.cycle.sectoral import sectoral_compilation
from dream.cycle.selectors import plan_changes_from_previous_year, version_steps
from dream.plans.selectors.sectoral import sectoral_plan, sectoral_summary, task_tree
from dream.web.filters import PracticalTaskFilter
from dream.web.tables import TableDownloadMixin
from dream.web.tables_sectoral import PracticalTaskTable
from dream.web.views import YEAR_PARAMETER, requested_year


class SectoralView(TableDownloadMixin, SingleTableMixin, TemplateView):
    """`?strategy=3&ministry=과기정통부&budget_min=&budget_max=&name=&sort=-national_budget_eok`;
    `&_export=csv|xlsx` downloads the filtered rows."""

    template_name = "web/sectoral/sectoral.html"
    table_class = PracticalTaskTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        """Another printed name or the official name of a ministry (?ministry=과기부,
        ?ministry=과학기술정보통신부) redirects to the filter by its short name."""
        self.year = requested_year(request)
        self.plan = sectoral_plan(self.year)
        if self.plan is None and not request.GET.get(YEAR_PARAMETER):
            # Not asked for a year: the newest published sectoral plan, when the newest
            # year has none yet (the ministries not yet resolved in that cycle).
            for year in request.plan_years[1:]:
                if plan := sectoral_plan(year):
                    self.year, self.plan, request.plan_year = year, plan, year
                    break
        self.filterset = PracticalTaskFilter(request.GET, plan=self.plan)
        if "ministry" in self.filterset.form.errors:  # not a short name on the page
            asked = request.GET["ministry"]
            ministry = ministry_named(asked)
            if ministry is not None and ministry.short_name != asked:
                query = request.GET.copy()
                query["ministry"] = ministry.short_name
                return redirect(f"{request.path}?{query.urlencode()}")
        self.export_name = f"{self.year}-부문별-실천과제"
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            year=self.year,
            plan=self.plan,
            compilation=sectoral_compilation(self.plan),
            filter=self.filterset,
            summary=sectoral_summary(self.plan),
            tree=task_tree(self.plan),
            year_changes=plan_changes_from_previous_year(self.plan) if self.plan else None,
            version_steps=version_steps(self.plan) if self.plan else [],
            **kwargs,
        )
