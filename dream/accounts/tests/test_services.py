import pytest

from dream.accounts.models import Organization, OrganizationAlias, SuperRegionMembership
from dream.accounts.selectors import ministry_named, printed_names
from dream.accounts.services import ministry_ensure, organizations_ensure, system_user

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


def test_a_ministry_printed_under_two_names_is_one_record_with_its_other_name():
    organizations_ensure()
    organizations_ensure()

    (science,) = Organization.objects.filter(full_name="과학기술정보통신부")
    (farming,) = Organization.objects.filter(full_name="농림축산식품부")
    assert printed_names(science) == ["과기정통부", "과기부"]
    assert printed_names(farming) == ["농식품부", "농림부"]
    assert OrganizationAlias.history.count() == 2  # registered once, with history


@pytest.mark.parametrize("name", ["과기정통부", "과기부", "과학기술정보통신부", "과학기술 정보통신부"])
def test_every_name_of_a_ministry_resolves_to_its_one_record(name):
    organizations_ensure()

    assert ministry_named(name).short_name == "과기정통부"
    assert ministry_ensure(name) == (ministry_named(name), False)


def test_a_name_no_ministry_goes_by_resolves_to_none():
    organizations_ensure()

    assert ministry_named("과기") is None
    assert ministry_named("서울특별시") is None  # a province, not a ministry
