"""A full-text index that stays inside one year: `index_terms` (the chunks, the syllables and
the carrying bodies of a title, each prefixed by its plan year) replaces `terms` as the
indexed column, and `year` is kept on the entry.

Measured before (issue 13): a search of one year read every year's matches, five times
(count, three facets, ranking) — 17 ms at one year, 1,406 ms at a million tasks — and a
one-syllable word fell back to a scan of every title. With the year in each token the
index returns one year's rows; the syllable tokens give one-syllable words an index too;
the body tokens let a ministry's name find what it carries without scanning the table.

SQLite: an external-content FTS5 table over `index_terms`, kept in step by triggers (as
migration 0002 did for `terms`); the old table and triggers go first, since adding columns
may make SQLite copy the table. PostgreSQL: a stored generated tsvector with a GIN index.
"""

import importlib

from django.db import migrations, models

previous = importlib.import_module("dream.search.migrations.0002_searchentry_text_index")

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        index_terms, content='search_searchentry', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(rowid, index_terms) VALUES (new.id, new.index_terms);
    END""",
    """CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, index_terms)
        VALUES ('delete', old.id, old.index_terms);
    END""",
    """CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, index_terms)
        VALUES ('delete', old.id, old.index_terms);
        INSERT INTO search_entry_fts(rowid, index_terms) VALUES (new.id, new.index_terms);
    END""",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
POSTGRESQL_CREATE = [
    "ALTER TABLE search_searchentry ADD COLUMN index_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, index_terms)) STORED",
    "CREATE INDEX search_entry_index_gin ON search_searchentry USING gin (index_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_index_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS index_vector",
]


def _fill(apps, schema_editor):
    from dream.search.terms import index_terms

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(SearchEntry.objects.select_related("plan"))
    for entry in entries:
        entry.year = entry.plan.year if entry.plan_id else None
        bodies = [int(pk) for pk in entry.organizations.strip("|").split("|") if pk]
        entry.index_terms = index_terms(entry.title, entry.year, bodies)
    SearchEntry.objects.bulk_update(entries, ["year", "index_terms"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_searchentry_organizations_and_source_line")]

    operations = [
        migrations.RunPython(
            previous._run({"sqlite": previous.SQLITE_DROP, "postgresql": previous.POSTGRESQL_DROP}),
            previous._run(
                {"sqlite": previous.SQLITE_CREATE, "postgresql": previous.POSTGRESQL_CREATE}
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="index_terms",
            field=models.TextField(
                default="",
                help_text="연도를 앞에 붙인 검색어 조각·음절·맡은 기관: 전문 검색 색인이 읽는 열 "
                "(terms.index_terms)",
                verbose_name="색인 조각",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="시행계획의 연도(계획에 속하지 않는 항목은 비어 있음)",
                null=True,
                verbose_name="연도",
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["year"], name="search_entry_year"),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(
            previous._run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            previous._run({"sqlite": previous.SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
