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
    if submission.state == SubmissionState.RESOLVED:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(
        Q(organization=submission.organization_id)
        | Q(organization__kind=OrganizationKind.COMMITTEE)
    ).exists()


def can_edit_submission(user: User, submission: Submission) -> bool:
    """Edit the draft, record the local deliberation and submit: an editor or manager of
    that very body, or Committee staff."""
    return can_write_for(user, submission.organization)


def can_review(user: User, submission: Submission) -> bool:
    """Start review, return with comments, accept: Committee staff."""
    return is_committee_staff(user)
