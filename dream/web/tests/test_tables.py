"""Table downloads (dream/web/tables.py): a download reads the table, not the page."""

import django_tables2 as tables
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.generic import ListView, TemplateView
from django_tables2 import SingleTableMixin

from dream.accounts.models import Organization
from dream.web.tables import SOURCE_HEADER, TableDownloadMixin


class NameTable(tables.Table):
    name = tables.Column(verbose_name="이름")


class PageWithoutContext(TableDownloadMixin, SingleTableMixin, TemplateView):
    """A page whose context cannot be built: only a download can answer."""

    table_class = NameTable
    table_pagination = False
    template_name = "unused.html"
    export_name = "시험-이름"

    def get_table_data(self):
        return [{"name": "부산"}, {"name": "=1+1"}]

    def get_context_data(self, **kwargs):
        raise AssertionError("the page's context was built for a download")


class ListPageWithoutContext(TableDownloadMixin, SingleTableMixin, ListView):
    table_class = NameTable
    table_pagination = False
    template_name = "unused.html"
    export_name = "기관"

    def get_queryset(self):
        return Organization.objects.order_by("short_name").values("short_name")

    def get_table_data(self):
        return [{"name": row["short_name"]} for row in self.object_list]

    def get_context_data(self, **kwargs):
        raise AssertionError("the page's context was built for a download")


def download(view, export_format: str):
    return view.as_view()(RequestFactory().get("/", {"_export": export_format}))


def test_a_csv_download_does_not_build_the_page_context():
    response = download(PageWithoutContext, "csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8") == "\ufeff이름\r\n부산\r\n'=1+1\r\n"
    assert (
        "filename*=utf-8''%EC%8B%9C%ED%97%98-%EC%9D%B4%EB%A6%84.csv"
        in (response["Content-Disposition"])
    )
    assert response[SOURCE_HEADER]


def test_an_excel_download_does_not_build_the_page_context():
    response = download(PageWithoutContext, "xlsx")
    assert response.status_code == 200
    assert response.content.startswith(b"PK")


@pytest.mark.django_db
def test_a_list_view_download_reads_its_object_list_without_the_context():
    Organization.objects.create(kind="province", short_name="부산", full_name="부산광역시")
    response = download(ListPageWithoutContext, "csv")
    assert response.content.decode("utf-8") == "\ufeff이름\r\n부산\r\n"


def test_the_page_itself_still_builds_its_context():
    with pytest.raises(AssertionError, match="context was built"):
        PageWithoutContext.as_view()(RequestFactory().get("/"))


@pytest.mark.django_db
def test_the_sectoral_download_runs_a_fraction_of_its_pages_queries(plan_2024, client):
    """16 queries for the page, 6 for the file (2024 plan): no summary, tree or totals."""
    url = reverse("web:sectoral")
    with CaptureQueriesContext(connection) as page:
        client.get(url)
    with CaptureQueriesContext(connection) as download:
        response = client.get(url, {"_export": "csv"})
    assert response.status_code == 200
    assert len(download) < len(page) / 2
