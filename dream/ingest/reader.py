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
from .records import ParsedDocument, ParsedPlan, ParsedTask
from .sections.appendix import cross_check, parse_appendix, parse_overview
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
        year=year, title=f"{year}년 지방시대 시행계획", plans=plans, findings=findings
    )


def _rejoin_wrapped_words(plans: list[ParsedPlan], vocabulary: Vocabulary) -> None:
    """Names, goals and descriptions with the words the PDF cut at a line end made whole.

    Done once the whole document is read, so the readers and the appendix cross-check
    compare the texts as printed, and findings quote them as printed; the printed lines
    stay reachable through each record's source_line.
    """

    def tasks(nodes: list[ParsedTask]) -> None:
        for task in nodes:
            task.name = wraps_rejoined(task.name, vocabulary)
            task.description = wraps_rejoined(task.description, vocabulary)
            tasks(task.children)

    for plan in plans:
        plan.goal = wraps_rejoined(plan.goal, vocabulary)
        for strategy in plan.strategies:
            strategy.name = wraps_rejoined(strategy.name, vocabulary)
        tasks(plan.tasks)
        for indicator in plan.indicators:
            indicator.name = wraps_rejoined(indicator.name, vocabulary)
            indicator.scope = wraps_rejoined(indicator.scope, vocabulary)
