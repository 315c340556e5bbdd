"""The area cap of a province's 기회발전특구, as the 2024 plan prints it, and what it leaves
silent.

l.231: "지방정부가 면적상한(광역시: 150만평, 도: 200만평) 내 특구 입지·개수 등 자율 선정".
The plan prints a cap for 광역시 and 도 only, and only for 기회발전특구; for 서울 (특별시),
세종 (특별자치시) and the other three zones it says nothing, so DREAM shows "계획이 정하지
않음" there rather than a number. 특별자치도 (강원, 전북, 제주) are 도. The cap is the
provinces' rule: DREAM checks usage against it and shows an excess, never refuses.
"""

from dataclasses import dataclass
from decimal import Decimal

from dream.accounts.models import Organization
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask

SILENT = "계획이 정하지 않음"
CAPPED_ZONE = "기회발전특구"


@dataclass(frozen=True)
class PrintedBasis:
    """Lines of the 2024 plan a rule is read from, and their text as printed."""

    first_line: int
    last_line: int
    text: str

    @property
    def lines_label(self) -> str:
        if self.first_line == self.last_line:
            return f"l.{self.first_line}"
        return f"l.{self.first_line}–{self.last_line}"


CAP_BASIS = PrintedBasis(
    231,
    231,
    "지방정부가 면적상한(광역시: 150만평, 도: 200만평) 내 특구 입지·개수 등 자율 선정",
)
PROCEDURE_BASIS = PrintedBasis(
    257,
    259,
    "특구 준비가 완료된 지방정부부터 수시 신청 접수, 지방시대위원회 심의·의결을 거쳐 신규 "
    "특구 지정(’24 연중)",
)
# A printed fact, shown as text: the plan names these applications, DREAM does not
# make rows of them.
APPLIED_FACT = PrintedBasis(
    255, 255, "대구·부산·전남·경북 등 총 4개 지방정부의 기회발전특구 신청 접수(’24.3월)"
)

METROPOLITAN = "광역시"
DO = "도"
CAPS = {METROPOLITAN: Decimal(150), DO: Decimal(200)}  # 만평, l.231
# Province short names (accounts.registry.PROVINCES) by the class l.231 caps; 서울 and 세종
# are neither and so have no cap.
PROVINCE_CLASSES = {
    **dict.fromkeys(["부산", "대구", "인천", "광주", "대전", "울산"], METROPOLITAN),
    **dict.fromkeys(["경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남", "제주"], DO),
}
SELF_GOVERNING_DO = {"강원", "전북", "제주"}  # 특별자치도, read as 도
SILENT_REASONS = {
    "서울": "특별시는 광역시도 도도 아니어서 원문 l.231의 상한이 정해지지 않음",
    "세종": "특별자치시는 광역시도 도도 아니어서 원문 l.231의 상한이 정해지지 않음",
}


@dataclass(frozen=True)
class Cap:
    """A province's cap under a zone task: None where the plan is silent, with the basis
    shown beside it."""

    pyeong: Decimal | None  # 만평
    basis: str


def task_has_caps(task: PriorityTask) -> bool:
    """Only 기회발전특구 has printed caps (l.231), recognised by its name."""
    return task.group == TaskGroup.ZONE and CAPPED_ZONE in task.name


def province_cap(task: PriorityTask, province: Organization) -> Cap:
    """The cap of `province`'s designated area under `task`, with its basis."""
    if not task_has_caps(task):
        return Cap(None, "계획이 면적 상한을 정하지 않음")
    kind = PROVINCE_CLASSES.get(province.short_name)
    if kind is None:
        reason = SILENT_REASONS.get(province.short_name, "원문 l.231이 정한 광역시·도가 아님")
        return Cap(None, f"{SILENT}: {reason}")
    note = ", 특별자치도는 도로 읽음" if province.short_name in SELF_GOVERNING_DO else ""
    cap = CAPS[kind]
    return Cap(cap, f"{kind} {cap}만평 (2024년 시행계획 {CAP_BASIS.lines_label}{note})")
