"""A content hash of every table, to prove that a refused write left the database as it was.

Used by the fuzz suite (a refused document or upload must change nothing) and by the backup
round trip. It reads rows, not files, so it works the same on SQLite and PostgreSQL.
"""

import hashlib

from django.db import connections

# Django's own bookkeeping, touched by logins and not by plan data.
IGNORED_TABLES = frozenset({"django_session"})


def database_fingerprint(*, using: str = "default", ignore=IGNORED_TABLES) -> str:
    """SHA-256 over every row of every table, in a stable order."""
    connection = connections[using]
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in ignore:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} WHERE 1 = 0")
            width = len(cursor.description)
            order = ", ".join(str(position) for position in range(1, width + 1))
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")
            digest.update(table.encode())
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
    return digest.hexdigest()
