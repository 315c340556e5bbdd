from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from dream.web.tables import TableDownloadMixin

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
        self.results = search(query=self.query, **self.filters) if self.query else None
        self.export_name = f"검색-{self.query}"
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.results.hits if self.results else []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_query=self.query, filters=self.filters, results=self.results, **kwargs
        )
