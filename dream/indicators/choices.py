from django.db import models


class IndicatorGroup(models.TextChoices):
    COMMON = "common", "공통지표"
    AUTONOMOUS = "autonomous", "자율지표"
    KEY = "key", "주요 성과지표"


class IndicatorDirection(models.TextChoices):
    """Which way is better. Printed plans do not say it; a body states it in its draft."""

    HIGHER = "higher", "높을수록 좋음"
    LOWER = "lower", "낮을수록 좋음"
