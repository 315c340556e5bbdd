"""The read-replica router (docs/scaling.md): which alias each read and write goes to.

The decisions are checked on the router itself and run in every configuration; the
end-to-end tests need the `replica` alias (DATABASE_REPLICA_URL, set in CI's PostgreSQL
run, where the replica mirrors the test database) and are skipped without it.
"""

import os
import subprocess
import sys
from contextvars import Context
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from dream.accounts.models import Organization, User
from dream.core.db_routers import (
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    primary_reads,
    reads_primary,
    request_reads_primary,
)

ROOT = Path(__file__).resolve().parents[3]
router = PrimaryReplicaRouter()
needs_replica = pytest.mark.skipif(
    "replica" not in settings.DATABASES, reason="no read replica (DATABASE_REPLICA_URL)"
)


def fresh(function):
    """Run `function` as a new request or thread would: nothing written or pinned yet."""
    return Context().run(function)


def test_a_read_goes_to_the_replica():
    assert fresh(lambda: router.db_for_read(Organization)) == "replica"


def test_a_write_goes_to_the_primary():
    assert fresh(lambda: router.db_for_write(Organization)) == "default"


def test_a_read_after_a_write_goes_to_the_primary():
    def write_then_read():
        router.db_for_write(Organization)
        return router.db_for_read(Organization)

    assert fresh(write_then_read) == "default"


def test_reads_inside_primary_reads_go_to_the_primary_and_only_there():
    def inside_and_after():
        with primary_reads():
            inside = router.db_for_read(Organization)
        return inside, router.db_for_read(Organization)

    assert fresh(inside_and_after) == ("default", "replica")


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    with transaction.atomic():
        assert fresh(reads_primary)
        assert fresh(lambda: router.db_for_read(Organization)) == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "plans")
    assert not router.allow_migrate("replica", "plans")


def test_rows_of_the_two_aliases_may_be_related():
    read, written = Organization(), User()
    read._state.db, written._state.db = "replica", "default"
    assert router.allow_relation(read, written)


@pytest.mark.parametrize(
    ("method", "cookies", "headers", "primary"),
    [
        ("get", {}, {}, False),
        ("head", {}, {}, False),
        ("post", {}, {}, True),
        ("delete", {}, {}, True),
        ("get", {settings.SESSION_COOKIE_NAME: "abc"}, {}, True),
        ("get", {}, {"Authorization": "Bearer token"}, True),
    ],
)
def test_requests_that_may_write_or_be_signed_in_read_the_primary(
    method, cookies, headers, primary
):
    factory = RequestFactory()
    for name, value in cookies.items():
        factory.cookies[name] = value
    request = getattr(factory, method)("/", headers=headers)
    assert request_reads_primary(request) is primary


def test_the_middleware_sets_the_flag_for_the_request_and_clears_it_after():
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(reads_primary()))

    def two_requests():
        middleware(RequestFactory().post("/"))
        middleware(RequestFactory().get("/"))
        return reads_primary()

    assert fresh(two_requests) is False
    assert seen == [True, False]


def test_a_write_in_a_request_does_not_outlive_the_request():
    def write(request):
        router.db_for_write(Organization)
        return reads_primary()

    middleware = ReplicaReadsMiddleware(write)

    def request_then_after():
        return middleware(RequestFactory().get("/")), reads_primary()

    assert fresh(request_then_after) == (True, False)


def queries(alias: str, captured: dict[str, CaptureQueriesContext]) -> list[str]:
    return [query["sql"] for query in captured[alias].captured_queries]


class captured_by_alias:
    """Each alias's queries while inside, as {alias: CaptureQueriesContext}."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in connections}
        for context in self.contexts.values():
            context.__enter__()
        return self.contexts

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_an_anonymous_page_and_api_read_go_to_the_replica(client):
    Organization.objects.create(kind="province", short_name="부산", full_name="부산광역시")
    for address in ("/downloads/", "/api/v1/agencies"):
        with captured_by_alias() as captured:
            response = client.get(address)
        assert response.status_code == 200, address
        assert queries("replica", captured), address
        assert not queries("default", captured), address


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_post_and_the_signed_in_pages_after_it_use_the_primary_only(client):
    User.objects.create_user("reader", password="pw-long-enough-1")
    with captured_by_alias() as captured:
        response = client.post(
            "/accounts/login/", {"username": "reader", "password": "pw-long-enough-1"}
        )
    assert response.status_code == 302
    written = queries("default", captured)
    assert any(sql.startswith(("INSERT", "UPDATE")) for sql in written)
    assert not queries("replica", captured)

    with captured_by_alias() as captured:
        response = client.get("/downloads/")
    assert response.status_code == 200
    assert queries("default", captured)
    assert not queries("replica", captured)


def settings_in(**environment: str) -> subprocess.CompletedProcess:
    """Import the settings with `environment` (DATABASE_* of the test run left out)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    code = (
        "from config import settings as s; "
        "print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []), "
        "[m for m in s.MIDDLEWARE if 'db_routers' in m])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**env, **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_a_replica_there_is_one_database_and_no_router(tmp_path):
    result = settings_in(DREAM_DATA_DIR=str(tmp_path))
    assert result.stdout.strip() == "['default'] [] []", result.stderr


def test_a_replica_adds_the_alias_the_router_and_its_middleware(tmp_path):
    url = f"sqlite:///{tmp_path / 'dream.sqlite3'}"
    result = settings_in(DATABASE_URL=url, DATABASE_REPLICA_URL=url)
    assert result.stdout.strip() == (
        "['default', 'replica'] ['dream.core.db_routers.PrimaryReplicaRouter'] "
        "['dream.core.db_routers.ReplicaReadsMiddleware']"
    ), result.stderr


def test_a_replica_of_another_kind_of_database_is_refused(tmp_path):
    result = settings_in(
        DATABASE_URL=f"sqlite:///{tmp_path / 'dream.sqlite3'}",
        DATABASE_REPLICA_URL="postgres://dream:dream@127.0.0.1:5432/dream",
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL must name a replica" in result.stderr
