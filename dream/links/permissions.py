"""Who may decide on links between the digital plan and the implementation plan."""

from dream.accounts.permissions import is_committee_staff


def can_review_links(user) -> bool:
    """Linking the two plans is the Committee's call: its editors and managers (and superusers)."""
    return is_committee_staff(user)
