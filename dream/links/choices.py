from django.db import models


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", "제안"
    CONFIRMED = "confirmed", "확정"
    REJECTED = "rejected", "기각"


# The decisions a person may take on a link, by its current status. A proposal is decided
# once; a decision can be reversed by the Committee (a confirmed link rejected after all, or
# a rejected proposal confirmed), but never sent back to "proposed" — that is the machine's word.
TRANSITIONS: dict[str, frozenset[str]] = {
    LinkStatus.PROPOSED: frozenset({LinkStatus.CONFIRMED, LinkStatus.REJECTED}),
    LinkStatus.CONFIRMED: frozenset({LinkStatus.REJECTED}),
    LinkStatus.REJECTED: frozenset({LinkStatus.CONFIRMED}),
}
