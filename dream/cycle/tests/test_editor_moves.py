"""The draft editor's moves, re-links, emptied budget cells and confirmed removals: each
form calls its drafting service, says what it did or refused beside the item and comes
back to it; a removal happens only from its confirmation page."""

from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from dream.cycle import editor_views
from dream.cycle.drafting import task_add
from dream.cycle.editor_forms import (
    BudgetRowForm,
    BudgetTaskForm,
    GoalForm,
    IndicatorAddForm,
    IndicatorForm,
    TaskAddForm,
)
from dream.cycle.templatetags.draft_forms import plain_fields
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import Budget, Task


def _page(org="부산"):
    return reverse("cycle:draft_edit", args=[2025, org])


def _move(pk, org="부산"):
    return reverse("cycle:draft_task_move", args=[2025, org, pk])


def _relink(pk, org="부산"):
    return reverse("cycle:draft_indicator_relink", args=[2025, org, pk])


def _remove(kind, pk, org="부산"):
    return reverse("cycle:draft_item_remove", args=[2025, org, kind, pk])


def _budget_row(pk, org="부산"):
    return reverse("cycle:draft_item_update", args=[2025, org, "budget", pk])


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
    return plan.tasks.get(kind=TaskKind.CORE, position=1)


def _section(html: str, anchor: str) -> str:
    """The part of the page from the item's anchor to the next item's."""
    return html.split(f'id="{anchor}"', 1)[1].split("<section", 1)[0]


# moving a task


def test_a_task_is_moved_from_its_form_and_the_page_comes_back_to_it(client, plan, editor):
    second = task_add(actor=editor, plan=plan, parent=None, name="재정분권", kind="core",
                      strategy=_pillar(plan))  # fmt: skip
    detailed = _core(plan).children.get()

    html = client.get(_page()).content.decode()
    section = _section(html, f"task-{detailed.pk}")
    assert f'action="{_move(detailed.pk)}"' in section
    assert f'<option value="t{second.pk}">' in section  # a core task may hold it
    assert f'value="t{detailed.pk}"' not in section  # never under itself

    response = client.post(_move(detailed.pk), {f"move-{detailed.pk}-to": f"t{second.pk}"})

    assert response["Location"] == _page() + f"#task-{detailed.pk}"
    detailed.refresh_from_db()
    assert detailed.parent_id == second.pk
    html = client.get(_page()).content.decode()
    assert "과제를 옮겼습니다" in _section(html, f"task-{detailed.pk}")


def test_a_core_task_is_offered_the_pillar_strategies(client, plan, editor):
    core = _core(plan)
    html = client.get(_page()).content.decode()

    section = _section(html, f"task-{core.pk}")
    assert f'<option value="s{_pillar(plan).pk}">전략 Ⅰ 지방분권</option>' in section
    assert 'value="t' not in section.split("move-task", 1)[1].split("</form>", 1)[0]


def test_a_refused_move_is_said_beside_the_task(client, plan, editor):
    detailed = _core(plan).children.get()

    response = client.post(
        _move(detailed.pk), {f"move-{detailed.pk}-to": f"s{_pillar(plan).pk}"}, follow=True
    )

    html = response.content.decode()
    message = "전략 아래에는 핵심과제만 둘 수 있어 세부과제를 옮길 수 없습니다"
    assert message in _section(html, f"task-{detailed.pk}")
    assert message not in html.split('id="goal"', 1)[0]  # not at the top
    detailed.refresh_from_db()
    assert detailed.parent_id == _core(plan).pk


@pytest.mark.parametrize("to", ["", "x1", "t", "t0", "s-1", "t" + "9" * 30, "t 1"])
def test_a_move_to_an_unreadable_place_is_refused_beside_the_task(client, plan, editor, to):
    detailed = _core(plan).children.get()

    response = client.post(_move(detailed.pk), {f"move-{detailed.pk}-to": to}, follow=True)

    assert response.status_code == 200
    assert "옮길 곳" in _section(response.content.decode(), f"task-{detailed.pk}")
    detailed.refresh_from_db()
    assert detailed.parent_id == _core(plan).pk


def test_a_move_under_another_plans_task_is_refused(client, plan, editor, ministry_submission):
    detailed = _core(plan).children.get()
    foreign = ministry_submission.plan.tasks.get(kind=TaskKind.CORE)

    response = client.post(
        _move(detailed.pk), {f"move-{detailed.pk}-to": f"t{foreign.pk}"}, follow=True
    )

    assert "옮길 곳이 이 초안에 없습니다" in response.content.decode()
    assert client.post(_move(foreign.pk), {}).status_code == 404


# re-linking an indicator


def test_an_indicator_is_relinked_from_its_form(client, plan, editor):
    indicator = plan.indicators.get()
    core = _core(plan)
    html = client.get(_page()).content.decode()
    section = _section(html, f"indicator-{indicator.pk}")
    assert '<option value="" selected>연결하지 않음(계획 전체)</option>' in section

    response = client.post(_relink(indicator.pk), {f"relink-{indicator.pk}-task": core.pk})

    assert response["Location"] == _page() + f"#indicator-{indicator.pk}"
    indicator.refresh_from_db()
    assert indicator.task_id == core.pk
    html = client.get(_page()).content.decode()
    assert f'<option value="{core.pk}" selected>' in _section(html, f"indicator-{indicator.pk}")
    client.post(_relink(indicator.pk), {f"relink-{indicator.pk}-task": ""})
    indicator.refresh_from_db()
    assert indicator.task_id is None


def test_an_indicator_cannot_be_relinked_to_another_plans_task(
    client, plan, editor, ministry_submission
):
    indicator = plan.indicators.get()
    foreign = ministry_submission.plan.tasks.get(kind=TaskKind.CORE)

    response = client.post(
        _relink(indicator.pk), {f"relink-{indicator.pk}-task": foreign.pk}, follow=True
    )

    assert "연결할 과제가 이 초안에 없습니다" in _section(
        response.content.decode(), f"indicator-{indicator.pk}"
    )
    indicator.refresh_from_db()
    assert indicator.task_id is None


# the budget grid: an emptied cell removes


def test_an_emptied_cell_removes_the_amount_and_a_zero_is_kept(client, plan, editor):
    strategy = _pillar(plan)
    prefix = f"budget-{strategy.pk}"
    row = {f"{prefix}-{source}": "" for source in BudgetSource.values}

    client.post(_budget_row(strategy.pk), {**row, f"{prefix}-national": "0"})

    assert list(plan.budgets.values_list("source", "amount_eok")) == [
        (BudgetSource.NATIONAL, Decimal("0"))
    ]
    html = client.get(_page()).content.decode()
    assert "칸을 비우고 행을 저장하면 그 재원의 금액을 지웁니다" in html


def test_a_row_emptied_entirely_removes_its_cells_and_a_cell_not_sent_stays(client, plan, editor):
    strategy = _pillar(plan)
    prefix = f"budget-{strategy.pk}"

    client.post(_budget_row(strategy.pk), {f"{prefix}-national": ""})
    assert list(plan.budgets.values_list("source", flat=True)) == [BudgetSource.LOCAL]

    response = client.post(
        _budget_row(strategy.pk), {f"{prefix}-{source}": "" for source in BudgetSource.values}
    )
    assert response["Location"] == _page() + f"#budget-{strategy.pk}"
    assert not plan.budgets.exists()
    assert Budget.history.filter(history_type="-", history_user=editor).count() == 2


# removals are confirmed


def test_a_removal_asks_first_and_lists_what_goes_with_it(client, plan, editor):
    core = _core(plan)
    html = client.get(_page()).content.decode()
    assert f'href="{_remove("task", core.pk)}"' in html
    assert f'action="{_remove("task", core.pk)}"' not in html  # no one-click removal

    page = client.get(_remove("task", core.pk)).content.decode()

    assert "지우기 확인" in page and "자치분권 강화" in page
    assert "함께 지워지는 하위 과제 1건" in page and "자치역량 강화" in page
    assert 'name="confirm"' in page and "required" in page
    response = client.post(_remove("task", core.pk), {"confirm": "yes"})
    assert response["Location"] == _page() + "#tasks"
    assert not plan.tasks.exists()


def test_a_removal_posted_without_confirmation_shows_the_page_and_removes_nothing(
    client, plan, editor
):
    indicator = plan.indicators.get()

    response = client.post(_remove("indicator", indicator.pk))

    assert response.status_code == 200
    assert "확인란에 표시해 주세요" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_the_confirmation_says_what_stands_in_the_way(client, plan, editor):
    indicator = plan.indicators.get()
    detailed = _core(plan).children.get()
    indicator.task = detailed
    indicator.save()

    page = client.get(_remove("task", _core(plan).pk)).content.decode()
    assert "성과지표 1건이 연결되어 있어 지울 수 없습니다" in page and "일자리수" in page
    assert 'name="confirm"' not in page

    page = client.get(_remove("strategy", _pillar(plan).pk)).content.decode()
    assert "과제 2건이 있어 지울 수 없습니다" in page

    empty = plan.strategies.create(kind=StrategyKind.PILLAR, position=2, code="Ⅱ", name="빈 전략")
    Budget.objects.create(plan=plan, strategy=empty, year=2025, source="local", amount_eok=3)
    page = client.get(_remove("strategy", empty.pk)).content.decode()
    assert "함께 지워지는 재정투입 1칸" in page and "2025년 지방비 3억원" in page


def test_the_confirmation_page_is_for_who_may_edit(client, plan, personas):
    url = _remove("task", _core(plan).pk)
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(personas("busan_viewer"))
    assert client.get(url).status_code == 403
    client.force_login(personas("busan_editor"))
    assert client.get(_remove("budget", 1)).status_code == 404


# the page's forms


def test_every_form_on_the_editor_posts_to_its_own_view(client, plan, editor):
    """The per-item addresses are written under the editor's address in the template."""
    html = client.get(_page()).content.decode()
    actions = {part.split('"', 1)[0] for part in html.split('action="')[1:]}
    hrefs = {part.split('"', 1)[0] for part in html.split('href="')[1:] if "/remove/" in part}
    views = {
        editor_views.draft_item_update_view,
        editor_views.draft_item_add_view,
        editor_views.draft_item_remove_view,
        editor_views.draft_task_move_view,
        editor_views.draft_indicator_relink_view,
    }
    draft = [url for url in actions | hrefs if "/draft/" in url]
    assert len(draft) >= 10
    for url in draft:
        assert resolve(url.split("#")[0]).func in views, url


def _forms(plan):
    task = plan.tasks.first()
    return [
        GoalForm(prefix="plan-1", initial={"goal": '목표 <"&>'}),
        BudgetTaskForm(prefix="task-1", initial={"name": "a & b", "national_budget_eok": "1.5"}),
        TaskAddForm(prefix="task-add", parent_kind=TaskKind.CORE, initial={"parent": 3}),
        TaskAddForm(prefix="task-add", parent_kind=None, initial={"strategy": 1}),
        IndicatorForm(prefix="indicator-1", initial={"name": "x", "direction": "higher"}),
        IndicatorAddForm(prefix="indicator-add", tasks=[task]),
        BudgetRowForm(prefix="budget-0", initial={"national": "93.5"}),
        IndicatorForm({"indicator-1-name": ""}, prefix="indicator-1"),  # with an error
    ]


def test_plain_fields_are_djangos_markup(plan):
    for form in _forms(plan):
        expected = "".join(
            str(field)
            if field.is_hidden
            else render_to_string("tracking/_field.html", {"field": field})
            for field in form
        )
        assert _squeezed(plain_fields(form)) == _squeezed(expected)


def _squeezed(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


def test_the_editor_asks_the_database_a_fixed_number_of_times(client, plan, editor):
    """Per-item queries would grow with the draft: adding tasks and indicators adds none."""
    with CaptureQueriesContext(connection) as small:
        client.get(_page())
    core = _core(plan)
    for n in range(5):
        task = task_add(actor=editor, plan=plan, parent=core, name=f"과제 {n}", kind="detailed")
        Indicator.objects.create(plan=plan, task=task, position=n + 2, group="common", name="x")
    with CaptureQueriesContext(connection) as big:
        client.get(_page())
    assert len(big.captured_queries) == len(small.captured_queries)
    assert Task.objects.filter(plan=plan).count() == 7
