from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "DREAM 지방시대 시행계획 관리"
admin.site.site_title = "DREAM"
admin.site.index_title = "시행계획 데이터"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
