from django.db import models


class Incorporation(models.TextChoices):
    """Whether an agency runs as a legal person of its own (l.1683–1685 makes that the rule,
    as a separate body or an attached one)."""

    INDEPENDENT = "independent", "독립 법인(별도기관)"
    ATTACHED = "attached", "부설기관"
    NOT_INCORPORATED = "not_incorporated", "법인 아님"
    UNCONFIRMED = "unconfirmed", "확인 필요"


class ReportState(models.TextChoices):
    DRAFT = "draft", "작성 중"
    SUBMITTED = "submitted", "제출"
