"""The database planner's view of table sizes after a bulk write.

PostgreSQL plans a query from statistics that autovacuum refreshes a while after a commit.
Inside one transaction that first fills tables and then reads them (an import, the evaluation
demo), the planner still takes them for empty and joins them row by row: the 2024 evaluation
demo's score lookups took 2.4 s each on PostgreSQL until the statistics were refreshed. SQLite
plans without such statistics, so there is nothing to do there.
"""

from django.db import connection


def planner_statistics_refresh() -> None:
    """ANALYZE on PostgreSQL (it sees the current transaction's own rows); nothing elsewhere."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
