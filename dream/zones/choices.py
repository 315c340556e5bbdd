from django.db import models


class DesignationStage(models.TextChoices):
    """Where an application for a special-zone area stands: 기회발전특구 are applied for at
    any time (수시 신청) and designated after the Committee's deliberation and resolution
    (2024 plan l.257–259); a resolution may also refuse, and an applicant may withdraw."""

    APPLIED = "applied", "신청"
    DELIBERATED = "deliberated", "심의·의결"
    DESIGNATED = "designated", "지정"
    REFUSED = "refused", "미지정"
    WITHDRAWN = "withdrawn", "철회"
