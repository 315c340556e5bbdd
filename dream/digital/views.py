from django.http import Http404
from django.views.generic import TemplateView

from dream.districts.selectors import district_target_progress, districts_by_province, map_legend
from dream.links.selectors import coverage
from dream.plans.selectors import latest_year
from dream.tracking.selectors import goal_statuses

from . import selectors

# The facts file's key of the sub-goal the districts section reports on (5+ districts).
DISTRICTS_GOAL = "innovation-districts"


class DashboardView(TemplateView):
    """디지털 지방시대: the digital plan's goals, structure, schedule, districts and the
    implementation-plan work linked to its tasks."""

    template_name = "digital/dashboard.html"

    def get_context_data(self, **kwargs):
        plan = selectors.current_digital_plan()
        if plan is None:
            raise Http404(
                "아직 가져온 디지털 계획이 없습니다. `dream import-plan`으로 「지방 디지털 경쟁력 "
                "강화방안」을 가져오세요."
            )
        statuses = goal_statuses(plan)
        year = latest_year()
        coverages = coverage(year=year, plan=plan) if year else None
        # The tasks are read once: the coverage carries them with their bodies.
        tasks = (
            [row.digital_task for row in coverages]
            if coverages is not None
            else selectors.plan_tasks(plan)
        )
        years, timeline = selectors.schedule_timeline(tasks)
        return super().get_context_data(
            plan=plan,
            headline_statuses=[s for s in statuses if s.goal.kind == "headline"],
            structure=selectors.plan_structure(plan, tasks, statuses),
            timeline_years=years,
            timeline=timeline,
            budgets=selectors.plan_budgets(plan),
            counts=selectors.area_counts(plan, tasks),
            plan_year=year,
            coverage=selectors.coverage_summary(coverages) if coverages is not None else None,
            district_progress=district_target_progress(),
            district_goal=next((s.goal for s in statuses if s.goal.key == DISTRICTS_GOAL), None),
            tiles=districts_by_province(),
            legend=map_legend(),
            **kwargs,
        )
