from django.db import models


class CyclePhase(models.TextChoices):
    """Where a plan year's cycle stands (2024 plan, Ⅰ-2 수립 경과)."""

    GUIDELINES = "guidelines", "수립지침 작성"
    DRAFTING = "drafting", "시행계획 작성·제출"
    REVIEW = "review", "검토·종합"
    RESOLVED = "resolved", "의결"


class SubmissionState(models.TextChoices):
    """A body's plan in a cycle. Provinces and super-regions record their own
    시·도 지방시대위원회 deliberation (local_resolution_date) before they submit."""

    DRAFTING = "drafting", "작성 중"
    SUBMITTED = "submitted", "제출"
    IN_REVIEW = "in_review", "검토 중"
    RETURNED = "returned", "보완 요청"
    ACCEPTED = "accepted", "접수"
    RESOLVED = "resolved", "의결"


class SubmissionAction(models.TextChoices):
    """What moves a submission; the API's `{action}` path segment uses these values."""

    ROLL_FORWARD = "roll-forward", "전년 계획에서 초안 작성"
    LOCAL_RESOLUTION = "local-resolution", "시·도 지방시대위원회 심의 기록"
    SUBMIT = "submit", "제출"
    REVIEW = "review", "검토 시작"
    RETURN = "return", "보완 요청"
    ACCEPT = "accept", "접수"
    RESOLVE = "resolve", "의결"
