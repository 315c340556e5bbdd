from django.db import models


class EntryKind(models.TextChoices):
    """What a search entry stands for, in rank order (broad to narrow)."""

    GOAL = "goal", "목표"
    STRATEGY = "strategy", "전략"
    TASK = "task", "과제"
    INDICATOR = "indicator", "성과지표"


# Rank of each kind among hits with the same phrase match: tasks before indicators.
KIND_RANK = {EntryKind.GOAL: 1, EntryKind.STRATEGY: 2, EntryKind.TASK: 3, EntryKind.INDICATOR: 4}
