from django.db import models


class Stage(models.IntegerChoices):
    """The three stages of a district's growth plan (지방 디지털 경쟁력 강화방안, 디지털 혁신지구)."""

    FOUNDATION = 1, "1단계 초기기반 구축"
    ACCELERATION = 2, "2단계 성장 가속화"
    PRIVATE_GLOBAL = 3, "3단계 민간이양·글로벌화"


class MeasureKind(models.TextChoices):
    """What a district reports: the two yardsticks the plan names, and anything else by name."""

    DIGITAL_FIRMS = "digital_firms", "디지털 기업 수"
    GLOBAL_LABS = "global_labs", "글로벌 수준 연구실 수"
    OTHER = "other", "기타"


class ReviewOutcome(models.TextChoices):
    """The outcome of the government's suitability review of a district's plan (l.1045)."""

    SUITABLE = "suitable", "적합"
    SUPPLEMENT = "supplement", "보완"
    UNSUITABLE = "unsuitable", "부적합"
