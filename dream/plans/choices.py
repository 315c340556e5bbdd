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
    TOTAL = "total", "합계"
    NATIONAL = "national", "국비"
    LOCAL = "local", "지방비"
    PRIVATE = "private", "민자"
