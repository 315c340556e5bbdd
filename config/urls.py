from django.contrib import admin
from django.urls import include, path

from dream.api.api import api

admin.site.site_header = "DREAM 지방시대 시행계획 관리"
admin.site.site_title = "DREAM"
admin.site.index_title = "시행계획 데이터"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("search/", include("dream.search.urls")),
    path("digital/links/", include("dream.links.urls")),
    path("digital/goals/", include("dream.tracking.urls")),
    path("digital/districts/", include("dream.districts.urls")),
    path("digital/agencies/", include("dream.agencies.urls")),
    path("digital/pipeline/", include("dream.pipeline.urls")),
    path("digital/calls/", include("dream.calls.urls")),
    path("digital/allocations/", include("dream.allocation.urls")),
    path("digital/", include("dream.digital.urls")),
    path("priorities/zones/", include("dream.zones.urls")),
    path("priorities/", include("dream.priorities.urls")),
    path("regional-tasks/", include("dream.regional_tasks.urls")),
    path("cycles/", include("dream.cycle.urls")),
    path("results/", include("dream.results.urls")),
    path("evaluations/", include("dream.evaluation.urls")),
    path("reports/", include("dream.reports.urls")),
    path("", include("dream.web.urls")),
]
handler400 = "dream.web.views.errors.bad_request"
handler404 = "dream.web.views.errors.page_not_found"
