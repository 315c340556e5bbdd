"""Editing a draft's items through the API: its goal, strategies, tasks, budgets and
indicators, changed, added and removed. The drafting services check who may edit and that
the plan is still a draft (409 if frozen); an id in a body that names nothing is 404."""

from django.db import transaction
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
    IndicatorAddIn,
    IndicatorOut,
    IndicatorPatchIn,
    StrategyAddIn,
    StrategyItemOut,
    StrategyPatchIn,
    TaskAddIn,
    TaskItemOut,
    TaskPatchIn,
)
from ..selectors import budget_dict, indicator_dict, strategy_dict, task_dict
from .cycles import REFUSALS

router = Router(tags=["초안 편집"], auth=token_auth)


@router.patch("/tasks/{id}", response={200: TaskItemOut, **REFUSALS}, summary="과제 고치기·옮기기")
def task_patch(request, id: int, data: TaskPatchIn):
    """Changes the task's texts and/or moves it (`parent_id` or `strategy_id`), all or
    nothing."""
    fields = data.model_dump(exclude_unset=True, exclude_none=True)
    place = {key: fields.pop(key) for key in ("parent_id", "strategy_id") if key in fields}
    if not fields and not place:
        raise HttpError(
            422,
            "고칠 항목(name, description) 또는 옮길 곳(parent_id, strategy_id)을 하나 이상 "
            "보내 주세요.",
        )
    task = get_object_or_404(Task.objects.select_related("plan"), pk=id)
    parent = strategy = None
    if "parent_id" in place:
        parent = get_object_or_404(Task, pk=place["parent_id"])
    if "strategy_id" in place:
        strategy = get_object_or_404(Strategy, pk=place["strategy_id"])
    with transaction.atomic():
        if fields:
            drafting.task_update(actor=request.auth, task=task, **fields)
        if place:
            drafting.task_move(actor=request.auth, task=task, parent=parent, strategy=strategy)
    task = Task.objects.prefetch_related("ministry_links__ministry").get(pk=id)
    return task_dict(task, {})


@router.patch(
    "/budgets/{id}", response={200: BudgetOut, **REFUSALS}, summary="재정투입 금액 고치기"
)
def budget_patch(request, id: int, data: BudgetPatchIn):
    budget = get_object_or_404(Budget.objects.select_related("plan"), pk=id)
    drafting.budget_update(actor=request.auth, budget=budget, amount_eok=data.amount)
    return budget_dict(Budget.objects.get(pk=id))


@router.delete("/budgets/{id}", response={204: None, **REFUSALS}, summary="재정투입 칸 지우기")
def budget_remove(request, id: int):
    """An absent cell says the plan does not plan that source at all; 0억원 says no money."""
    budget = get_object_or_404(Budget.objects.select_related("plan"), pk=id)
    drafting.budget_remove(actor=request.auth, budget=budget)
    return Status(204, None)


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
    "/indicators/{id}",
    response={200: IndicatorOut, **REFUSALS},
    summary="성과지표 고치기·과제 연결",
)
def indicator_patch(request, id: int, data: IndicatorPatchIn):
    """Changes the indicator's texts and/or its task (`task_id`; `null`: none), all or
    nothing."""
    relink = "task_id" in data.model_fields_set
    fields = data.model_dump(exclude_unset=True, exclude_none=True)
    fields.pop("task_id", None)
    if not fields and not relink:
        raise HttpError(
            422,
            "고칠 항목(name, unit, baseline, target, direction, task_id)을 하나 이상 보내 주세요.",
        )
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=id)
    task = None
    if data.task_id is not None:
        task = get_object_or_404(Task, pk=data.task_id)
    with transaction.atomic():
        if fields:
            drafting.indicator_update(
                actor=request.auth,
                indicator=indicator,
                name=fields.get("name"),
                unit=fields.get("unit"),
                baseline_text=fields.get("baseline"),
                target_text=fields.get("target"),
                direction=fields.get("direction"),
            )
        if relink:
            drafting.indicator_relink(actor=request.auth, indicator=indicator, task=task)
    return indicator_dict(Indicator.objects.get(pk=id))


@router.post(
    "/plans/{id}/strategies",
    response={201: StrategyItemOut, **REFUSALS},
    summary="전략 더하기",
)
def strategy_add(request, id: int, data: StrategyAddIn):
    plan = get_object_or_404(Plan, pk=id)
    strategy = drafting.strategy_add(actor=request.auth, plan=plan, name=data.name)
    return Status(201, strategy_dict(strategy))


@router.delete("/strategies/{id}", response={204: None, **REFUSALS}, summary="전략 지우기")
def strategy_remove(request, id: int):
    strategy = get_object_or_404(Strategy.objects.select_related("plan"), pk=id)
    drafting.strategy_remove(actor=request.auth, strategy=strategy)
    return Status(204, None)


@router.post("/plans/{id}/tasks", response={201: TaskItemOut, **REFUSALS}, summary="과제 더하기")
def task_add(request, id: int, data: TaskAddIn):
    plan = get_object_or_404(Plan, pk=id)
    parent = strategy = None
    if data.parent_id is not None:
        parent = get_object_or_404(Task, pk=data.parent_id)
    if data.strategy_id is not None:
        strategy = get_object_or_404(Strategy, pk=data.strategy_id)
    task = drafting.task_add(
        actor=request.auth,
        plan=plan,
        parent=parent,
        strategy=strategy,
        kind=data.kind,
        name=data.name,
        national_budget_eok=data.national_budget,
    )
    task = Task.objects.prefetch_related("ministry_links__ministry").get(pk=task.pk)
    return Status(201, task_dict(task, {}))


@router.delete(
    "/tasks/{id}", response={204: None, **REFUSALS}, summary="과제 지우기(하위 과제까지)"
)
def task_remove(request, id: int):
    task = get_object_or_404(Task.objects.select_related("plan"), pk=id)
    drafting.task_remove(actor=request.auth, task=task)
    return Status(204, None)


@router.post(
    "/plans/{id}/indicators",
    response={201: IndicatorOut, **REFUSALS},
    summary="성과지표 더하기",
)
def indicator_add(request, id: int, data: IndicatorAddIn):
    plan = get_object_or_404(Plan, pk=id)
    task = None
    if data.task_id is not None:
        task = get_object_or_404(Task, pk=data.task_id)
    indicator = drafting.indicator_add(
        actor=request.auth,
        plan=plan,
        task=task,
        name=data.name,
        unit=data.unit,
        baseline_text=data.baseline,
        target_text=data.target,
        direction=data.direction,
    )
    return Status(201, indicator_dict(Indicator.objects.get(pk=indicator.pk)))


@router.delete("/indicators/{id}", response={204: None, **REFUSALS}, summary="성과지표 지우기")
def indicator_remove(request, id: int):
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=id)
    drafting.indicator_remove(actor=request.auth, indicator=indicator)
    return Status(204, None)
