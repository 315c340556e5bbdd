"""The public priority-task pages: the year's tasks by group and one task on its months."""

import re

import pytest
from django.urls import reverse

from dream.priorities.models import PriorityTask

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
