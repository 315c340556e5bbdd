from django.http import Http404
from django.views.generic import TemplateView

from . import selectors


class DashboardView(TemplateView):
    """디지털 지방시대: the digital plan's goals, structure, schedule, districts and links."""

    template_name = "digital/dashboard.html"

    def get_context_data(self, **kwargs):
        plan = selectors.current_digital_plan()
        if plan is None:
            raise Http404(
                "아직 가져온 디지털 계획이 없습니다. `dream import-plan`으로 「지방 디지털 경쟁력 "
                "강화방안」을 가져오세요."
            )
        years, timeline = selectors.schedule_timeline(plan)
        return super().get_context_data(
            plan=plan,
            headline_goals=selectors.headline_goals(plan),
            structure=selectors.plan_structure(plan),
            timeline_years=years,
            timeline=timeline,
            budgets=selectors.plan_budgets(plan),
            counts=selectors.area_counts(plan),
            **kwargs,
        )
