from django.urls import reverse

from dream.web.sources import page_sources
from dream.web.views import year_query, year_switcher


def site(request):
    """The navigation every public page shows, and the documents its figures come from.
    While a page shows an older year, the links to the year's pages stay in that year."""
    query = year_query(request)
    in_year = f"?{query}" if query else ""
    pages = [
        (reverse("web:overview"), "", "전국 현황"),
        (reverse("web:map"), "", "시·도 지도"),
        (reverse("web:overview"), "#super-regions", "초광역권"),
        (reverse("web:sectoral"), "", "부문별 시행계획"),
        (reverse("web:compare"), "", "시·도 비교"),
        (reverse("priorities:task_list"), "", "중점 이행과제"),
        (reverse("regional_tasks:overview"), None, "지역정책과제"),
        (reverse("digital:dashboard"), None, "디지털 지방시대"),
        (reverse("web:findings"), "", "검토 사항"),
        (reverse("cycle:cycle_list"), None, "시행계획 수립"),
        (reverse("evaluation:round_list"), None, "추진실적 평가"),
        (reverse("web:downloads"), None, "데이터 내려받기"),
    ]
    return {
        "page_sources": page_sources(request),
        "year_query": query,
        "year_switcher": year_switcher(request),
        # (address, label, is this page); `anchor` None: a page of no particular year.
        "nav_items": [
            (
                path if anchor is None else f"{path}{in_year}{anchor}",
                label,
                request.path == path and not anchor,
            )
            for path, anchor, label in pages
        ],
    }
