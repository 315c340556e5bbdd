"""The three programmes the digital plan names for the turnkey package from ’24 (l.1120:
"지역디지털기초체력지원, SW융합클러스터, 이노베이션스퀘어 등 연 700억원 내·외")."""

from django.db import migrations

PRINTED = [("지역디지털기초체력지원", 1), ("SW융합클러스터", 2), ("이노베이션스퀘어", 3)]
SOURCE_LINE = 1120


def seed(apps, schema_editor):
    programme = apps.get_model("allocation", "TurnkeyProgramme")
    for name, position in PRINTED:
        programme.objects.update_or_create(
            name=name, defaults={"source_line": SOURCE_LINE, "position": position}
        )


def unseed(apps, schema_editor):
    apps.get_model("allocation", "TurnkeyProgramme").objects.filter(
        name__in=[name for name, _ in PRINTED]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("allocation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
