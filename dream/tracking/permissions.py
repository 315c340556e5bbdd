"""Who may enter goal actuals: the Committee's staff, who track the digital plan nationally."""

from dream.accounts.models import User
from dream.accounts.permissions import is_committee_staff


def can_record_goal_value(user: User) -> bool:
    """Committee editors and managers (and superusers); provinces report, the Committee
    enters. They also correct and delete actuals, and see who changed them, when and why."""
    return is_committee_staff(user)
