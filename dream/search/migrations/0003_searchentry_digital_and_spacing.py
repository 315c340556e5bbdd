"""Entries of the digital plan (no implementation plan) and spacing-free terms.

Altering the table makes SQLite copy it, which drops the FTS triggers of migration 0002:
they are dropped before and re-created (with a rebuild of the FTS table) after. The terms
of existing entries are recomputed with the spacing-free chunks (terms.search_terms).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

index = importlib.import_module("dream.search.migrations.0002_searchentry_text_index")


def _recompute_terms(apps, schema_editor):
    from dream.search.terms import search_terms

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(SearchEntry.objects.only("pk", "title", "terms"))
    for entry in entries:
        entry.terms = search_terms(entry.title)
    SearchEntry.objects.bulk_update(entries, ["terms"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial"), ("search", "0002_searchentry_text_index")]

    operations = [
        migrations.RunPython(
            index._run({"sqlite": index.SQLITE_DROP}), index._run({"sqlite": index.SQLITE_CREATE})
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("goal", "목표"),
                    ("strategy", "전략"),
                    ("task", "과제"),
                    ("indicator", "성과지표"),
                    ("digital_goal", "디지털 목표"),
                    ("digital_task", "디지털 과제"),
                    ("district", "디지털 혁신지구"),
                ],
                max_length=20,
                verbose_name="종류",
            ),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                help_text="디지털 경쟁력 강화방안의 항목과 혁신지구는 비어 있음",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="search_entries",
                to="plans.plan",
                verbose_name="시행계획",
            ),
        ),
        migrations.RunPython(_recompute_terms, migrations.RunPython.noop),
        migrations.RunPython(
            index._run({"sqlite": index.SQLITE_CREATE}), index._run({"sqlite": index.SQLITE_DROP})
        ),
    ]
