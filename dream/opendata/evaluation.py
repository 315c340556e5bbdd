"""Which results and evaluation rows the data package publishes (ADR 0008, docs/opendata.md).

Results are public once the Committee confirms them (확정): a row is published only when the
submission of the body that reports on it (`results.permissions.responsible_body`) for its
plan is confirmed. Everything of an evaluation round except the round's own row (its phase
and dates) is published only after the round is closed, rules included: before close the
settings and scores may still change, and a half-made evaluation is not the Committee's.
No table names an evaluator or holds a score per evaluator.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.db.models import OuterRef, Subquery

from dream.evaluation.choices import MatchStatus
from dream.evaluation.models import EvaluationRound, GradeCheck
from dream.evaluation.rules import rules_for_year
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task
from dream.results.choices import ResultState
from dream.results.models import ResultSubmission
from dream.results.permissions import responsible_body

from .resources import CHUNK_SIZE


def confirmed_rows(plan_lookup: str, task_lookup: str) -> Callable:
    """Rows of a results table whose reporting body's submission for the row's plan is
    confirmed; `plan_lookup` and `task_lookup` name the row's plan and task (task empty:
    the plan's owner reports)."""

    def rows(resource) -> Iterable[tuple]:
        confirmed = set(
            ResultSubmission.objects.filter(
                state=ResultState.CONFIRMED, plan__is_draft=False
            ).values_list("plan_id", "organization_id")
        )
        plans = {plan.pk: plan for plan in Plan.objects.filter(pk__in={p for p, _ in confirmed})}
        bodies: dict = {}

        def body_id(plan_id, task_id):
            plan = plans[plan_id]
            if plan.level != PlanLevel.SECTORAL or task_id is None:
                return plan.owner_id
            if task_id not in bodies:
                bodies[task_id] = responsible_body(plan, Task.objects.get(pk=task_id)).pk
            return bodies[task_id]

        lookups = [c.lookup for c in resource.columns]
        queryset = resource.queryset().filter(**{f"{plan_lookup}__in": list(plans)})
        read = queryset.values_list(*lookups, plan_lookup, task_lookup)
        for *row, plan_id, task_id in read.iterator(chunk_size=CHUNK_SIZE):
            if (plan_id, body_id(plan_id, task_id)) in confirmed:
                yield tuple(row)

    return rows


def closed_round_years() -> list[int]:
    return list(
        EvaluationRound.objects.filter(closed_at__isnull=False)
        .order_by("year")
        .values_list("year", flat=True)
    )


def rule_rows(resource) -> Iterable[tuple]:
    """The rules each closed round was evaluated with, as its pages show them (a rule the
    Committee did not set is DREAM's default, `is_default`); who chose it is not published."""
    for year in closed_round_years():
        for rule in rules_for_year(year):
            yield (
                year,
                rule.key,
                rule.label,
                json.dumps(rule.value, ensure_ascii=False),
                rule.basis,
                rule.source_line,
                rule.is_default,
                rule.shown,
            )


def last_check_reason() -> Subquery:
    return Subquery(
        GradeCheck.objects.filter(grade=OuterRef("pk")).order_by("-at", "-pk").values("reason")[:1]
    )


def grade_rows(resource) -> Iterable[tuple]:
    """Grades of closed rounds; `changed_by_check` when the final band is not the computed
    one (the final band differs only through a recorded 점검)."""
    read = resource.queryset().values_list(
        "unit_id",
        "computed_band__label",
        "computed_score",
        "self_band__label",
        "final_band__label",
        "final_band_id",
        "computed_band_id",
        "last_check_reason",
    )
    for row in read.iterator(chunk_size=CHUNK_SIZE):
        *shown, final_id, computed_id, reason = row
        yield (*shown, final_id is not None and final_id != computed_id, reason)


def feedback_rows(resource) -> Iterable[tuple]:
    """Feedback actions of closed rounds; the plan (and item) an action is to be carried into
    is left empty while that plan is a body's draft, which the package does not publish."""
    lookups = [c.lookup for c in resource.columns]
    linked = [i for i, c in enumerate(resource.columns) if c.name.startswith("linked_")]
    read = resource.queryset().values_list(*lookups, "linked_plan__is_draft")
    for *row, draft in read.iterator(chunk_size=CHUNK_SIZE):
        yield tuple(None if draft and i in linked else value for i, value in enumerate(row))


def special_account_rows(resource) -> Iterable[tuple]:
    """Imported 지특회계 results of years whose round is closed; the task DREAM matched is
    published only once staff confirmed the match."""
    lookups = [c.lookup for c in resource.columns]
    task = next(i for i, c in enumerate(resource.columns) if c.name == "matched_task_id")
    status = next(i for i, c in enumerate(resource.columns) if c.name == "match_status")
    read = resource.queryset().filter(year__in=closed_round_years()).values_list(*lookups)
    for row in read.iterator(chunk_size=CHUNK_SIZE):
        yield tuple(
            None if i == task and row[status] != MatchStatus.CONFIRMED else value
            for i, value in enumerate(row)
        )
