"""Who may do what in the pipeline (issue 11 item 9): provinces propose and rank for
themselves; Track 2 steps are recorded by the owner ministry's editors or Committee staff,
and the special committee's decision by Committee staff only. Services, views and the API
ask these alike."""

from django.db.models import Q, QuerySet

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import WRITING_ROLES, can_write_for, is_committee_staff

from .choices import LargeProjectStage, ProposalState
from .models import LargeProject, Proposal


def _member_of(user: User, organization: Organization, roles=None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    memberships = user.memberships.filter(organization=organization)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.exists()


def can_write_proposals(user: User, province: Organization) -> bool:
    """A province proposes for itself: its editors/managers (and a superuser), not Committee
    staff — the demand is the province's own (l.833–863)."""
    if province.kind != OrganizationKind.PROVINCE:
        return False
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return _member_of(user, province, WRITING_ROLES)


def proposals_visible_to(user: User) -> QuerySet[Proposal]:
    """Submitted proposals are public (with the Committee and ministries seeing the same);
    a province's members also see its drafts and withdrawn ones. Drafts are never public."""
    submitted = Q(state=ProposalState.SUBMITTED)
    if not user.is_authenticated or not user.is_active:
        return Proposal.objects.filter(submitted)
    if user.is_superuser:
        return Proposal.objects.all()
    own = user.memberships.filter(organization__kind=OrganizationKind.PROVINCE).values(
        "organization_id"
    )
    return Proposal.objects.filter(submitted | Q(province_id__in=own))


def can_view_proposal(user: User, proposal: Proposal) -> bool:
    return proposals_visible_to(user).filter(pk=proposal.pk).exists()


def can_start_large_project(user: User, owner: Organization) -> bool:
    """Committee staff, or an editor of the owner ministry."""
    if owner.kind != OrganizationKind.MINISTRY:
        return False
    return can_write_for(user, owner)


def can_record_step(user: User, project: LargeProject, to_stage: str) -> bool:
    """Committee staff record committee decisions (the special committee step); the other
    steps are the owner ministry's editors' or Committee staff's."""
    if to_stage == LargeProjectStage.SPECIAL_COMMITTEE:
        return is_committee_staff(user)
    return can_write_for(user, project.owner)
