"""The priority-task pages: the year's tasks by group, one task on its months with its
owners and step states, the forms of those allowed, the inspections and the settings."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dream.priorities import services
from dream.priorities.models import PriorityItem, PriorityTask, StepReport

pytestmark = pytest.mark.usefixtures("tasks_2024")
LIST = reverse("priorities:task_list")


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_list_shows_both_groups_with_counts_and_source_links(client):
    response = client.get(LIST)
    text = text_of(response)

    assert "4대 특구 (1개)" in text and "10대 중점 이행과제 (1개)" in text
    assert "기회발전특구 지정으로 양질의 신규 일자리 창출" in text
    first = PriorityTask.objects.get(position=1)
    assert reverse("priorities:task_detail", args=[2024, 1]) in response.content.decode()
    row = re.search(r"기회발전특구 지정으로[^<]*</a></th>(.*?)</tr>", response.content.decode())
    assert re.findall(r'<td class="num">(\d+)</td>', row[1]) == ["2", "2"]  # □ 2, ㅇ 2
    assert f"원문 {first.source_line}줄" in text


def test_the_task_page_draws_dated_items_and_lists_undated_ones_without_a_bar(client):
    response = client.get(reverse("priorities:task_detail", args=[2024, 1]))
    html, text = response.content.decode(), text_of(response)

    assert "기회발전특구 추진 현황" in text and "지방 투자 촉진" in text
    assert "□ (제도 완비) 기회발전특구 지정 절차 마련" in text
    assert "’24.上 · ’24.下" in text and "반기" in text
    assert "2024.3.1. ~ (끝 열림)" in text
    assert html.count('class="priority-bar') == 2  # 255 (open end) and 265; not the note 257
    assert "priority-bar open-end" in html
    assert "DREAM이 읽은 것" in text
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


@pytest.mark.parametrize(
    "address",
    [
        "/priorities/2024/3/",
        "/priorities/2023/1/",
        "/priorities/2024/0/",
        "/priorities/99999999999999999999999/1/",
        "/priorities/2024/99999999999999999999/",
    ],
)
def test_an_unknown_year_or_position_is_a_404(client, address):
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("query", ["?year=abc", "?year=1999", "?year=%00", "?year=2024&year=x"])
def test_bad_parameters_on_the_list_are_never_a_500(client, query):
    assert client.get(LIST + query).status_code in (200, 400, 404)


# The tracker on the pages

TASK = reverse("priorities:task_detail", args=[2024, 1])
INSPECTIONS = reverse("priorities:inspection_list") + "?year=2024"


def signed_in(client, personas, name):
    user = personas(name)
    if user.is_authenticated:
        client.force_login(user)
    return client


def report_url(item) -> str:
    return reverse("priorities:step_report_add", args=[item.pk])


REPORT = {"status": "done", "as_of": "2024-11-30", "evidence": "2차 지정 완료(위원회 의결)"}


def test_the_task_page_shows_owners_states_and_the_rules_the_plan_leaves_silent(client, step):
    text = text_of(client.get(TASK))

    assert "담당 기관: 행안부" in text and "담당 기관: 지정되지 않음" in text
    assert "예정 DREAM 계산: 보고 없음" in text
    assert "계획이 정하지 않음 — DREAM 기본값 (계획이 정하지 않음)" in text
    assert "수시·매년처럼 날짜가 없는 추진 내용과 끝이 열린 추진 내용" in text
    assert "이행점검 이력" in text and "2024년 이행점검 기록이 아직 없습니다" in text


def test_anonymous_visitors_and_outsiders_see_no_form(client, step, personas):
    for name in ("anonymous", "busan_editor", "msit_editor", "ministry_viewer"):
        client.logout()
        html = signed_in(client, personas, name).get(TASK).content.decode()
        assert "csrfmiddlewaretoken" not in html.split("</main>")[0], name


def test_staff_see_the_owner_form_and_the_owners_editor_the_report_form(client, step, personas):
    staff_html = signed_in(client, personas, "committee_staff").get(TASK).content.decode()
    assert reverse("priorities:action_owner_assign", args=[step.action.pk]) in staff_html
    assert report_url(step) not in staff_html  # 행안부 reports, not the Committee

    client.logout()
    editor_html = signed_in(client, personas, "ministry_editor").get(TASK).content.decode()
    assert report_url(step) in editor_html
    assert "action_owner_assign" not in editor_html and "/owner/" not in editor_html


def test_the_owners_editor_reports_and_the_page_shows_the_badge_and_history(client, step, personas):
    signed_in(client, personas, "ministry_editor")

    response = client.post(report_url(step), REPORT)

    assert response.status_code == 302
    text = text_of(client.get(response.url))
    assert "이행 상황을 보고했습니다" in text
    assert "완료 2024-11-30 기준 보고" in text
    assert "2차 지정 완료(위원회 의결)" in text and "행안부 보고" in text


def test_staff_assign_an_owner_from_the_select(client, step, personas, orgs):
    signed_in(client, personas, "committee_staff")
    action = step.task.actions.get(position=1)

    response = client.post(
        reverse("priorities:action_owner_assign", args=[action.pk]),
        {"organization": orgs["위원회"].pk},
    )

    assert response.status_code == 302
    assert "담당 기관: 위원회" in text_of(client.get(TASK))


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("busan_editor", 403), ("committee_staff", 403)]
)
def test_a_report_by_someone_else_is_refused_in_korean(client, step, personas, name, status):
    response = signed_in(client, personas, name).post(report_url(step), REPORT)

    assert response.status_code == status
    if status == 403:
        assert "행안부" in response.content.decode()
    assert not StepReport.objects.exists()


@pytest.mark.parametrize("name", ["ministry_editor", "busan_editor"])
def test_an_owner_assigned_by_someone_not_staff_is_refused(client, step, personas, orgs, name):
    response = signed_in(client, personas, name).post(
        reverse("priorities:action_owner_assign", args=[step.action.pk]),
        {"organization": orgs["과기정통부"].pk},
    )

    assert response.status_code == 403
    assert "지방시대위원회 담당자만" in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"evidence": "회의\x00결과"}, "제어 문자"),
        ({"as_of": "2024-02-30"}, "날짜"),
        ({"status": '=HYPERLINK("http://x")'}, "상태는"),
        ({"evidence_url": "javascript:alert(1)"}, "http"),
    ],
)
def test_a_refused_report_is_a_message_on_the_page_with_what_was_typed(
    client, step, personas, fields, message
):
    signed_in(client, personas, "ministry_editor")

    response = client.post(report_url(step), REPORT | fields)

    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert f'id="step-{step.pk}" open' in html


def test_a_formula_in_evidence_is_kept_as_text_and_shown_escaped(client, step, personas):
    signed_in(client, personas, "ministry_editor")

    client.post(report_url(step), REPORT | {"evidence": '=HYPERLINK("http://x","y")'})

    html = client.get(TASK).content.decode()
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in html


def test_a_step_without_owner_is_refused_as_a_message_not_a_500(client, tasks_2024, personas):
    unowned = PriorityItem.objects.get(source_line=255)
    response = signed_in(client, personas, "ministry_editor").post(report_url(unowned), REPORT)

    assert response.status_code == 422
    assert "담당 기관을 먼저 지정해야 합니다" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/priorities/steps/99999999999999999999999/reports/",
        "/priorities/steps/9223372036854775808/reports/",
        "/priorities/actions/99999999999999999999999/owner/",
        "/priorities/actions/0/owner/",
    ],
)
def test_a_write_to_an_unknown_row_is_a_404(client, step, personas, address):
    response = signed_in(client, personas, "committee_staff").post(address, REPORT)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/priorities/inspections/99999999999999999999999/",
        "/priorities/inspections/1/",
        "/priorities/inspections/?year=%00",
        "/priorities/inspections/?year=1999",
        "/priorities/settings/2023/",
        "/priorities/settings/99999999999999999999/",
    ],
)
def test_unknown_inspections_and_years_are_a_4xx_never_a_500(client, step, address):
    assert client.get(address).status_code in (400, 404)


def test_staff_take_an_inspection_and_the_pages_show_it_frozen_with_remarks(client, step, personas):
    first = PriorityTask.objects.get(position=1)
    signed_in(client, personas, "committee_staff")

    response = client.post(
        INSPECTIONS,
        {
            "half": "1",
            "taken_on": "2024-07-05",
            "summary": "상반기 점검",
            f"remark_{first.pk}": "2차 지정 준비 필요",
        },
    )

    assert response.status_code == 302
    detail = text_of(client.get(response.url))
    assert "2024년 상반기 이행점검" in detail and "2차 지정 준비 필요" in detail
    assert "계획이 정하지 않음" in detail and "DREAM 계산: 보고 없음" in detail
    history = text_of(client.get(TASK))
    assert "상반기 2024-07-05 2 0 0 0 2차 지정 준비 필요" in history


def test_the_list_compares_the_latest_two_inspections(client, step, personas, staff):
    services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))
    services.step_report_add(
        actor=personas("ministry_editor"),
        item=step,
        status="done",
        as_of=date(2024, 12, 1),
        evidence="2차 지정 완료",
    )
    services.inspection_take(actor=staff, year=2024, half=2, taken_on=date(2025, 1, 6))

    text = text_of(client.get(INSPECTIONS))

    assert "최근 두 점검 비교: 상반기 → 하반기" in text
    assert "상태가 바뀐 추진 내용 (1건)" in text
    assert "1차 지정(’24.上) 및 2차 지정(’24.下) (원문 265줄) 예정 완료" in text
    assert "기회발전특구 지정으로 양질의 신규 일자리 창출 2 → 1 0 → 0 0 → 1 0 → 0" in text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"half": "3"}, "반기는"),
        ({"taken_on": "내일"}, "날짜"),
        ({"summary": "총평\x00"}, "제어 문자"),
        ({"remark_99999999999999999999": "의견"}, "2024년 중점 이행과제에만"),
        ({"remark_x": "의견"}, "번호"),
    ],
)
def test_a_refused_inspection_is_a_message_keeping_what_was_typed(
    client, step, personas, fields, message
):
    signed_in(client, personas, "committee_staff")

    response = client.post(INSPECTIONS, {"half": "1", "taken_on": "2024-07-05"} | fields)

    assert response.status_code == 422
    assert message in response.content.decode()


def test_the_same_half_twice_is_refused_as_a_message(client, step, personas):
    signed_in(client, personas, "committee_staff")
    client.post(INSPECTIONS, {"half": "1", "taken_on": "2024-07-05"})

    response = client.post(INSPECTIONS, {"half": "1", "taken_on": "2024-07-06"})

    assert response.status_code == 422
    assert "이미 기록되었습니다" in response.content.decode()


@pytest.mark.parametrize(("name", "status"), [("anonymous", 302), ("ministry_editor", 403)])
def test_only_staff_take_inspections(client, step, personas, name, status):
    html = signed_in(client, personas, name).get(INSPECTIONS).content.decode()
    assert "이행점검 기록</button>" not in html

    response = client.post(INSPECTIONS, {"half": "1", "taken_on": "2024-07-05"})

    assert response.status_code == status


def test_staff_set_the_ongoing_rule_and_the_task_page_shows_its_basis(client, step, personas):
    url = reverse("priorities:tracker_settings", args=[2024])
    assert "설정 바꾸기" not in client.get(url).content.decode()
    signed_in(client, personas, "committee_staff")

    response = client.post(url, {"ongoing_late_at_year_end": "yes", "basis": "제3차 위원회 결정"})

    assert response.status_code == 302
    assert "연말이 지나면 지연으로 봅니다 . 근거: 제3차 위원회 결정" in text_of(client.get(TASK))
    refused = client.post(url, {"ongoing_late_at_year_end": "yes", "basis": ""})
    assert refused.status_code == 422 and "근거를 적어" in refused.content.decode()


@pytest.mark.parametrize(("name", "status"), [("anonymous", 302), ("ministry_editor", 403)])
def test_only_staff_set_the_rule(client, step, personas, name, status):
    url = reverse("priorities:tracker_settings", args=[2024])

    response = signed_in(client, personas, name).post(url, {"basis": "x"})

    assert response.status_code == status


def test_the_task_page_reads_as_many_queries_with_many_reports_as_with_one(
    client, step, personas, staff
):
    editor = personas("ministry_editor")

    def add(status: str) -> None:
        services.step_report_add(
            actor=editor, item=step, status=status, as_of=date(2024, 6, 1), evidence="근거"
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(TASK).status_code == 200
        return len(captured)

    add("planned")
    services.inspection_take(actor=staff, year=2024, half=1, taken_on=date(2024, 7, 5))
    one = queries()
    add("in_progress")
    add("done")
    services.inspection_take(actor=staff, year=2024, half=2, taken_on=date(2025, 1, 5))

    assert queries() == one
