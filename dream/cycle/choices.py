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
    AMENDMENT_START = "amendment-start", "변경 계획 작성 시작"
    AMENDMENT_SUBMIT = "amendment-submit", "변경 계획 제출"
    AMENDMENT_RETURN = "amendment-return", "변경 계획 보완 요청"
    AMENDMENT_WITHDRAW = "amendment-withdraw", "변경 계획 철회"
    AMENDMENT_RESOLVE = "amendment-resolve", "변경 계획 의결"


class AmendmentState(models.TextChoices):
    """An amendment of a resolved plan: written on a draft copy, submitted, resolved into
    the plan's next version, or withdrawn."""

    DRAFTING = "drafting", "작성 중"
    SUBMITTED = "submitted", "제출"
    RESOLVED = "resolved", "의결"
    WITHDRAWN = "withdrawn", "철회"


class ItemKind(models.TextChoices):
    """The items of a draft that checks, comments and the Excel template point at; an item
    is named by its kind and the id of its row."""

    PLAN = "plan", "시행계획(목표)"
    STRATEGY = "strategy", "전략"
    TASK = "task", "과제"
    BUDGET = "budget", "재정투입"
    INDICATOR = "indicator", "성과지표"


class DuplicateStatus(models.TextChoices):
    """A possible 동일사업 중복계상 (2024 plan, l.12214–12218) waits for staff to judge it."""

    PENDING = "pending", "확인 대기"
    CONFIRMED = "confirmed", "중복 확인"
    DISMISSED = "dismissed", "중복 아님"
