"""Editing a draft's items through the API: its goal, strategies, tasks, budgets and
indicators. The drafting services check who may edit and that the plan is still a draft
(409 if frozen)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from dream.cycle import drafting
from dream.indicators.models import Indicator
from dream.plans.models import Budget, Plan, Strategy, Task

from ..auth import token_auth
from ..schemas import (
    BudgetOut,
    BudgetPatchIn,
    BudgetSetIn,
    IndicatorOut,
    IndicatorPatchIn,
    StrategyItemOut,
    StrategyPatchIn,
    TaskItemOut,
    TaskPatchIn,
)
from ..selectors import budget_dict, indicator_dict, strategy_dict, task_dict
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


@router.post(
    "/plans/{id}/budgets",
    response={201: BudgetOut, **REFUSALS},
    summary="재정투입 칸 적기(없으면 만들기)",
)
def budget_set(request, id: int, data: BudgetSetIn):
    """A rolled-forward draft has no budget cells (money is planned per year): the body
    writes each strategy × source cell of its year here; an existing cell is changed."""
    plan = get_object_or_404(Plan, pk=id)
    strategy = None
    if data.strategy_id is not None:
        strategy = get_object_or_404(Strategy, pk=data.strategy_id)
    budget = drafting.budget_set(
        actor=request.auth,
        plan=plan,
        strategy=strategy,
        source=data.source,
        amount_eok=data.amount,
    )
    return Status(201, budget_dict(Budget.objects.get(pk=budget.pk)))


@router.patch(
    "/strategies/{id}", response={200: StrategyItemOut, **REFUSALS}, summary="전략명 고치기"
)
def strategy_patch(request, id: int, data: StrategyPatchIn):
    strategy = get_object_or_404(Strategy.objects.select_related("plan"), pk=id)
    drafting.strategy_update(actor=request.auth, strategy=strategy, name=data.name)
    return strategy_dict(Strategy.objects.get(pk=id))


@router.patch(
    "/indicators/{id}", response={200: IndicatorOut, **REFUSALS}, summary="성과지표 고치기"
)
def indicator_patch(request, id: int, data: IndicatorPatchIn):
    fields = data.model_dump(exclude_unset=True, exclude_none=True)
    if not fields:
        raise HttpError(
            422, "고칠 항목(name, unit, baseline, target, direction)을 하나 이상 보내 주세요."
        )
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=id)
    drafting.indicator_update(
        actor=request.auth,
        indicator=indicator,
        name=fields.get("name"),
        unit=fields.get("unit"),
        baseline_text=fields.get("baseline"),
        target_text=fields.get("target"),
        direction=fields.get("direction"),
    )
    return indicator_dict(Indicator.objects.get(pk=id))
