"""Showing why a link was proposed: the shared words marked in both task names."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: str, words: str) -> SafeString:
    """`text` escaped, with each of the comma-separated `words` wrapped in <mark>
    (case-insensitive, longest first, so 디지털트윈 wins over 디지털)."""
    wanted = sorted(
        {w.strip() for w in (words or "").split(",") if w.strip()}, key=len, reverse=True
    )
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
