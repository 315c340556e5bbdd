from django.urls import path

from .views import downloads, findings, organizations, overview, regions, sectoral, sources

app_name = "web"

urlpatterns = [
    path("", overview.OverviewView.as_view(), name="overview"),
    path("map/", overview.MapView.as_view(), name="map"),
    path(
        "provinces/<str:short_name>/", regions.ProvinceDetailView.as_view(), name="province_detail"
    ),
    path(
        "super-regions/<str:short_name>/",
        regions.SuperRegionDetailView.as_view(),
        name="super_region_detail",
    ),
    path("compare/", regions.CompareView.as_view(), name="compare"),
    path("sectoral/", sectoral.SectoralView.as_view(), name="sectoral"),
    path(
        "organizations/<str:short_name>/",
        organizations.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("findings/", findings.FindingListView.as_view(), name="findings"),
    path("downloads/", downloads.DownloadsView.as_view(), name="downloads"),
    path("downloads/datapackage.zip", downloads.datapackage_zip, name="datapackage_zip"),
    path(
        "sources/<str:slug>/lines/<str:line>/", sources.SourceLineView.as_view(), name="source_line"
    ),
]
