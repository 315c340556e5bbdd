from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see who holds tokens and revoke them; tokens are made only by
    `dream token-create`, which shows the token once."""

    list_display = ["user", "name", "prefix", "created", "last_used", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "key_hash", "prefix", "created", "last_used"]

    def has_add_permission(self, request):
        return False
