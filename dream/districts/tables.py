"""Tables of the district pages, with Korean headers for display and download.

Columns marked `visible=False` are not shown on the page (it stays narrow enough for a
phone) but are in the downloads.
"""

import django_tables2 as tables
from django.utils.html import format_html

from dream.web.tables_overview import NumberColumn
from dream.web.templatetags.dream_format import figure

from .models import DistrictMeasure, InnovationDistrict, StageChange
from .selectors import stage2_example_checks


class LatestCountColumn(NumberColumn):
    """The newest count in 개 with its year beside it on the page; the bare number in
    downloads."""

    def __init__(self, verbose_name, *, year_accessor: str, **kwargs):
        super().__init__(verbose_name, **kwargs)
        self.year_accessor = year_accessor

    def render(self, value, record):
        year = getattr(record, self.year_accessor)
        return format_html('{} <small class="muted">({}년)</small>', figure(value, "개"), year)


class DistrictTable(tables.Table):
    caption = "디지털 혁신지구 목록"
    province = tables.Column(
        "시·도", accessor="province__short_name", order_by=("province__position", "name")
    )
    name = tables.Column("이름", linkify=True)
    stage = tables.Column("단계")
    latest_firms = LatestCountColumn("디지털 기업 수(최신)", year_accessor="latest_firms_year")
    latest_firms_year = tables.Column("디지털 기업 수 연도", visible=False)
    latest_labs = LatestCountColumn("글로벌 수준 연구실 수(최신)", year_accessor="latest_labs_year")
    latest_labs_year = tables.Column("연구실 수 연도", visible=False)
    stage2_examples = tables.Column(
        "2단계 예시 기준(원문 l.1072, DREAM 계산)", accessor="pk", orderable=False
    )
    designated_on = tables.DateColumn(verbose_name="지정일", format="Y-m-d")
    location = tables.Column("위치", visible=False)
    operator = tables.Column("운영기관", visible=False)
    anchor_facilities = tables.Column("앵커시설", visible=False)

    def render_stage2_examples(self, record):
        """Each example threshold's status: 충족 / 미충족 / 자료 없음 (never a stage change)."""
        return " · ".join(
            f"{check.label} {check.threshold:,}개: {check.status}"
            for check in stage2_example_checks(record)
        )

    def value_stage2_examples(self, record):
        return self.render_stage2_examples(record)

    class Meta:
        model = InnovationDistrict
        fields = ()
        attrs = {"class": "districts"}
        default = "–"
        empty_text = "조건에 맞는 디지털 혁신지구가 없습니다."


class MeasureTable(tables.Table):
    caption = "연도별 측정값"
    province = tables.Column("시·도", accessor="district__province__short_name")
    district = tables.Column("디지털 혁신지구", accessor="district__name")
    label = tables.Column("항목", order_by=("kind", "name"))
    year = tables.Column("연도")
    value = NumberColumn("값")
    unit = tables.Column("단위")
    source = tables.Column("출처")
    observed_on = tables.DateColumn(verbose_name="기준일", format="Y-m-d")
    recorded_at = tables.DateTimeColumn(verbose_name="기록 일시", format="Y-m-d H:i", visible=False)

    class Meta:
        model = DistrictMeasure
        fields = ()
        orderable = False
        attrs = {"class": "measures"}
        default = "–"
        empty_text = "기록된 측정값이 없습니다."


class StageChangeTable(tables.Table):
    caption = "단계 변경 이력"
    decided_on = tables.DateColumn(verbose_name="결정일", format="Y-m-d")
    from_stage = tables.Column("이전 단계", empty_values=())
    to_stage = tables.Column("바뀐 단계")
    decision = tables.Column("결정 내용")
    decided_by_body = tables.Column("결정 기관")
    recorded_at = tables.DateTimeColumn(verbose_name="기록 일시", format="Y-m-d H:i")

    def render_from_stage(self, record):
        """The first entry has no stage before it: it is the registration."""
        return record.get_from_stage_display() or "(등록)"

    class Meta:
        model = StageChange
        fields = ()
        orderable = False
