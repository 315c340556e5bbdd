from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Organization, OrganizationAlias, SuperRegionMembership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class DreamUserAdmin(SimpleHistoryAdmin, UserAdmin):
    inlines = [MembershipInline]


class SuperRegionMembershipInline(admin.TabularInline):
    model = SuperRegionMembership
    fk_name = "super_region"
    extra = 0
    verbose_name = "구성 시·도"
    verbose_name_plural = "구성 시·도"


class OrganizationAliasInline(admin.TabularInline):
    """Other names the documents print for the organization (과기부 for 과기정통부)."""

    model = OrganizationAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "full_name", "kind", "capital_region"]
    list_filter = ["kind", "capital_region"]
    search_fields = ["short_name", "full_name", "aliases__name"]
    inlines = [OrganizationAliasInline, SuperRegionMembershipInline]
