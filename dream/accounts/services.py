"""Write paths for organizations and users."""

from django.db import transaction

from . import registry
from .choices import OrganizationKind
from .models import Organization, SuperRegionMembership, User

SYSTEM_USERNAME = "system"


@transaction.atomic
def organizations_ensure() -> dict[tuple[str, str], Organization]:
    """Create the Committee, the 17 provinces, the 7 super-regions with their members and
    the known ministries if missing; return them keyed by (kind, short name)."""
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
    for organization in Organization.objects.bulk_create(missing):
        existing[(organization.kind, organization.short_name)] = organization
    memberships = set(SuperRegionMembership.objects.values_list("super_region_id", "province_id"))
    new_memberships = [
        SuperRegionMembership(super_region=super_region, province=province)
        for short, _full, members in registry.SUPER_REGIONS
        for super_region in [existing[(OrganizationKind.SUPER_REGION, short)]]
        for province in (existing[(OrganizationKind.PROVINCE, m)] for m in members)
        if (super_region.pk, province.pk) not in memberships
    ]
    SuperRegionMembership.objects.bulk_create(new_memberships)
    return existing


def ministry_ensure(short_name: str) -> tuple[Organization, bool]:
    """The ministry printed as `short_name`; created (and reported as new) when unknown."""
    return Organization.objects.get_or_create(
        kind=OrganizationKind.MINISTRY,
        short_name=short_name,
        defaults={"full_name": registry.MINISTRIES.get(short_name, "")},
    )


def system_user() -> User:
    """The account that command-line imports are attributed to when no user is named."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "first_name": "시스템"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
