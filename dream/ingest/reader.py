"""Reading a whole implementation plan document into records, without the database."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from .document import (
    TITLE_PATTERN,
    Line,
    PlanFormatError,
    document_year,
    read_lines,
    split_sections,
)
from .records import Finding, ParsedDocument, ParsedPlan, ParsedTask
from .sections.appendix import cross_check, parse_appendix, parse_overview
from .sections.cycle import parse_cycle
from .sections.priorities import parse_priorities
from .sections.provinces import parse_provinces
from .sections.sectoral import parse_sectoral
from .sections.super_regions import parse_super_regions
from .words import Vocabulary, wraps_rejoined

Progress = Callable[[str], None]
DocumentKind = Literal["implementation_plan", "digital_plan"]
DIGITAL_PLAN_TITLE = re.compile(r"지방\s*디지털\s*경쟁력\s*강화방안")
SUPPORTED_DOCUMENTS = "「YYYY년 지방시대 시행계획」과 「지방 디지털 경쟁력 강화방안」"


def document_kind(lines: list[Line]) -> DocumentKind:
    """Which of the two documents DREAM reads this is, by its title lines.

    The digital plan opens with its title; the implementation plan names
    "YYYY년 지방시대 시행계획" near its start (as document_year looks for it).
    """
    opening = [line for line in lines if line.stripped][:3]
    if any(DIGITAL_PLAN_TITLE.search(line.text) for line in opening):
        return "digital_plan"
    if any(TITLE_PATTERN.search(line.text) for line in lines[:400]):
        return "implementation_plan"
    first = opening[0] if opening else None
    raise PlanFormatError(
        f"가져올 수 있는 문서가 아닙니다. {SUPPORTED_DOCUMENTS} 두 문서만 읽을 수 있습니다"
        + (f": 첫 줄이 '{first.stripped[:40]}'입니다" if first else ""),
        first.number if first else None,
    )


def plan_document_read(path: Path, progress: Progress | None = None) -> ParsedDocument:
    """Read every part of the plan; raises PlanFormatError if the file is not such a plan."""
    say = progress or (lambda message: None)
    say(f"읽는 중: {path.name}")
    lines = read_lines(path)
    year = document_year(lines)
    sections = split_sections(lines)
    say("Ⅰ 개요(재정투입 총계)")
    national = parse_overview(sections["overview"])
    cycle = parse_cycle(sections["overview"], year)
    say("Ⅱ 지방시대위원회 중점 이행과제")
    annex_lines = [*sections["annex"].lines, *sections["appendix"].lines]
    priority_tasks, priority_findings = parse_priorities(
        sections["priorities"], annex_lines, year
    )
    say("Ⅲ 시·도 시행계획 17개")
    provinces = parse_provinces(sections["provinces"])
    say("Ⅳ 부문별 시행계획")
    sectoral = parse_sectoral(sections["sectoral"])
    say("Ⅴ 초광역권발전 시행계획 7개")
    super_regions = parse_super_regions(sections["super_regions"])
    plans = [national, sectoral, *provinces, *super_regions]
    say("부록과 본문 대조")
    findings = cross_check(parse_appendix(sections["appendix"]), plans)
    _rejoin_wrapped_words(plans, Vocabulary(lines))
    return ParsedDocument(
        year=year,
        title=f"{year}년 지방시대 시행계획",
        plans=plans,
        findings=[*findings, *cycle.findings, *priority_findings],
        cycle=cycle,
        priority_tasks=priority_tasks,
    )


def _rejoin_wrapped_words(plans: list[ParsedPlan], vocabulary: Vocabulary) -> None:
    """Names, goals and descriptions with the words the PDF cut at a line end made whole.

    Done once the whole document is read, so the readers and the appendix cross-check
    compare the texts as printed, and findings quote them as printed. Each word made whole
    is an info finding on its plan, with the printed pieces and the record's line, so a
    person can review the join (and the printed lines stay reachable through 원문 보기).
    """
    for plan in plans:
        rejoined = _Rejoiner(plan, vocabulary)
        plan.goal = rejoined(plan.goal, plan.source_line)
        for strategy in plan.strategies:
            strategy.name = rejoined(strategy.name, strategy.source_line)
        rejoined.tasks(plan.tasks)
        for indicator in plan.indicators:
            indicator.name = rejoined(indicator.name, indicator.source_line)
            indicator.scope = rejoined(indicator.scope, indicator.source_line)


class _Rejoiner:
    """Rejoins one plan's texts and reports each join on that plan."""

    def __init__(self, plan: ParsedPlan, vocabulary: Vocabulary):
        self.plan, self.vocabulary = plan, vocabulary

    def __call__(self, text: str, line: int) -> str:
        joins: list[tuple[str, str]] = []
        text = wraps_rejoined(text, self.vocabulary, joins)
        self.plan.findings.extend(_wrap_joined_finding(*join, line) for join in joins)
        return text

    def tasks(self, nodes: list[ParsedTask]) -> None:
        for task in nodes:
            task.name = self(task.name, task.source_line)
            task.description = self(task.description, task.source_line)
            self.tasks(task.children)


def _wrap_joined_finding(printed: str, joined: str, line: int) -> Finding:
    return Finding(
        "info",
        "text.wrap_joined",
        f"줄바꿈으로 갈라진 낱말을 붙여 읽었습니다: 원문 '{printed}' → '{joined}' "
        "(문서가 다른 곳에서 붙여 쓰는 낱말이거나, 두 조각이 줄바꿈에서만 나옵니다).",
        line,
    )
