from django.http import Http404
from django.views.generic import TemplateView

from dream.plans.selectors import published_years
from dream.web.views import year_or_404

from . import selectors


class PriorityTaskListView(TemplateView):
    """중점 이행과제 (`?year=`): the year's 4+10 tasks of Ⅱ by group."""

    template_name = "priorities/task_list.html"

    def get_context_data(self, **kwargs):
        year = year_or_404(self.request)
        return super().get_context_data(
            year=year, groups=selectors.priority_task_groups(year), **kwargs
        )


class PriorityTaskDetailView(TemplateView):
    """One task: its aims, status box, actions and their items on the year's months."""

    template_name = "priorities/task_detail.html"

    def get_context_data(self, **kwargs):
        year, position = kwargs.pop("year"), kwargs.pop("position")
        task = selectors.priority_task(year, position) if year in published_years() else None
        if task is None:
            raise Http404("이 연도와 순서의 중점 이행과제가 없습니다.")
        return super().get_context_data(page=selectors.priority_task_page(task), **kwargs)
