from django.urls import reverse

from dream.web.sources import page_sources


def site(request):
    """The navigation every public page shows, and the documents its figures come from."""
    return {
        "page_sources": page_sources(request),
        "nav_items": [
            (reverse("web:overview"), "전국 현황"),
            (reverse("web:map"), "시·도 지도"),
            (reverse("web:overview") + "#super-regions", "초광역권"),
            (reverse("web:sectoral"), "부문별 시행계획"),
            (reverse("web:compare"), "시·도 비교"),
            (reverse("digital:dashboard"), "디지털 지방시대"),
            (reverse("web:findings"), "검토 사항"),
            (reverse("cycle:cycle_list"), "시행계획 수립"),
            (reverse("web:downloads"), "데이터 내려받기"),
        ],
    }
