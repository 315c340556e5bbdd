"""The bodies that carry an entry (found by any of their names), the line it was read from
and ministries' pages as entries.

Adding a column with a default makes SQLite copy the table, which drops the FTS triggers
of migration 0002: they are dropped before and re-created (with a rebuild of the FTS
table) after, as in 0003. Existing entries get their bodies, lines and the ministries'
pages at the next rebuild (an import, or `dream search_rebuild`).
"""

import importlib

from django.db import migrations, models

index = importlib.import_module("dream.search.migrations.0002_searchentry_text_index")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchentry_digital_and_spacing")]

    operations = [
        migrations.RunPython(
            index._run({"sqlite": index.SQLITE_DROP}), index._run({"sqlite": index.SQLITE_CREATE})
        ),
        migrations.AddField(
            model_name="searchentry",
            name="organizations",
            field=models.TextField(
                blank=True,
                help_text="과제를 맡은 기관(부처 항목은 그 부처)의 ID를 |3|17| 꼴로: "
                "기관의 어느 이름으로 찾아도 찾도록",
                verbose_name="맡은 기관",
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="source_line",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="문서에서 읽은 항목만: '원문 N줄' 링크용",
                null=True,
                verbose_name="원문 줄",
            ),
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
                    ("organization", "부처"),
                ],
                max_length=20,
                verbose_name="종류",
            ),
        ),
        migrations.RunPython(
            index._run({"sqlite": index.SQLITE_CREATE}), index._run({"sqlite": index.SQLITE_DROP})
        ),
    ]
