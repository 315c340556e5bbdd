"""Who may do what with zone designations: a province applies for itself (its editors and
managers), or Committee staff register its application on its behalf; the province or staff
may correct an application still at 신청 and withdraw one not yet decided; only Committee
staff record the Committee's deliberation and the designation (l.257–259 "지방시대위원회
심의·의결을 거쳐 신규 특구 지정"). Services, views and the API ask these alike."""

from django.db.models import QuerySet

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import (
    can_write_for,
    is_committee_staff,
    organizations_written_for,
)

from .models import ZoneDesignation


def can_apply_for(user: User, province: Organization) -> bool:
    """The province's editors/managers, or Committee staff (and a superuser)."""
    if province.kind != OrganizationKind.PROVINCE:
        return False
    return can_write_for(user, province)


def can_change_designation(user: User, designation: ZoneDesignation) -> bool:
    """Correcting or withdrawing an application: whoever may apply for its province."""
    return can_apply_for(user, designation.province)


def can_decide_designation(user: User) -> bool:
    """The Committee's deliberation and its outcome are recorded by Committee staff."""
    return is_committee_staff(user)


def provinces_applied_for(user: User) -> QuerySet[Organization]:
    """The provinces `user` may apply for, in registry order (for the forms)."""
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position")
    written = organizations_written_for(user)
    return provinces if written is None else provinces.filter(pk__in=written)
