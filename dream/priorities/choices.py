from django.db import models


class TaskGroup(models.TextChoices):
    """The two groups of Ⅱ's "4+10 중점 이행과제" (2024 plan, appendix l.12298–12341)."""

    ZONE = "zone", "4대 특구"
    PRIORITY = "priority", "10대 중점 이행과제"


class ItemKind(models.TextChoices):
    """The marked lines of a priority task, by the mark the document prints."""

    AIM = "aim", "목표(▪)"
    STATUS = "status", "추진 현황"
    STEP = "step", "추진 내용(ㅇ)"
    SUB = "sub", "세부 내용(-)"
    NOTE = "note", "참고(*, ※)"


class Precision(models.TextChoices):
    """How finely a printed date names its span (ingest.records.PERIOD_PRECISIONS)."""

    DAY = "day", "일"
    MONTH = "month", "월"
    QUARTER = "quarter", "분기"
    HALF = "half", "반기"
    YEAR = "year", "연"
    ONGOING = "ongoing", "연중"
    UNDATED = "undated", "날짜 없음"


class StepStatus(models.TextChoices):
    """What an owner reports of a step (ㅇ); 지연 is also computed when a step's period has
    ended without 완료 (tracker.step_state)."""

    PLANNED = "planned", "예정"
    IN_PROGRESS = "in_progress", "진행"
    DONE = "done", "완료"
    DELAYED = "delayed", "지연"


class Half(models.IntegerChoices):
    """The half of a year a half-yearly inspection (반기별 이행점검) covers."""

    FIRST = 1, "상반기"
    SECOND = 2, "하반기"
