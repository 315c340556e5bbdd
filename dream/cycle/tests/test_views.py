"""The cycle's pages: the list of cycles, a cycle's compliance board, and a submission's
page, which offers each persona only the steps it may take and moves the state through
the services."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from dream.cycle.choices import SubmissionState
from dream.cycle.models import Cycle, Submission

BUSAN_ACTIONS = ["local-resolution", "submit"]
SEOUL = ZoneInfo("Asia/Seoul")


def _page(year=2025, org="부산"):
    return reverse("cycle:submission_detail", args=[year, org])


def _action(action, year=2025, org="부산"):
    return reverse("cycle:submission_action", args=[year, org, action])


def _offered(html: str) -> list[str]:
    """The steps whose forms the page shows, by their action."""
    return [part.split('"', 1)[0] for part in html.split('class="filters action-')[1:]]


@pytest.mark.parametrize(
    "persona, offered",
    [
        ("busan_viewer", []),
        ("busan_editor", BUSAN_ACTIONS),
        ("committee_staff", BUSAN_ACTIONS),
        ("superuser", BUSAN_ACTIONS),
    ],
)
def test_a_drafting_submission_offers_each_persona_only_its_steps(
    client, busan_submission, personas, persona, offered
):
    client.force_login(personas(persona))

    response = client.get(_page())

    assert response.status_code == 200
    assert _offered(response.content.decode()) == offered


def test_a_submitted_plan_offers_review_steps_to_staff_and_nothing_to_the_body(
    client, busan_submission, personas
):
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()

    client.force_login(personas("committee_staff"))
    assert _offered(client.get(_page()).content.decode()) == ["review", "return", "accept"]
    client.force_login(personas("busan_editor"))
    assert _offered(client.get(_page()).content.decode()) == []


def test_a_body_without_a_draft_is_offered_the_roll_forward(client, cycle_2025, personas):
    client.force_login(personas("ministry_editor"))

    html = client.get(_page(org="행안부")).content.decode()

    assert _offered(html) == ["roll-forward", "submit"]


def test_another_bodys_editor_may_not_see_a_draft_and_anonymous_is_sent_to_sign_in(
    client, busan_submission, personas
):
    response = client.get(_page())
    assert response.status_code == 302 and reverse("login") in response["Location"]

    client.force_login(personas("seoul_editor"))
    response = client.get(_page())
    assert response.status_code == 403
    assert "부산의 초안은 그 기관과 지방시대위원회만 봅니다" in response.content.decode()


def test_the_bodys_editor_records_the_local_deliberation_and_submits_through_the_page(
    client, busan_submission, personas, staff, django_capture_on_commit_callbacks
):
    client.force_login(personas("busan_editor"))

    client.post(_action("local-resolution"), {"local-resolution-resolved_on": "2025-01-20"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_action("submit"), {"submit-comment": "제출합니다"}, follow=True)

    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.SUBMITTED
    assert busan_submission.local_resolution_date == date(2025, 1, 20)
    html = response.content.decode()
    assert "지방시대위원회에 제출했습니다." in html
    assert "제출합니다" in html and "busan_editor" in html  # the event, with who and why
    assert [m.to for m in mail.outbox] == [["committee_staff@example.kr"]]


def test_a_step_the_state_does_not_allow_shows_the_services_korean_message(
    client, busan_submission, personas
):
    client.force_login(personas("busan_editor"))

    response = client.post(_action("submit"), follow=True)

    assert "심의일을 먼저 기록해야 제출할 수 있습니다" in response.content.decode()
    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.DRAFTING


def test_a_return_without_a_comment_is_refused_and_with_one_moves_the_state(
    client, busan_submission, staff
):
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()
    client.force_login(staff)

    response = client.post(_action("return"), {"return-comment": ""}, follow=True)
    assert "필수" in response.content.decode()
    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.SUBMITTED

    client.post(_action("return"), {"return-comment": "재정투입 합계를 맞춰 주세요"})
    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.RETURNED
    assert busan_submission.events.get().comment == "재정투입 합계를 맞춰 주세요"


@pytest.mark.parametrize("persona", ["seoul_editor", "busan_viewer", "ministry_editor"])
def test_a_step_by_someone_without_the_right_is_403_and_changes_nothing(
    client, busan_submission, personas, persona
):
    client.force_login(personas(persona))

    response = client.post(
        _action("local-resolution"), {"local-resolution-resolved_on": "2025-01-20"}
    )

    assert response.status_code == 403
    busan_submission.refresh_from_db()
    assert busan_submission.local_resolution_date is None and not busan_submission.events.exists()


def test_a_body_editor_may_not_accept_its_own_plan(client, busan_submission, personas):
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()
    client.force_login(personas("busan_editor"))

    assert client.post(_action("accept")).status_code == 403
    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.SUBMITTED


def test_steps_need_the_csrf_token(busan_submission, personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas("busan_editor"))

    response = client.post(
        _action("local-resolution"), {"local-resolution-resolved_on": "2025-01-20"}
    )

    assert response.status_code == 403
    busan_submission.refresh_from_db()
    assert busan_submission.local_resolution_date is None


@pytest.mark.parametrize(
    "address",
    [
        reverse("cycle:cycle_detail", args=[2031]),
        reverse("cycle:submission_detail", args=[2025, "없는기관"]),
        reverse("cycle:submission_detail", args=[2025, "경찰청"]),  # not a body of the cycle
    ],
)
def test_an_unknown_cycle_or_body_is_404(client, cycle_2025, staff, address):
    client.force_login(staff)

    assert client.get(address).status_code == 404


def test_an_unknown_step_is_404(client, busan_submission, staff):
    client.force_login(staff)

    assert client.post(_action("approve")).status_code == 404


def test_a_full_name_redirects_to_the_short_names_page(client, busan_submission, staff):
    client.force_login(staff)

    response = client.get(_page(org="부산광역시"))

    assert response.status_code == 302 and response["Location"] == _page()


def test_staff_open_a_cycle_and_others_may_not(client, sectoral_2024, personas):
    client.force_login(personas("busan_editor"))
    assert client.post(reverse("cycle:cycle_list"), {"year": 2025}).status_code == 403
    assert not Cycle.objects.exists()

    client.force_login(personas("committee_staff"))
    response = client.post(reverse("cycle:cycle_list"), {"year": 2025})

    assert response.status_code == 302
    assert Cycle.objects.get().deadline == date(2025, 2, 15)
    assert Submission.objects.count() == 17 + 7 + 2


def test_staff_record_the_resolution_on_the_board(client, busan_submission, staff):
    busan_submission.state = SubmissionState.ACCEPTED
    busan_submission.save()
    client.force_login(staff)
    board = reverse("cycle:cycle_detail", args=[2025])
    assert (
        'action="' + reverse("cycle:cycle_resolve", args=[2025])
        in client.get(board).content.decode()
    )

    client.post(
        reverse("cycle:cycle_resolve", args=[2025]),
        {"meeting": "제3차 지방시대위원회", "resolved_on": "2025-04-04"},
    )

    busan_submission.refresh_from_db()
    assert busan_submission.state == SubmissionState.RESOLVED
    assert not busan_submission.plan.is_draft


def test_the_board_lists_every_body_with_its_state_and_timeliness(
    client, busan_submission, personas
):
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.is_late = True
    busan_submission.submitted_at = datetime(2025, 2, 20, 10, 0, tzinfo=SEOUL)
    busan_submission.save()

    html = client.get(reverse("cycle:cycle_detail", args=[2025])).content.decode()

    rows = html.split("<tbody", 1)[1].split("</tbody>", 1)[0].count("<tr")
    assert rows == 17 + 7 + 2
    busan_row = html.split(">부산<", 1)[1].split("</tr>", 1)[0]
    assert "제출" in busan_row and "기한 후 제출" in busan_row and "2025-02-20 10:00" in busan_row
    assert "작성 중 25곳" in html and "제출 1곳" in html


def test_the_cycle_pages_of_an_open_cycle_speak_korean_and_give_units(
    client, busan_submission, staff
):
    from tests.bare_numbers import bare_numbers
    from tests.test_korean_labels import LabelReader, is_english_label

    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()
    client.force_login(staff)
    client.post(_action("return"), {"return-comment": "지표 3개를 고쳐 주세요"})

    for address in [
        reverse("cycle:cycle_list"),
        reverse("cycle:cycle_detail", args=[2025]),
        _page(),
    ]:
        html = client.get(address).content.decode()
        reader = LabelReader()
        reader.feed(html)
        english = [t for _w, t in reader.labels if is_english_label(t)]
        assert english == [f"· {staff.username}"], address  # the footer names who is signed in
        assert bare_numbers(html) == [], address


def test_the_board_downloads_with_korean_headers(client, busan_submission):
    response = client.get(reverse("cycle:cycle_detail", args=[2025]), {"_export": "csv"})

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("기관,구분,상태,처음 제출한 때,기한 준수")
    assert "부산,시·도,작성 중,,미제출,기록 없음,," in lines  # a draft's checks are not public
    assert len(lines) == 1 + 17 + 7 + 2
