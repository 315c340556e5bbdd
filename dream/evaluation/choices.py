from django.db import models


class RoundPhase(models.TextChoices):
    """The four phases the 2024 plan prints for the evaluation (l.172–180), in order; a round
    only moves forward."""

    PLANNING = "planning", "평가계획 수립"
    EVALUATING = "evaluating", "추진실적 평가"
    CHECKING = "checking", "평가결과 점검"
    FEEDBACK = "feedback", "평가결과 환류"


class ScheduleBasis(models.TextChoices):
    """Where a round's planned dates come from."""

    PRINTED = "printed", "인쇄된 일정(월 단위)"
    NOT_FIXED = "not_fixed", "계획이 정하지 않음"


class UnitKind(models.TextChoices):
    LEAF = "leaf", "채점 단위"
    NODE = "node", "모음 단위"


class FeedbackKind(models.TextChoices):
    BUDGET_REVIEW = "budget_review", "사업별 예산 적정성 검토"
    NEXT_PLAN = "next_plan", "차년도 시행계획 반영"
    INCENTIVE = "incentive", "인센티브"
    CONSULTING = "consulting", "심층컨설팅"
    OTHER = "other", "기타"


class FeedbackDueStep(models.TextChoices):
    BUDGET_REVIEW = "budget_review", "예산 검토"
    PLAN_DRAFTING = "plan_drafting", "시행계획 작성"
    FEEDBACK_PHASE = "feedback_phase", "환류 단계"


class FeedbackState(models.TextChoices):
    OPEN = "open", "열림"
    LINKED = "linked", "연결됨"
    CARRIED = "carried", "반영"
    NOT_CARRIED = "not_carried", "미반영"
    DONE = "done", "완료"
    CANCELLED = "cancelled", "취소"


class FeedbackEventAction(models.TextChoices):
    RAISE = "raise", "제기"
    LINK = "link", "연결"
    CARRY = "carry", "반영"
    UNLINK = "unlink", "연결 해제"
    DECLINE = "decline", "미반영"
    DONE = "done", "완료"
    CANCEL = "cancel", "취소"


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", "배정"
    SUBMITTED = "submitted", "제출"
    REOPENED = "reopened", "재작성 허용"
    CANCELLED = "cancelled", "취소"


class TieKind(models.TextChoices):
    EMPLOYMENT = "employment", "재직"
    ADVISORY = "advisory", "자문"
    RESEARCH = "research", "연구용역"
    FAMILY = "family", "가족"
    OTHER = "other", "기타"


class JudgementLevel(models.TextChoices):
    ACHIEVED = "achieved", "달성"
    PARTIAL = "partial", "부분 달성"
    NOT_ACHIEVED = "not_achieved", "미달성"


class SpecialAccount(models.TextChoices):
    AUTONOMOUS = "autonomous", "자율계정"
    SUPPORT = "support", "지원계정"
    OTHER = "other", "기타"


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", "제안"
    CONFIRMED = "confirmed", "확인"
    NONE = "none", "없음"
