from django.db import models


class IndicatorGroup(models.TextChoices):
    COMMON = "common", "공통지표"
    AUTONOMOUS = "autonomous", "자율지표"
    KEY = "key", "주요 성과지표"
