"""Write paths for organizations and users."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from . import registry
from .choices import MembershipRole, OrganizationKind
from .models import Membership, Organization, OrganizationAlias, SuperRegionMembership, User
from .selectors import ministry_named

SYSTEM_USERNAME = "system"
REGISTRY_REASON = "기관 목록 등록"


@transaction.atomic
def organizations_ensure(*, actor: User | None = None) -> dict[tuple[str, str], Organization]:
    """Create the Committee, the 17 provinces, the 7 super-regions with their members and
    the known ministries with their other printed names if missing; return them keyed by
    (kind, short name). The history names `actor`, by default the system account."""
    wanted = [(OrganizationKind.COMMITTEE, *registry.COMMITTEE, False, 0)]
    wanted += [
        (OrganizationKind.PROVINCE, short, full, capital, position)
        for position, (short, full, capital) in enumerate(registry.PROVINCES, start=1)
    ]
    wanted += [
        (OrganizationKind.SUPER_REGION, short, full, False, position)
        for position, (short, full, _members) in enumerate(registry.SUPER_REGIONS, start=1)
    ]
    wanted += [
        (OrganizationKind.MINISTRY, short, full, False, position)
        for position, (short, full) in enumerate(registry.MINISTRIES.items(), start=1)
    ]
    existing = {(o.kind, o.short_name): o for o in Organization.objects.all()}
    missing = [
        Organization(
            kind=kind, short_name=short, full_name=full, capital_region=capital, position=position
        )
        for kind, short, full, capital, position in wanted
        if (kind, short) not in existing
    ]
    if missing:
        actor = actor or system_user()
    created = bulk_create_with_history(
        missing, Organization, default_user=actor, default_change_reason=REGISTRY_REASON
    )
    for organization in created:
        existing[(organization.kind, organization.short_name)] = organization
    memberships = set(SuperRegionMembership.objects.values_list("super_region_id", "province_id"))
    new_memberships = [
        SuperRegionMembership(super_region=super_region, province=province)
        for short, _full, members in registry.SUPER_REGIONS
        for super_region in [existing[(OrganizationKind.SUPER_REGION, short)]]
        for province in (existing[(OrganizationKind.PROVINCE, m)] for m in members)
        if (super_region.pk, province.pk) not in memberships
    ]
    if new_memberships:
        actor = actor or system_user()
    bulk_create_with_history(
        new_memberships,
        SuperRegionMembership,
        default_user=actor,
        default_change_reason=REGISTRY_REASON,
    )
    known_aliases = set(OrganizationAlias.objects.values_list("name", flat=True))
    new_aliases = [
        OrganizationAlias(organization=existing[(OrganizationKind.MINISTRY, short)], name=name)
        for name, short in registry.MINISTRY_ALIASES.items()
        if name not in known_aliases
    ]
    if new_aliases:
        actor = actor or system_user()
    bulk_create_with_history(
        new_aliases, OrganizationAlias, default_user=actor, default_change_reason=REGISTRY_REASON
    )
    return existing


def ministry_ensure(short_name: str, *, actor: User | None = None) -> tuple[Organization, bool]:
    """The ministry printed as `short_name` (or any other name it goes by); created (and
    reported as new) when unknown, in the history under `actor` (by default the system
    account)."""
    ministry = ministry_named(short_name)
    if ministry is not None:
        return ministry, False
    ministry = Organization(
        kind=OrganizationKind.MINISTRY,
        short_name=short_name,
        full_name=registry.MINISTRIES.get(short_name, ""),
    )
    ministry._history_user = actor or system_user()
    ministry._change_reason = "문서에 처음 나온 부처"
    ministry.save()
    return ministry, True


def system_user() -> User:
    """The account that command-line imports are attributed to when no user is named."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, is_active=False, first_name="시스템")
        user.set_unusable_password()
        user._change_reason = "system actor"  # it is its own first actor: no history_user
        user.save()
    return user


@transaction.atomic
def user_provision(
    *,
    actor: User,
    username: str,
    organization: Organization,
    role: MembershipRole,
    email: str = "",
    password: str | None = None,
    reason: str,
) -> tuple[User, bool]:
    """The account `username` with `role` in `organization`; created (True) with `password`
    when missing, otherwise given the membership (or its new role) and the e-mail if one is
    named. Every change is in the history under `actor` with `reason`."""
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username, email=email)
        user.set_password(password)
    changed = created or (bool(email) and user.email != email)
    if changed:
        user.email = email or user.email
        user._history_user = actor
        user._change_reason = reason
        user.save()
    membership = Membership.objects.filter(user=user, organization=organization).first()
    if membership is None or membership.role != role:
        membership = membership or Membership(user=user, organization=organization)
        membership.role = role
        membership._history_user = actor
        membership._change_reason = reason
        membership.save()
    return user, created
