"""Reads of a body's results: which plan a body reports on for a year, and every indicator it
reports on with baseline, target, the entered actual and the computed achievement."""

from dataclasses import dataclass

from django.http import Http404

from dream.accounts.models import Organization, User
from dream.core.history import HistoryEntry, history_entries
from dream.evaluation.rules import RuleInUse, achievement_rules_from, rules_for_year
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, TaskMinistry

from .achievement import Achievement, AchievementRules, achievement
from .models import IndicatorActual, ResultSubmission
from .permissions import can_record_results
from .workflow import ResultsBody, results_body, submission_of

MIN_YEAR, MAX_YEAR = 2000, 2100  # plan years an address may name; others are 404 at once
MAX_ID = 2**63 - 1  # the largest id a database column holds


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator as the body's results page and API show it."""

    indicator: Indicator
    actual: IndicatorActual | None
    achievement: Achievement


@dataclass(frozen=True)
class BodyResults:
    plan: Plan
    organization: Organization
    year: int
    submission: ResultSubmission
    rules: list[RuleInUse]
    rows: list[IndicatorResult]
    can_record: bool


def body_results_named(year: int, name: str) -> tuple[Plan, Organization]:
    """The plan and body a results address names (`workflow.results_body`); Http404 with a
    Korean message, also for a year no plan can have (a 30-digit year would overflow the
    query)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"{year}년 시행계획은 없습니다.")
    body = results_body(year, name)
    return body.plan, body.organization


def body_submission(plan: Plan, organization: Organization) -> ResultSubmission:
    """The body's submission, or an unsaved one in 작성 중 (`workflow.submission_of`)."""
    return submission_of(ResultsBody(plan=plan, organization=organization))


def reported_indicators(plan: Plan, organization: Organization) -> list[Indicator]:
    """The plan's indicators `organization` reports on: all of them on its own plan; on the
    Committee's sectoral plan those whose task (or nearest ancestor) a ministry leads — the
    rest, the Committee's. The same rule as `permissions.responsible_body`, in memory."""
    indicators = list(
        Indicator.objects.filter(plan=plan).select_related("task").order_by("position")
    )
    if plan.level != PlanLevel.SECTORAL:
        return indicators if plan.owner_id == organization.pk else []
    tasks = {t.pk: t.parent_id for t in plan.tasks.only("pk", "parent_id")}
    leads: dict[int, int] = {}
    for link in TaskMinistry.objects.filter(task__plan=plan).order_by("-position"):
        leads[link.task_id] = link.ministry_id  # position 1 written last, so it wins

    def body_of(task_id: int | None) -> int:
        while task_id is not None:
            if task_id in leads:
                return leads[task_id]
            task_id = tasks.get(task_id)
        return plan.owner_id

    return [i for i in indicators if body_of(i.task_id) == organization.pk]


def body_results(plan: Plan, organization: Organization, year: int, user: User) -> BodyResults:
    """Every indicator `organization` reports on in `plan`, with its actual of `year` and its
    achievement under the rules of `year`. The caller checks `can_view_results`."""
    submission = body_submission(plan, organization)
    rules = rules_for_year(year)
    achievement_rules = achievement_rules_from(rules)
    indicators = reported_indicators(plan, organization)
    actuals = {
        a.indicator_id: a
        for a in IndicatorActual.objects.filter(indicator__in=indicators, year=year).select_related(
            "recorded_by"
        )
    }
    rows = [
        IndicatorResult(
            indicator=indicator,
            actual=actuals.get(indicator.pk),
            achievement=indicator_achievement(
                indicator, actuals.get(indicator.pk), achievement_rules
            ),
        )
        for indicator in indicators
    ]
    return BodyResults(
        plan=plan,
        organization=organization,
        year=year,
        submission=submission,
        rules=rules,
        rows=rows,
        can_record=can_record_results(user, submission),
    )


def indicator_achievement(
    indicator: Indicator, actual: IndicatorActual | None, rules: AchievementRules
) -> Achievement:
    """The indicator's achievement by `dream.results.achievement`, from its printed target and
    the entered actual."""
    return achievement(
        target_value=indicator.target_value,
        target_text=indicator.target_text,
        baseline_value=indicator.baseline_value,
        actual_value=actual.value if actual else None,
        actual_text=actual.value_text if actual else "",
        direction=indicator.direction,
        rules=rules,
        is_new=indicator.is_new,
    )


def actual_history(indicator: Indicator) -> list[HistoryEntry]:
    """Every step of the indicator's actuals, deleted ones too, newest first."""
    records = IndicatorActual.history.filter(indicator_id=indicator.pk).select_related(
        "history_user"
    )
    return history_entries(
        records,
        fields=["year", "value_text", "source", "observed_on", "note"],
        subject=lambda record: f"{record.year}년 실적",
    )
