"""Which allocation rows the data package publishes (docs/opendata.md, docs/allocation.md):
every saved run with the rule it used, and its lines per province. Who ran it is not
published; base amounts and measure values are in the run's lines and inputs only as the
aggregates per province that the result pages show."""

from dream.allocation.models import AllocationLine, AllocationRun

from .resources import Resource, column


def _run_rows(resource):
    for run in AllocationRun.objects.order_by("pk"):
        result = run.result
        yield (
            run.pk,
            run.year,
            run.label,
            run.created_at,
            run.inputs_hash,
            result["cap"],
            result["budget_neutral"],
            result["rule"],
            result["base_total"],
            result["amount_total"],
            result["remainder"],
        )


RESOURCES = [
    Resource(
        "allocation_runs",
        "턴키 패키지 성과 연동 배분 실행",
        [
            column("run_id", "integer", "배분 실행 ID", True),
            column("year", "integer", "연도", True),
            column("label", "string", "이름"),
            column("created_at", "datetime", "실행 시각", True),
            column("inputs_hash", "string", "입력 해시(SHA-256)", True),
            column("cap", "number", "차등화 상한(소수 비율, 원문 l.1124 최대 20%)", True),
            column("budget_neutral", "boolean", "총액 유지", True),
            column("rule", "string", "변동률 계산식", True),
            column("base_total_eok", "number", "기준액 합계(억원)", True),
            column("amount_total_eok", "number", "배분액 합계(억원)", True),
            column("remainder_eok", "number", "끝전(억원)", True),
        ],
        ["run_id"],
        [],
        lambda: AllocationRun.objects.order_by("pk"),
        _run_rows,
    ),
    Resource(
        "allocation_lines",
        "턴키 패키지 성과 연동 배분 결과(시·도별)",
        [
            column("run_id", "integer", "배분 실행 ID", True),
            column("province_id", "integer", "시·도 ID", True),
            column("base_eok", "number", "기준액(억원)", True),
            column("score", "number", "성과 점수(0–1)", True),
            column("change_percent", "number", "변동률(%)", True),
            column("amount_eok", "number", "배분액(억원)", True),
            column("explanation", "string", "설명", True),
        ],
        ["run_id", "province_id"],
        [("run_id", "allocation_runs", "run_id"), ("province_id", "organizations", "org_id")],
        lambda: AllocationLine.objects.order_by("run_id", "province__position"),
    ),
]
