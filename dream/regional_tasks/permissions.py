"""Who may do what in the regional policy task register (2024 plan l.600–649). The plan names
who takes part in each step — the provinces submit, the ministries are consulted, the expert
committee (전문위) discusses, the Committee's half-yearly inspection confirms — but not who
enters it in a register; DREAM's reading: a province's editors (and Committee staff) keep its
list, a task's ministry's editors take part where the plan names the ministry, and what the
Committee decides (classification, the expert committee, the inspection report, forwarding to
기획재정부) is recorded by Committee staff. Services, views and the API ask these alike."""

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import can_write_for, is_committee_staff

from .choices import ClosureStep
from .models import RegionalPolicyTask


def can_register_task(user: User, province: Organization) -> bool:
    """A province's editors and managers for their own province, or Committee staff."""
    if province.kind != OrganizationKind.PROVINCE:
        return False
    return can_write_for(user, province)


def can_edit_task(user: User, task: RegionalPolicyTask) -> bool:
    return can_register_task(user, task.province)


def can_classify_task(user: User) -> bool:
    """적극추진 / 보완필요 / 중장기 is the Committee's sorting (l.616–631)."""
    return is_committee_staff(user)


def _province_or_ministry(user: User, task: RegionalPolicyTask) -> bool:
    """The province's or the task's ministry's editors, or Committee staff."""
    if can_write_for(user, task.province):
        return True
    return task.ministry is not None and can_write_for(user, task.ministry)


def can_request_closure(user: User, task: RegionalPolicyTask) -> bool:
    """A closure starts from "지자체 및 부처 철회 요청" (l.636), or from the Committee."""
    return _province_or_ministry(user, task)


def can_withdraw_closure(user: User, task: RegionalPolicyTask) -> bool:
    return _province_or_ministry(user, task)


def can_record_closure_step(user: User, task: RegionalPolicyTask, step: str) -> bool:
    """시·도, 부처 협의 is the province's and the ministry's; 전문위 논의 and the inspection
    report are the Committee's (l.637)."""
    if step == ClosureStep.AGREEMENT:
        return _province_or_ministry(user, task)
    return is_committee_staff(user)


def can_submit_budget(user: User, task: RegionalPolicyTask) -> bool:
    """ "시·도에서 제출받아" (l.622): the province's editors, or Committee staff for them."""
    return can_write_for(user, task.province)


def can_record_budget_opinion(user: User, task: RegionalPolicyTask) -> bool:
    """ "부처협의" (l.623): the task's ministry's editors, or Committee staff."""
    if is_committee_staff(user):
        return True
    return task.ministry is not None and can_write_for(user, task.ministry)


def can_forward_budget(user: User) -> bool:
    """ "기재부에 송부" (l.623) is the Committee's."""
    return is_committee_staff(user)


def can_import_tasks(user: User) -> bool:
    """Anyone who may register a task for some province (rows for other provinces are
    refused one by one)."""
    if is_committee_staff(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return any(
        can_register_task(user, membership.organization)
        for membership in user.memberships.select_related("organization")
    )
