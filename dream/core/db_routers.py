"""Reads from a PostgreSQL read replica, writes to the primary (docs/scaling.md).

Configured only when DATABASE_REPLICA_URL is set: the `replica` alias, this router and the
middleware below (config/settings.py). Reads go to the replica unless one of these rules
sends them to the primary, so that nobody reads older data than they have just written:

1. inside a transaction on the primary (services write in `transaction.atomic()`; their
   reads, `select_for_update()` included, must see the same snapshot);
2. after a write in the same request, or, outside requests (management commands), after
   any write in the same thread or task;
3. for the whole of a request that may write or belongs to someone signed in: a method other
   than GET, HEAD or OPTIONS, a session cookie or an Authorization header. Replication lag
   then never shows a person their own change missing (a saved form, a login); anonymous
   readers, the traffic a replica is for, read the replica.

A context variable holds rule 2 and 3's flag, so threads and asyncio tasks each have their
own. Raw SQL through `django.db.connection` always runs on the primary.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_read_primary: ContextVar[bool] = ContextVar("dream_read_primary", default=False)


def reads_primary() -> bool:
    """Whether a read here and now must go to the primary (the rules above)."""
    return _read_primary.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block


@contextmanager
def primary_reads() -> Iterator[None]:
    """Every read inside goes to the primary, e.g. a page that reads what another request
    has just written."""
    token = _read_primary.set(True)
    try:
        yield
    finally:
        _read_primary.reset(token)


class PrimaryReplicaRouter:
    """Writes and migrations on `default`; reads on `replica` unless `reads_primary()`."""

    def db_for_read(self, model, **hints):
        return DEFAULT_DB_ALIAS if reads_primary() else REPLICA

    def db_for_write(self, model, **hints):
        _read_primary.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """Both aliases are one database: a row read from the replica may be linked to one
        written to the primary."""
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """The replica copies the primary's schema; it is never migrated itself."""
        return db == DEFAULT_DB_ALIAS


def request_reads_primary(request) -> bool:
    """Rule 3: a request that may write, or from someone who may just have written."""
    return (
        request.method not in READ_ONLY_METHODS
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


class ReplicaReadsMiddleware:
    """Sets each request's flag (rule 3) and clears what the request set when it ends, so a
    worker's next request starts afresh. Placed before the session is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read_primary.set(request_reads_primary(request))
        try:
            return self.get_response(request)
        finally:
            _read_primary.reset(token)
