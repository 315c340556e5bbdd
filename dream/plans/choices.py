from django.db import models


class PlanLevel(models.TextChoices):
    NATIONAL = "national", "국가(종합)"
    SECTORAL = "sectoral", "부문별"
    PROVINCE = "province", "시·도"
    SUPER_REGION = "super_region", "초광역권"


class StrategyKind(models.TextChoices):
    PILLAR = "pillar", "전략(과제·예산 구분)"
    FOCUS = "focus", "추진전략(◈)"


class TaskKind(models.TextChoices):
    CORE = "core", "핵심과제"
    PRACTICAL = "practical", "실천과제"
    PROJECT = "project", "사업"
    DETAILED = "detailed", "세부과제"
    ITEM = "item", "중점 추진 계획"


class BudgetSource(models.TextChoices):
    """Where planned money comes from. 국비 may be split by account where a body gives it
    (issue 9: 일반회계, 지역균형발전특별회계, 기타); the split parts add up to 국비."""

    TOTAL = "total", "합계"
    NATIONAL = "national", "국비"
    NATIONAL_GENERAL = "national_general", "국비(일반회계)"
    NATIONAL_BALANCED = "national_balanced", "국비(지특회계)"
    NATIONAL_OTHER = "national_other", "국비(기타)"
    LOCAL = "local", "지방비"
    PRIVATE = "private", "민자"


NATIONAL_SPLIT = (
    BudgetSource.NATIONAL_GENERAL,
    BudgetSource.NATIONAL_BALANCED,
    BudgetSource.NATIONAL_OTHER,
)
