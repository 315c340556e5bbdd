"""Which rows of the regional policy task register the data package publishes
(docs/opendata.md, docs/regional_tasks.md): every registered task, every recorded change of
its 관리 구분 and step of its closure path, and every yearly budget request — never the names
of the people who recorded them."""

from dream.regional_tasks.models import BudgetRequest, RegionalPolicyTask, Transition

from .resources import Resource, column

RESOURCES = [
    Resource(
        "regional_policy_tasks",
        "지역정책과제 (시·도와 위원회가 등록한 것)",
        [
            column("regional_task_id", "integer", "지역정책과제 ID", True, "pk"),
            column("province_id", "integer", "시·도 ID", True),
            column("code", "string", "과제 번호", True),
            column("title", "string", "과제명", True),
            column("origin_pledge", "string", "대통령 지역공약"),
            column("announced_2022", "boolean", "인수위 발표 과제(’22.4)", True),
            column("in_comprehensive_plan", "boolean", "지방시대 종합계획(’23~’27) 반영", True),
            column("ministry_id", "integer", "소관 부처 ID"),
            column("state", "string", "관리 구분", True),
            column("state_before_closing", "string", "종결요청 전 관리 구분"),
            column("created_at", "datetime", "등록 시각", True),
        ],
        ["regional_task_id"],
        [("province_id", "organizations", "org_id"), ("ministry_id", "organizations", "org_id")],
        lambda: RegionalPolicyTask.objects.order_by("pk"),
    ),
    Resource(
        "regional_task_transitions",
        "지역정책과제의 관리 구분 변경과 종결 절차 기록",
        [
            column("transition_id", "integer", "기록 ID", True, "pk"),
            column("regional_task_id", "integer", "지역정책과제 ID", True, "task_id"),
            column("from_state", "string", "이전 관리 구분", True),
            column("to_state", "string", "이후 관리 구분", True),
            column("closure_step", "string", "종결 절차 단계"),
            column("inspection_id", "integer", "반기별 이행점검 ID"),
            column("decided_on", "date", "결정일", True),
            column("document", "string", "근거 문서", True),
            column("note", "string", "비고"),
            column("recorded_at", "datetime", "기록 시각", True),
        ],
        ["transition_id"],
        [("regional_task_id", "regional_policy_tasks", "regional_task_id")],
        lambda: Transition.objects.order_by("pk"),
    ),
    Resource(
        "regional_task_budget_requests",
        "지역정책과제의 연도별 예산 요구",
        [
            column("budget_request_id", "integer", "예산 요구 ID", True, "pk"),
            column("regional_task_id", "integer", "지역정책과제 ID", True, "task_id"),
            column("year", "integer", "예산 연도", True),
            column("amount_eok", "number", "요구액(억원)"),
            column("amount_text", "string", "요구액(입력한 글)", True),
            column("request_note", "string", "시·도 요구 내용"),
            column("stage", "string", "단계", True),
            column("ministry_opinion", "string", "부처 협의 의견"),
            column("forwarded_on", "date", "기획재정부 송부일"),
            column("requested_at", "datetime", "제출 시각", True),
        ],
        ["budget_request_id"],
        [("regional_task_id", "regional_policy_tasks", "regional_task_id")],
        lambda: BudgetRequest.objects.order_by("task_id", "year"),
    ),
]
