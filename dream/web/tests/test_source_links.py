"""Following the "원문" links of the pages: each one lands on the line of the bundled text
that prints the figure of its row (issue 8, item 6). The figure is taken from the page
as shown, the marked lines from the "원문 보기" page the link leads to."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from dream.digital.models import DigitalBudget, DigitalGoal
from dream.indicators.models import Indicator
from dream.plans.models import Budget, PrintedShare, Strategy, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plan_2024", "digital_plan_2023")]

LINK = re.compile(r'<a class="source-link" href="([^"]+)"[^>]*>(.*?)</a>', re.S)
NUMBER = re.compile(r"\d[\d,.]*")


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def marked(client, href: str) -> str:
    """The marked lines of the page a link leads to, as text; the link's fragment names
    the first of them."""
    path, _, fragment = href.partition("#")
    html = get(client, html_lib.unescape(path))
    rows = re.findall(r'<li id="(L\d+)" class="asked">.*?<mark>(.*?)</mark></li>', html, re.S)
    assert rows, href
    assert rows[0][0] == fragment
    return html_lib.unescape(" ".join(text for _, text in rows))


def section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def rows_with_links(html: str) -> list[tuple[list[str], str]]:
    """(cells as text, link address) of each table row with a source link."""
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        link = LINK.search(row)
        if link:
            cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            found.append(([_text(cell) for cell in cells], link[1]))
    return found


def _text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def figure_of(cell: str) -> str:
    """The number of a cell as printed ("41,886" of "41,886억원"), else its text."""
    number = NUMBER.search(cell)
    return number[0] if number else cell


def test_each_fiscal_row_of_a_province_links_to_the_line_printing_its_amount(client):
    html = get(client, reverse("web:province_detail", args=["서울"]))
    table = section(html, 'id="fiscal"', 'id="indicators"')

    rows = rows_with_links(table)

    assert len(rows) == 6  # five strategies and the printed total
    for cells, href in rows:
        amount = figure_of(cells[2])
        assert amount in marked(client, href), (cells, href)


def test_each_indicator_of_a_province_links_to_the_line_printing_its_target(client):
    html = get(client, reverse("web:province_detail", args=["부산"]))
    table = section(html, 'id="indicators"', 'id="findings"')

    rows = rows_with_links(table)

    assert len(rows) == Indicator.objects.filter(plan__owner__short_name="부산").count()
    for cells, href in rows:
        target = cells[-3]  # …, 목표, 증감, 원문 줄
        assert target in marked(client, href), (cells, href)


def test_each_fiscal_row_of_a_super_region_links_to_its_printed_amount(client):
    html = get(client, reverse("web:super_region_detail", args=["충청권"]))
    table = section(html, 'id="fiscal"', 'id="indicators"')

    rows = rows_with_links(table)

    assert rows
    for cells, href in rows:
        assert figure_of(cells[2]) in marked(client, href), (cells, href)


def test_the_strategy_totals_on_sectoral_link_to_the_printed_total_rows(client):
    html = get(client, reverse("web:sectoral"))
    table = section(html, 'id="strategies-heading"', "</table>")

    rows = rows_with_links(table)

    assert len(rows) == 6  # five strategies and 총계
    for cells, href in rows:
        printed = cells[5].split(" ")[0]  # "2,304억원 원문 6725줄"
        assert printed in marked(client, href), (cells, href)


def test_each_practical_task_amount_on_sectoral_links_to_the_line_printing_it(client):
    html = get(client, reverse("web:sectoral"))
    table = section(html, 'class="tasks stack"', "</table>")

    links = LINK.findall(table)

    assert len(links) == 68
    for href, amount in links:
        assert re.search(rf"(?<!\S){re.escape(_text(amount))}(?!\S)", marked(client, href))


def test_the_digital_budgets_and_goals_link_to_the_digital_plan(client):
    html = get(client, reverse("digital:dashboard"))
    budgets = section(html, 'id="budgets"', "</table>")

    rows = rows_with_links(budgets)

    assert len(rows) == DigitalBudget.objects.count()
    for cells, href in rows:
        assert "/sources/2023-digital-plan/" in href
        assert cells[1] in marked(client, href), (cells, href)  # 원문 표기
    goals = [
        (href, text)
        for href, text in LINK.findall(html)
        if not re.fullmatch(r"원문 \d+줄|\d+", text)
    ]
    assert goals
    for href, target in goals:
        assert html_lib.unescape(target) in marked(client, href)


def test_a_digital_goal_page_links_its_baseline_and_target(client):
    goal = DigitalGoal.objects.exclude(baseline_text="").order_by("pk").first()
    html = get(client, reverse("tracking:goal_detail", args=[goal.key]))

    links = dict((html_lib.unescape(text), href) for href, text in LINK.findall(html))

    assert goal.target_text in marked(client, links[goal.target_text])
    assert goal.baseline_text in marked(client, links[goal.baseline_text])


def test_the_front_page_links_printed_amounts_and_shares_to_their_lines(client):
    html = get(client, reverse("web:overview"))

    figures = [
        (href, html_lib.unescape(text))
        for href, text in LINK.findall(html)
        if not text.startswith("원문")
    ]

    shares = PrintedShare.objects.filter(plan__year=2024).count()
    assert len(figures) >= shares + Budget.objects.filter(plan__level="national").count()
    for href, figure in figures:
        assert figure in marked(client, href), (figure, href)


def test_the_findings_link_to_their_lines(client):
    html = get(client, reverse("web:findings"))

    links = LINK.findall(html)

    assert links
    for href, number in links[:20]:
        assert href.endswith(f"/lines/{number}/#L{number}")
        marked(client, href)


def test_each_goal_on_the_goal_list_links_to_the_line_printing_its_target(client):
    html = get(client, reverse("tracking:goal_list"))

    links = LINK.findall(html)

    assert len(links) == DigitalGoal.objects.count()
    targets = {goal.source_line: goal.target_text for goal in DigitalGoal.objects.all()}
    for href, text in links:
        line = int(re.search(r"#L(\d+)", href)[1])
        assert targets[line] in marked(client, href), (text, href)


def test_the_districts_target_on_digital_links_to_where_the_plan_sets_it(client):
    html = get(client, reverse("digital:dashboard"))
    sentence = section(html, 'id="districts"', "</p>")

    href, text = LINK.search(sentence).groups()

    assert text.startswith("원문 ")
    assert "5개 이상" in marked(client, href)


def printed_from(client, href: str, count: int = 7) -> str:
    """The text of `count` lines from the one a link marks, without spaces: a name is
    printed from its line on, wrapped in its table cell (a strategy's code on a line alone)."""
    path, _, fragment = href.partition("#")
    html = get(client, html_lib.unescape(path))
    assert re.search(rf'<li id="{fragment}" class="asked">', html), href
    lines = dict(re.findall(r'<li id="L(\d+)"[^>]*>.*?줄</span></span>(.*?)</li>', html, re.S))
    first = int(fragment.removeprefix("L"))
    shown = (_text(lines.get(str(number), "")) for number in range(first, first + count))
    return "".join(shown).replace(" ", "")


def tree_links(tree: str) -> dict[int, str]:
    """The first source link after each task's anchor in a task tree, by the task's pk."""
    pieces = re.split(r'<li id="task-(\d+)"', tree)[1:]
    found = {}
    for pk, piece in zip(pieces[::2], pieces[1::2], strict=True):
        link = LINK.search(piece)
        found[int(pk)] = link[1] if link else ""
    return found


@pytest.mark.parametrize(
    ("url_name", "short_name"),
    [("web:province_detail", "경기"), ("web:super_region_detail", "충청권")],
)
def test_each_task_of_a_region_tree_links_to_its_own_line(client, url_name, short_name):
    html = get(client, reverse(url_name, args=[short_name]))
    tree = section(html, 'id="tasks"', 'id="fiscal"')

    links = tree_links(tree)

    tasks = list(Task.objects.filter(plan__owner__short_name=short_name, plan__year=2024))
    assert tasks
    assert set(links) == {task.pk for task in tasks}
    for task in tasks:
        href = links[task.pk]
        assert href.endswith(f"/lines/{task.source_line}/#L{task.source_line}"), (task, href)
        assert task.name.replace(" ", "")[:2] in printed_from(client, href), (task, href)


def test_each_figure_of_the_comparison_links_to_the_line_printing_it(client):
    html = get(client, reverse("web:compare") + "?p=서울&p=부산")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section(html, "<tbody", "</tbody>"), re.S)

    assert len(rows) == 2
    for row in rows:
        province = _text(re.search(r"<td[^>]*>(.*?)</td>", row, re.S)[1])
        own_lines = {
            *Indicator.objects.filter(plan__owner__short_name=province).values_list(
                "source_line", flat=True
            ),
            *Budget.objects.filter(plan__owner__short_name=province).values_list(
                "source_line", flat=True
            ),
        }
        links = LINK.findall(row)
        assert len(links) == 1 + 3 * 3  # fiscal input; 실적, 목표, 증감 of 3 common indicators
        for href, figure in links:
            assert int(re.search(r"#L(\d+)", href)[1]) in own_lines, (province, href)
            figure = re.escape(_text(figure))
            assert re.search(rf"(?<!\S){figure}(?!\S)", marked(client, href)), (figure, href)


def test_the_sectoral_tree_links_each_strategy_and_core_task_to_its_line(client):
    html = get(client, reverse("web:sectoral"))
    tree = section(html, 'id="tree-heading"', "</section>")

    links = {int(re.search(r"#L(\d+)", href)[1]): href for href, _text in LINK.findall(tree)}

    records = [
        *Strategy.objects.filter(plan__level="sectoral", plan__year=2024),
        *Task.objects.filter(plan__level="sectoral", plan__year=2024, kind="core"),
    ]
    assert len(records) == 5 + 22
    assert sorted(links) == sorted(record.source_line for record in records)
    for record in records:
        name = record.name.replace(" ", "")
        assert name[:2] in printed_from(client, links[record.source_line]), record
