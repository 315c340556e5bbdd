"""Hand-built reader records of Ⅱ's priority tasks, shaped like the 2024 plan's first two."""

from datetime import date

from dream.ingest.records import (
    ParsedPeriod,
    ParsedPriorityAction,
    ParsedPriorityItem,
    ParsedPriorityTask,
)


def period(printed, start, end, precision, line) -> ParsedPeriod:
    return ParsedPeriod(printed, start, end, precision, line)


def parsed_tasks() -> list[ParsedPriorityTask]:
    """A zone task with aims, a status box and two actions, and a priority task with one."""
    first = ParsedPriorityTask(
        group="zone",
        number=1,
        name="기회발전특구 지정으로 양질의 신규 일자리 창출",
        source_line=220,
        aims=[ParsedPriorityItem("aim", "지방 투자 촉진", 222)],
        status_title="기회발전특구 추진 현황",
        status=[
            ParsedPriorityItem(
                "status",
                "지방시대위원회 출범(’23.7.10)",
                227,
                [period("’23.7.10", date(2023, 7, 10), date(2023, 7, 10), "day", 227)],
            )
        ],
        actions=[
            ParsedPriorityAction(
                position=1,
                topic="제도 완비",
                text="기회발전특구 지정 절차 마련",
                source_line=250,
                periods=[period("’24.3월", date(2024, 3, 1), date(2024, 3, 31), "month", 252)],
                items=[
                    ParsedPriorityItem(
                        "step",
                        "신청 접수(’24.3월~)",
                        255,
                        [period("’24.3월~", date(2024, 3, 1), None, "month", 255)],
                    ),
                    ParsedPriorityItem("note", "* 수시 협의", 257),
                ],
            ),
            ParsedPriorityAction(
                position=2,
                topic="",
                text="향후 추진",
                source_line=264,
                items=[
                    ParsedPriorityItem(
                        "step",
                        "1차 지정(’24.上) 및 2차 지정(’24.下)",
                        265,
                        [
                            period("’24.上", date(2024, 1, 1), date(2024, 6, 30), "half", 265),
                            period("’24.下", date(2024, 7, 1), date(2024, 12, 31), "half", 265),
                        ],
                    )
                ],
            ),
        ],
        appendix_title="기회발전특구 지정",
        appendix_text="기회발전특구 지정·운영으로 지방 투자 촉진",
        appendix_line=12303,
    )
    second = ParsedPriorityTask(
        group="priority",
        number=1,
        name="인구감소지역 부활 3종 프로젝트로 지방경제 역동성 강화",
        source_line=447,
        actions=[
            ParsedPriorityAction(
                position=1,
                topic="생활인구",
                text="생활인구 확대",
                source_line=470,
                items=[ParsedPriorityItem("step", "연중 홍보", 471)],
            )
        ],
        appendix_title="인구감소지역 부활",
        appendix_line=12343,
    )
    return [first, second]
