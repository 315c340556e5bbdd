import io
import zipfile
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_the_downloads_page_lists_every_table_of_the_package(client, db):
    html = client.get(reverse("web:downloads")).content.decode()

    for name in [
        "organizations",
        "plans",
        "strategies",
        "tasks",
        "budgets",
        "indicators",
        "findings",
    ]:
        assert f"{name}.csv" in html
    assert reverse("web:datapackage_zip") in html


def test_the_whole_package_downloads_as_one_zip(client, db):
    response = client.get(reverse("web:datapackage_zip"))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="dream-datapackage.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()
    assert "dream-datapackage/datapackage.json" in names
    assert "dream-datapackage/tasks.csv" in names


# The package names its licence and sources; each page and download names its documents.

PLAN = "「2024년 지방시대 시행계획」"
DIGITAL = "「지방 디지털 경쟁력 강화방안(안)」"


def test_the_downloads_page_shows_the_licence_and_both_sources(client, db):
    html = client.get(reverse("web:downloads")).content.decode()

    assert "공공누리 제1유형" in html and "출처표시" in html
    assert PLAN in html and DIGITAL in html
    assert "utf-8-sig" in html  # the encoding choice, for people whose tool asks


def footer(html: str) -> str:
    return html.split('<footer class="site-footer">')[1]


@pytest.mark.parametrize(
    ("url_name", "args", "cited", "not_cited"),
    [
        ("web:overview", [], [PLAN], [DIGITAL]),
        ("web:province_detail", ["부산"], [PLAN], [DIGITAL]),
        ("web:sectoral", [], [PLAN], [DIGITAL]),
        ("digital:dashboard", [], [DIGITAL], [PLAN]),
        ("tracking:goal_list", [], [DIGITAL], [PLAN]),
        ("districts:district_list", [], [DIGITAL], [PLAN]),
        ("links:link_overview", [], [PLAN, DIGITAL], []),
        ("web:downloads", [], [PLAN, DIGITAL], []),
    ],
)
def test_each_page_cites_the_documents_its_figures_come_from(
    client, db, digital_plan_2023, url_name, args, cited, not_cited
):
    response = client.get(reverse(url_name, args=args))

    assert response.status_code == 200
    text = footer(response.content.decode())
    for title in cited:
        assert title in text
    for title in not_cited:
        assert title not in text


def filename(response) -> str:
    disposition = response["Content-Disposition"]
    prefix = "attachment; filename*=utf-8''"
    assert disposition.startswith(prefix), disposition
    return unquote(disposition.removeprefix(prefix))


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (reverse("web:province_detail", args=["부산"]), {}, "2024-부산-재정투입"),
        (
            reverse("web:province_detail", args=["부산"]),
            {"table": "findings"},
            "2024-부산-검토사항",
        ),
        (reverse("web:super_region_detail", args=["충청권"]), {}, "2024-충청권-재정투입"),
        (reverse("web:sectoral"), {}, "2024-부문별-실천과제"),
        (reverse("web:findings"), {}, "2024-검토사항"),
        (reverse("web:compare"), {}, "2024-시·도비교"),
        (reverse("web:overview"), {"table": "sources"}, "2024-재원별재정투입"),
        (reverse("search:search"), {"q": "탄소 중립"}, "검색-탄소중립"),
        (reverse("districts:district_list"), {}, "디지털혁신지구-지구목록"),
        (reverse("search:search"), {"q": '../"x"\r\n.exe'}, "검색-xexe"),
    ],
)
def test_page_downloads_are_named_by_year_and_subject_in_words(client, db, url, params, expected):
    for export_format in ("csv", "xlsx"):
        response = client.get(url, {**params, "_export": export_format})

        assert response.status_code == 200
        assert filename(response) == f"{expected}.{export_format}"


def test_a_csv_download_is_a_clean_table_that_names_its_source_in_a_header(client, db):
    response = client.get(reverse("web:province_detail", args=["부산"]), {"_export": "csv"})

    assert unquote(response["X-DREAM-Source"]) == (
        "「2024년 지방시대 시행계획」(지방시대위원회, 2024. 4. 4. 의결)"
    )
    content = response.content.decode("utf-8-sig")
    assert content.splitlines()[0] == "번호,전략,금액(억원),비중(%)"
    assert "지방시대 시행계획" not in content.splitlines()[0]


def test_an_excel_download_names_its_source_on_a_sheet_of_its_own(client, db):
    response = client.get(reverse("web:sectoral"), {"_export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    table, sources = workbook.worksheets
    assert sources.title == "출처"
    assert [list(row) for row in sources.iter_rows(values_only=True)] == [
        ["자료", "비고"],
        [PLAN, "지방시대위원회, 2024. 4. 4. 의결"],
    ]
    assert next(table.iter_rows(values_only=True))[0] != "자료"


def test_a_digital_page_download_cites_the_digital_plan(client, db, digital_plan_2023):
    response = client.get(reverse("tracking:goal_list"), {"_export": "csv"})

    assert unquote(response["X-DREAM-Source"]).startswith(DIGITAL)
    assert filename(response) == "디지털목표.csv"
    links = client.get(reverse("links:link_overview"), {"_export": "xlsx"})
    assert filename(links) == "2024-디지털과제연계.xlsx"
    assert unquote(links["X-DREAM-Source"]).count("「") == 2


def test_the_source_is_listed_beside_the_download_links(client, db):
    html = client.get(reverse("web:sectoral")).content.decode()

    downloads = html.split('<p class="downloads">')[1].split("</p>")[0]
    assert f"출처: {PLAN}" in downloads
