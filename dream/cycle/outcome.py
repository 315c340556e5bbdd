"""A published implementation plan as the resolved outcome of its cycle: importing the
document records what Ⅰ-2 수립 경과 prints (guidelines, deadline, resolution) and one
resolved submission per body (docs/decisions/0007-annual-cycle.md).

No `SubmissionEvent` is written: events are steps taken in DREAM, and these steps were
taken on paper. Importing the same document again changes nothing.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.ingest.records import ParsedCycle
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan

from .choices import CyclePhase, SubmissionState
from .models import Cycle, Submission, statutory_deadline
from .versions import version_create

REASON = "cycle.recorded_from_document"
REGIONAL_LEVELS = {
    OrganizationKind.PROVINCE: PlanLevel.PROVINCE,
    OrganizationKind.SUPER_REGION: PlanLevel.SUPER_REGION,
}


@transaction.atomic
def cycle_record_published(*, year: int, facts: ParsedCycle, actor: User) -> Cycle:
    """Cycle `year` resolved with the printed facts, and every body's submission resolved:
    provinces and super-regions with their plan, the ministries that carry tasks in the
    year's sectoral plan without one (their part is in that plan). Each plan of a body
    gets version 1 (the resolution) unless it has a version already."""
    cycle = Cycle.objects.select_for_update().filter(year=year).first() or Cycle(year=year)
    wanted = {
        "deadline": facts.deadline or statutory_deadline(year),
        "phase": CyclePhase.RESOLVED,
        "guidelines_meeting": facts.guidelines_meeting,
        "guidelines_date": facts.guidelines_date,
        "guidelines_sent_on": facts.guidelines_sent_on,
        "recipients_printed": facts.recipients_printed,
        "resolution_meeting": facts.resolution_meeting,
        "resolution_date": facts.resolution_date,
        "source_line": facts.resolution_line,
    }
    if cycle.pk is None or any(getattr(cycle, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(cycle, name, value)
        cycle._history_user = actor
        cycle._change_reason = REASON
        cycle.save()

    plans = _published_plans(year)
    bodies = _bodies(year)
    cycle.recipients.set(bodies)
    existing = {s.organization_id: s for s in Submission.objects.filter(cycle=cycle)}
    new = []
    for body in bodies:
        plan = plans.get(body.pk)
        submission = existing.get(body.pk)
        if submission is None:
            new.append(
                Submission(
                    cycle=cycle, organization=body, plan=plan, state=SubmissionState.RESOLVED
                )
            )
        elif submission.plan_id != (plan.pk if plan else None) or (
            submission.state != SubmissionState.RESOLVED
        ):
            submission.plan, submission.state = plan, SubmissionState.RESOLVED
            submission._history_user = actor
            submission._change_reason = REASON
            submission.save()
    bulk_create_with_history(new, Submission, default_user=actor, default_change_reason=REASON)
    for plan in plans.values():
        if not plan.versions.exists():
            version_create(
                plan=plan,
                actor=actor,
                meeting=facts.resolution_meeting,
                resolved_on=facts.resolution_date,
            )
    return cycle


def _published_plans(year: int) -> dict[int, Plan]:
    """The year's published plan of each province and super-region, by owner id."""
    return {
        plan.owner_id: plan
        for plan in Plan.objects.filter(
            year=year, is_draft=False, level__in=REGIONAL_LEVELS.values()
        )
    }


def _bodies(year: int) -> list[Organization]:
    """The provinces, the super-regions and the ministries carrying tasks in the year's
    published sectoral plan, in that order."""
    regional = Organization.objects.filter(kind__in=REGIONAL_LEVELS).order_by(
        "position", "short_name"
    )
    ministries = (
        Organization.objects.filter(
            kind=OrganizationKind.MINISTRY,
            task_links__task__plan__year=year,
            task_links__task__plan__level=PlanLevel.SECTORAL,
            task_links__task__plan__is_draft=False,
        )
        .distinct()
        .order_by("position", "short_name")
    )
    order = {OrganizationKind.PROVINCE: 0, OrganizationKind.SUPER_REGION: 1}
    return sorted([*regional, *ministries], key=lambda o: order.get(o.kind, 2))
