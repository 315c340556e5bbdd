"""Who may do what in the priority-task tracker (issue 12 item 2): Committee staff assign
owners, set the tracker's rules and take the half-yearly inspections; a step is reported
by the editors and managers of its action's owner (and a superuser) — not by Committee
staff for a ministry, since the report is the owner's own account. Services, pages and the
API ask these alike."""

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import WRITING_ROLES, is_committee_staff

# An action is carried by a ministry or by the Committee itself (ADR 0010).
OWNER_KINDS = (OrganizationKind.MINISTRY, OrganizationKind.COMMITTEE)


def can_assign_owner(user: User) -> bool:
    return is_committee_staff(user)


def can_set_tracker(user: User) -> bool:
    return is_committee_staff(user)


def can_take_inspection(user: User) -> bool:
    return is_committee_staff(user)


def can_own(organization: Organization) -> bool:
    return organization.kind in OWNER_KINDS


def owner_choices():
    """The bodies an action may be assigned to: the Committee first, then the ministries."""
    return Organization.objects.filter(kind__in=OWNER_KINDS).order_by(
        "kind", "position", "short_name"
    )  # "committee" sorts before "ministry"


def organizations_reported_for(user: User) -> set[int] | None:
    """The ids of the owners whose steps `user` may report, for a page with many steps;
    None means every owner (a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return set(
        user.memberships.filter(
            role__in=WRITING_ROLES, organization__kind__in=OWNER_KINDS
        ).values_list("organization_id", flat=True)
    )


def can_report_step(user: User, owner: Organization | None) -> bool:
    """An editor or manager of the owner, or a superuser; nobody while there is no owner."""
    if owner is None:
        return False
    reported_for = organizations_reported_for(user)
    return reported_for is None or owner.pk in reported_for
