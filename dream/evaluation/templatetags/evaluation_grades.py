"""The round page's advance form needs the phase after the current one."""

from django import template

from ..choices import RoundPhase
from ..grading import NEXT_PHASE

register = template.Library()


@register.filter
def next_phase(phase: str) -> dict | None:
    """{"value", "label"} of the phase a round in `phase` moves to, None after the last."""
    following = NEXT_PHASE.get(phase)
    return None if following is None else {"value": following, "label": RoundPhase(following).label}
