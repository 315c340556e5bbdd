"""The full-text index on SearchEntry.terms, for the database in use.

SQLite: an external-content FTS5 table (unicode61) kept in step by triggers, so every
insert, update or delete of an entry (also cascades from a plan) updates the index.
PostgreSQL: to_tsvector('simple', terms) stored in a generated column with a GIN index.
Stored, not an expression index, because a plan that filters by level or owner first
would otherwise recompute the tsvector of every row it checks (measured: 7 ms instead of
1 ms for one query on the 2024 plan). Django does not know the column; it only reads it in
selectors._phrase_match and never writes it.
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
    "ALTER TABLE search_searchentry ADD COLUMN terms_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX search_entry_terms_gin ON search_searchentry USING gin (terms_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_terms_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS terms_vector",
]


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
