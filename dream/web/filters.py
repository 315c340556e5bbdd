"""Filters of the public tables (django-filter), with Korean labels.

Each FilterSet builds its own base rows from the plan or year it is given and fills its
choices from them, so a filter only ever offers values that occur on the page.

A value a filter cannot take (not one of its choices, not a number in range, text over
MAX_TEXT characters) is ignored, and the form says why next to the field: django-filter's
own behaviour, kept for every parameter the public pages read.
"""

import django_filters
from django import forms
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from dream.accounts.models import Organization
from dream.ingest.choices import finding_code_label
from dream.ingest.models import Finding
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task
from dream.plans.selectors.sectoral import pillar_strategies, practical_tasks, sectoral_ministries

ALL = "전체"
MAX_TEXT = 200
AMOUNT_WIDGET = forms.NumberInput(attrs={"min": 0, "step": "0.01", "inputmode": "decimal"})
# 억원, at most 10 whole digits: keeps "1e99999999" (which PostgreSQL cannot hold) out.
AMOUNT_BOUNDS = {"min_value": 0, "max_digits": 12, "decimal_places": 2}


class PracticalTaskFilter(django_filters.FilterSet):
    """The sectoral plan's practical tasks by strategy, ministry, budget range and name.
    A budget printed "-" counts as 0 억원."""

    strategy = django_filters.ChoiceFilter(
        label="전략", field_name="strategy__position", empty_label=ALL
    )
    ministry = django_filters.ModelChoiceFilter(
        label="부처",
        field_name="ministries",
        to_field_name="short_name",
        queryset=Organization.objects.none(),
        empty_label=ALL,
    )
    budget_min = django_filters.NumberFilter(
        label="국비 최소(억원)",
        field_name="budget_value",
        lookup_expr="gte",
        widget=AMOUNT_WIDGET,
        **AMOUNT_BOUNDS,
    )
    budget_max = django_filters.NumberFilter(
        label="국비 최대(억원)",
        field_name="budget_value",
        lookup_expr="lte",
        widget=AMOUNT_WIDGET,
        **AMOUNT_BOUNDS,
    )
    name = django_filters.CharFilter(
        label="과제명",
        lookup_expr="icontains",
        max_length=MAX_TEXT,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Task
        fields: list[str] = []

    def __init__(self, data=None, *, plan: Plan | None, **kwargs):
        super().__init__(data, queryset=practical_tasks(plan), **kwargs)
        self.filters["strategy"].extra["choices"] = [
            (s.position, f"{s.code}. {s.name}") for s in pillar_strategies(plan)
        ]
        self.filters["ministry"].queryset = sectoral_ministries(plan)


def year_findings(year: int | None) -> QuerySet[Finding]:
    """All findings of a year with their plan and owner, ranked errors first for sorting."""
    return (
        Finding.objects.filter(year=year)
        .select_related("plan__owner")
        .annotate(
            severity_rank=Case(
                *(
                    When(severity=value, then=Value(rank))
                    for rank, value in enumerate(Finding.Severity.values)
                ),
                output_field=IntegerField(),
            )
        )
    )


class FindingFilter(django_filters.FilterSet):
    """A year's findings by severity, plan level, plan owner and finding code."""

    severity = django_filters.ChoiceFilter(
        label="심각도", choices=Finding.Severity.choices, empty_label=ALL
    )
    level = django_filters.ChoiceFilter(
        label="계획 수준", field_name="plan__level", choices=PlanLevel.choices, empty_label=ALL
    )
    owner = django_filters.ModelChoiceFilter(
        label="수립 주체",
        field_name="plan__owner",
        to_field_name="short_name",
        queryset=Organization.objects.none(),
        empty_label=ALL,
    )
    code = django_filters.ChoiceFilter(label="종류", empty_label=ALL)

    class Meta:
        model = Finding
        fields: list[str] = []

    def __init__(self, data=None, *, year: int | None, **kwargs):
        super().__init__(data, queryset=year_findings(year), **kwargs)
        self.filters["owner"].queryset = Organization.objects.filter(plans__year=year).distinct()
        codes = self.queryset.order_by("code").values_list("code", flat=True).distinct()
        self.filters["code"].extra["choices"] = sorted(
            ((code, finding_code_label(code)) for code in codes), key=lambda choice: choice[1]
        )

    def severity_counts(self) -> list[tuple[str, str, int]]:
        """(value, label, count) of every severity over the whole year, for the summary cards."""
        counts = dict(self.queryset.order_by().values_list("severity").annotate(n=Count("pk")))
        return [(value, label, counts.get(value, 0)) for value, label in Finding.Severity.choices]
