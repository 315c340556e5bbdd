"""The forms of the draft editor. They only bound and shape the input: amounts stay text
so that the services read them and say in Korean what they refuse (억원, two decimals)."""

from django import forms

from dream.indicators.choices import IndicatorDirection
from dream.plans.choices import BudgetSource, TaskKind

from .drafting import BUDGET_TASK_KINDS, CHILD_KINDS

# The budget grid's columns, in the order of the printed tables, 국비 split beside 국비.
GRID_SOURCES = (
    BudgetSource.NATIONAL,
    BudgetSource.NATIONAL_GENERAL,
    BudgetSource.NATIONAL_BALANCED,
    BudgetSource.NATIONAL_OTHER,
    BudgetSource.LOCAL,
    BudgetSource.PRIVATE,
    BudgetSource.TOTAL,
)
ANY_PARENT = object()


def _amount_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
    )


class GoalForm(forms.Form):
    goal = forms.CharField(
        label="목표", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class StrategyForm(forms.Form):
    name = forms.CharField(label="전략명", max_length=500)


class TaskForm(forms.Form):
    name = forms.CharField(label="과제명", max_length=500)
    description = forms.CharField(
        label="내용", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BudgetTaskForm(TaskForm):
    """A practical task or project line also carries its 국비."""

    national_budget_eok = _amount_field("국비(억원)")


class TaskAddForm(forms.Form):
    """A new task under a strategy (`strategy`) or under a task (`parent`)."""

    name = forms.CharField(label="과제명", max_length=500)
    kind = forms.ChoiceField(label="종류", choices=TaskKind.choices)
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    strategy = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    national_budget_eok = _amount_field("국비(억원)")

    def __init__(self, *args, parent_kind: str | None | object = ANY_PARENT, **kwargs):
        """`parent_kind` narrows the kinds offered (None: under a strategy); a posted form
        takes any kind, and the service says which ones fit."""
        super().__init__(*args, **kwargs)
        if parent_kind is ANY_PARENT:
            return
        kinds = CHILD_KINDS.get(parent_kind, ())
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        if not any(k in BUDGET_TASK_KINDS for k in kinds):
            del self.fields["national_budget_eok"]


class BudgetRowForm(forms.Form):
    """One row of the grid: a strategy's (or the plan's) money by source. A cell sent
    empty removes its amount (0 is an amount); a cell not sent leaves it as it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for source in GRID_SOURCES:
            self.fields[source.value] = _amount_field(f"{source.label}(억원)")


class IndicatorForm(forms.Form):
    name = forms.CharField(label="지표명", max_length=500)
    unit = forms.CharField(label="단위", required=False, max_length=30)
    baseline_text = forms.CharField(label="기준값", required=False, max_length=100)
    target_text = forms.CharField(label="목표값", required=False, max_length=500)
    direction = forms.ChoiceField(
        label="방향",
        required=False,
        choices=[("", "정하지 않음"), *IndicatorDirection.choices],
    )


class IndicatorAddForm(IndicatorForm):
    task = forms.TypedChoiceField(label="연결 과제", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", "연결하지 않음")] + [
            (task.pk, f"{task.code} {task.name}".strip()[:80]) for task in tasks
        ]


class TaskMoveForm(forms.Form):
    """Where a task goes: `s<id>` a pillar strategy (core tasks), `t<id>` a task that may
    hold it. The editor offers only the places its kind fits; the service decides again."""

    to = forms.RegexField(
        label="옮길 곳",
        regex=r"^[st][1-9][0-9]{0,18}$",
        error_messages={"invalid": "옮길 곳을 목록에서 골라 주세요."},
    )


class IndicatorRelinkForm(forms.Form):
    """The task an indicator measures; empty: none (the plan as a whole)."""

    task = forms.IntegerField(label="연결 과제", required=False, min_value=1, max_value=2**63 - 1)


class RemoveConfirmForm(forms.Form):
    """A removal happens only from its confirmation page, which lists what goes with it."""

    confirm = forms.BooleanField(label="위 내용을 확인했고 지웁니다", required=True)
