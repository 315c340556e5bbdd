from django.db import models


class GoalStatusKind(models.TextChoices):
    """Where a goal stands, judged by projecting its actuals to the target year."""

    ON_TRACK = "on_track", "순항"
    AT_RISK = "at_risk", "주의"
    OFF_TRACK = "off_track", "지연"
    NO_DATA = "no_data", "실적 없음"
