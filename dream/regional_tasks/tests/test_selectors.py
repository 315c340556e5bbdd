"""Counts by province and 관리 구분 beside the printed figures (660 and 414, l.620; 255 and 15
per province, l.611), the province map's tiles, and filters read from a query string."""

import pytest
from django.http import QueryDict

from dream.regional_tasks import services
from dream.regional_tasks.choices import TaskState
from dream.regional_tasks.selectors import (
    count_tiles,
    province_named,
    register_counts,
    task_filter,
    task_or_none,
)

from .conftest import REQUESTED_ON


@pytest.fixture
def registered(task_of, staff):
    task_of()
    task_of(code="부산-02", announced_2022=False, in_comprehensive_plan=False)
    long_term = task_of(code="부산-03", in_comprehensive_plan=False)
    services.regional_task_classify(
        actor=staff, task=long_term, to_state=TaskState.LONG_TERM, decided_on=REQUESTED_ON,
        document="d",
    )  # fmt: skip
    task_of(persona="committee_staff", province="서울", code="서울-01")


def test_counts_by_province_and_state_beside_the_printed_figures(registered):
    counts = register_counts()

    busan = next(row for row in counts.rows if row.province.short_name == "부산")
    assert (busan.total, busan.in_plan, busan.announced) == (3, 1, 2)
    assert busan.by_state == {TaskState.ACTIVE: 2, TaskState.LONG_TERM: 1}
    assert busan.states == [2, 0, 1, 0, 0]
    assert busan.announced_difference == 2 - 15
    assert len(counts.rows) == 17
    assert counts.states == [3, 0, 1, 0, 0]
    checks = {c.figure.key: (c.figure.printed, c.figure.line, c.registered, c.difference)
              for c in counts.checks}  # fmt: skip
    assert checks == {
        "total": (660, 620, 4, 4 - 660),
        "in_plan": (414, 620, 2, 2 - 414),
        "announced": (255, 611, 3, 3 - 255),
    }
    assert counts.checks[0].figure.url.endswith("/lines/620/#L620")


def test_counts_of_an_empty_register_are_zero_against_the_figures(db):
    counts = register_counts()
    assert (counts.total, counts.in_plan, counts.announced) == (0, 0, 0)
    tiles, legend = count_tiles(counts)
    assert {tile.color for tile in tiles} == {"#eeeeee"}
    assert legend == [("#eeeeee", "0개")]


def test_the_map_colours_provinces_by_registered_tasks(registered):
    tiles, legend = count_tiles(register_counts())
    by_name = {tile.short_name: tile for tile in tiles}
    assert len(tiles) == 17
    assert (by_name["부산"].value, by_name["서울"].value, by_name["제주"].value) == (3, 1, 0)
    assert by_name["제주"].color == "#eeeeee"
    assert by_name["부산"].color != by_name["서울"].color
    assert (by_name["부산"].row, by_name["부산"].column) == (4, 4)
    assert legend[0] == ("#eeeeee", "0개")


def test_the_map_shows_one_state_when_one_is_chosen(registered):
    tiles, _legend = count_tiles(register_counts(), TaskState.LONG_TERM)
    by_name = {tile.short_name: tile for tile in tiles}
    assert (by_name["부산"].value, by_name["서울"].value) == (1, 0)
    assert by_name["서울"].color == "#eeeeee" != by_name["부산"].color


@pytest.mark.parametrize(
    ("query", "province", "state", "in_plan", "notices"),
    [
        ("province=부산&state=long_term&plan=예", "부산", "long_term", True, 0),
        ("province=부산광역시&state=보완필요&plan=0", "부산", "needs_work", False, 0),
        ("province=없는곳&state=x&plan=maybe", None, None, None, 3),
        ("province=%00부산&state=%00", "부산", None, None, 1),
    ],
)
def test_filters_are_read_from_known_values_and_unknown_ones_left_out_with_a_notice(
    orgs, query, province, state, in_plan, notices
):
    found = task_filter(QueryDict(query))
    assert (found.province.short_name if found.province else None) == province
    assert (found.state, found.in_plan, len(found.notices)) == (state, in_plan, notices)
    assert all("\x00" not in notice for notice in found.notices)


def test_a_huge_or_odd_id_is_not_found(task):
    assert task_or_none(task.pk) == task
    for pk in (0, -1, 2**63, 10**30, "1"):
        assert task_or_none(pk) is None


def test_a_province_is_named_by_short_or_official_name(orgs):
    assert province_named("부산광역시").short_name == "부산"
    assert province_named(" 부 산 ").short_name == "부산"
    assert province_named("행안부") is None
