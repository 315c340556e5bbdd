"""The database's own account of how it would run a query, for tests that check a selector
reads one year through an index rather than scanning every year (issue 13)."""

from django.db import connection


def query_plan(queryset) -> str:
    """EXPLAIN's text for the queryset, one step per line.

    PostgreSQL is told not to scan tables sequentially: a test database is so small that a
    scan is cheaper, and the question asked is whether an index can serve the query."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def scans(plan: str, table: str) -> bool:
    """Whether the plan reads every row of `table`."""
    if connection.vendor == "postgresql":
        return f"Seq Scan on {table}" in plan
    return any(
        line.strip() in (f"SCAN {table}", f"SCAN TABLE {table}") for line in plan.splitlines()
    )


def explained(sql: str) -> str:
    """EXPLAIN's text for SQL as Django logged it (parameters filled in)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql.replace("%", "%%"))
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql.replace("%", "%%"))
        return "\n".join(row[-1] for row in cursor.fetchall())
