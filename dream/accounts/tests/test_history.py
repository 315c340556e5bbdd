"""Users, organisations and memberships keep their change history, with who changed them."""

from django.urls import reverse

from dream.accounts.choices import MembershipRole, OrganizationKind
from dream.accounts.models import Membership, Organization, OrganizationAlias, User
from dream.accounts.selectors import ministry_named
from dream.accounts.services import SYSTEM_USERNAME, ministry_ensure, organizations_ensure


def test_the_registry_of_organisations_is_recorded_under_the_system_account(db):
    organizations_ensure()

    busan = Organization.objects.get(kind=OrganizationKind.PROVINCE, short_name="부산")
    record = busan.history.get()
    assert record.history_type == "+" and record.history_user.username == SYSTEM_USERNAME
    assert record.history_change_reason == "기관 목록 등록"


def test_a_ministry_first_met_in_a_document_is_recorded_under_its_importer(db):
    importer = User.objects.create_user("importer")

    ministry, created = ministry_ensure("우주항공청", actor=importer)

    assert created and ministry.history.get().history_user == importer


def test_an_admin_who_renames_an_organisation_is_named_in_its_history(client, db):
    organizations_ensure()
    root = User.objects.create_superuser("root", password="pw")
    busan = Organization.objects.get(kind=OrganizationKind.PROVINCE, short_name="부산")
    client.force_login(root)

    client.post(
        reverse("admin:accounts_organization_change", args=[busan.pk]),
        {
            "kind": busan.kind,
            "short_name": "부산",
            "full_name": "부산광역시(개칭 시험)",
            "position": busan.position,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "province_memberships-TOTAL_FORMS": "0",
            "province_memberships-INITIAL_FORMS": "0",
        },
    )

    renamed = busan.history.latest()
    assert renamed.full_name == "부산광역시(개칭 시험)" and renamed.history_user == root


def test_an_admin_who_gives_a_user_a_membership_is_named_in_its_history(client, db):
    organizations_ensure()
    root = User.objects.create_superuser("root", password="pw")
    officer = User.objects.create_user("officer")
    committee = Organization.objects.get(kind=OrganizationKind.COMMITTEE)
    client.force_login(root)

    response = client.post(
        reverse("admin:accounts_user_change", args=[officer.pk]),
        {
            "username": "officer",
            "is_active": "on",
            "date_joined_0": "2025-01-02",
            "date_joined_1": "09:00:00",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-organization": committee.pk,
            "memberships-0-role": MembershipRole.EDITOR,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=officer)
    assert membership.history.get().history_user == root
    assert officer.history.latest().history_user == root


def test_user_history_keeps_no_password_and_no_row_per_login(client, db):
    User.objects.create_user("officer", password="correct-horse-battery")

    client.post(reverse("login"), {"username": "officer", "password": "correct-horse-battery"})

    officer = User.objects.get(username="officer")
    assert officer.last_login is not None
    assert officer.history.count() == 1
    assert not hasattr(officer.history.get(), "password")


def test_an_admin_who_adds_another_printed_name_is_named_in_its_history(client, db):
    organizations_ensure()
    root = User.objects.create_superuser("root", password="pw")
    science = Organization.objects.get(kind=OrganizationKind.MINISTRY, short_name="과기정통부")
    client.force_login(root)

    client.post(
        reverse("admin:accounts_organization_change", args=[science.pk]),
        {
            "kind": science.kind,
            "short_name": science.short_name,
            "full_name": science.full_name,
            "position": science.position,
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "1",
            "aliases-0-id": science.aliases.get().pk,
            "aliases-0-organization": science.pk,
            "aliases-0-name": "과기부",
            "aliases-1-organization": science.pk,
            "aliases-1-name": "미래부",
            "province_memberships-TOTAL_FORMS": "0",
            "province_memberships-INITIAL_FORMS": "0",
        },
    )

    added = OrganizationAlias.history.get(name="미래부")
    assert added.history_type == "+" and added.history_user == root
    assert ministry_named("미래부") == science
