"""Fixtures shared by every app's tests."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import TransactionTestCase
from hypothesis import settings

# Property tests draw the same examples on every run and never fail for a slow example: CI
# runs both databases at once on two cores, where a pure function can take longer than
# hypothesis's default 200 ms deadline (DeadlineExceeded), and a run must fail for a wrong
# answer only. Nothing is saved between runs, so the SQLite and PostgreSQL runs of one
# checkout cannot replay each other's examples; new inputs are searched for by `make fuzz`.
settings.register_profile("dream", deadline=None, derandomize=True, database=None)
settings.load_profile("dream")

# With a read replica configured (DATABASE_REPLICA_URL: CI's PostgreSQL run), every test may
# read through it, as every request may: the router chooses the alias, not the test. It mirrors
# the test database; inside a test's transaction the router reads the primary anyway.
if "replica" in django_settings.DATABASES:
    TransactionTestCase.databases = {"default", "replica"}

    @pytest.fixture(scope="session", autouse=True)
    def replica_closed_before_teardown(django_db_setup):
        """The replica's persistent connection is to the test database: closed before it is
        dropped, which PostgreSQL refuses while a session uses it."""
        yield
        from django.db import connections

        connections["replica"].close()

SAMPLE = Path(__file__).resolve().parent / "data" / "seeds" / "2024-implementation-plan.txt"
DIGITAL_SAMPLE = Path(__file__).resolve().parent / "data" / "seeds" / "2023-digital-plan.txt"


@pytest.fixture(scope="module")
def plan_2024(django_db_setup, django_db_blocker):
    """The bundled 2024 plan, imported once per test module and rolled back after it.

    Tests that read it also ask for `db`; each test runs in a savepoint inside this
    module's transaction, so they see the data and cannot leak changes to each other.
    """
    from dream.accounts.services import system_user
    from dream.ingest.services import plan_document_import

    with django_db_blocker.unblock(), transaction.atomic():
        plan_document_import(actor=system_user(), path=SAMPLE)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def plan_2024_committed(transactional_db):
    """The 2024 plan committed, for tests whose server runs in another thread (browser)."""
    from dream.accounts.services import system_user
    from dream.ingest.services import plan_document_import

    plan_document_import(actor=system_user(), path=SAMPLE)


@pytest.fixture(scope="module")
def digital_plan_2023(django_db_setup, django_db_blocker):
    """「지방 디지털 경쟁력 강화방안」 with its reviewed facts, imported once per test module
    and rolled back after it; use it together with `db`, like `plan_2024`."""
    from dream.accounts.services import system_user
    from dream.digital.services import digital_plan_import

    with django_db_blocker.unblock(), transaction.atomic():
        digital_plan_import(actor=system_user(), path=DIGITAL_SAMPLE)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def digital_plan_committed(transactional_db):
    """The digital plan committed, for tests whose server runs in another thread (browser)."""
    from dream.accounts.services import system_user
    from dream.digital.services import digital_plan_import

    digital_plan_import(actor=system_user(), path=DIGITAL_SAMPLE)


@pytest.fixture
def register_district(db):
    """register_district("부산", name=…, actor=…) → a digital innovation district registered
    through the service; what a test does not name takes a plausible value, and the actor is
    a superuser unless given."""
    from datetime import date

    from dream.accounts.choices import OrganizationKind
    from dream.accounts.models import Organization, User
    from dream.districts.services import district_register

    registrar = []

    def register(province: str = "부산", *, actor=None, **fields):
        if actor is None:
            if not registrar:
                registrar.append(User.objects.create_superuser("district-registrar", password="pw"))
            actor = registrar[0]
        defaults = {
            "name": f"{province} 디지털 혁신지구",
            "location": f"{province} 도심",
            "operator": f"{province}정보산업진흥원",
            "anchor_facilities": "공유오피스, 데이터센터",
            "decided_on": date(2024, 3, 1),
            "decision": "조성계획 적합성 검토 결과 1단계 지원 대상으로 선정",
        }
        return district_register(
            actor=actor,
            province=Organization.objects.get(kind=OrganizationKind.PROVINCE, short_name=province),
            **{**defaults, **fields},
        )

    return register


@pytest.fixture
def record_reported_actuals(digital_plan_2023, db):
    """record_reported_actuals(actor) enters issue 8's example actuals of the digital plan's
    goals: 15.2조원 (2023) and 21조원 (2024) of digital economy output, 80.1% (2023) of
    digital inclusion and 1,200개 (2024) DX manufacturers, which has no baseline."""
    from datetime import date

    from dream.digital.models import DigitalGoal
    from dream.tracking.services import goal_value_record

    def record(actor) -> None:
        for key, year, value in [
            ("digital-economy-output", 2023, "15.2"),
            ("digital-economy-output", 2024, "21"),
            ("digital-inclusion-level", 2023, "80.1"),
            ("dx-manufacturers", 2024, "1200"),
        ]:
            goal_value_record(
                actor=actor,
                goal=DigitalGoal.objects.get(key=key),
                year=year,
                value=value,
                source="조사",
                observed_on=date(2025, 6, 30),
            )

    return record


@pytest.fixture
def printed_programmes(db):
    """The turnkey package's three printed programmes, which a data migration writes: a test
    run with `transaction=True` empties every table afterwards, so they are written again the
    migration's way for the tests that need them."""
    from importlib import import_module

    from django.apps import apps

    import_module("dream.allocation.migrations.0002_programmes_printed").seed(apps, None)
