from django.db import models


class ResultState(models.TextChoices):
    """A body's results for one plan year: written, submitted, sent back or confirmed by the
    Committee. Only confirmed results are public."""

    DRAFTING = "drafting", "작성 중"
    SUBMITTED = "submitted", "제출"
    RETURNED = "returned", "보완 요청"
    CONFIRMED = "confirmed", "확정"


class ResultAction(models.TextChoices):
    """What moves a result submission; the API's `{action}` path segment uses these values."""

    SUBMIT = "submit", "제출"
    RETURN = "return", "보완 요청"
    CONFIRM = "confirm", "확정"
    REOPEN = "reopen", "확정 해제"
