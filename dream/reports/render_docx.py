"""The report as a DOCX file officials can edit (python-docx): the same sections and tables,
each chart given as its table, every figure followed by its note number and the notes listed
at the end (출처 주)."""

from io import BytesIO

from .render_html import report_context


def _cell(value) -> str:
    if isinstance(value, dict) and "ref" in value:
        return f"{value['value']} [{value['ref']['n']}]"
    return str(value)


def _table(document, caption: str, header: list[str], rows: list[list], empty: str) -> None:
    document.add_paragraph(caption, style="Caption")
    if not rows:
        document.add_paragraph(empty)
        return
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _cell(value)


def render_docx(data: dict) -> bytes:
    from docx import Document  # loaded only when a DOCX is made

    context = report_context(data, notes=True, absolute=True)
    data = context["data"]
    year = data["year"]
    document = Document()
    document.add_heading(f"{year}년 지방시대 시행계획 추진실적 및 평가 결과 보고서", level=0)
    document.add_paragraph(
        f"특별법 제73조에 따라 지방시대위원회가 {year}년 시행계획의 추진실적과 평가 결과를 "
        f"국회에 보고합니다 [{data['law']['n']}]. {year}년 평가 회차는 "
        f"{data['round']['closed_on']}에 종료되었습니다. 확정된 실적 제출: "
        f"{_cell(data['achievement']['confirmed'])}. 표시: 원문(인쇄), 입력(기관), 계산(DREAM), "
        "판단(위원회). 수치 뒤 [번호]는 끝의 출처 주입니다."
    )
    document.add_heading(f"1. {year}년 시행계획", level=1)
    _table(
        document, "시행계획별 목표", ["기관", "구분", "시행계획", "목표"],
        [[r["body"], r["level"], r["title"], r["goal"]] for r in data["plans"]],
        "공개된 시행계획 없음",
    )  # fmt: skip
    document.add_heading("2. 재정투입 계획(억원)", level=1)
    fiscal = data["fiscal"]
    _table(
        document, "전국: 재원별 재정투입 계획(억원)",
        ["재원", "국가(종합) 시행계획(원문)", "기관별 계획의 합(DREAM 계산)"],
        [[r["source"], r["printed"], r["amount"]] for r in fiscal["national"]],
        "인쇄된 재정투입 없음",
    )  # fmt: skip
    _table(
        document, "기관별 재정투입 계획(억원)", ["기관", "구분", "재원", "계획(억원)"],
        [[r["body"], r["level"], r["source"], r["amount"]] for r in fiscal["rows"]],
        "인쇄된 재정투입 없음",
    )  # fmt: skip
    document.add_heading("3. 재정 집행(억원, %)", level=1)
    execution = data["execution"]
    _table(
        document, "그림 표: 재원별 집행률(억원, %, DREAM 계산)",
        ["재원", "계획(억원)", "집행(억원)", "집행률(%)"],
        [[r["source"], r["planned"], r["spent"], r["rate"]] for r in execution["national"]],
        "확정된 집행 실적 없음",
    )  # fmt: skip
    _table(
        document, "기관별 계획 대비 집행(억원, %)",
        ["기관", "항목", "재원", "계획(억원)", "집행(억원)", "집행률(%)"],
        [
            [r["body"], r["anchor"], r["source"], r["planned"], r["spent"], r["rate"]]
            for r in execution["rows"]
        ],
        "확정된 집행 실적 없음",
    )  # fmt: skip
    document.add_heading("4. 성과지표 달성(개, %)", level=1)
    achieved = data["achievement"]
    _table(
        document, "그림 표: 기관별 달성(개, %, DREAM 계산)",
        ["기관", "구분", "지표(개)", "달성(개)", "부분 달성(개)", "미달성(개)", "판단 필요(개)", "달성 비율(%)"],
        [
            [r["body"], r["kind"], r["indicators"], r["achieved"], r["partial"], r["below"],
             r["judgement"], r["share"]]
            for r in achieved["bodies"]
        ],
        "확정된 실적 없음",
    )  # fmt: skip
    _table(
        document, "전략별 달성 비율(%)", ["묶음", "전략", "달성 비율(%)"],
        [[r["group"], r["name"], r["share"]] for r in achieved["strategies"]], "확정된 실적 없음",
    )  # fmt: skip
    _table(
        document, "지표별 목표·실적·달성도", ["기관", "지표", "목표", "실적", "달성도(%)"],
        [[r["body"], r["name"], r["target"], r["actual"], r["achievement"]]
         for r in achieved["indicators"]],
        "확정된 실적 없음",
    )  # fmt: skip
    document.add_heading("5. 평가 등급(점, 개)", level=1)
    grades = data["grades"]
    _table(
        document, "전국: 최종 등급별 단위 수(개)", ["등급", "단위(개)"],
        [[r["band"], r["count"]] for r in grades["national"]], "등급 구간 없음",
    )  # fmt: skip
    _table(
        document, "기관별 평가 단위의 점수와 등급(점)",
        ["기관", "평가 단위", "점수(점)", "계산 등급", "자체평가", "최종 등급"],
        [[r["body"], r["unit"], r["score"], r["computed_band"], r["self_band"], r["final_band"]]
         for r in grades["rows"]],
        "등급이 매겨진 단위 없음",
    )  # fmt: skip
    document.add_heading("6. 환류 조치", level=1)
    _table(
        document, "기관별 환류 조치", ["기관", "종류", "내용", "반영 시기", "상태"],
        [[r["body"], r["kind"], r["description"], r["due"], r["state"]] for r in data["feedback"]],
        "제기된 환류 조치 없음",
    )  # fmt: skip
    document.add_heading("7. 적용 규칙", level=1)
    document.add_paragraph(
        "시행계획은 평가의 계산식·가중치·등급 구간을 정하지 않았습니다. “계획이 정하지 않음”인 "
        "규칙은 위원회가 정한 설정이거나 DREAM의 기본 설정입니다."
    )
    _table(
        document, "적용 규칙", ["규칙", "값", "근거", "누가 정했나"],
        [[r["label"], r["shown"], r["basis"], r["chosen"]] for r in data["rules"]], "",
    )  # fmt: skip
    document.add_heading("출처 주", level=1)
    for note in context["note_list"]:
        link = f" — {note['href']}" if note["href"] else ""
        document.add_paragraph(f"[{note['n']}] [{note['mark']}] {note['text']}{link}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()
