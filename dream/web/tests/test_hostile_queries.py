"""Odd addresses get a Korean 400 or are ignored, never a server error (issue 7, defect 4).

The rule, for every public page:
- a control character (NUL …) in the path or any parameter, or a query string over
  4,096 bytes: 400 from the middleware, before any view or database sees it;
- `_export` other than csv/xlsx, or a `table` the page does not have: 400;
- a filter value that is not one of its choices, not a number in range, or text over 200
  characters: ignored, as django-filter does (the filter form says why in Korean).
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from dream.web.middleware import MAX_QUERY_STRING

pytestmark = pytest.mark.usefixtures("plan_2024", "digital_plan_2023")


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def district(register_district):
    return register_district("부산")


def assert_korean_400(response, words: str):
    assert response.status_code == 400
    html = response.content.decode()
    assert "잘못된 요청입니다" in html
    assert words in html


EXPORT_PAGES = [
    reverse("web:overview"),
    reverse("web:map"),
    reverse("web:province_detail", args=["서울"]),
    reverse("web:super_region_detail", args=["충청권"]),
    reverse("web:compare"),
    reverse("web:sectoral"),
    reverse("web:findings"),
    reverse("search:search") + "?q=디지털",
    reverse("links:link_overview"),
    reverse("tracking:goal_list"),
    reverse("districts:district_list"),
]


@pytest.mark.parametrize("url", EXPORT_PAGES)
@pytest.mark.parametrize("export_format", ["ods", "yaml", "json", "latex", "tsv", "xls", ""])
def test_only_csv_and_excel_downloads_are_served(client, db, url, export_format):
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}_export={export_format}")

    assert_korean_400(response, "CSV(csv) 또는 Excel(xlsx)")


@pytest.mark.parametrize("url", EXPORT_PAGES)
def test_csv_and_excel_downloads_still_work(client, db, url):
    separator = "&" if "?" in url else "?"
    for export_format in ("csv", "xlsx"):
        response = client.get(f"{url}{separator}_export={export_format}")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment; filename")


def test_goal_page_downloads_validate_the_table_too(client, db):
    from dream.digital.models import DigitalGoal

    url = reverse("tracking:goal_detail", args=[DigitalGoal.objects.order_by("pk")[0].key])

    assert client.get(url, {"_export": "csv", "table": "values"}).status_code == 200
    assert_korean_400(client.get(url, {"_export": "csv", "table": "x"}), "trajectory, values")
    assert_korean_400(client.get(url, {"_export": "ods"}), "CSV(csv) 또는 Excel(xlsx)")


@pytest.mark.parametrize(
    "table", ['sources"\r\nSet-Cookie: a=b', "sources\n", 'x"; filename="evil.exe', "없는표"]
)
def test_an_unknown_table_is_refused_before_it_reaches_a_header(client, db, table):
    response = client.get(reverse("web:overview"), {"table": table, "_export": "csv"})

    assert_korean_400(response, "sources, strategies, map")
    assert "Set-Cookie" not in response.headers or "a=b" not in response["Set-Cookie"]


@pytest.mark.parametrize(
    ("url", "names"),
    [
        (reverse("web:province_detail", args=["서울"]), "fiscal, indicators, findings"),
        (reverse("districts:district_list"), "districts, measures"),
    ],
)
def test_every_page_with_several_tables_refuses_an_unknown_one(client, db, url, names):
    assert_korean_400(client.get(url, {"table": "nothing", "_export": "csv"}), names)


def test_a_district_page_refuses_an_unknown_table(client, district):
    url = district.get_absolute_url()

    assert client.get(url, {"table": "stages", "_export": "xlsx"}).status_code == 200
    assert_korean_400(client.get(url, {"table": "x\r\n", "_export": "xlsx"}), "measures, stages")


def test_a_known_table_downloads_with_its_name(client, db):
    response = client.get(reverse("web:overview"), {"table": "strategies", "_export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("2024-5대전략별비중.csv")
    )


@pytest.mark.parametrize("stage", ["²", "1" * 4000, "-1", "9", "", "٣", " 2"])
def test_an_odd_stage_is_ignored(client, db, stage):
    response = client.get(reverse("districts:district_list"), {"stage": stage})

    assert response.status_code == 200
    assert response.context["stage"] is None


def test_a_known_stage_still_filters(client, db):
    response = client.get(reverse("districts:district_list"), {"stage": "2"})

    assert response.context["stage"] == 2


def test_an_over_long_query_string_is_refused(client, db):
    response = client.get(reverse("web:sectoral"), {"name": "가" * 50_000})

    assert_korean_400(response, f"{MAX_QUERY_STRING:,}바이트")


def test_a_task_name_filter_over_200_characters_is_ignored_with_a_message(client, db):
    response = client.get(reverse("web:sectoral"), {"name": "a" * 201})

    assert response.status_code == 200
    assert "name" in response.context["filter"].errors
    assert len(response.context["table"].rows) == 68  # every practical task, unfiltered


@pytest.mark.parametrize(
    "params",
    [
        {"budget_min": "²"},
        {"budget_min": "1" * 400},
        {"budget_max": "1e99999999"},
        {"budget_max": "1e-99999999"},
        {"budget_min": "NaN"},
        {"strategy": "²"},
        {"strategy": "1" * 4000},
    ],
)
def test_odd_numbers_in_the_sectoral_filters_are_ignored(client, db, params):
    response = client.get(reverse("web:sectoral"), params)

    assert response.status_code == 200
    assert response.context["filter"].errors
    assert len(response.context["table"].rows) == 68


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("search:search"), {"q": "디지\x00털"}),
        (reverse("web:overview"), {"region": "충청\x00권"}),
        (reverse("web:findings"), {"owner": "서\x00울"}),
        (reverse("web:sectoral"), {"ministry": "\x00"}),
        (reverse("web:compare"), {"p": "\x01"}),
        (reverse("web:sectoral"), {"na\x00me": "x"}),
    ],
)
def test_a_control_character_in_a_parameter_is_refused(client, db, url, params):
    assert_korean_400(client.get(url, params), "제어 문자")


@pytest.mark.parametrize(
    "path", ["/provinces/a\x00b/", "/super-regions/\x1b/", "/digital/goals/a\x00/"]
)
def test_a_control_character_in_the_path_is_refused(client, db, path):
    assert_korean_400(client.get(path), "제어 문자")


def test_a_control_character_in_a_posted_form_is_refused(client, db):
    response = client.post(
        reverse("login"),
        "username=a%00&password=b",
        content_type="application/x-www-form-urlencoded",
    )

    assert_korean_400(response, "제어 문자")


def test_a_nul_in_an_uploaded_form_is_refused_by_the_form_itself(client, db):
    response = client.post(reverse("login"), {"username": "a\x00", "password": "b"})

    assert response.status_code == 200
    assert "null 문자는 사용할 수 없습니다" in response.context["form"].errors["username"][0]


def test_line_breaks_and_tabs_in_a_search_are_ordinary_text(client, db):
    assert client.get(reverse("search:search"), {"q": "디지털\r\n\t혁신"}).status_code == 200
