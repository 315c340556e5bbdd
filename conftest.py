"""Fixtures shared by every app's tests."""

from pathlib import Path

import pytest
from django.db import transaction

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
