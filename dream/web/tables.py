"""Shared pieces for the public tables: export with Korean headers, CSV that Excel reads,
file names made of words, the documents a download comes from, and the one check of
`?_export=` and `?table=` that every page with a download uses."""

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import django_tables2 as tables
from django.utils.http import content_disposition_header
from django.views.generic.list import MultipleObjectMixin
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin, TableExport
from openpyxl import load_workbook

from dream.core.spreadsheets import excel_safe, formula_safe
from dream.opendata.services import SourceDocument
from dream.web.middleware import InvalidRequest
from dream.web.sources import page_sources

EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Download:
    format: str  # csv or xlsx
    table: str  # the `?table=` name, "" on a page with one table


def requested_download(request, table_names: Sequence[str] = ()) -> Download | None:
    """The download a request asks for, None without `?_export=`.

    Only CSV and Excel are served (tablib's other formats are not ours to promise); on a
    page with several tables `?table=` must name one of them (the first by default), so no
    stray text reaches the file name. Anything else is a Korean 400.
    """
    export_format = request.GET.get("_export")
    if export_format is None:
        return None
    if export_format not in EXPORT_FORMATS:
        raise InvalidRequest("내려받기 형식은 CSV(csv) 또는 Excel(xlsx)만 있습니다.")
    if not table_names:
        return Download(export_format, "")
    table = request.GET.get("table") or table_names[0]
    if table not in table_names:
        raise InvalidRequest(
            f"이 페이지에서 내려받을 수 있는 표(table)는 {', '.join(table_names)}입니다."
        )
    return Download(export_format, table)


_NOT_IN_FILE_NAME = re.compile(r"[^\w·()]+")
SOURCE_HEADER = "X-DREAM-Source"
SOURCE_SHEET = "출처"


def download_filename(*parts: object, export_format: str) -> str:
    """`2024-부산-재정투입.csv`: the year and the page's subject in words joined by "-".

    Each part keeps only letters, digits, "_", "·" and brackets (spaces go), so a search
    word or a name cannot carry a path, quote or control character into the file name;
    content_disposition_header then sends the Korean safely (RFC 6266 `filename*`).
    """
    words = [_NOT_IN_FILE_NAME.sub("", str(part))[:40] for part in parts]
    return "-".join(word for word in words if word) + f".{export_format}"


class KoreanTableExport(TableExport):
    """CSV with a byte-order mark, so Excel opens Korean text as UTF-8. Text that starts
    like a formula goes out with a `'` in front, in CSV and Excel alike, so it stays text
    (an Excel cell holding it is a string cell); numbers stay numbers. Excel files cannot
    hold most control characters; those show as "\ufffd" there."""

    def __init__(self, *args, sources: Sequence[SourceDocument] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = tuple(sources)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in EXPORT_FORMATS

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        safe = excel_safe if self.format == self.XLSX else formula_safe
        for index in range(dataset.height):
            dataset[index] = [safe(value) for value in dataset[index]]
        return dataset

    def export(self):
        content = super().export()
        if self.format == self.CSV:
            return "\ufeff" + content
        if self.sources:
            return self._with_source_sheet(content)
        return content

    def _with_source_sheet(self, content: bytes) -> bytes:
        """The documents go on a sheet of their own, so the table's sheet stays one
        header row and its data (a CSV keeps them in the `X-DREAM-Source` header)."""
        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.create_sheet(SOURCE_SHEET)
        sheet.append(["자료", "비고"])
        for document in self.sources:
            sheet.append([f"「{document.title}」", document.note])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def response(self, filename=None):
        response = super().response()
        if filename is not None:
            response["Content-Disposition"] = content_disposition_header(True, filename)
        if self.sources:
            # UTF-8, percent-encoded like `filename*`: header values must be ASCII.
            citations = "; ".join(document.citation for document in self.sources)
            response[SOURCE_HEADER] = quote(citations)
        return response


class TableDownloadMixin(ExportMixin):
    """`?_export=csv` or `?_export=xlsx` on any table view downloads what the table shows
    (all rows, not one page), with the Korean column headers, named `export_name` in
    words (see download_filename) and citing the documents of the page."""

    export_class = KoreanTableExport
    export_formats = EXPORT_FORMATS
    export_name = "DREAM"
    # A page with several tables names them here; `self.download.table` is the one asked.
    table_names: Sequence[str] = ()

    def dispatch(self, request, *args, **kwargs):
        self.download = requested_download(request, self.table_names)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        """A download from a view whose table comes from `get_table_data`
        (SingleTableMixin) answers before the page's context is built: the file holds the
        table only, so the summary, tree and counts the page shows are never read. Views
        that build their tables in `get_context_data` (the region pages) export after it."""
        if self.download is not None and isinstance(self, SingleTableMixin):
            if isinstance(self, MultipleObjectMixin):
                self.object_list = self.get_queryset()
            return self.create_export(self.download.format)
        return super().get(request, *args, **kwargs)

    def get_export_filename(self, export_format):
        return download_filename(*self.export_name.split("-"), export_format=export_format)

    def create_export(self, export_format):
        exporter = self.export_class(
            export_format=export_format,
            table=self.get_table(**self.get_table_kwargs()),
            exclude_columns=self.exclude_columns,
            dataset_kwargs=self.get_dataset_kwargs(),
            sources=page_sources(self.request),
        )
        return exporter.response(filename=self.get_export_filename(export_format))


def table_export_response(
    request,
    by_name: Mapping[str, tables.Table | Callable[[], tables.Table]],
    name: str,
    titles: Mapping[str, str] | None = None,
):
    """The download the request asks for (`?_export=csv|xlsx`, with `&table=` on a page
    with several tables, the first by default), else None.

    `by_name` maps each `?table=` name to its table, or to a function that builds it only
    when downloaded; the file is `name` and, if there are several, the table's title in
    `titles` (else its `?table=` name), in words (download_filename), with the format.
    """
    download = requested_download(request, tuple(by_name) if len(by_name) > 1 else ())
    if download is None:
        return None
    table = by_name[download.table or next(iter(by_name))]
    if callable(table):
        table = table()
    title = (titles or {}).get(download.table, download.table)
    exporter = KoreanTableExport(
        export_format=download.format, table=table, sources=page_sources(request)
    )
    return exporter.response(
        filename=download_filename(*name.split("-"), title, export_format=download.format)
    )


class CaptionedTable(tables.Table):
    """A table laid out by its selector (not sortable), "–" in empty cells, and a caption
    that web/table.html gives screen readers. Subclasses repeat `class Meta(….Meta)`:
    django-tables2 reads only a table's own Meta."""

    def __init__(self, data, *, caption="", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    class Meta:
        orderable = False
        default = "–"
