"""The findings page (/findings/): what a person should check in the year's document."""

from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from dream.web.filters import FindingFilter
from dream.web.tables import TableDownloadMixin
from dream.web.tables_sectoral import FindingTable
from dream.web.views import requested_year


class FindingListView(TableDownloadMixin, SingleTableMixin, TemplateView):
    """`?severity=error&level=province&owner=서울&code=…&sort=source_line`;
    `&_export=csv|xlsx` downloads the filtered rows."""

    template_name = "web/findings/finding_list.html"
    table_class = FindingTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        self.year = requested_year(request)
        self.filterset = FindingFilter(request.GET, year=self.year)
        self.export_name = f"{self.year}-검토사항"
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            year=self.year,
            filter=self.filterset,
            severity_counts=self.filterset.severity_counts(),
            **kwargs,
        )
