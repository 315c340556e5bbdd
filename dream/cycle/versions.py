"""A resolved plan's content as plain JSON with its SHA-256, so a version can be shown,
compared and proven unchanged later without reading the live rows (which an amendment
may change). The snapshot lists every part in a stable order, and amounts are exact
decimal strings, so the same plan always gives the same hash on SQLite and PostgreSQL.
"""

import hashlib
import json
from datetime import date
from decimal import Decimal

from django.db.models import Max

from dream.accounts.models import User
from dream.plans.models import AMOUNT_PLACES, Plan, Task

from .errors import InvalidInput
from .models import PlanVersion

INDICATOR_PLACES = 4  # Indicator.baseline_value / target_value


def plan_snapshot(plan: Plan) -> dict:
    """Goal, strategies, task tree, budgets and indicators of `plan`, ids included."""
    strategies = plan.strategies.order_by("kind", "position", "pk")
    tasks = list(
        plan.tasks.prefetch_related("ministry_links__ministry").order_by(
            "strategy__kind", "strategy__position", "kind", "position", "pk"
        )
    )
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)

    def branch(task: Task) -> dict:
        return {
            "id": task.pk,
            "kind": task.kind,
            "position": task.position,
            "code": task.code,
            "name": task.name,
            "strategy_id": task.strategy_id,
            "ministries": [link.ministry.short_name for link in task.ministry_links.all()],
            "project_count": task.project_count,
            "national_budget_eok": _decimal(task.national_budget_eok, AMOUNT_PLACES),
            "description": task.description,
            "children": [branch(child) for child in children.get(task.pk, [])],
        }

    budgets = plan.budgets.order_by(
        "year", "strategy__kind", "strategy__position", "strategy_id", "source", "pk"
    )
    return {
        "plan": {
            "id": plan.pk,
            "year": plan.year,
            "level": plan.level,
            "owner": plan.owner.short_name,
        },
        "goal": plan.goal,
        "strategies": [
            {"id": s.pk, "kind": s.kind, "position": s.position, "code": s.code, "name": s.name}
            for s in strategies
        ],
        "tasks": [branch(task) for task in children.get(None, [])],
        "budgets": [
            {
                "id": b.pk,
                "strategy_id": b.strategy_id,
                "year": b.year,
                "source": b.source,
                "amount_eok": _decimal(b.amount_eok, AMOUNT_PLACES),
            }
            for b in budgets
        ],
        "indicators": [
            {
                "id": i.pk,
                "position": i.position,
                "group": i.group,
                "subgroup": i.subgroup,
                "scope": i.scope,
                "task_id": i.task_id,
                "name": i.name,
                "unit": i.unit,
                "baseline_year": i.baseline_year,
                "baseline_text": i.baseline_text,
                "baseline_value": _decimal(i.baseline_value, INDICATOR_PLACES),
                "target_year": i.target_year,
                "target_text": i.target_text,
                "target_value": _decimal(i.target_value, INDICATOR_PLACES),
                "change_text": i.change_text,
                "is_new": i.is_new,
                **({"direction": i.direction} if i.direction else {}),
            }
            for i in plan.indicators.order_by("position", "pk")
        ],
    }


def content_hash(content: dict) -> str:
    """SHA-256 of the canonical JSON (sorted keys, UTF-8, no spaces) of `content`."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_create(
    *, plan: Plan, actor: User, meeting: str, resolved_on: date | None, reason: str = ""
) -> PlanVersion:
    """Record `plan` as it stands now as its next version. The first is the resolution;
    a later one is an amendment and must say why. Callers check permission and hold the
    transaction (`cycle_resolve`)."""
    number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    if number > 1 and not reason.strip():
        raise InvalidInput("의결 후 변경한 판은 변경 사유를 적어야 합니다.")
    content = plan_snapshot(plan)
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        content=content,
        content_hash=content_hash(content),
        meeting=meeting.strip(),
        resolved_on=resolved_on,
        reason=reason.strip(),
        created_by=actor,
    )


def _decimal(value: Decimal | None, places: int) -> str | None:
    """An exact amount as a string with its fixed number of places ("93.50")."""
    if value is None:
        return None
    return str(value.quantize(Decimal(1).scaleb(-places)))
