from django.db import migrations, models


class Migration(migrations.Migration):
    """A published plan and its amendment draft (same year, level, owner) may coexist."""

    dependencies = [
        ("plans", "0006_budget_source_national_split"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="plan",
            name="plan_unique_year_level_owner",
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_draft", False)),
                fields=("year", "level", "owner"),
                name="plan_unique_published",
                violation_error_message="같은 연도·수준·주체의 시행계획이 이미 있습니다.",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_draft", True)),
                fields=("year", "level", "owner"),
                name="plan_unique_draft",
                violation_error_message="같은 연도·수준·주체의 시행계획 초안이 이미 있습니다.",
            ),
        ),
    ]
