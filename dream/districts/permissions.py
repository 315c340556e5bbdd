"""Who may do what with digital innovation districts.

A province develops its districts, so its editors register them and report their
figures; moving a district between stages is the special committee's decision
(지방디지털화 특별위원회, inside the Committee), so only Committee staff record it.
"""

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import WRITING_ROLES, can_write_for, is_committee_staff

from .models import InnovationDistrict


def can_register_district(user: User, province: Organization) -> bool:
    """Committee staff anywhere; a province's editors for their own province."""
    return province.kind == OrganizationKind.PROVINCE and can_write_for(user, province)


def provinces_writable_by(user: User):
    """The provinces `user` may register districts in (the registration form's choices)."""
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE)
    if is_committee_staff(user):
        return provinces
    if not user.is_authenticated or not user.is_active:
        return provinces.none()
    return provinces.filter(memberships__user=user, memberships__role__in=WRITING_ROLES)


def can_record_district_measure(user: User, district: InnovationDistrict) -> bool:
    """The same people who may register districts in the district's province."""
    return can_write_for(user, district.province)


def can_change_district_stage(user: User, district: InnovationDistrict) -> bool:
    """Committee staff only: the special committee decides stages, not the province."""
    return is_committee_staff(user)


def can_edit_district(user: User, district: InnovationDistrict) -> bool:
    """Correcting a district's details is for those who may register it: Committee staff,
    and the editors of its province. They also see its change history (who, when, why)."""
    return can_write_for(user, district.province)


def can_submit_development_plan(user: User, district: InnovationDistrict) -> bool:
    """The province writes its district's plan (지자체 주도, l.1043), so its editors draft and
    submit it; Committee staff may too, entering a plan the province sent on paper."""
    return can_write_for(user, district.province)


def can_record_plan_review(user: User, district: InnovationDistrict) -> bool:
    """Committee staff only. The review is the government's (정부는 적합성 검토, l.1045); the
    reviewing ministry has no accounts of its own in DREAM, so the Committee records its
    outcome and names the reviewing body in `reviewer_body`."""
    return is_committee_staff(user)
