from django.db import models


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", "제안"
    CONFIRMED = "confirmed", "확정"
    REJECTED = "rejected", "기각"


# The decisions a person may take on a link, by its current status. A proposal is decided
# once; a decision can be reversed by the Committee (a confirmed link rejected after all, or
# a rejected proposal confirmed), or withdrawn: a confirmed or rejected link sent back to
# "proposed" (검토 대기) with a reason, when the decision was a mistake and needs a new look.
TRANSITIONS: dict[str, frozenset[str]] = {
    LinkStatus.PROPOSED: frozenset({LinkStatus.CONFIRMED, LinkStatus.REJECTED}),
    LinkStatus.CONFIRMED: frozenset({LinkStatus.REJECTED, LinkStatus.PROPOSED}),
    LinkStatus.REJECTED: frozenset({LinkStatus.CONFIRMED, LinkStatus.PROPOSED}),
}


class CoverageState(models.TextChoices):
    """Where a digital task stands with the implementation plan: only a confirmed link is
    planned work, but a task whose proposals nobody has reviewed yet is not "without work"."""

    LINKED = "linked", "연계 확인됨"
    PENDING = "pending", "검토 대기"
    NOT_FOUND = "not_found", "찾지 못함"
