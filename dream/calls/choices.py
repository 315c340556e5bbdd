from django.db import models


class CallState(models.TextChoices):
    """A Track 1 call's life: criteria are frozen once evaluation starts."""

    DRAFT = "draft", "준비 중"
    OPEN = "open", "공모 중"
    EVALUATING = "evaluating", "평가 중"
    SELECTED = "selected", "선정 완료"
    CLOSED = "closed", "종료"


class SelectionRule(models.TextChoices):
    """What selection does with an application that no longer fits the remaining budget. The
    plan fixes neither (계획이 정하지 않음); DREAM's default is SKIP."""

    SKIP = "skip", "남은 예산을 넘는 신청은 건너뛰고 다음 순위로"
    STOP = "stop", "남은 예산을 넘는 신청에서 선정을 멈춤"


class CriterionBasis(models.TextChoices):
    PRINTED = "printed", "계획에 적힘"
    UNSET = "unset", "계획이 정하지 않음"


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", "신청"
    SELECTED = "selected", "선정"
    NOT_SELECTED = "not_selected", "미선정"
    WITHDRAWN = "withdrawn", "철회"


class FundedRating(models.TextChoices):
    """A funded year's rating. The plan names only 우수 (l.1790); the other grades are
    DREAM's (계획이 정하지 않음)."""

    EXCELLENT = "excellent", "우수"
    NORMAL = "normal", "보통"
    POOR = "poor", "미흡"
