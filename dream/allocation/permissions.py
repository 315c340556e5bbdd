"""Who may do what with the allocation (docs/allocation.md): Committee staff set base
amounts, settings and measure values, run allocations and use the what-if; everyone reads
the runs."""

from dream.accounts.models import User
from dream.accounts.permissions import is_committee_staff


def can_manage_allocation(user: User) -> bool:
    return is_committee_staff(user)
