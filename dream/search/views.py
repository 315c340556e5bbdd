from dataclasses import replace

from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from dream.web.tables import TableDownloadMixin
from dream.web.views import in_year, requested_year, year_query

from .selectors import search
from .tables import SearchHitTable

FILTERS = ("level", "owner", "strategy")


class SearchView(TableDownloadMixin, SingleTableMixin, TemplateView):
    """/search/?q=…&level=…&owner=…&strategy=…: the hits of one search, shareable by address;
    `_export=csv` or `_export=xlsx` downloads them."""

    template_name = "search/search.html"
    table_class = SearchHitTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()
        self.filters = {name: request.GET.get(name, "").strip() or None for name in FILTERS}
        year = requested_year(request)
        self.results = search(query=self.query, year=year, **self.filters) if self.query else None
        if self.results:
            query = year_query(request)
            self.results.hits = [
                replace(hit, url=in_year(hit.url, query)) if hit.owner else hit
                for hit in self.results.hits
            ]
        self.export_name = f"검색-{self.query}"
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.results.hits if self.results else []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_query=self.query, filters=self.filters, results=self.results, **kwargs
        )
