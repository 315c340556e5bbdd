"""The search hits as a table, for the CSV and Excel downloads of a search."""

import django_tables2 as tables


class SearchHitTable(tables.Table):
    """Columns of a downloaded search: what each hit is, whose plan, and where to read it."""

    kind_label = tables.Column("구분")
    level_label = tables.Column("수준")
    owner = tables.Column("수립 주체")
    strategy_code = tables.Column("전략 번호")
    strategy_name = tables.Column("전략명")
    title = tables.Column("제목")
    context = tables.Column("상위 과제·설명")
    url = tables.Column("주소")

    class Meta:
        orderable = False

    def value_url(self, value):
        """Full addresses, so the downloaded file links back to the site."""
        request = getattr(self, "request", None)
        return request.build_absolute_uri(value) if request else value
