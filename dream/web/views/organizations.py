"""An organization's page (/organizations/과기정통부/): what it carries in both plans."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from dream.accounts.choices import OrganizationKind
from dream.accounts.selectors import organization_named, organization_page
from dream.web.views import requested_year

# Provinces and super-regions have their own plan pages.
PLAN_PAGES = {
    OrganizationKind.PROVINCE: "web:province_detail",
    OrganizationKind.SUPER_REGION: "web:super_region_detail",
}


class OrganizationDetailView(TemplateView):
    """Any name the body goes by (/organizations/과기부/, /organizations/과학기술정보통신부/)
    redirects to the address under its short name, as province pages do."""

    template_name = "web/organizations/organization_detail.html"

    def get(self, request, *args, **kwargs):
        asked = kwargs["short_name"]
        organization = organization_named(asked)
        if organization is None:
            raise Http404("이 이름의 기관이 없습니다.")
        if organization.kind in PLAN_PAGES:
            return redirect(reverse(PLAN_PAGES[organization.kind], args=[organization.short_name]))
        if organization.short_name != asked:
            return redirect(reverse("web:organization_detail", args=[organization.short_name]))
        self.organization = organization
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=organization_page(self.organization, requested_year(self.request)), **kwargs
        )
