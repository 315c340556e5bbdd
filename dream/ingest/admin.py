from django.contrib import admin

from .models import Finding, ImportRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Import runs and findings are written by imports only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "year", "started_at", "actor", "created", "updated", "deleted"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["severity", "code", "plan", "source_line", "message"]
    list_filter = ["severity", "code", "year", "plan__level"]
    search_fields = ["message", "code"]
    list_select_related = ["plan__owner"]
