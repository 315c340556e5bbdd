from django.db import models


class EntryKind(models.TextChoices):
    """What a search entry stands for, in rank order (broad to narrow)."""

    GOAL = "goal", "목표"
    STRATEGY = "strategy", "전략"
    TASK = "task", "과제"
    INDICATOR = "indicator", "성과지표"
    DIGITAL_GOAL = "digital_goal", "디지털 목표"
    DIGITAL_TASK = "digital_task", "디지털 과제"
    DISTRICT = "district", "디지털 혁신지구"
    ORGANIZATION = "organization", "부처"


# Entries of the digital plan and its districts: no implementation plan, one rebuild.
DIGITAL_KINDS = (EntryKind.DIGITAL_GOAL, EntryKind.DIGITAL_TASK, EntryKind.DISTRICT)
# The level filter's value for them (implementation plans use PlanLevel's values).
DIGITAL_LEVEL = ("digital", "지방 디지털 경쟁력 강화방안")


# Rank of each kind among hits with the same phrase match: a ministry's page first (a
# search by its name lists it before its tasks), tasks before indicators.
KIND_RANK = {
    EntryKind.ORGANIZATION: 0,
    EntryKind.GOAL: 1,
    EntryKind.DIGITAL_GOAL: 1,
    EntryKind.STRATEGY: 2,
    EntryKind.TASK: 3,
    EntryKind.DIGITAL_TASK: 3,
    EntryKind.DISTRICT: 3,
    EntryKind.INDICATOR: 4,
}
