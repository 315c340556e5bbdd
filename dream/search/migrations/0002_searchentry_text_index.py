"""The full-text index on SearchEntry.terms, for the database in use.

SQLite: an external-content FTS5 table (unicode61) kept in step by triggers, so every
insert, update or delete of an entry (also cascades from a plan) updates the index.
PostgreSQL: a GIN index on to_tsvector('simple', terms), the expression the search uses.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        terms, content='search_searchentry', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms);
    END""",
    """CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, terms)
        VALUES ('delete', old.id, old.terms);
    END""",
    """CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, terms)
        VALUES ('delete', old.id, old.terms);
        INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms);
    END""",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRESQL_CREATE = [
    "CREATE INDEX search_entry_terms_gin ON search_searchentry "
    "USING gin (to_tsvector('simple', terms))",
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS search_entry_terms_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_searchentry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
