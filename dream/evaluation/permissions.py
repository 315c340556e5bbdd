"""Who may run an evaluation round (ADR 0008): the same predicates for the web forms, the API
and the services. Later steps add the evaluators', the bodies' and the checkers' predicates."""

from dream.accounts.models import User
from dream.accounts.permissions import is_committee_staff


def can_manage_round(user: User) -> bool:
    """Open a round, set its rules, units, weights, criteria and bands, advance it: Committee
    staff."""
    return is_committee_staff(user)


# Evaluators, assignments and scores (steps 4–5). Imports here so the lane's additions stay
# in one block.
from .choices import AssignmentState  # noqa: E402

LIVE_STATES = (AssignmentState.ASSIGNED, AssignmentState.SUBMITTED, AssignmentState.REOPENED)
SCORING_STATES = (AssignmentState.ASSIGNED, AssignmentState.REOPENED)


def active_evaluator(user: User):
    """The user's Evaluator row when registered and active, else None."""
    from .models import Evaluator

    if not user.is_authenticated or not user.is_active:
        return None
    return Evaluator.objects.filter(user=user, active=True).first()


def can_declare(user: User, round) -> bool:
    """Declare one's own ties for a round: an active evaluator, before the round closes."""
    return round.closed_at is None and active_evaluator(user) is not None


def can_score(user: User, assignment) -> bool:
    """Score on an assignment: its own evaluator only — nobody scores for another, superusers
    included — while the assignment is open for scoring. Ties are re-checked by the service."""
    return (
        user.is_authenticated
        and user.is_active
        and assignment.evaluator.user_id == user.pk
        and assignment.evaluator.active
        and assignment.state in SCORING_STATES
    )


def can_view_unit(user: User, unit) -> bool:
    """Open a unit's page: staff; the evaluator of a live assignment on it (or on a unit above
    it); the body's members; everyone once the round is closed."""
    from .models import Assignment

    if unit.round.closed_at is not None or can_manage_round(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.memberships.filter(organization_id=unit.organization_id).exists():
        return True
    above = []
    current = unit
    while current is not None:
        above.append(current.pk)
        current = current.parent
    return Assignment.objects.filter(
        unit_id__in=above, evaluator__user=user, state__in=LIVE_STATES
    ).exists()


def can_view_scores(user: User, round) -> bool:
    """Individual evaluators' scores and raw vs normalised: Committee staff."""
    return can_manage_round(user)


# Grades: self-grade, 점검, who sees a grade (step 6).
def can_self_evaluate(user: User, unit) -> bool:
    """Record the body's own grade (자체평가): whoever may write for the body judged."""
    from dream.accounts.permissions import can_write_for

    return can_write_for(user, unit.organization)


def can_check_grades(user: User) -> bool:
    """Keep or change a computed grade in the 점검: Committee staff."""
    return is_committee_staff(user)


def can_view_grade(user: User, unit) -> bool:
    """A unit's grade: everyone once the round is closed; before, staff and the body's members
    (evaluators see their units' scores, not the grades being checked)."""
    if unit.round.closed_at is not None or can_manage_round(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.filter(organization_id=unit.organization_id).exists()


# Feedback actions and 지특회계 results (step 7).
def can_answer_feedback(user: User, action) -> bool:
    """Link, decline or finish a feedback action: those who write for the body (and staff)."""
    from dream.accounts.permissions import can_write_for

    return can_write_for(user, action.organization)


def can_view_feedback(user: User, round) -> bool:
    """The round's feedback actions: everyone once the round is closed; before, staff and the
    members of a body with an action (the selector narrows the rows)."""
    return round.closed_at is not None or user.is_authenticated
