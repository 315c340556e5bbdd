"""Who may enter, see and move a body's results (ADR 0008): the same predicates for the web
forms, the API and the services.

A body reports on its own plan; for the Committee's sectoral plan each lead ministry reports on
the tasks it leads (the first ministry printed for the task), and items no ministry leads are
the Committee's. Committee staff may write for any body, as everywhere in DREAM.
"""

from django.db.models import Q

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import can_write_for, is_committee_staff
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan, Task, TaskMinistry

from .choices import ResultState
from .models import ResultSubmission


def responsible_body(plan: Plan, task: Task | None = None) -> Organization:
    """The body that reports on `task` of `plan` (or on the plan as a whole): the plan's owner,
    or in the sectoral plan the lead ministry of the task or of its nearest ancestor that has
    one."""
    if plan.level != PlanLevel.SECTORAL or task is None:
        return plan.owner
    while task is not None:
        lead = (
            TaskMinistry.objects.filter(task=task)
            .order_by("position")
            .select_related("ministry")
            .first()
        )
        if lead is not None:
            return lead.ministry
        task = task.parent
    return plan.owner


def can_record_results(user: User, submission: ResultSubmission) -> bool:
    """Enter, correct and delete actuals, execution and accounts, upload the workbook, submit:
    an editor or manager of the reporting body, or Committee staff."""
    return can_write_for(user, submission.organization)


def can_review_results(user: User, submission: ResultSubmission) -> bool:
    """Return results for completion, or confirm them: Committee staff."""
    return is_committee_staff(user)


def can_view_results(user: User, submission: ResultSubmission) -> bool:
    """Confirmed results are public; before that, members of the body (any role) and of the
    Committee see them."""
    if submission.state == ResultState.CONFIRMED:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(
        Q(organization=submission.organization_id)
        | Q(organization__kind=OrganizationKind.COMMITTEE)
    ).exists()
