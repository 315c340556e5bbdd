"""The evaluators' pages: staff assign with refusals shown, the evaluator declares before
seeing a unit, sees only assigned units and scores them; staff compare raw and normalised."""

import pytest
from django.test import Client

from dream.evaluation.choices import AssignmentState
from dream.evaluation.integrity import assignment_create, panel_save
from dream.evaluation.models import Assignment, Evaluator, Score
from dream.evaluation.tests.scoring_setup import GOOD_REASON, declared, expert, small_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(orgs, staff):
    return small_round(orgs, staff)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_register_and_assign_with_the_refusal_shown(small, staff, orgs, personas):
    as_staff = client_of(staff)
    person = personas("seoul_editor")
    response = as_staff.post(
        "/evaluations/2024/evaluators/",
        {"action": "register", "user": person.pk, "field": "재정"},
        follow=True,
    )
    assert "평가위원을 등록했습니다" in response.content.decode()
    evaluator = Evaluator.objects.get(user=person)
    panel = panel_save(actor=staff, round=small.round, name="1반", members=[])
    post = {"action": "assign", "unit": small.seoul_core.pk, "evaluator": evaluator.pk}
    post["panel"] = panel.pk
    page = as_staff.post("/evaluations/2024/evaluators/", post, follow=True).content.decode()
    assert "이해충돌 신고 먼저" in page

    from dream.evaluation.integrity import conflict_declare

    conflict_declare(actor=person, round=small.round, ties=[], none_to_declare=True)
    page = as_staff.post("/evaluations/2024/evaluators/", post, follow=True).content.decode()
    assert "서울 소속" in page  # 서울's editor may not judge 서울
    assert not Assignment.objects.exists()
    post["unit"] = small.busan_core.pk
    page = as_staff.post("/evaluations/2024/evaluators/", post, follow=True).content.decode()
    assert "평가위원을 배정했습니다" in page
    assert Assignment.objects.get().unit == small.busan_core


@pytest.mark.parametrize("who", ["busan_editor", "seoul_editor"])
def test_the_evaluators_page_is_staffs(small, personas, who):
    assert client_of(personas(who)).get("/evaluations/2024/evaluators/").status_code == 403
    assert Client().get("/evaluations/2024/evaluators/").status_code == 302


def test_the_declaration_comes_before_any_unit(small, staff):
    x = expert(staff, "expert_x")
    as_x = client_of(x.user)
    response = as_x.get("/evaluations/2024/mine/")
    assert response.status_code == 302 and response["Location"].endswith("/declaration/")
    response = as_x.post(
        "/evaluations/2024/declaration/", {"none_to_declare": "on", "statement": ""}, follow=True
    )
    assert "이해관계 신고를 받았습니다" in response.content.decode()
    assert as_x.get("/evaluations/2024/mine/").status_code == 200


def test_an_evaluator_sees_only_assigned_units_until_close(small, staff):
    x = declared(staff, small.round, "expert_x")
    assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    as_x = client_of(x.user)
    mine = as_x.get("/evaluations/2024/mine/").content.decode()
    assert f"/evaluations/2024/units/{small.busan_core.pk}/" in mine
    assert f"/evaluations/2024/units/{small.seoul_core.pk}/" not in mine
    assert as_x.get(f"/evaluations/2024/units/{small.busan_core.pk}/").status_code == 200
    assert as_x.get(f"/evaluations/2024/units/{small.seoul_core.pk}/").status_code == 403
    small.round.closed_at = small.round.opened_at
    small.round.save()
    assert as_x.get(f"/evaluations/2024/units/{small.seoul_core.pk}/").status_code == 200


def test_the_evaluator_scores_and_submits_on_the_unit_page(small, staff):
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    as_x = client_of(x.user)
    url = f"/evaluations/2024/units/{small.busan_core.pk}/"
    data = {"action": "save"}
    for leaf in small.busan_leaves:
        for criterion in small.criteria:
            data[f"value_{leaf.pk}_{criterion.pk}"] = "66.5"
            data[f"reason_{leaf.pk}_{criterion.pk}"] = GOOD_REASON
    page = as_x.post(url, data, follow=True).content.decode()
    assert "점수를 저장했습니다" in page and "66.5점" in page
    assert Score.objects.filter(assignment=assignment).count() == 6
    page = as_x.post(url, {"action": "submit"}, follow=True).content.decode()
    assert "점수를 제출했습니다" in page
    assert Assignment.objects.get(pk=assignment.pk).state == AssignmentState.SUBMITTED


def test_pressing_submit_right_after_typing_keeps_the_scores(small, staff):
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    data = {"action": "submit"}
    for leaf in small.busan_leaves:
        for criterion in small.criteria:
            data[f"value_{leaf.pk}_{criterion.pk}"] = "71"
            data[f"reason_{leaf.pk}_{criterion.pk}"] = GOOD_REASON
    url = f"/evaluations/2024/units/{small.busan_core.pk}/"
    page = client_of(x.user).post(url, data, follow=True).content.decode()
    assert "점수를 제출했습니다" in page
    assert Score.objects.filter(assignment=assignment, value=71).count() == 6
    assert Assignment.objects.get(pk=assignment.pk).state == AssignmentState.SUBMITTED


def test_staff_cannot_score_for_the_evaluator_on_the_page(small, staff, personas):
    x = declared(staff, small.round, "expert_x")
    assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    url = f"/evaluations/2024/units/{small.busan_core.pk}/"
    for user in (staff, personas("superuser")):
        assert client_of(user).post(url, {"action": "submit"}).status_code == 403


def test_the_body_sees_its_unit_without_individual_scores(small, staff, personas):
    x = declared(staff, small.round, "expert_x")
    assignment_create(actor=staff, panel=None, unit=small.busan_core, evaluator=x)
    page = client_of(personas("busan_viewer")).get(
        f"/evaluations/2024/units/{small.busan_core.pk}/"
    )
    assert page.status_code == 200
    assert "expert_x" not in page.content.decode()


def test_the_scores_page_shows_raw_and_normalised_for_staff_only(small, staff, personas):
    as_staff = client_of(staff)
    page = as_staff.post("/evaluations/2024/scores/compute/", follow=True).content.decode()
    assert "점수를 다시 계산했습니다" in page
    assert "원점수(점, 계산)" in page and "표준화 점수(점, 계산)" in page
    assert client_of(personas("busan_editor")).get("/evaluations/2024/scores/").status_code == 403
    assert (
        client_of(personas("busan_editor")).post("/evaluations/2024/scores/compute/").status_code
        == 403
    )


def test_every_number_on_the_scoring_pages_carries_its_unit(small, staff):
    from dream.evaluation.scoring import ScoreInput, assignment_submit, round_compute, scores_record
    from tests.bare_numbers import bare_numbers

    panel = panel_save(actor=staff, round=small.round, name="1반", members=[])
    x = declared(staff, small.round, "expert_x")
    assignment = assignment_create(actor=staff, panel=panel, unit=small.busan_core, evaluator=x)
    items = [
        ScoreInput(leaf, c, "72.25", GOOD_REASON)
        for leaf in small.busan_leaves
        for c in small.criteria
    ]
    scores_record(actor=x.user, assignment=assignment, items=items)
    assignment_submit(actor=x.user, assignment=assignment)
    round_compute(actor=staff, round=small.round)
    pages = {
        client_of(staff): ["/evaluations/2024/scores/", "/evaluations/2024/evaluators/"],
        client_of(x.user): [
            "/evaluations/2024/mine/",
            "/evaluations/2024/declaration/",
            f"/evaluations/2024/units/{small.busan_core.pk}/",
        ],
    }
    for client, addresses in pages.items():
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 200, address
            assert bare_numbers(response.content.decode()) == [], address
