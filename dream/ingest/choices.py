"""Korean labels of the finding codes the readers emit.

A finding's code is stable and English, for data users (CSV, open-data package, filters
in links); people read its label. Every code a reader can emit has a label here: a test
reads the readers' source and fails on a code without one.
"""

FINDING_CODE_LABELS: dict[str, str] = {
    # The implementation plan's overview and appendix (dream/ingest/sections/appendix.py)
    "appendix.budget_differs": "부록 재정투입이 본문과 다름",
    "appendix.count_differs": "부록 과제·사업 수가 본문과 다름",
    "appendix.goal_differs": "부록 목표가 본문과 다름",
    "appendix.indicator_differs": "부록 목표치가 본문 지표와 다름",
    "appendix.share_differs": "인쇄된 전략 비중이 금액으로 계산한 값과 다름",
    "appendix.strategy_count_differs": "부록 전략 수가 본문과 다름",
    "appendix.strategy_differs": "부록 전략이 본문과 다름",
    "appendix.table_sum_mismatch": "부록 표의 합계가 행의 합과 다름",
    "appendix.task_differs": "부록 과제명이 본문과 다름",
    "appendix.task_missing": "부록 과제가 본문에 없음",
    "overview.strategies_missing": "개요의 5대 전략을 찾지 못함",
    # Ⅰ-2 수립 경과: the cycle's facts
    "cycle.date_invalid": "수립 경과의 날짜가 없는 날짜임",
    "cycle.deadline_missing": "수립 경과에서 제출 법정시한을 찾지 못함",
    "cycle.guidelines_missing": "수립 경과에서 수립지침 의결 회의를 찾지 못함",
    "cycle.guidelines_sent_missing": "수립 경과에서 수립지침 송부를 찾지 못함",
    "cycle.resolution_missing": "수립 경과에서 시행계획 의결 회의를 찾지 못함",
    # Ⅱ 중점 이행과제 and their appendix summaries (dream/ingest/sections/priorities.py)
    "priority.appendix_missing": "중점 이행과제의 부록 요약이 없음",
    "priority.appendix_name_differs": "부록 요약의 과제명이 같은 순서의 Ⅱ 과제와 다름",
    "priority.appendix_task_missing": "부록 요약에 해당하는 Ⅱ 과제가 없음",
    "priority.appendix_unmatched": "부록 요약의 일정에 해당하는 Ⅱ 항목이 없음",
    "priority.date_differs": "부록 요약의 일정 날짜가 Ⅱ와 다름",
    "priority.date_unreadable": "중점 이행과제의 달력에 없는 날짜",
    "priority.task_count": "Ⅱ 중점 이행과제 수가 14개가 아님",
    "priority.unplaced_line": "중점 이행과제에서 넣을 곳을 찾지 못한 줄",
    # Budgets
    "budget.change_mismatch": "전년 대비 증감률이 금액과 맞지 않음",
    "budget.column_count": "재정투입 금액 수가 전략 수와 다름",
    "budget.missing": "총 재정투입 문장이 없음",
    "budget.name_differs": "재정투입 표의 전략명이 과제표와 조금 다름",
    "budget.repeated_mismatch": "다시 적힌 재정투입 금액이 앞의 금액과 다름",
    "budget.share_mismatch": "인쇄된 재원 비중이 금액으로 계산한 값과 다름",
    "budget.strategy_missing": "전략의 재정투입 금액이 없음",
    "budget.sum_mismatch": "재정투입 합계가 금액의 합과 다름",
    "budget.total_missing": "재정투입 총액이 없음",
    "budget.unmatched_strategy": "재정투입 표의 전략을 과제표에서 찾지 못함",
    "budget.unplaced_amount": "어느 전략의 것인지 모르는 재정투입 금액",
    # Indicators
    "indicator.baseline_year": "실적이 다른 해의 값임",
    "indicator.change_mismatch": "성과지표 증감이 목표와 실적의 차이와 다름",
    "indicator.no_name": "지표명 없는 성과지표 값",
    "indicator.note": "성과지표 주석",
    "indicator.unparsed": "읽지 못한 성과지표 줄",
    # Numbers and names
    "ministry.unknown": "알 수 없는 부처 약칭",
    "number.comma_decimal": "소수점 자리에 찍힌 쉼표",
    "number.format": "숫자 형식이 이상함",
    "number.unreadable": "읽을 수 없는 숫자",
    # Strategies, summaries, tasks and tables of the province and super-region plans
    "strategy.budget_header_differs": "재정투입 표의 전략명이 과제표와 다름",
    "strategy.missing": "과제표에 빠진 전략",
    "strategy.unnamed": "이름 없이 시작된 전략",
    "strategy.unparsed": "읽지 못한 추진전략 줄",
    "summary.goal_differs": "요약표 목표가 본문과 다름",
    "summary.missing": "요약표에 없는 시행계획",
    "summary.strategy_count": "요약표 전략 수가 본문과 다름",
    "summary.strategy_differs": "요약표 전략이 본문과 다름",
    "table.duplicate_item": "여러 전략에 나온 추진계획",
    "table.item_in_task_column": "핵심과제 칸으로 읽은 추진계획",
    "table.item_without_task": "핵심과제 없는 추진계획",
    "table.strategy_cut": "표에서 끊긴 전략명",
    "table.task_without_strategy": "전략 없는 핵심과제",
    "task.no_detailed": "세부과제 없는 핵심과제",
    "task.stray_mark": "PDF 변환 잔여 기호를 뺌",
    "task.unplaced_line": "과제표에서 붙일 곳 없는 줄",
    "text.unplaced": "넣을 곳을 찾지 못한 줄",
    "text.wrap_joined": "줄바꿈으로 갈라진 낱말을 붙여 읽음",
    # The ministries' sectoral plan (dream/ingest/sections/sectoral.py)
    "sectoral.indicator.outside_task": "실천과제에 속하지 않은 목표",
    "sectoral.indicator.unparsed": "기준값·목표값으로 나누지 못한 목표",
    "sectoral.section.budget_mismatch": "본문 국비 합계가 표와 다름",
    "sectoral.section.core_name_mismatch": "핵심과제 본문 제목이 표와 다름",
    "sectoral.section.missing_core": "핵심과제 본문이 없음",
    "sectoral.section.missing_practical": "실천과제 본문이 없음",
    "sectoral.section.ministry_mismatch": "본문 부처가 표와 다름",
    "sectoral.section.no_targets": "본문에 수치 목표가 없음",
    "sectoral.section.practical_name_mismatch": "실천과제 본문 제목이 표와 다름",
    "sectoral.section.project_count_mismatch": "본문 사업 수가 표와 다름",
    "sectoral.section.strategy_name_mismatch": "전략 본문 제목이 표와 다름",
    "sectoral.section.without_row": "표에 행이 없는 본문",
    "sectoral.strategy.budget_mismatch": "전략 합계 행의 국비가 행의 합과 다름",
    "sectoral.strategy.practical_count_mismatch": "전략 합계 행의 실천과제 수가 다름",
    "sectoral.strategy.project_count_mismatch": "전략 합계 행의 사업 수가 다름",
    "sectoral.table.row_without_numbers": "사업수·국비가 없는 표 행",
    "sectoral.table.unparsed_line": "읽지 못한 표 줄",
    "sectoral.total.budget_mismatch": "총계 국비가 전략별 합계의 합과 다름",
    "sectoral.total.budget_rounded": "총계 국비는 반올림한 값",
    "sectoral.total.core_count_mismatch": "총계 행의 핵심과제 수가 다름",
    "sectoral.total.practical_count_mismatch": "총계 행의 실천과제 수가 다름",
    "sectoral.total.project_count_mismatch": "총계 행의 사업 수가 다름",
    "sectoral.total.strategy_count_mismatch": "총계 행의 전략 수가 다름",
    "sectoral.total.strategy_sums_mismatch": "전략별 합계의 합이 실천과제 행의 합과 다름",
    # Live checks of a draft only (dream/cycle/checks.py); it reuses the readers' codes too
    "budget.national_split_mismatch": "회계별 국비의 합이 국비와 다름",
    "indicator.target_missing": "성과지표 목표값이 없음",
    "indicator.target_worse": "목표값이 기준값보다 나쁨(지표 방향 기준)",
    "task.project_count_mismatch": "사업 수가 사업 줄 수와 다름",
    # The digital plan (dream/digital/reader.py)
    "digital.schedule.duplicate_code": "추진일정에 두 번 나온 번호",
    "digital.schedule.empty_heading": "과제 없는 추진일정 제목",
    "digital.schedule.misplaced_heading": "상위 분야 없는 추진일정 제목",
    "digital.schedule.no_schedule": "추진일정이 없음",
    "digital.schedule.task_without_area": "세부분야 없는 과제",
    "digital.schedule.unplaced_line": "추진일정에서 넣을 곳 없는 줄",
}

UNKNOWN_CODE_LABEL = "분류되지 않은 검토 사항"


def finding_code_label(code: str) -> str:
    """The Korean label of a finding code; a code of an older DREAM keeps a generic label
    rather than showing English."""
    return FINDING_CODE_LABELS.get(code, UNKNOWN_CODE_LABEL)
