"""Before any plan is imported the pages say so instead of failing."""

from django.urls import reverse


def test_the_overview_of_an_empty_database_says_there_is_no_plan_yet(client, db):
    response = client.get(reverse("web:overview"))

    assert response.status_code == 404


def test_the_map_of_an_empty_database_says_there_is_no_plan_yet(client, db):
    assert client.get(reverse("web:map")).status_code == 404


def test_a_missing_page_answers_in_korean(client, db):
    response = client.get("/provinces/없는곳/")

    assert response.status_code == 404
    assert "찾을 수 없는 페이지입니다" in response.content.decode()


def test_an_address_that_matches_no_page_gets_the_general_sentence(client, db):
    html = client.get("/nothing/here/").content.decode()

    assert "주소가 바뀌었거나 없는 시행계획입니다." in html
