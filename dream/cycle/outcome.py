"""A published implementation plan as the resolved outcome of its cycle: importing the
document records what Ⅰ-2 수립 경과 prints (guidelines, deadline, resolution) and one
resolved submission per body (docs/decisions/0007-annual-cycle.md).

No `SubmissionEvent` is written: events are steps taken in DREAM, and these steps were
taken on paper. Importing the same document again changes nothing.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import User
from dream.ingest.records import ParsedCycle
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan

from .choices import CyclePhase, SubmissionState
from .models import Cycle, Submission, statutory_deadline
from .services import cycle_bodies
from .versions import content_hash, plan_snapshot, version_create

REASON = "cycle.recorded_from_document"
REPRINT_REASON = "원문을 다시 가져와 내용이 바뀜"
REGIONAL_LEVELS = {
    OrganizationKind.PROVINCE: PlanLevel.PROVINCE,
    OrganizationKind.SUPER_REGION: PlanLevel.SUPER_REGION,
}


@transaction.atomic
def cycle_record_published(
    *, year: int, facts: ParsedCycle, actor: User, source: str = ""
) -> Cycle:
    """Cycle `year` resolved with the printed facts, and every body's submission resolved:
    provinces and super-regions with their plan, the ministries that carry tasks in the
    year's sectoral plan without one (their part is in that plan). Each plan of a body
    gets version 1 (the resolution); a corrected document (`source` names it) that changes
    a plan adds a version with that reason, since a resolved version is never edited."""
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
    bodies = cycle_bodies(year, published=True)
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
        latest = plan.versions.order_by("-number").first()
        if latest is not None and latest.content_hash == content_hash(plan_snapshot(plan)):
            continue
        version_create(
            plan=plan,
            actor=actor,
            meeting=facts.resolution_meeting,
            resolved_on=facts.resolution_date,
            reason="" if latest is None else f"{REPRINT_REASON}: {source or '문서'}",
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
