"""The register's pages: public reading with the printed figures beside DREAM's counts, the
forms for those allowed, refusals as Korean messages or 403 pages, and hostile input (NUL
bytes, huge ids, unknown names, formulas) answered with a 4xx or a message, never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dream.regional_tasks.choices import ClosureStep, TaskState
from dream.regional_tasks.importing import HEADERS, SHEET
from dream.regional_tasks.models import BudgetRequest, RegionalPolicyTask
from dream.tracking.files import MAX_UPLOAD_BYTES

from .conftest import AGREED_ON, EXPERT_ON, REPORTED_ON, REQUESTED_ON

OVERVIEW = reverse("regional_tasks:overview")
HYPERLINK = '=HYPERLINK("http://example.com","열기")'


def detail(task) -> str:
    return reverse("regional_tasks:task_detail", args=[task.pk])


def html_of(response) -> str:
    return response.content.decode()


def as_(client, personas, name):
    client.force_login(personas(name))
    return client


def test_the_overview_shows_the_printed_figures_beside_the_registered_counts(client, task):
    response = client.get(OVERVIEW)
    html = html_of(response)

    assert response.status_code == 200
    for printed in ("660개", "414개", "255개", "원문 620줄", "원문 611줄", "문서 15"):
        assert printed in html
    assert "등록 − 문서" in html and "-659개" in html
    assert 'aria-label="부산광역시: 등록 1개"' in html  # the map
    assert task.title in html
    assert "계획이 정하지 않음" in html
    assert reverse("regional_tasks:import") not in html  # not for an anonymous visitor


def test_the_map_follows_the_chosen_state(client, task):
    html = html_of(client.get(OVERVIEW + "?state=long_term"))
    assert 'aria-label="부산광역시: 등록 0개"' in html  # 부산's one task is 적극추진
    assert "관리 구분 중장기" in html


@pytest.mark.parametrize(
    "query",
    ["?province=없는곳&state=끝&plan=몰라", "?page=99999999999999999999", "?page=x",
     "?province=" + "가" * 300, "?state=<script>"],
)  # fmt: skip
def test_unknown_filters_answer_200_with_a_notice(client, task, query):
    response = client.get(OVERVIEW + query)
    assert response.status_code == 200
    assert "<script>" not in html_of(response)


@pytest.mark.parametrize(
    "query", ["?province=%00", "?state=%00x&plan=%00", "?page=%00", "?province=" + "가" * 5000]
)
def test_a_nul_byte_or_a_huge_query_is_a_korean_400(client, task, query):
    response = client.get(OVERVIEW + query)
    assert response.status_code == 400
    assert "제어 문자" in html_of(response) or "너무 깁니다" in html_of(response)


def test_an_unknown_filter_is_named_in_a_notice(client, task):
    html = html_of(client.get(OVERVIEW + "?state=끝남"))
    assert "관리 구분 &#x27;끝남&#x27;는 없는 값이어서 조건에서 뺐습니다" in html


def test_filters_narrow_the_list(client, task_of):
    task_of(code="부산-02", title="북항 재개발", in_comprehensive_plan=False)
    html = html_of(client.get(OVERVIEW + "?province=부산&plan=아니오"))
    assert "북항 재개발" in html and "가덕도 신공항 건설 지원" not in html


def test_the_overview_reads_a_few_queries_however_many_tasks(
    client, task_of, django_assert_max_num_queries
):
    for number in range(30):
        task_of(code=f"부산-{number:02}")
    with django_assert_max_num_queries(12):
        assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/regional-tasks/부산/", 200),
        ("/regional-tasks/부산광역시/", 200),
        ("/regional-tasks/없는곳/", 404),
        ("/regional-tasks/%00/", 400),
        ("/regional-tasks/행안부/", 404),
        ("/regional-tasks/task/99999999999999999999999/", 404),
        ("/regional-tasks/task/0/", 404),
        ("/regional-tasks/task/12345/", 404),
        ("/regional-tasks/task/99999999999999999999999/edit/", 302),
    ],
)
def test_addresses_answer_with_a_page_or_a_404(client, task, path, status):
    assert client.get(path).status_code == status


def test_the_province_page_counts_against_fifteen(client, task):
    html = html_of(client.get("/regional-tasks/부산/"))
    assert "등록 1개 · 문서 15개" in html and "차이 -14개" in html


def test_an_anonymous_visitor_sees_the_task_and_no_form(client, task):
    html = html_of(client.get(detail(task)))
    assert task.title in html and '<form method="post"' not in html
    response = client.post(reverse("regional_tasks:classify", args=[task.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_classify_on_the_page_and_a_refusal_is_a_message(client, personas, task):
    staff = as_(client, personas, "committee_staff")
    assert 'action="/regional-tasks/task/' in html_of(staff.get(detail(task)))
    url = reverse("regional_tasks:classify", args=[task.pk])
    data = {"to_state": TaskState.NEEDS_WORK, "decided_on": "2025-02-03", "document": "점검회의"}
    response = staff.post(url, data, follow=True)
    assert "관리 구분을 바꿨습니다." in html_of(response)
    task.refresh_from_db()
    assert task.state == TaskState.NEEDS_WORK

    again = staff.post(url, data | {"decided_on": "2025-02-04"}, follow=True)
    assert "이미 보완필요 과제입니다." in html_of(again)
    missing = staff.post(url, {"to_state": TaskState.ACTIVE, "document": "d"}, follow=True)
    assert "기록하지 못했습니다. 결정일:" in html_of(missing)


def test_a_viewer_posting_an_action_gets_a_korean_403(client, personas, task):
    viewer = as_(client, personas, "busan_viewer")
    response = viewer.post(
        reverse("regional_tasks:closure_request", args=[task.pk]),
        {"decided_on": "2025-03-04", "document": "요청"},
    )
    assert response.status_code == 403
    assert "종결요청은 그 시·도나 소관 부처" in html_of(response)


def test_the_closure_path_walked_on_the_pages_shows_three_ticked_steps(
    client, personas, task, inspection
):
    def post(persona, name, data):
        as_(client, personas, persona)
        return client.post(reverse(f"regional_tasks:{name}", args=[task.pk]), data, follow=True)

    post("busan_editor", "closure_request", {"decided_on": REQUESTED_ON, "document": "요청 공문"})
    html = html_of(client.get(detail(task)))
    assert "☐ 1. 시·도·부처 협의" in html and "다음 차례" in html
    refused = post(
        "committee_staff",
        "closure_step",
        {"step": ClosureStep.EXPERT_COMMITTEE, "decided_on": EXPERT_ON, "document": "전문위"},
    )
    assert "먼저 시·도·부처 협의를 기록해야 합니다" in html_of(refused)
    for persona, step, day in (
        ("ministry_editor", ClosureStep.AGREEMENT, AGREED_ON),
        ("committee_staff", ClosureStep.EXPERT_COMMITTEE, EXPERT_ON),
    ):
        post(persona, "closure_step", {"step": step, "decided_on": day, "document": "결과"})
    done = post(
        "committee_staff",
        "closure_step",
        {"step": ClosureStep.INSPECTION_REPORT, "decided_on": REPORTED_ON, "document": "보고",
         "inspection": inspection.pk},
    )  # fmt: skip
    html = html_of(done)
    assert html.count("☑") == 3 and "종결</strong>되었습니다" in html
    task.refresh_from_db()
    assert task.state == TaskState.CLOSED


def test_registering_on_the_page_keeps_a_formula_as_text_and_refuses_a_nul(client, personas, orgs):
    editor = as_(client, personas, "busan_editor")
    url = reverse("regional_tasks:task_create")
    form = editor.get(url)
    assert form.status_code == 200 and "서울" not in html_of(form).split('name="province"')[1][:400]
    data = {"province": orgs["부산"].pk, "code": "부산-03", "title": HYPERLINK, "state": "active"}
    response = editor.post(url, data)
    assert response.status_code == 302
    task = RegionalPolicyTask.objects.get(code="부산-03")
    assert task.title == HYPERLINK
    assert "=HYPERLINK(&quot;http://example.com&quot;" in html_of(editor.get(detail(task)))

    refused = editor.post(url, data | {"code": "부산-04", "title": "공항\x00"})
    assert refused.status_code == 422
    assert not RegionalPolicyTask.objects.filter(code="부산-04").exists()


def test_a_province_viewer_may_not_open_the_register_form(client, personas):
    response = as_(client, personas, "busan_viewer").get(reverse("regional_tasks:task_create"))
    assert response.status_code == 403


def test_editing_on_the_page(client, personas, task):
    editor = as_(client, personas, "busan_editor")
    url = reverse("regional_tasks:task_update", args=[task.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"code": task.code, "title": "가덕도 신공항"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.ministry, task.in_comprehensive_plan) == ("가덕도 신공항", None, False)
    other = as_(client, personas, "seoul_editor").get(url)
    assert other.status_code == 403


def test_the_budget_path_on_the_pages(client, personas, task):
    editor = as_(client, personas, "busan_editor")
    submit = reverse("regional_tasks:budget_submit", args=[task.pk])
    refused = editor.post(submit, {"year": "2025", "amount_text": "31,6"}, follow=True)
    assert "소수점은 마침표로" in html_of(refused)
    editor.post(submit, {"year": "2025", "amount_text": "1,234.5", "request_note": "설계비"})
    ministry = as_(client, personas, "ministry_editor")
    ministry.post(
        reverse("regional_tasks:budget_opinion", args=[task.pk, 2025]), {"opinion": "검토"}
    )
    staff = as_(client, personas, "committee_staff")
    staff.post(
        reverse("regional_tasks:budget_forward", args=[task.pk, 2025]),
        {"forwarded_on": "2025-05-30"},
    )
    request = BudgetRequest.objects.get()
    assert (request.stage, request.amount_text) == ("forwarded", "1,234.5")
    assert "1,234.5억원" in html_of(staff.get(detail(task)))
    missing = staff.post(
        reverse("regional_tasks:budget_forward", args=[task.pk, 99999999]),
        {"forwarded_on": "2025-05-30"},
    )
    assert missing.status_code == 404


def test_the_templates_download(client):
    csv_response = client.get(reverse("regional_tasks:template_csv"))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode("utf-8-sig").splitlines() == [",".join(HEADERS.values())]
    xlsx = client.get(reverse("regional_tasks:template_xlsx"))
    assert load_workbook(io.BytesIO(xlsx.content))[SHEET].max_row == 1


def test_the_registered_tasks_download_in_the_templates_shape(client, task):
    response = client.get(reverse("regional_tasks:register_xlsx") + "?province=부산")
    sheet = load_workbook(io.BytesIO(response.content))[SHEET]
    assert [c.value for c in sheet[2]][:3] == ["부산", "부산-01", task.title]


def test_upload_all_or_nothing_on_the_page(client, personas):
    editor = as_(client, personas, "busan_editor")
    url = reverse("regional_tasks:import")
    assert editor.get(url).status_code == 200
    header = ",".join(HEADERS.values())
    good = f"{header}\n부산,부산-10,북항 재개발,,예,예,해수부,\n".encode()
    response = editor.post(url, {"file": SimpleUploadedFile("과제.csv", good)})
    assert response.status_code == 302
    assert RegionalPolicyTask.objects.filter(code="부산-10").exists()

    bad = f"{header}\n부산,부산-11,새 과제,,예,예,,\n서울,서울-01,남의 과제,,,,,\n".encode()
    refused = editor.post(url, {"file": SimpleUploadedFile("과제.csv", bad)})
    assert refused.status_code == 422
    assert "3행 &#x27;시·도&#x27; 열: 서울의 과제는 가져올 수 없습니다" in html_of(refused)
    assert not RegionalPolicyTask.objects.filter(code="부산-11").exists()

    huge = SimpleUploadedFile("큰.csv", b"a" * (MAX_UPLOAD_BYTES + 1))
    too_large = editor.post(url, {"file": huge})
    assert too_large.status_code == 422 and "파일이 너무 큽니다" in html_of(too_large)


def test_the_upload_page_is_refused_to_a_viewer(client, personas):
    response = as_(client, personas, "busan_viewer").get(reverse("regional_tasks:import"))
    assert response.status_code == 403
