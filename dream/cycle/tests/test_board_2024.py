"""The board of cycle 2024, the resolved outcome of the published plan, on the real import.

Its own module: the module-scoped 2024 plan stays loaded for a whole module, and the
fixtures of test_views.py make a small 2024 sectoral plan of their own."""

from django.urls import reverse

from dream.cycle.models import Cycle


def test_the_2024_board_shows_the_resolved_outcome_and_the_printed_recipients(
    client, plan_2024, db
):
    html = client.get(reverse("cycle:cycle_detail", args=[2024])).content.decode()

    cycle = Cycle.objects.get(year=2024)
    rows = html.split("<tbody", 1)[1].split("</tbody>", 1)[0].count("<tr")
    assert rows == cycle.submissions.count() >= 38
    assert f"의결 {rows}곳" in html
    assert "제6차 지방시대위원회 (2024-04-04)에서 의결했습니다" in html
    # The plan prints "14개 중앙행정기관, 17개 시‧도, 7개 초광역권": 38 bodies, while its
    # sectoral tables name more ministries; the page says so.
    assert cycle.recipients_printed in html and rows != 38
    assert (
        f"문서에 인쇄된 기관 수(모두 38곳)와 DREAM이 정한 제출 기관 수(모두 {rows}곳)가 다릅니다"
        in html
    )
