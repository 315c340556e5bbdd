"""The cycle's tables with Korean headers (page and CSV/Excel download alike)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from dream.web.tables import CaptionedTable

NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}
# Account names are data, often in Latin letters: quoted, not labels.
VERBATIM = {"td": {"translate": "no"}}


class BoardTable(CaptionedTable):
    """One row per body: its kind, state, timeliness, local deliberation and findings."""

    body = tables.Column("기관", accessor="submission__organization__short_name")
    kind = tables.Column("구분", accessor="submission__organization")
    state = tables.Column("상태", accessor="submission")
    submitted_at = tables.Column("처음 제출한 때", accessor="submission__submitted_at")
    timeliness = tables.Column("기한 준수")
    local_resolution = tables.Column("시·도 위원회 심의일")
    findings = tables.Column("검토 사항(건)", attrs=NUMERIC)
    open_remarks = tables.Column("답 없는 의견(건)", attrs=NUMERIC)

    class Meta(CaptionedTable.Meta):
        empty_text = "이 수립 주기에 제출 기관이 없습니다."

    def __init__(self, data, *, viewable: set[int], **kwargs):
        """viewable: ids of the submissions whose page the visitor may open."""
        super().__init__(data, **kwargs)
        self.viewable = viewable

    def render_body(self, value, record):
        submission = record.submission
        if submission.pk not in self.viewable:
            return value
        url = reverse("cycle:submission_detail", args=[submission.cycle.year, value])
        return format_html('<a href="{}">{}</a>', url, value)

    def value_body(self, value):
        return value

    def render_findings(self, value, record):
        """A draft's checks and remarks are its body's and the Committee's business."""
        return value if record.submission.pk in self.viewable else "–"

    def value_findings(self, value, record):
        return value if record.submission.pk in self.viewable else ""

    render_open_remarks = render_findings
    value_open_remarks = value_findings

    def render_kind(self, value):
        return value.get_kind_display()

    def value_kind(self, value):
        return value.get_kind_display()

    def render_state(self, value):
        return format_html(
            '<span class="badge state-{}">{}</span>', value.state, value.get_state_display()
        )

    def value_state(self, value):
        return value.get_state_display()

    def render_submitted_at(self, value):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"

    def value_submitted_at(self, value):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


class EventTable(CaptionedTable):
    """A submission's steps, oldest first: when, what, from → to, who, why."""

    at = tables.Column("처리한 때")
    action = tables.Column("처리")
    change = tables.Column("상태 변화", accessor="to_state", empty_values=())
    actor = tables.Column("처리한 사람", attrs=VERBATIM)
    comment = tables.Column("의견")

    class Meta(CaptionedTable.Meta):
        empty_text = "아직 처리 기록이 없습니다."

    def render_at(self, value):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"

    def value_at(self, value):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"

    def render_action(self, record):
        return record.get_action_display()

    def value_action(self, record):
        return record.get_action_display()

    def render_change(self, record):
        if record.from_state == record.to_state:
            return record.get_to_state_display()
        return f"{record.get_from_state_display()} → {record.get_to_state_display()}"

    def value_change(self, record):
        return self.render_change(record)

    def render_actor(self, value):
        return value.get_full_name() or value.get_username()

    def value_actor(self, value):
        return self.render_actor(value)
