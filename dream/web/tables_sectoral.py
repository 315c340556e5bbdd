"""Tables of the sectoral plan page and the findings page (django-tables2).

Every column sorts on the server; ties keep document order (the source line), and a
descending sort is the exact reverse of the ascending one. Hidden columns are only in
the CSV / Excel downloads.
"""

import re
from decimal import Decimal

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from dream.ingest.numbers import amount_text, plain
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task
from dream.web.indicator_notes import NEW_BADGE, is_shown_as_new, target_note_html
from dream.web.source_text import source_link
from dream.web.views import in_year, year_query

PLAN_PAGES = {
    PlanLevel.PROVINCE: "web:province_detail",
    PlanLevel.SUPER_REGION: "web:super_region_detail",
}


class LabelledColumn(tables.Column):
    """A shown column whose cells carry their header as `data-label`, so that narrow
    screens can show each row as a stack of "header: value" lines (table.stack);
    `num` right-aligns numbers."""

    def __init__(self, verbose_name: str, *, num: bool = False, **kwargs):
        align = {"class": "num"} if num else {}
        labelled = {**align, "data-label": verbose_name}
        attrs = {"th": align, "td": labelled, "tf": labelled}
        super().__init__(verbose_name, attrs=attrs, **kwargs)


def _footer_sum(field: str, unit: str = ""):
    """A footer adding one field over the rows shown, so filtered tables total what they show;
    counts carry their counter word ("436개"), amounts their column's unit."""

    def footer(table) -> str:
        return f"{amount_text(sum(getattr(row, field) or 0 for row in table.data))}{unit}"

    return footer


def ministry_names(task: Task) -> str:
    """The responsible ministries joined in printed order (needs the selector's prefetch)."""
    return ", ".join(link.ministry.short_name for link in task.ordered_ministry_links)


_BARE_TARGET = re.compile(r"^([\d,.]+)(?=[\s(]|$)")


def _target_note(indicator) -> str:
    """The "→ 2024년 5개소" after a target's name, as the document prints the target; a
    target printed as a bare number ("4(누적)", the unit being in the name) gets the
    indicator's unit ("4개(누적)"), or a note that the plan prints none; other targets are
    the plan's words, quoted."""
    if not indicator.target_text:
        return ""
    year = f"{indicator.target_year}년 " if indicator.target_year else ""
    target = indicator.target_text
    if not _BARE_TARGET.match(target):
        return format_html(
            ' <span class="muted">→ {}<span data-verbatim>{}</span></span>', year, target
        )
    unit = indicator.unit or " (단위 미표기)"
    target = _BARE_TARGET.sub(lambda m: m[1] + unit, target, count=1)
    return format_html(' <span class="muted">→ {}{}</span>', year, target)


def _key_target(indicator) -> str:
    """What follows a key target's name: "신규" for a new one, the target, and the note
    the plan prints beside it ("(‘24년 신규)")."""
    new = format_html(" {}", NEW_BADGE) if is_shown_as_new(indicator) else ""
    return format_html("{}{}{}", new, _target_note(indicator), target_note_html(indicator))


class PracticalTaskTable(tables.Table):
    """The ministries' practical tasks: one row each, anchored as #task-<pk> for search links."""

    strategy = LabelledColumn(
        "전략",
        accessor="strategy__code",
        order_by=("strategy__position", "source_line"),
        footer="합계",
    )
    core_task = LabelledColumn(
        "핵심과제", accessor="parent", order_by=("parent__source_line", "source_line")
    )
    practical_task = LabelledColumn(
        "실천과제",
        accessor="name",
        order_by=("name", "source_line"),
        footer=lambda table: f"{len(table.data)}개",
    )
    ministries = LabelledColumn(
        "부처",
        accessor="lead_ministry",
        order_by=("lead_ministry", "source_line"),
        empty_values=(),
    )
    project_count = LabelledColumn(
        "사업 수",
        num=True,
        order_by=("project_count", "source_line"),
        footer=_footer_sum("project_count", "개"),
    )
    national_budget_eok = LabelledColumn(
        "국비(억원)",
        num=True,
        order_by=("budget_value", "source_line"),
        empty_values=(),
        footer=_footer_sum("national_budget_eok"),
    )
    target_count = LabelledColumn(
        "성과지표 수",
        num=True,
        order_by=("target_count", "source_line"),
        footer=_footer_sum("target_count", "개"),
    )
    strategy_name = tables.Column("전략명", accessor="strategy__name", visible=False)
    national_budget_text = tables.Column("국비(원문)", visible=False)
    source_line = tables.Column("원문 줄", visible=False)

    class Meta:
        attrs = {"class": "tasks stack", "aria-describedby": "tasks-note"}
        row_attrs = {"id": lambda record: f"task-{record.pk}"}
        empty_text = "조건에 맞는 실천과제가 없습니다."

    def render_core_task(self, value: Task) -> str:
        return f"{value.code} {value.name}"

    def render_practical_task(self, record: Task) -> str:
        """Code, name and the folded key targets. Built with format_html rather than a
        template per row: 68 template renders were a third of the page's time."""
        cell = format_html("<strong>{}</strong> {}", record.code, record.name)
        if not record.key_targets:
            return cell
        targets = format_html_join(
            "",
            '<li id="indicator-{}"><span data-verbatim>{}</span>{}</li>',
            ((i.pk, i.name, _key_target(i)) for i in record.key_targets),
        )
        return format_html(
            '{}<details class="targets"><summary>성과지표 {}개</summary><ul>{}</ul></details>',
            cell,
            len(record.key_targets),
            targets,
        )

    def value_practical_task(self, record: Task) -> str:
        return f"{record.code} {record.name}"

    def render_ministries(self, record: Task) -> str:
        """Each ministry by its one short name, linked to its page across both plans."""
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("web:organization_detail", args=[link.ministry.short_name]), link.ministry)
                for link in record.ordered_ministry_links
            ),
        )

    def value_ministries(self, record: Task) -> str:
        return ministry_names(record)

    def render_project_count(self, value: int) -> str:
        return f"{value:,}개"

    def value_project_count(self, value: int) -> int:
        return value

    def render_target_count(self, value: int) -> str:
        return f"{value:,}개"

    def value_target_count(self, value: int) -> int:
        return value

    def render_national_budget_eok(self, record: Task) -> str:
        """The amount, linked to the line of the document it was read from."""
        if record.national_budget_eok is None:
            shown = record.national_budget_text or "-"
        else:
            shown = amount_text(record.national_budget_eok)
        return source_link(record, shown, record.national_budget_text)

    def value_national_budget_eok(self, record: Task) -> Decimal | int | None:
        """As printed: 93.5 (not 93.50), 1234 (not 1234.00) in the CSV and Excel files."""
        return plain(record.national_budget_eok)


def plan_url(plan: Plan) -> str:
    """The page of a plan: its province or super-region page; the Committee's plans
    (national, sectoral) lead to the sectoral page."""
    if plan.level in PLAN_PAGES:
        return reverse(PLAN_PAGES[plan.level], args=[plan.owner.short_name])
    return reverse("web:sectoral")


def plan_label(plan: Plan) -> str:
    """A province or super-region by its name; the Committee's plans by their level."""
    if plan.level in PLAN_PAGES:
        return plan.owner.short_name
    return f"{plan.get_level_display()} 시행계획"


class FindingTable(tables.Table):
    """Findings of a year, errors first unless sorted otherwise."""

    severity = LabelledColumn("심각도", order_by=("severity_rank", "source_line"))
    kind = LabelledColumn("종류", accessor="code", order_by=("code", "source_line"))
    code = tables.Column("코드", visible=False)
    plan = LabelledColumn("시행계획", order_by=("plan__source_line", "source_line"))
    message = LabelledColumn("내용", order_by=("message", "source_line"))
    source_line = LabelledColumn("원문 줄", num=True)
    level = tables.Column("계획 수준", accessor="plan__level", visible=False)

    class Meta:
        attrs = {"class": "findings stack"}
        order_by = ("severity",)
        empty_text = "조건에 맞는 검토 사항이 없습니다."

    def render_severity(self, record) -> str:
        return format_html(
            '<span class="badge {}">{}</span>', record.severity, record.get_severity_display()
        )

    def render_message(self, value: str) -> str:
        """The reader's words quoting the document's figures as printed; the unit check of
        the pages (tests/bare_numbers.py) reads it as a quotation."""
        return format_html("<span data-verbatim>{}</span>", value)

    def value_message(self, value: str) -> str:
        return value

    def value_severity(self, record) -> str:
        return record.get_severity_display()

    def render_kind(self, record) -> str:
        """The Korean label; the stable code beside it, for data users."""
        return format_html(
            '{} <code class="muted">{}</code>', record.get_code_display(), record.code
        )

    def value_kind(self, record) -> str:
        return record.get_code_display()

    def render_source_line(self, value: int, record) -> str:
        return source_link(record, str(value))

    def value_source_line(self, value: int) -> int:
        return value

    def value_code(self, value: str) -> str:
        return value

    def render_plan(self, value: Plan) -> str:
        url = in_year(plan_url(value), year_query(self.request) if hasattr(self, "request") else "")
        return format_html('<a href="{}">{}</a>', url, plan_label(value))

    def value_plan(self, value: Plan) -> str:
        return plan_label(value)

    def render_level(self, record) -> str:
        return record.plan.get_level_display()
