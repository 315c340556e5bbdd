"""Who may do what, by organization membership. Views, services and tests use these alike.

Roles (Membership.role): viewer reads, editor enters and confirms, manager also manages
members. Superusers may do everything.
"""

from .choices import MembershipRole, OrganizationKind
from .models import Organization, User

WRITING_ROLES = (MembershipRole.EDITOR, MembershipRole.MANAGER)


def is_committee_staff(user: User) -> bool:
    """A member of the Committee on the Local Era who may write (editor or manager)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(
        organization__kind=OrganizationKind.COMMITTEE, role__in=WRITING_ROLES
    ).exists()


def can_write_for(user: User, organization: Organization) -> bool:
    """Committee staff, or an editor/manager of that very organization."""
    if is_committee_staff(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.filter(organization=organization, role__in=WRITING_ROLES).exists()


def organizations_written_for(user: User) -> set[int] | None:
    """The ids of the bodies `user` writes for, for a page that asks `can_write_for` of many
    rows; None means every body (Committee staff)."""
    if is_committee_staff(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        user.memberships.filter(role__in=WRITING_ROLES).values_list("organization_id", flat=True)
    )
