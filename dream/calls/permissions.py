"""Who may do what in Track 1, used by the views, the API and the services alike.

Ministries run their calls (the owner ministry's editors; Committee staff too); a province
applies only for itself (its own editors, as it writes its proposals — not Committee staff);
an evaluator sees and scores only their own
assignments (no one else, a superuser included).
"""

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import WRITING_ROLES, can_write_for
from dream.pipeline.permissions import can_write_proposals

from .choices import CallState
from .models import Call, CallAssignment


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_call(user: User, owner: Organization) -> bool:
    return owner.kind == OrganizationKind.MINISTRY and can_write_for(user, owner)


def can_manage_call(user: User, call: Call) -> bool:
    """The owner ministry's editors and Committee staff: criteria, pre-consulting, panels,
    assignments, computation, selection and the funded years."""
    return _signed_in(user) and can_write_for(user, call.owner)


def can_view_call(user: User, call: Call) -> bool:
    return call.state != CallState.DRAFT or can_manage_call(user, call)


def can_apply_for(user: User, province: Organization) -> bool:
    """A province applies for itself: the pipeline's rule for writing its proposals (its own
    editors and a superuser; not Committee staff)."""
    return _signed_in(user) and can_write_proposals(user, province)


def provinces_applying_for(user: User) -> list[Organization]:
    if not _signed_in(user):
        return []
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE)
    if not user.is_superuser:
        provinces = provinces.filter(
            memberships__user=user, memberships__role__in=WRITING_ROLES
        ).distinct()
    return list(provinces)


def active_evaluator(user: User):
    """The user's evaluator record when active, else None."""
    if not _signed_in(user):
        return None
    evaluator = getattr(user, "evaluator", None)
    return evaluator if evaluator is not None and evaluator.active else None


def can_declare_for_call(user: User, call: Call) -> bool:
    return active_evaluator(user) is not None and call.state in (
        CallState.OPEN,
        CallState.EVALUATING,
    )


def can_score_assignment(user: User, assignment: CallAssignment) -> bool:
    """Only the assignment's own evaluator — a superuser or Committee staff too is refused."""
    return _signed_in(user) and assignment.evaluator.user_id == user.pk


def can_see_all_assignments(user: User, call: Call) -> bool:
    return can_manage_call(user, call)
