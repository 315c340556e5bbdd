"""Which district-plan rows the data package publishes (docs/opendata.md): submitted
development plans and their suitability reviews. Drafts are not public; who recorded a row
stays in DREAM."""

from dream.districts.models import DevelopmentPlan, PlanReview

from .resources import Resource, column

RESOURCES = [
    Resource(
        "district_plans",
        "디지털 혁신지구 발전계획(제출)",
        [
            column("plan_id", "integer", "발전계획 ID", True, "pk"),
            column("district_id", "integer", "지구 ID", True),
            column("title", "string", "계획 이름", True),
            column("start_year", "integer", "시작 연도", True),
            column("end_year", "integer", "끝 연도", True),
            column("document_reference", "string", "문서"),
            column("submitted_on", "date", "제출일", True),
        ],
        ["plan_id"],
        [("district_id", "districts", "district_id")],
        lambda: DevelopmentPlan.objects.filter(submitted_on__isnull=False).order_by("pk"),
    ),
    Resource(
        "district_reviews",
        "디지털 혁신지구 발전계획 적합성 검토",
        [
            column("review_id", "integer", "검토 ID", True, "pk"),
            column("plan_id", "integer", "발전계획 ID", True),
            column("reviewed_on", "date", "검토일", True),
            column(
                "outcome", "string", "결과(suitable 적합, supplement 보완, unsuitable 부적합)", True
            ),
            column("reviewer_body", "string", "검토 기관", True),
            column("decision", "string", "검토 의견", True),
            column("recorded_at", "datetime", "기록 일시", True),
        ],
        ["review_id"],
        [("plan_id", "district_plans", "plan_id")],
        lambda: PlanReview.objects.filter(plan__submitted_on__isnull=False).order_by("pk"),
    ),
]
