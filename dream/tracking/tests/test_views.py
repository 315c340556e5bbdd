"""The goal pages over HTTP: who sees and does what, the form moving a status, downloads."""

import csv
import io
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dream.tracking.models import GoalValue

LIST = reverse("tracking:goal_list")
IMPORT = reverse("tracking:goal_values_import")
TEMPLATE = reverse("tracking:goal_values_template")
ECONOMY = reverse("tracking:goal_detail", args=["digital-economy-output"])
ENTRY = {
    "year": "2025",
    "value": "20",
    "source": "디지털산업 실태조사",
    "observed_on": "2026-03-31",
}


@pytest.fixture
def signed_in(client, persona):
    def sign_in(name):
        if name != "anonymous":
            client.force_login(persona(name))
        return client

    return sign_in


def status_badge(html: str) -> str:
    """The status label in the page heading."""
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    return heading.split('class="badge', 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_anyone_reads_the_goal_list_headline_goals_first_with_the_rule(client, digital_plan_2023):
    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("지방 디지털 경제 총생산액") < html.index("디지털 SOC")
    assert "실적 없음" in html
    assert "28.05조원 이상이면 주의" in html  # the rule, in words
    assert IMPORT not in html  # no write links for readers


def test_anyone_reads_a_goal_page_without_the_entry_form(client, digital_plan_2023):
    response = client.get(ECONOMY)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-trajectory="trajectory-chart-data"' in html
    assert 'id="trajectory-chart-data"' in html
    assert "필요 경로(조원)" in html
    assert 'name="source"' not in html
    assert "담당자 로그인" in html


def test_an_unknown_goal_is_not_found(client, digital_plan_2023):
    assert client.get(reverse("tracking:goal_detail", args=["no-such-goal"])).status_code == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("anonymous", 302),
        ("province_editor", 403),
        ("committee_viewer", 403),
        ("committee_editor", 200),
        ("superuser", 200),
    ],
)
def test_the_import_page_is_for_committee_staff(signed_in, digital_plan_2023, name, expected):
    response = signed_in(name).get(IMPORT)

    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anonymous", 302), ("province_editor", 403), ("committee_viewer", 403)],
)
def test_only_committee_staff_may_post_an_actual(signed_in, digital_plan_2023, name, expected):
    assert signed_in(name).post(ECONOMY, ENTRY).status_code == expected
    assert not GoalValue.objects.exists()


def test_posting_an_actual_moves_the_goals_status(signed_in, digital_plan_2023):
    client = signed_in("committee_editor")
    assert status_badge(client.get(ECONOMY).content.decode()) == "실적 없음"

    response = client.post(ECONOMY, ENTRY)

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "2025년 실적을 저장했습니다." in page
    assert status_badge(page) == "지연"  # 20조원 in 2025 → 23.8조원 in 2027
    assert "23.8조원 (2027년)" in page

    client.post(ECONOMY, {**ENTRY, "value": "25조원"})  # → 30.8조원, ahead of the path (24.43)
    page = client.get(ECONOMY).content.decode()
    assert status_badge(page) == "순항"
    assert "30.8조원 (2027년)" in page
    assert "2025년 필요 경로 24.43조원보다 0.57조원 앞섬(+2.3%)" in page
    assert GoalValue.objects.get().history.count() == 2


def test_a_refused_entry_shows_the_reasons_beside_the_fields(signed_in, digital_plan_2023):
    client = signed_in("committee_editor")

    response = client.post(ECONOMY, {**ENTRY, "year": "2035", "value": "스무", "source": ""})

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "연도는 2020년부터 2030년 사이여야 합니다" in html
    assert "'스무'를 숫자로 읽을 수 없습니다" in html
    assert not GoalValue.objects.exists()


def test_an_import_with_errors_shows_them_in_a_table(signed_in, digital_plan_2023):
    content = "목표,연도,값,출처,기준일\nno-such-goal,2024,1,조사,2025-01-01\n".encode()
    upload = io.BytesIO(content)
    upload.name = "values.csv"

    response = signed_in("committee_editor").post(IMPORT, {"file": upload})

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "저장하지 않았습니다" in html
    assert "'no-such-goal'에 해당하는 목표가 없습니다" in html
    assert not GoalValue.objects.exists()


def test_the_filled_in_template_imports(signed_in, digital_plan_2023):
    client = signed_in("committee_editor")
    template = client.get(TEMPLATE)
    assert template["Content-Type"].startswith("text/csv")
    lines = template.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeff목표,연도,값,출처,기준일,목표명(참고),단위(참고)"
    assert lines[1].startswith("digital-economy-output,,,,,")
    lines[1] = lines[1].replace(",,,,", ",2024,18.2,실태조사,2025-06-30", 1)
    upload = io.BytesIO("\n".join(lines).encode())
    upload.name = "filled.csv"

    response = client.post(IMPORT, {"file": upload})

    assert response.status_code == 302
    assert "새 실적 1건" in client.get(response.url).content.decode()
    assert GoalValue.objects.get().year == 2024


def test_the_goal_table_downloads_as_csv_and_excel(client, digital_plan_2023):
    response = client.get(LIST, {"_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["구분", "분야", "목표"]
    assert rows[1][2] == "지방 디지털 경제 총생산액"
    assert (rows[1][5], rows[1][7], rows[1][-1]) == ("10.5", "30", "실적 없음")
    workbook = load_workbook(io.BytesIO(client.get(LIST, {"_export": "xlsx"}).content))
    assert workbook.active["C2"].value == "지방 디지털 경제 총생산액"


def test_the_values_table_downloads_with_source_and_who(signed_in, digital_plan_2023):
    client = signed_in("committee_editor")
    client.post(ECONOMY, ENTRY)

    response = client.get(ECONOMY, {"table": "values", "_export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "연도",
        "값(조원)",
        "입력한 값",
        "출처",
        "기준일",
        "입력한 사람",
        "입력 시각",
    ]
    assert rows[1][:6] == ["2025", "20", "20", "디지털산업 실태조사", "2026-03-31", "editor"]


def test_page_queries_do_not_grow_with_the_actuals(
    signed_in, digital_plan_2023, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_num_queries(3):  # plan, goals, actuals
        signed_in("anonymous").get(LIST)
    client = signed_in("committee_editor")
    for year in (2021, 2022, 2023, 2024, 2025):
        client.post(ECONOMY, {**ENTRY, "year": str(year), "value": str(year - 2008)})
    # plan, goal(s), actuals + session, user, membership (may this person write?)
    with django_assert_max_num_queries(6):
        client.get(LIST)
    with django_assert_max_num_queries(7):  # + the change history of the actuals
        client.get(ECONOMY)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "²"}, "연도는 2025처럼 네 자리 숫자로 적으세요"),
        ({"year": "9" * 5000}, "연도는 2025처럼 네 자리 숫자로 적으세요"),
        ({"value": "1e999"}, "'1e999'를 숫자로 읽을 수 없습니다"),
        ({"value": "NaN"}, "'NaN'을 숫자로 읽을 수 없습니다"),
        ({"value": "9" * 90}, "값이 너무 큽니다"),
        ({"observed_on": "20000-01-01"}, "기준일은 2025-03-31처럼 적으세요"),
    ],
)
def test_a_hostile_entry_is_answered_beside_its_field_not_with_a_500(
    signed_in, digital_plan_2023, changes, message
):
    response = signed_in("committee_editor").post(ECONOMY, {**ENTRY, **changes})

    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not GoalValue.objects.exists()


def test_an_upload_over_the_cap_is_stopped_while_it_arrives_and_explained(
    signed_in, digital_plan_2023
):
    upload = io.BytesIO(b"x" * (3 * 1024 * 1024))
    upload.name = "big.csv"

    response = signed_in("committee_editor").post(IMPORT, {"file": upload})

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "파일이 너무 큽니다. 2 MB까지 가져올 수 있습니다" in html
    assert not GoalValue.objects.exists()


def test_the_upload_page_still_checks_the_csrf_token(persona, digital_plan_2023):
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("committee_editor"))
    upload = io.BytesIO("목표,연도,값,출처,기준일\n".encode())
    upload.name = "values.csv"

    assert client.post(IMPORT, {"file": upload}).status_code == 403


def test_a_request_body_with_oversized_form_fields_gets_the_400_page(signed_in, digital_plan_2023):
    upload = io.BytesIO("목표,연도,값,출처,기준일\n".encode())
    upload.name = "values.csv"

    response = signed_in("committee_editor").post(
        IMPORT, {"file": upload, "note": "가" * (3 * 1024 * 1024)}
    )

    assert response.status_code == 400
    assert not GoalValue.objects.exists()


@pytest.fixture
def reported(editor, record_reported_actuals):
    """Issue 8's figures: 15.2조원 (2023) and 21조원 (2024) below the path, 80.1% (2023)
    for digital inclusion, and one value without baseline for DX manufacturers."""
    record_reported_actuals(editor)


@pytest.mark.parametrize("address", [LIST, ECONOMY, reverse("digital:dashboard")])
def test_every_goal_figure_shows_its_unit_and_year(client, reported, address):
    html = unescape(client.get(address).content.decode())

    assert "21조원 (2024년)" in html  # the latest actual
    assert "10.5조원 (2020년)" in html  # the baseline
    assert "26.68조원 (2027년)" in html  # the trend in the target year
    assert "2024년 필요 경로 21.64조원보다 0.64조원 뒤처짐(−3.0%)" in html
    assert "최근 실적 21<" not in html and "최근 실적 21 " not in html


@pytest.mark.parametrize("address", [LIST, reverse("digital:dashboard")])
def test_the_lists_show_percentages_with_their_sign_and_year(client, reported, address):
    html = unescape(client.get(address).content.decode())

    assert "80.1% (2023년)" in html
    assert "78.8% (2022년)" in html


def test_the_goal_list_judges_issue_8s_cases_by_the_new_rule(client, reported):
    response = client.get(LIST)

    statuses = {s.goal.key: s.status_label for s in response.context["table"].data}
    assert statuses["digital-economy-output"] == "지연"  # the old rule said 순항
    assert statuses["dx-manufacturers"] == "판단 유보"  # the old rule said 지연
    html = unescape(response.content.decode())
    assert "1,200개 (2024년)" in html
    assert "판단 유보</span> 추세를 낼 두 해의 값(기준값 포함)이 없음" in html  # the rule, in words
