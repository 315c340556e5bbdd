"""Reading a whole implementation plan document into records, without the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .document import document_year, read_lines, split_sections
from .records import ParsedDocument
from .sections.appendix import cross_check, parse_appendix, parse_overview
from .sections.provinces import parse_provinces
from .sections.sectoral import parse_sectoral
from .sections.super_regions import parse_super_regions

Progress = Callable[[str], None]


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
    return ParsedDocument(
        year=year, title=f"{year}년 지방시대 시행계획", plans=plans, findings=findings
    )
