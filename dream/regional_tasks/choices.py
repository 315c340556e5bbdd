from django.db import models


class TaskState(models.TextChoices):
    """The sorting of regional policy tasks (2024 plan l.600–637): 적극추진 go into the plan,
    보완필요 to the expert committee's review meetings, 중장기 are monitored; a task that can
    no longer be carried out is requested for closure and closed only through the printed
    path (ClosureStep)."""

    ACTIVE = "active", "적극추진"
    NEEDS_WORK = "needs_work", "보완필요"
    LONG_TERM = "long_term", "중장기"
    CLOSING = "closing", "종결요청"
    CLOSED = "closed", "종결"


class ClosureStep(models.TextChoices):
    """추진절차(안) of a closure, in order (l.637): 시·도, 부처 협의 → 전문위 논의 → 반기별
    이행점검 결과 보고로 확정."""

    AGREEMENT = "agreement", "시·도·부처 협의"
    EXPERT_COMMITTEE = "expert_committee", "전문위 논의"
    INSPECTION_REPORT = "inspection_report", "반기별 이행점검 결과 보고"


class BudgetStage(models.TextChoices):
    """A yearly budget need (l.624–625): submitted by the province, the ministry's opinion
    after consultation, forwarded to 기획재정부."""

    REQUESTED = "requested", "시·도 제출"
    MINISTRY_OPINION = "ministry_opinion", "부처 협의 의견"
    FORWARDED = "forwarded", "기획재정부 송부"
