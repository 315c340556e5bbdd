"""Editing a draft's items through the API: a task's name, a budget's amount. The
drafting services check who may edit and that the plan is still a draft (409 if frozen)."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from dream.cycle import drafting
from dream.plans.models import Budget, Task

from ..auth import token_auth
from ..schemas import BudgetOut, BudgetPatchIn, TaskItemOut, TaskPatchIn
from ..selectors import budget_dict, task_dict
from .cycles import REFUSALS

router = Router(tags=["초안 편집"], auth=token_auth)


@router.patch("/tasks/{id}", response={200: TaskItemOut, **REFUSALS}, summary="과제 고치기")
def task_patch(request, id: int, data: TaskPatchIn):
    fields = data.model_dump(exclude_unset=True, exclude_none=True)
    if not fields:
        raise HttpError(422, "고칠 항목(name 또는 description)을 하나 이상 보내 주세요.")
    task = get_object_or_404(Task.objects.select_related("plan"), pk=id)
    drafting.task_update(actor=request.auth, task=task, **fields)
    task = Task.objects.prefetch_related("ministry_links__ministry").get(pk=id)
    return task_dict(task, {})


@router.patch(
    "/budgets/{id}", response={200: BudgetOut, **REFUSALS}, summary="재정투입 금액 고치기"
)
def budget_patch(request, id: int, data: BudgetPatchIn):
    budget = get_object_or_404(Budget.objects.select_related("plan"), pk=id)
    drafting.budget_update(actor=request.auth, budget=budget, amount_eok=data.amount)
    return budget_dict(Budget.objects.get(pk=id))
