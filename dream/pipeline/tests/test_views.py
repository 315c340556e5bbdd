"""The pipeline's pages: the board by province, a proposal's thread, the ranking form, the
Track 2 rolling board and a project's steps; writers log in, others get a Korean 403."""

import pytest
from django.urls import reverse

from dream.pipeline import services
from dream.pipeline.choices import LargeProjectStage, ProposalState
from dream.pipeline.models import LargeProject, Proposal

from .conftest import STARTED, YEAR


def _login(client, personas, name):
    user = personas(name)
    client.force_login(user)
    return user


def test_the_board_counts_submitted_proposals_by_province(client, submitted, proposal_of):
    proposal_of(title="비밀 초안")
    response = client.get(reverse("pipeline:board"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode()
    assert submitted.title in text
    assert "비밀 초안" not in text
    busan = next(r for r in response.context["rows"] if r.province.short_name == "부산")
    assert (busan.submitted, busan.drafting) == (1, 0)


def test_a_province_member_sees_its_drafts_on_the_board(client, personas, proposal_of):
    proposal_of(title="비밀 초안")
    _login(client, personas, "busan_viewer")
    response = client.get(reverse("pipeline:board"), {"year": YEAR, "province": "부산"})
    assert "비밀 초안" in response.content.decode()


def test_the_board_shows_track_2_stages(client, project):
    response = client.get(reverse("pipeline:board"), {"year": YEAR})
    busan = next(r for r in response.context["rows"] if r.province.short_name == "부산")
    assert busan.track2 == {LargeProjectStage.CONSULTING: 1}


def test_a_draft_page_is_404_to_others(client, personas, proposal_of):
    draft = proposal_of()
    url = reverse("pipeline:proposal_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    _login(client, personas, "seoul_editor")
    assert client.get(url).status_code == 404
    _login(client, personas, "busan_viewer")
    assert client.get(url).status_code == 200


def test_an_editor_creates_and_submits_a_proposal_through_the_pages(client, personas, orgs):
    _login(client, personas, "busan_editor")
    response = client.post(
        reverse("pipeline:proposal_create"),
        {"province": orgs["부산"].pk, "year": YEAR, "title": "스마트 항만", "origin": "pledge",
         "size": "93.5"},
    )  # fmt: skip
    proposal = Proposal.objects.get(title="스마트 항만")
    assert response.status_code == 302
    client.post(reverse("pipeline:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_a_comma_decimal_size_is_shown_as_an_error(client, personas, orgs):
    _login(client, personas, "busan_editor")
    response = client.post(
        reverse("pipeline:proposal_create"),
        {"province": orgs["부산"].pk, "year": YEAR, "title": "x", "origin": "pledge",
         "size": "31,6"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "쉼표" in response.content.decode()


def test_anonymous_writers_are_sent_to_login_and_others_get_403(client, personas, submitted):
    url = reverse("pipeline:proposal_withdraw", args=[submitted.pk])
    response = client.post(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    _login(client, personas, "ministry_editor")
    response = client.post(url)
    assert response.status_code == 403
    assert "권한" in response.content.decode()


def test_ranking_through_the_page(client, personas, proposal_of):
    a, b = proposal_of(title="a"), proposal_of(title="b")
    _login(client, personas, "busan_editor")
    url = reverse("pipeline:proposal_rank")
    assert client.get(url, {"province": "부산", "year": YEAR}).status_code == 200
    response = client.post(
        url, {"province": "부산", "year": YEAR, f"rank_{a.pk}": "2", f"rank_{b.pk}": "1"}
    )
    assert response.status_code == 302
    assert dict(Proposal.objects.values_list("title", "priority")) == {"a": 2, "b": 1}
    response = client.post(
        url, {"province": "부산", "year": YEAR, f"rank_{a.pk}": "1", f"rank_{b.pk}": "1"}
    )
    assert response.status_code == 422


def test_another_province_cannot_open_busans_ranking(client, personas, proposal_of):
    proposal_of()
    _login(client, personas, "seoul_editor")
    response = client.get(reverse("pipeline:proposal_rank"), {"province": "부산"})
    assert response.status_code == 403


def test_a_ministry_editor_starts_track_2_from_the_proposal_page(client, personas, submitted, orgs):
    _login(client, personas, "ministry_editor")
    page = client.get(reverse("pipeline:proposal_detail", args=[submitted.pk]))
    assert "트랙2 시작" in page.content.decode()
    response = client.post(
        reverse("pipeline:large_project_start", args=[submitted.pk]),
        {"owner": orgs["행안부"].pk, "started_on": "2025-03-04", "decision": "컨설팅 착수"},
    )
    project = LargeProject.objects.get(proposal=submitted)
    assert response["Location"] == reverse("pipeline:track2_detail", args=[project.pk])


def test_the_rolling_board_shows_each_stage_date_up_to_its_year(client, project, staff):
    services.large_project_step(
        actor=staff, project=project, to_stage=LargeProjectStage.DISCUSSION,
        decided_on="2026-01-10", decision="논의",
    )  # fmt: skip
    row = client.get(reverse("pipeline:track2_board"), {"year": 2025}).context["rows"][0]
    assert row.stage == LargeProjectStage.CONSULTING
    assert row.reached == {LargeProjectStage.CONSULTING: STARTED}
    row = client.get(reverse("pipeline:track2_board"), {"year": 2026}).context["rows"][0]
    assert row.stage == LargeProjectStage.DISCUSSION


def test_the_project_page_offers_the_special_committee_only_to_staff(
    client, personas, project, staff
):
    for stage in (LargeProjectStage.DISCUSSION, LargeProjectStage.REVIEW):
        services.large_project_step(
            actor=staff, project=project, to_stage=stage, decided_on=STARTED, decision="x"
        )
    url = reverse("pipeline:track2_detail", args=[project.pk])
    _login(client, personas, "ministry_editor")
    form = client.get(url).context["form"]
    assert [c for c, _ in form.fields["to_stage"].choices] == [LargeProjectStage.CLOSED]
    response = client.post(
        reverse("pipeline:track2_step", args=[project.pk]),
        {"to_stage": "special_committee", "decided_on": "2025-03-05", "decision": "x"},
    )
    assert response.status_code == 422
    _login(client, personas, "committee_staff")
    response = client.post(
        reverse("pipeline:track2_step", args=[project.pk]),
        {"to_stage": "special_committee", "decided_on": "2025-03-05", "decision": "특위 논의",
         "documents": "회의록.pdf"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "특위 논의" in page and "회의록.pdf" in page


@pytest.mark.parametrize("query", ["?year=abc", "?year=99999", "?province=없는곳", "?year=²"])
def test_odd_query_strings_fall_back(client, orgs, query):
    assert client.get(reverse("pipeline:board") + query).status_code == 200
    assert client.get(reverse("pipeline:track2_board") + query).status_code == 200


def test_the_edit_page_changes_a_draft(client, personas, proposal_of):
    draft = proposal_of()
    _login(client, personas, "busan_editor")
    url = reverse("pipeline:proposal_update", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "고친 이름", "origin": "other", "size": "12"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.size_text) == ("고친 이름", "12")
