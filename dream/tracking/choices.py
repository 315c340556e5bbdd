from django.db import models


class GoalStatusKind(models.TextChoices):
    """Where a goal stands, judged by its trend in the target year and its latest actual
    against the required path (the rule: tracking/projection.py)."""

    ON_TRACK = "on_track", "순항"
    AT_RISK = "at_risk", "주의"
    OFF_TRACK = "off_track", "지연"
    INSUFFICIENT = "insufficient", "판단 유보"  # one year of data: no trend yet
    NO_DATA = "no_data", "실적 없음"
