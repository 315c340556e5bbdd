from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "plan",
        "group",
        "unit",
        "baseline_text",
        "target_text",
        "change_text",
        "source_line",
    ]
    list_filter = ["group", "plan__level", "plan__year"]
    search_fields = ["name", "scope"]
    list_select_related = ["plan__owner"]
    raw_id_fields = ["task"]
