"""Shared pieces for the public tables: export with Korean headers, CSV that Excel reads."""

import django_tables2 as tables
from django_tables2.export import ExportMixin, TableExport


class KoreanTableExport(TableExport):
    """CSV with a byte-order mark, so Excel opens Korean text as UTF-8."""

    def export(self):
        content = super().export()
        if self.format == self.CSV:
            return "\ufeff" + content
        return content


class TableDownloadMixin(ExportMixin):
    """`?_export=csv` or `?_export=xlsx` on any table view downloads what the table shows
    (all rows, not one page), with the Korean column headers."""

    export_class = KoreanTableExport
    export_formats = ("csv", "xlsx")
    export_name = "dream"

    def get_export_filename(self, export_format):
        return f"{self.export_name}.{export_format}"


def table_export_response(request, table, name: str):
    """The download of one table when the request asks for `?_export=csv|xlsx`, else None.

    For pages with several tables: each download link names its table with `?table=`.
    """
    export_format = request.GET.get("_export")
    if not KoreanTableExport.is_valid_format(export_format):
        return None
    exporter = KoreanTableExport(export_format=export_format, table=table)
    return exporter.response(filename=f"{name}.{export_format}")


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
