"""`{% source_link record %}`: the small "원문 N줄" link beside a figure read from a document,
to the line it was read from (the "원문 보기" page); nothing when the line is unknown."""

from django import template

from dream.web import source_text

register = template.Library()


@register.simple_tag
def source_link(record, label: str = "", figure: str = "") -> str:
    """`{% source_link budget %}` → 원문 1234줄, linked; `{% source_link budget budget.printed %}`
    links the printed figure itself; `{% source_link task "" task.national_budget_text %}`
    marks the task's row down to the line that prints its amount."""
    return source_text.source_link(record, label, figure)


@register.filter
def source_href(record, figure: str = "") -> str:
    """The "원문 보기" address alone, for a template that builds its own link."""
    return source_text.source_url(record, figure)


@register.filter
def plan_line_href(line: int) -> str:
    """The "원문 보기" address of a line of the bundled 2024 plan, for texts that cite the
    plan by line rather than a record read from it (e.g. an evaluation rule's basis)."""
    text = source_text.IMPLEMENTATION_TEXT
    if not line or line > len(text.lines):
        return ""
    return source_text.line_url(text, line)
