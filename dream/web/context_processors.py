from django.urls import reverse


def site(request):
    """The navigation every public page shows."""
    return {
        "nav_items": [
            (reverse("web:overview"), "전국 현황"),
            (reverse("web:map"), "시·도 지도"),
            (reverse("web:sectoral"), "부문별 시행계획"),
            (reverse("web:compare"), "시·도 비교"),
            (reverse("digital:dashboard"), "디지털 지방시대"),
            (reverse("web:findings"), "검토 사항"),
            (reverse("web:downloads"), "데이터 내려받기"),
        ],
    }
