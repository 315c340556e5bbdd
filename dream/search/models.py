"""The search index: one row per searchable thing of a plan, rebuilt from the plan data.

It is derived data (see services.search_index_rebuild), so it has no history of its own.
The `index_terms` column is indexed by SQLite FTS5 or a PostgreSQL GIN index, created in
migration 0005 for the database in use; its tokens carry the plan year, so a search of
one year reads one year's part of the index however many years are stored.
"""

from django.db import models

from dream.plans.choices import TaskKind
from dream.plans.models import Plan

from .choices import EntryKind


def organization_ids(pks) -> str:
    """The `organizations` column: |3|17|, so that "|17|" finds exactly body 17."""
    return f"|{'|'.join(map(str, pks))}|" if pks else ""


class SearchEntry(models.Model):
    """A plan's goal, a strategy, a task of any kind or an indicator, a digital plan's
    goal or task, a digital innovation district or a ministry's page, as the search sees
    it."""

    kind = models.CharField("종류", max_length=20, choices=EntryKind.choices)
    task_kind = models.CharField("과제 종류", max_length=10, choices=TaskKind.choices, blank=True)
    object_id = models.PositiveBigIntegerField("대상 ID")
    plan = models.ForeignKey(
        Plan,
        verbose_name="시행계획",
        on_delete=models.CASCADE,
        related_name="search_entries",
        null=True,
        blank=True,
        help_text="디지털 경쟁력 강화방안의 항목과 혁신지구는 비어 있음",
    )
    strategy_code = models.CharField(
        "전략 번호", max_length=10, blank=True, help_text="국가 전략 Ⅰ–Ⅴ(시·도는 같은 번호의 전략)"
    )
    strategy_name = models.TextField("전략명", blank=True)
    title = models.TextField("제목", help_text="저장된 그대로의 이름")
    context = models.TextField("맥락", blank=True, help_text="상위 과제 등 보여 줄 설명")
    url = models.CharField("주소", max_length=300)
    text = models.TextField("정규화 제목", help_text="NFKC·소문자·공백 하나: 부분 일치와 순위용")
    terms = models.TextField(
        "검색어 조각", help_text="한글은 두 음절씩 겹친 조각, 그 밖의 낱말은 그대로"
    )
    index_terms = models.TextField(
        "색인 조각",
        help_text="연도를 앞에 붙인 검색어 조각·음절·맡은 기관: 전문 검색 색인이 읽는 열 "
        "(terms.index_terms)",
    )
    year = models.PositiveSmallIntegerField(
        "연도",
        null=True,
        blank=True,
        help_text="시행계획의 연도(계획에 속하지 않는 항목은 비어 있음)",
    )
    organizations = models.TextField(
        "맡은 기관",
        blank=True,
        help_text="과제를 맡은 기관(부처 항목은 그 부처)의 ID를 |3|17| 꼴로: "
        "기관의 어느 이름으로 찾아도 찾도록",
    )
    source_line = models.PositiveIntegerField(
        "원문 줄", null=True, blank=True, help_text="문서에서 읽은 항목만: '원문 N줄' 링크용"
    )
    kind_rank = models.PositiveSmallIntegerField("종류 순위")
    position = models.PositiveIntegerField("문서 순서")

    class Meta:
        verbose_name = "검색 항목"
        verbose_name_plural = "검색 항목"
        ordering = ["position"]
        indexes = [models.Index(fields=["year"], name="search_entry_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
