"""Fixtures shared by every app's tests."""

from pathlib import Path

import pytest
from django.db import transaction

SAMPLE = Path(__file__).resolve().parent / "data" / "seeds" / "2024-implementation-plan.txt"


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
