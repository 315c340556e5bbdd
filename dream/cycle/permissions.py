"""Who may move a submission, as named predicates: the web forms, the API and the services
ask these same functions (docs/decisions/0007-annual-cycle.md).

A body writes its own plan (its editors and managers); the Committee's staff open cycles,
review, return, accept and resolve, and may also write for any body, as for every other
record in DREAM. Viewers read; anonymous and inactive accounts only see resolved plans.
"""

from django.db.models import Q

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import User
from dream.accounts.permissions import can_write_for, is_committee_staff

from .choices import SubmissionState
from .models import Submission


def can_manage_cycle(user: User) -> bool:
    """Open a cycle and resolve it: Committee staff."""
    return is_committee_staff(user)


def can_view_submission(user: User, submission: Submission) -> bool:
    """A resolved plan is public; before that, members of the body (any role) and of the
    Committee see the draft, its state and its events."""
    return submission.state == SubmissionState.RESOLVED or can_view_draft(user, submission)


def can_view_draft(user: User, submission: Submission) -> bool:
    """Members of the body (any role) and of the Committee: who sees a plan still being
    written, before resolution or as an amendment after it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(
        Q(organization=submission.organization_id)
        | Q(organization__kind=OrganizationKind.COMMITTEE)
    ).exists()


def submissions_viewable(user: User, submissions) -> set[int]:
    """The ids of `submissions` that `user` may see, by the rule of `can_view_submission`,
    with one query for the user's memberships instead of one per body (the board lists 41)."""
    submissions = list(submissions)
    resolved = {s.pk for s in submissions if s.state == SubmissionState.RESOLVED}
    if not user.is_authenticated or not user.is_active:
        return resolved
    if user.is_superuser:
        return {s.pk for s in submissions}
    memberships = set(user.memberships.values_list("organization_id", "organization__kind"))
    if any(kind == OrganizationKind.COMMITTEE for _, kind in memberships):
        return {s.pk for s in submissions}
    own = {organization for organization, _ in memberships}
    return resolved | {s.pk for s in submissions if s.organization_id in own}


def can_edit_submission(user: User, submission: Submission) -> bool:
    """Edit the draft, record the local deliberation and submit: an editor or manager of
    that very body, or Committee staff."""
    return can_write_for(user, submission.organization)


def can_review(user: User, submission: Submission) -> bool:
    """Start review, return with comments, accept: Committee staff."""
    return is_committee_staff(user)


def can_view_compilation(user: User) -> bool:
    """The compilation page (duplicate candidates, national totals) is the Committee's
    working view: its members (any role) and staff; bodies see their own submissions."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(organization__kind=OrganizationKind.COMMITTEE).exists()
