"""The links as a table, for the CSV and Excel downloads."""

from decimal import Decimal

import django_tables2 as tables

from dream.ingest.numbers import plain
from dream.plans.models import Task

from .models import TaskLink
from .selectors import task_owner_label


class TaskLinkTable(tables.Table):
    """One row per link: both tasks, whose plan, the match and the decision."""

    area = tables.Column("디지털 세부분야", accessor="digital_task__area__code")
    digital_task = tables.Column("디지털 과제", accessor="digital_task__name")
    level = tables.Column("시행계획 수준", accessor="task__plan__level")
    owner = tables.Column("수립 주체·담당 부처", accessor="task", empty_values=())
    kind = tables.Column("과제 종류", accessor="task__kind")
    task = tables.Column("시행계획 과제", accessor="task__name")
    national_budget_eok = tables.Column("국비(억원)", accessor="task__national_budget_eok")
    status = tables.Column("상태")
    score = tables.Column("유사도")
    shared_words = tables.Column("공유 낱말")
    manual = tables.BooleanColumn("직접 추가")
    decided_by = tables.Column("결정자", accessor="decided_by__username")
    decided_at = tables.DateTimeColumn(verbose_name="결정 시각", format="Y-m-d H:i")
    note = tables.Column("메모")

    class Meta:
        model = TaskLink
        fields = ()
        orderable = False

    def value_owner(self, value: Task) -> str:
        return task_owner_label(value)

    def value_national_budget_eok(self, value: Decimal | None) -> Decimal | int | None:
        """As printed: 93.5, not the column's 93.50."""
        return plain(value)

    def value_level(self, record: TaskLink) -> str:
        return record.task.plan.get_level_display()

    def value_kind(self, record: TaskLink) -> str:
        return record.task.get_kind_display()

    def value_status(self, record: TaskLink) -> str:
        return record.get_status_display()
