"""Reads the API answers with: plain dicts shaped like the schemas, each plan's tree
fetched in a fixed number of queries whatever its size."""

from django.db.models import Prefetch, Q, QuerySet

from dream.accounts.models import Organization, User
from dream.cycle.compilation import task_bodies
from dream.cycle.models import Cycle, DuplicateCandidate, Submission
from dream.cycle.permissions import submissions_viewable
from dream.digital.models import DigitalPlan, DigitalTask
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.plans.models import Budget, Plan, Strategy, Task, TaskMinistry


def organization_dict(organization: Organization) -> dict:
    return {
        "id": organization.pk,
        "kind": organization.kind,
        "short_name": organization.short_name,
        "full_name": organization.full_name,
    }


def published_plans() -> QuerySet[Plan]:
    """Plans the public sees: not drafts of a cycle under way."""
    return Plan.objects.filter(is_draft=False).select_related("owner")


def plan_dict(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "year": plan.year,
        "level": plan.level,
        "level_label": plan.get_level_display(),
        "title": plan.title,
        "owner": organization_dict(plan.owner),
        "goal": plan.goal,
        "is_draft": plan.is_draft,
        "source_line": plan.source_line,
    }


def public_findings() -> QuerySet[Finding]:
    """Findings of the published document: those of a draft's plan are not public."""
    return Finding.objects.filter(Q(plan__isnull=True) | Q(plan__is_draft=False)).select_related(
        "plan__owner"
    )


def task_dict(task: Task, children: dict[int | None, list[Task]]) -> dict:
    return {
        "id": task.pk,
        "parent_id": task.parent_id,
        "strategy_id": task.strategy_id,
        "kind": task.kind,
        "kind_label": task.get_kind_display(),
        "position": task.position,
        "code": task.code,
        "name": task.name,
        "ministries": [link.ministry.short_name for link in task.ministry_links.all()],
        "project_count": task.project_count,
        "national_budget_eok": task.national_budget_eok,
        "national_budget_text": task.national_budget_text,
        "description": task.description,
        "source_line": task.source_line,
        "children": [task_dict(child, children) for child in children.get(task.pk, [])],
    }


def budget_dict(budget: Budget) -> dict:
    return {
        "id": budget.pk,
        "strategy_id": budget.strategy_id,
        "year": budget.year,
        "source": budget.source,
        "source_label": budget.get_source_display(),
        "amount_eok": budget.amount_eok,
        "printed": budget.printed,
        "source_line": budget.source_line,
    }


def strategy_dict(strategy: Strategy) -> dict:
    return {
        "id": strategy.pk,
        "kind": strategy.kind,
        "position": strategy.position,
        "code": strategy.code,
        "name": strategy.name,
        "source_line": strategy.source_line,
    }


INDICATOR_FIELDS = (
    "id",
    "task_id",
    "position",
    "group",
    "subgroup",
    "scope",
    "name",
    "unit",
    "baseline_year",
    "baseline_text",
    "baseline_value",
    "target_year",
    "target_text",
    "target_value",
    "change_text",
    "target_note",
    "is_new",
    "direction",
    "source_line",
)


def indicator_dict(indicator: Indicator) -> dict:
    return {field: getattr(indicator, field) for field in INDICATOR_FIELDS}


def plan_tree(plan: Plan) -> dict:
    """The plan with strategies → task tree, budgets, indicators and findings, ids included."""
    tasks = list(
        plan.tasks.prefetch_related(
            Prefetch(
                "ministry_links",
                queryset=TaskMinistry.objects.select_related("ministry").order_by("position"),
            )
        ).order_by("source_line", "position", "pk")
    )
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    roots_by_strategy: dict[int | None, list[dict]] = {}
    for root in children.get(None, []):
        roots_by_strategy.setdefault(root.strategy_id, []).append(task_dict(root, children))
    strategies = [
        {**strategy_dict(s), "tasks": roots_by_strategy.get(s.pk, [])}
        for s in plan.strategies.order_by("kind", "position", "pk")
    ]
    budgets = Budget.objects.filter(plan=plan).order_by(
        "year", "strategy__kind", "strategy__position", "source", "pk"
    )
    findings = plan.findings.select_related("plan__owner").order_by("source_line", "code", "pk")
    return {
        **plan_dict(plan),
        "strategies": strategies,
        "tasks": roots_by_strategy.get(None, []),
        "budgets": [budget_dict(b) for b in budgets],
        "indicators": [
            indicator_dict(i)
            for i in Indicator.objects.filter(plan=plan).order_by("position", "pk")
        ],
        "findings": list(findings),
    }


def digital_plan_dict(plan: DigitalPlan) -> dict:
    tasks = (
        DigitalTask.objects.filter(plan=plan)
        .select_related("area")
        .prefetch_related("ministry_links__ministry")
        .order_by("position", "pk")
    )
    return {
        "title": plan.title,
        "year": plan.year,
        "vision": plan.vision,
        "goals": [
            {
                "key": g.key,
                "kind": g.kind,
                "area_code": g.area.code if g.area_id else None,
                "name": g.name,
                "unit": g.unit,
                "baseline_year": g.baseline_year,
                "baseline_value": g.baseline_value,
                "baseline_text": g.baseline_text,
                "target_year": g.target_year,
                "target_value": g.target_value,
                "target_text": g.target_text,
                "higher_is_better": g.higher_is_better,
                "source_line": g.source_line,
            }
            for g in plan.goals.select_related("area").order_by("kind", "position", "pk")
        ],
        "tasks": [
            {
                "id": t.pk,
                "area_code": t.area.code,
                "area_name": t.area.name,
                "position": t.position,
                "name": t.name,
                "ministries": [
                    link.ministry.short_name
                    for link in sorted(t.ministry_links.all(), key=lambda link: link.position)
                ],
                "ministries_text": t.ministries_text,
                "start_year": t.start_year,
                "schedule_text": t.schedule_text,
                "source_line": t.source_line,
            }
            for t in tasks
        ],
    }


def cycle_dict(cycle: Cycle, viewer: User) -> dict:
    """The cycle with every body's submission; a state the viewer may not see
    (another body's draft) is left out, the body still listed."""
    submissions = cycle.submissions.select_related("organization", "cycle").order_by(
        "organization__kind", "organization__position", "pk"
    )
    viewable = submissions_viewable(viewer, submissions)
    rows = []
    for submission in submissions:
        visible = submission.pk in viewable
        rows.append(
            {
                "organization": organization_dict(submission.organization),
                "visible": visible,
                "state": submission.state if visible else None,
                "state_label": submission.get_state_display() if visible else None,
                "is_late": submission.is_late if visible else None,
                "submitted_at": submission.submitted_at if visible else None,
                "local_resolution_date": submission.local_resolution_date if visible else None,
                "plan_id": submission.plan_id if visible else None,
            }
        )
    return {
        "year": cycle.year,
        "deadline": cycle.deadline,
        "phase": cycle.phase,
        "phase_label": cycle.get_phase_display(),
        "guidelines_title": cycle.guidelines_title,
        "guidelines_meeting": cycle.guidelines_meeting,
        "guidelines_date": cycle.guidelines_date,
        "recipients_printed": cycle.recipients_printed,
        "resolution_meeting": cycle.resolution_meeting,
        "resolution_date": cycle.resolution_date,
        "submissions": rows,
    }


def submission_dict(submission: Submission) -> dict:
    """A body's submission with its plan tree (ids to edit by), findings and events."""
    tree = plan_tree(submission.plan) if submission.plan_id else None
    return {
        "year": submission.cycle.year,
        "organization": organization_dict(submission.organization),
        "state": submission.state,
        "state_label": submission.get_state_display(),
        "deadline": submission.cycle.deadline,
        "is_late": submission.is_late,
        "submitted_at": submission.submitted_at,
        "local_resolution_date": submission.local_resolution_date,
        "plan": tree,
        "findings": tree["findings"] if tree else [],
        "events": [
            {
                "action": e.action,
                "action_label": e.get_action_display(),
                "from_state": e.from_state,
                "to_state": e.to_state,
                "actor": e.actor.username,
                "at": e.at,
                "comment": e.comment,
            }
            for e in submission.events.select_related("actor").order_by("at", "pk")
        ],
        "comments": comments_list(submission),
    }


def comments_list(submission: Submission) -> list[dict]:
    """The submission's item remarks and answers, oldest first; a remark says if it is open."""
    answered = set(
        submission.comments.filter(reply_to__isnull=False).values_list("reply_to_id", flat=True)
    )
    return [
        {
            "id": c.pk,
            "item_kind": c.item_kind,
            "item_kind_label": c.get_item_kind_display(),
            "item_id": c.item_id,
            "item_label": c.item_label,
            "reply_to": c.reply_to_id,
            "author": c.author.username,
            "at": c.at,
            "text": c.text,
            "is_open": None if c.reply_to_id else c.pk not in answered,
        }
        for c in submission.comments.select_related("author").order_by("at", "pk")
    ]


def duplicate_dict(candidate: DuplicateCandidate) -> dict:
    def task(t: Task) -> dict:
        return {
            "task_id": t.pk,
            "name": t.name,
            "kind": t.kind,
            "plan_id": t.plan_id,
            "owner": t.plan.owner.short_name,
            "bodies": task_bodies(t),
            "national_budget_eok": t.national_budget_eok,
        }

    return {
        "id": candidate.pk,
        "regional": task(candidate.regional_task),
        "sectoral": task(candidate.sectoral_task),
        "similarity": candidate.similarity,
        "reason": candidate.reason,
        "status": candidate.status,
        "status_label": candidate.get_status_display(),
        "decided_by": candidate.decided_by.username if candidate.decided_by else None,
        "decided_at": candidate.decided_at,
        "note": candidate.note,
    }
