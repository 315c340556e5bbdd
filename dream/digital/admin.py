"""The digital plan in the Django admin, with the history of every row (SimpleHistoryAdmin)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DigitalArea,
    DigitalBudget,
    DigitalGoal,
    DigitalPlan,
    DigitalTask,
    DigitalTaskMinistry,
)


@admin.register(DigitalPlan)
class DigitalPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "vision", "source_line"]
    search_fields = ["title", "vision"]


@admin.register(DigitalArea)
class DigitalAreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "label", "plan", "source_line"]
    list_filter = ["kind", "label", "plan"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["plan"]


class DigitalTaskMinistryInline(admin.TabularInline):
    model = DigitalTaskMinistry
    extra = 0
    autocomplete_fields = ["ministry"]


@admin.register(DigitalTask)
class DigitalTaskAdmin(SimpleHistoryAdmin):
    list_display = [
        "position",
        "name",
        "area",
        "ministries_text",
        "schedule_text",
        "start_year",
        "source_line",
    ]
    list_display_links = ["position", "name"]
    list_filter = ["start_year", "area__parent", "area", "ministries"]
    search_fields = ["name", "ministries_text"]
    list_select_related = ["area"]
    inlines = [DigitalTaskMinistryInline]


@admin.register(DigitalGoal)
class DigitalGoalAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "area",
        "baseline_text",
        "baseline_year",
        "target_text",
        "target_year",
        "unit",
        "source_line",
    ]
    list_filter = ["kind", "target_year", "plan"]
    search_fields = ["name", "key"]
    list_select_related = ["area"]


@admin.register(DigitalBudget)
class DigitalBudgetAdmin(SimpleHistoryAdmin):
    list_display = ["purpose", "printed", "amount_eok", "year_text", "area", "source_line"]
    list_filter = ["plan", "area"]
    search_fields = ["purpose", "printed", "key"]
    list_select_related = ["area"]
