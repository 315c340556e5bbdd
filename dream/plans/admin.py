from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Budget, Plan, PrintedShare, Strategy, Task, TaskMinistry


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0
    fields = ["kind", "position", "code", "name", "source_line"]


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0
    fields = ["strategy", "year", "source", "amount_eok", "printed", "source_line"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "level", "owner", "goal"]
    list_filter = ["year", "level"]
    search_fields = ["goal", "owner__short_name", "owner__full_name"]
    inlines = [StrategyInline, BudgetInline]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "kind", "position", "code"]
    list_filter = ["kind", "plan__level", "plan__year"]
    search_fields = ["name"]


class TaskMinistryInline(admin.TabularInline):
    model = TaskMinistry
    extra = 0
    autocomplete_fields = ["ministry"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "plan",
        "project_count",
        "national_budget_eok",
        "source_line",
    ]
    list_filter = ["kind", "plan__level", "plan__year", "ministries"]
    search_fields = ["name", "code", "description"]
    raw_id_fields = ["parent"]
    list_select_related = ["plan__owner"]
    inlines = [TaskMinistryInline]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "strategy", "year", "source", "amount_eok", "printed"]
    list_filter = ["year", "source", "plan__level"]
    list_select_related = ["plan__owner", "strategy"]


@admin.register(PrintedShare)
class PrintedShareAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "year", "group", "key", "printed", "source_line"]
    list_filter = ["year", "group"]
    list_select_related = ["plan__owner"]
