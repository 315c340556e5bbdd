import io
import zipfile

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
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "dream-datapackage/datapackage.json" in names
    assert "dream-datapackage/tasks.csv" in names
