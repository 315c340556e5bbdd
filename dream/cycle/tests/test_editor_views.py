"""The draft editor page: the whole draft with a form per item for those who may edit it
now, read-only for the others, each finding and comment beside its item; every edit goes
through a drafting service, writes history with the user and comes back to its item."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dream.cycle import editor_views
from dream.cycle.checks import DraftFinding
from dream.cycle.choices import ItemKind, SubmissionState
from dream.cycle.models import ItemComment
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task
from tests.bare_numbers import bare_numbers

EDIT_FORMS = 'class="filters edit-'
CONFIRMED = {"confirm": "yes"}  # the removal's confirmation page posts it


def _page(org="부산", year=2025):
    return reverse("cycle:draft_edit", args=[year, org])


def _update(kind, pk, org="부산"):
    return reverse("cycle:draft_item_update", args=[2025, org, kind, pk])


def _add(kind, org="부산"):
    return reverse("cycle:draft_item_add", args=[2025, org, kind])


def _remove(kind, pk, org="부산"):
    return reverse("cycle:draft_item_remove", args=[2025, org, kind, pk])


def _history_user(model, pk):
    return model.history.filter(id=pk).order_by("-history_date", "-history_id")[0].history_user


@pytest.fixture
def plan(busan_submission):
    return busan_submission.plan


@pytest.fixture
def editor(client, personas):
    user = personas("busan_editor")
    client.force_login(user)
    return user


def _pillar(plan):
    return plan.strategies.get(kind=StrategyKind.PILLAR)


def _core(plan):
    return plan.tasks.get(kind=TaskKind.CORE)


def test_the_editor_shows_every_section_with_units_and_a_form_per_item(client, plan, editor):
    response = client.get(_page())

    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "부산 지방시대 실현", "Ⅰ 지방분권", "Ⅰ-1 자치분권 강화", "① 자치역량 강화",
        "국비(억원)", "국비(일반회계)(억원)", "국비(지특회계)(억원)", "국비(기타)(억원)",
        "지방비(억원)", "민자(억원)", "합계(억원)", "단위: 억원", "계획 전체 합계", "일자리수",
        "천명",
    ]:  # fmt: skip
        assert text in html, text
    for form in ["edit-plan", "edit-strategy", "edit-task", "edit-indicator", "edit-budget",
                 "add-strategy", "add-task", "add-indicator"]:  # fmt: skip
        assert f"{form}" in html, form
    assert 'value="93.5"' in html and 'value="135.27"' in html  # as written, not 93.50
    assert "읽기 전용" not in html


def test_every_number_on_the_editor_carries_its_unit(client, plan, personas):
    client.force_login(personas("busan_viewer"))
    html = client.get(_page()).content.decode()

    assert "93.5억원" in html
    assert bare_numbers(html, {"천명"}) == []


def test_a_viewer_sees_the_draft_without_forms_and_is_told_why(client, plan, personas):
    client.force_login(personas("busan_viewer"))

    html = client.get(_page()).content.decode()

    assert EDIT_FORMS not in html and "add-task" not in html
    assert "읽기 전용" in html and "고칠 권한은 없습니다" in html
    assert "자치분권 강화" in html


def test_a_submitted_draft_is_read_only_for_its_editor_with_the_reason(
    client, busan_submission, editor
):
    busan_submission.state = SubmissionState.SUBMITTED
    busan_submission.save()

    html = client.get(_page()).content.decode()

    assert EDIT_FORMS not in html
    assert "지금 상태(제출)에서는 고칠 수 없습니다" in html


def test_another_bodys_editor_gets_403_and_anonymous_is_sent_to_sign_in(client, plan, personas):
    response = client.get(_page())
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(_update("strategy", _pillar(plan).pk), {"strategy-1-name": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]

    client.force_login(personas("seoul_editor"))
    assert client.get(_page()).status_code == 403
    pk = _pillar(plan).pk
    response = client.post(_update("strategy", pk), {f"strategy-{pk}-name": "바꿈"})
    assert response.status_code == 403
    assert _pillar(plan).name == "지방분권"


def test_a_viewer_cannot_post_an_edit(client, plan, personas):
    client.force_login(personas("busan_viewer"))
    pk = _pillar(plan).pk

    response = client.post(_update("strategy", pk), {f"strategy-{pk}-name": "바꿈"})

    assert response.status_code == 403
    assert _pillar(plan).name == "지방분권"


def test_each_update_form_saves_with_history_and_returns_to_its_item(client, plan, editor):
    strategy, core = _pillar(plan), _core(plan)
    indicator = plan.indicators.get()
    posts = [
        (_update("plan", plan.pk), {f"plan-{plan.pk}-goal": "새 목표"}, "#goal", Plan, plan.pk),
        (_update("strategy", strategy.pk), {f"strategy-{strategy.pk}-name": "자치분권"},
         f"#strategy-{strategy.pk}", Strategy, strategy.pk),
        (_update("task", core.pk), {f"task-{core.pk}-name": "자치 강화",
                                    f"task-{core.pk}-description": "설명"},
         f"#task-{core.pk}", Task, core.pk),
        (_update("indicator", indicator.pk),
         {f"indicator-{indicator.pk}-name": "일자리 수", f"indicator-{indicator.pk}-unit": "천명",
          f"indicator-{indicator.pk}-baseline_text": "1,650.5",
          f"indicator-{indicator.pk}-target_text": "1,700",
          f"indicator-{indicator.pk}-direction": "higher"},
         f"#indicator-{indicator.pk}", Indicator, indicator.pk),
    ]  # fmt: skip
    for url, data, anchor, model, pk in posts:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"] == _page() + anchor
        assert _history_user(model, pk) == editor, model

    plan.refresh_from_db()
    indicator.refresh_from_db()
    assert plan.goal == "새 목표"
    assert Task.objects.get(pk=core.pk).description == "설명"
    assert (indicator.target_value, indicator.direction) == (1700, "higher")
    html = client.get(_page()).content.decode()
    for done in ["목표를", "전략을", "과제를", "성과지표를"]:
        assert f"{done} 고쳤습니다." in html


def test_a_budget_row_sets_each_filled_cell_and_the_split_of_national_money(client, plan, editor):
    strategy = _pillar(plan)
    prefix = f"budget-{strategy.pk}"

    response = client.post(
        _update("budget", strategy.pk),
        {f"{prefix}-national": "100", f"{prefix}-national_general": "60",
         f"{prefix}-national_balanced": "40", f"{prefix}-private": ""},
        follow=True,
    )  # fmt: skip

    cells = {b.source: b.amount_eok for b in Budget.objects.filter(plan=plan, strategy=strategy)}
    assert cells == {
        BudgetSource.NATIONAL: Decimal("100.00"),
        BudgetSource.NATIONAL_GENERAL: Decimal("60.00"),
        BudgetSource.NATIONAL_BALANCED: Decimal("40.00"),
        BudgetSource.LOCAL: Decimal("135.27"),
    }
    assert "재정투입을 고쳤습니다" in response.content.decode()
    general = Budget.objects.get(plan=plan, source=BudgetSource.NATIONAL_GENERAL)
    assert _history_user(Budget, general.pk) == editor
    response = client.post(_update("budget", 0), {"budget-0-total": "228.77"})
    assert response["Location"] == _page() + "#budget-0"
    assert Budget.objects.get(plan=plan, strategy=None, source="total").amount_eok == Decimal(
        "228.77"
    )


def test_an_invalid_amount_gives_a_korean_message_and_saves_nothing_of_the_row(
    client, plan, editor
):
    strategy = _pillar(plan)
    prefix = f"budget-{strategy.pk}"

    response = client.post(
        _update("budget", strategy.pk),
        {f"{prefix}-national": "120", f"{prefix}-local": "많이"},
        follow=True,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "지방비: 금액 &#x27;많이&#x27;는 숫자가 아닙니다(억원)." in html
    assert Budget.objects.get(plan=plan, source="national").amount_eok == Decimal("93.5")
    response = client.post(
        _update("budget", strategy.pk), {f"{prefix}-national": "1.234"}, follow=True
    )
    assert "소수점 아래 2자리까지" in response.content.decode()


def test_adding_a_strategy_a_task_a_project_line_and_an_indicator(client, plan, editor):
    response = client.post(_add("strategy"), {"strategy-add-name": "혁신성장"})
    strategy = plan.strategies.get(name="혁신성장")
    assert response["Location"] == _page() + f"#strategy-{strategy.pk}"
    assert strategy.code == "Ⅱ"

    client.post(
        _add("task"),
        {"task-add-name": "기업 유치", "task-add-kind": "core", "task-add-strategy": strategy.pk},
    )
    core = plan.tasks.get(name="기업 유치")
    assert (core.code, core.strategy) == ("Ⅱ-1", strategy)
    response = client.post(
        _add("task"),
        {"task-add-name": "투자 펀드", "task-add-kind": "project", "task-add-parent": core.pk,
         "task-add-national_budget_eok": "12.5"},
    )  # fmt: skip
    project = plan.tasks.get(name="투자 펀드")
    assert response["Location"] == _page() + f"#task-{project.pk}"
    assert project.national_budget_eok == Decimal("12.5")
    assert _history_user(Task, project.pk) == editor

    client.post(
        _add("indicator"),
        {"indicator-add-name": "유치 기업", "indicator-add-unit": "개",
         "indicator-add-target_text": "30", "indicator-add-task": core.pk},
    )  # fmt: skip
    indicator = plan.indicators.get(name="유치 기업")
    assert (indicator.task, indicator.target_value) == (core, 30)

    html = client.get(_page()).content.decode()
    assert 'id="projects"' in html and "12.5억원" in html


def test_a_refused_addition_says_why_in_korean(client, plan, editor):
    response = client.post(
        _add("task"),
        {"task-add-name": "세부", "task-add-kind": "core", "task-add-parent": _core(plan).pk},
        follow=True,
    )

    assert "핵심과제 아래에는 실천과제, 세부과제, 중점 추진 계획, 사업만 둘 수 있습니다" in (
        response.content.decode()
    )
    assert plan.tasks.count() == 2


def test_removing_items_and_a_refusal_to_remove(client, plan, editor):
    strategy = _pillar(plan)
    response = client.post(_remove("strategy", strategy.pk), CONFIRMED, follow=True)
    assert "과제 2건이 있어 지울 수 없습니다" in response.content.decode()

    indicator = plan.indicators.get()
    response = client.post(_remove("indicator", indicator.pk), CONFIRMED)
    assert response["Location"] == _page() + "#indicators"
    response = client.post(_remove("task", _core(plan).pk), CONFIRMED)
    assert response["Location"] == _page() + "#tasks"
    client.post(_remove("strategy", strategy.pk), CONFIRMED)

    assert not plan.tasks.exists() and not plan.indicators.exists()
    assert not plan.strategies.exists()
    assert _history_user(Strategy, strategy.pk) == editor


def test_bad_ids_and_kinds_are_404(client, plan, editor, ministry_submission):
    other_task = ministry_submission.plan.tasks.first()
    assert client.post(_update("task", other_task.pk), {}).status_code == 404
    assert client.post(_update("task", 10**30), {}).status_code == 404
    assert client.post(_update("plan", ministry_submission.plan.pk), {}).status_code == 404
    assert client.post(_update("budget", other_task.pk), {}).status_code == 404
    assert client.post(_update("submission", 1), {}).status_code == 404
    assert client.post(_remove("budget", 1), {}).status_code == 404
    assert client.post(_add("plan"), {}).status_code == 404
    response = client.post(
        _add("task"),
        {"task-add-name": "x", "task-add-kind": "practical", "task-add-parent": other_task.pk},
    )
    assert response.status_code == 404
    assert client.get(_page(org="없는곳")).status_code == 404
    assert client.get(_update("task", other_task.pk)).status_code == 405


def test_a_submission_without_a_draft_says_so(client, cycle_2025, personas):
    client.force_login(personas("seoul_editor"))

    response = client.get(_page(org="서울"))

    assert response.status_code == 200
    assert "아직 초안이 없습니다" in response.content.decode()
    assert client.post(_add("strategy", org="서울"), {}).status_code == 404


def test_each_finding_is_shown_beside_its_item(client, plan, editor, monkeypatch):
    core = _core(plan)
    cell = Budget.objects.get(plan=plan, source="local")
    findings = [
        DraftFinding("sum", "error", "과제에 대한 검사 문장", ItemKind.TASK, core.pk),
        DraftFinding("sum", "warning", "재원 합계 검사 문장 93.5억원", ItemKind.BUDGET, cell.pk),
        DraftFinding("x", "info", "사라진 항목 문장", ItemKind.TASK, 10**9),
    ]
    monkeypatch.setattr(editor_views, "draft_findings", lambda plan: findings)

    html = client.get(_page()).content.decode()

    task_section = html.split(f'id="task-{core.pk}"', 1)[1].split("</section>", 1)[0]
    assert "과제에 대한 검사 문장" in task_section and "오류" in task_section
    budget_part = html.split(f'id="budget-{cell.strategy_id}"', 1)[1].split('id="budget-0"')[0]
    assert "재원 합계 검사 문장" in budget_part
    other = html.split('id="other-findings"', 1)[1].split('id="goal"')[0]
    assert "사라진 항목 문장" in other


def test_findings_are_grouped_by_item_from_any_list():
    findings = [
        DraftFinding("a", "error", "하나", ItemKind.TASK, 1),
        DraftFinding("b", "info", "둘", "task", 1),
        DraftFinding("c", "info", "셋", ItemKind.INDICATOR, 1),
    ]

    grouped = editor_views.findings_by_item(findings)

    assert [f.message for f in grouped[("task", 1)]] == ["하나", "둘"]
    assert [f.message for f in grouped[("indicator", 1)]] == ["셋"]


def _remark(submission, staff, item_kind, item_id, text, reply_to=None, author=None):
    return ItemComment.objects.create(
        submission=submission, item_kind=item_kind, item_id=item_id, item_label="항목",
        reply_to=reply_to, author=author or staff, at=timezone.now(), text=text,
    )  # fmt: skip


def test_comments_are_beside_their_item_with_forms_for_staff_and_answers_for_the_body(
    client, busan_submission, staff, personas
):
    plan = busan_submission.plan
    core = _core(plan)
    remark = _remark(busan_submission, staff, ItemKind.TASK, core.pk, "근거를 보완해 주세요")
    busan_submission.state = SubmissionState.IN_REVIEW
    busan_submission.save()
    comment_url = reverse("cycle:item_comment", args=[2025, "부산"])

    client.force_login(staff)
    html = client.get(_page()).content.decode()
    task_section = html.split(f'id="task-{core.pk}"', 1)[1].split("</section>", 1)[0]
    assert "근거를 보완해 주세요" in task_section
    assert f'action="{comment_url}" class="filters comment-form"' in task_section
    assert "answer-form" not in html

    busan_submission.state = SubmissionState.RETURNED
    busan_submission.save()
    client.force_login(personas("busan_editor"))
    html = client.get(_page()).content.decode()
    task_section = html.split(f'id="task-{core.pk}"', 1)[1].split("</section>", 1)[0]
    assert f'name="reply_to" value="{remark.pk}"' in task_section
    assert "comment-form" not in html
    assert EDIT_FORMS in html  # returned: the body edits again


def test_the_submission_page_links_to_the_editor(client, plan, editor):
    html = client.get(reverse("cycle:submission_detail", args=[2025, "부산"])).content.decode()

    assert f'href="{_page()}"' in html


def test_the_editor_speaks_korean(client, plan, staff):
    from tests.test_korean_labels import LabelReader, is_english_label

    client.force_login(staff)
    reader = LabelReader()
    reader.feed(client.get(_page()).content.decode())

    assert [t for _w, t in reader.labels if is_english_label(t)] == [f"· {staff.username}"]
