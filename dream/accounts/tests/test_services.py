import pytest

from dream.accounts.models import Organization, SuperRegionMembership
from dream.accounts.services import organizations_ensure, system_user

pytestmark = pytest.mark.django_db


def test_the_registry_creates_the_provinces_super_regions_and_committee_once():
    organizations_ensure()
    organizations_ensure()

    provinces = Organization.objects.filter(kind="province")
    assert provinces.count() == 17
    assert set(provinces.filter(capital_region=True).values_list("short_name", flat=True)) == {
        "서울",
        "인천",
        "경기",
    }
    assert Organization.objects.filter(kind="super_region").count() == 7
    assert Organization.objects.get(kind="committee").full_name == "지방시대위원회"
    assert SuperRegionMembership.objects.count() == 4 + 2 + 2 + 3 + 1 + 1 + 1


def test_every_province_outside_the_capital_region_belongs_to_a_super_region():
    organizations_ensure()

    outside = Organization.objects.filter(kind="province", capital_region=False)
    assert all(p.super_region_memberships.exists() for p in outside)


def test_imports_are_attributed_to_an_inactive_system_account_by_default():
    user = system_user()

    assert user == system_user()
    assert not user.is_active and not user.has_usable_password()
