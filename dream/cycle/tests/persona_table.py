"""Persona × action → allowed: the one table the services (test_permissions.py), the web
forms (test_permissions_web.py) and the API (test_permissions_api.py) are held to, so the
three ways in cannot drift apart.

Written by hand from the rules the permission functions and the issue state, not computed
from the functions (dream/cycle/permissions.py):
- opening and resolving a cycle: Committee staff (can_manage_cycle);
- rolling a draft forward, editing its tasks and budgets, recording the local deliberation
  and submitting: an editor or manager of that very body, or Committee staff
  (can_edit_submission);
- starting review, returning and accepting: Committee staff (can_review);
- the draft editor's items (goal, strategies, tasks, indicators: change, add, remove) and
  uploading the Excel template: the same as editing (can_edit_submission, through the
  drafting services' one check);
- downloading the Excel template: whoever may see the draft, i.e. the body's members of any
  role and the Committee (can_view_submission);
- a remark on an item of a submitted plan: Committee staff (can_review, comment_add); the
  answer to it: who may edit the body's plan, Committee staff included (comment_answer);
- the compilation page and the duplicate candidates: seen by the Committee's members
  (can_view_compilation); finding and judging candidates, and recording the guidelines:
  Committee staff (can_manage_cycle);
- a superuser may do everything; viewers and anonymous visitors nothing but what a viewer
  may read.

The bodies acted on are 부산 (a province: "own" for 부산's viewer and editor) and 행안부
(a ministry: "own" for the ministry's editor); 서울's editor is the other body's editor for
both. The local deliberation is recorded by provinces and super-regions only, so there is
no "local-resolution 행안부" (a ministry's is a state conflict for everyone allowed).
"""

import io
from datetime import date
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from dream.accounts.models import User
from dream.cycle.choices import AmendmentState, DuplicateStatus, ItemKind, SubmissionState
from dream.cycle.drafting import draft_copy
from dream.cycle.models import Amendment, Cycle, DuplicateCandidate, ItemComment, Submission
from dream.cycle.versions import version_create
from dream.cycle.workbook import COLUMNS, GOAL_ROW, GOAL_SHEET, workbook_build
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task

from .conftest import PERSONAS

STEPS = ["roll-forward", "task-edit", "budget-edit", "budget-set", "local-resolution", "submit"]
REVIEWS = ["review", "return", "accept"]
# the draft editor's items, the Excel template and the item comments, for each body
EDITOR = [
    "goal-edit",
    "strategy-edit",
    "strategy-add",
    "strategy-remove",
    "task-add",
    "task-remove",
    "indicator-edit",
    "indicator-add",
    "indicator-remove",
    "workbook-download",
    "workbook-upload",
    "comment",
    "answer",
]
# cycle-wide: the Committee's compilation and guidelines
COMPILING = ["compilation-view", "duplicates-find", "duplicate-decide", "guidelines"]
# actions that change nothing: their effect is the answer, which the tests check instead
READS = {"workbook-download", "compilation-view"}

# the columns of the grids below: cycle-wide actions, then each body's
ACTIONS = [
    "open",
    "resolve",
    *(f"{step} 부산" for step in STEPS + REVIEWS),
    *(f"{step} 행안부" for step in STEPS + REVIEWS if step != "local-resolution"),
    *(f"{step} 부산" for step in EDITOR),
    *(f"{step} 행안부" for step in EDITOR),
    *COMPILING,
]

# columns: open, resolve | 부산: roll-forward, task-edit, budget-edit, budget-set,
# local-resolution, submit, review, return, accept | 행안부: the same but local-resolution
_GRID = {
    "anonymous":       (0, 0,   0, 0, 0, 0, 0, 0,   0, 0, 0,   0, 0, 0, 0, 0,   0, 0, 0),
    "busan_viewer":    (0, 0,   0, 0, 0, 0, 0, 0,   0, 0, 0,   0, 0, 0, 0, 0,   0, 0, 0),
    "busan_editor":    (0, 0,   1, 1, 1, 1, 1, 1,   0, 0, 0,   0, 0, 0, 0, 0,   0, 0, 0),
    "seoul_editor":    (0, 0,   0, 0, 0, 0, 0, 0,   0, 0, 0,   0, 0, 0, 0, 0,   0, 0, 0),
    "ministry_editor": (0, 0,   0, 0, 0, 0, 0, 0,   0, 0, 0,   1, 1, 1, 1, 1,   0, 0, 0),
    "committee_staff": (1, 1,   1, 1, 1, 1, 1, 1,   1, 1, 1,   1, 1, 1, 1, 1,   1, 1, 1),
    "superuser":       (1, 1,   1, 1, 1, 1, 1, 1,   1, 1, 1,   1, 1, 1, 1, 1,   1, 1, 1),
}  # fmt: skip

# columns, for 부산 and then for 행안부: goal-edit, strategy-edit, strategy-add,
# strategy-remove, task-add, task-remove, indicator-edit, indicator-add, indicator-remove |
# workbook-download, workbook-upload | comment, answer
_EDITOR_GRID = {
    "anonymous":       ((0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0),
                        (0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0)),
    "busan_viewer":    ((0, 0, 0, 0, 0, 0, 0, 0, 0,   1, 0,   0, 0),
                        (0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0)),
    "busan_editor":    ((1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   0, 1),
                        (0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0)),
    "seoul_editor":    ((0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0),
                        (0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0)),
    "ministry_editor": ((0, 0, 0, 0, 0, 0, 0, 0, 0,   0, 0,   0, 0),
                        (1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   0, 1)),
    "committee_staff": ((1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   1, 1),
                        (1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   1, 1)),
    "superuser":       ((1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   1, 1),
                        (1, 1, 1, 1, 1, 1, 1, 1, 1,   1, 1,   1, 1)),
}  # fmt: skip

# columns: compilation-view, duplicates-find, duplicate-decide, guidelines
_COMPILING_GRID = {
    "anonymous":       (0, 0, 0, 0),
    "busan_viewer":    (0, 0, 0, 0),
    "busan_editor":    (0, 0, 0, 0),
    "seoul_editor":    (0, 0, 0, 0),
    "ministry_editor": (0, 0, 0, 0),
    "committee_staff": (1, 1, 1, 1),
    "superuser":       (1, 1, 1, 1),
}  # fmt: skip

ALLOWED: dict[str, dict[str, bool]] = {
    persona: dict(
        zip(
            ACTIONS,
            map(bool, (*row, *_EDITOR_GRID[persona][0], *_EDITOR_GRID[persona][1],
                       *_COMPILING_GRID[persona])),
            strict=True,
        )
    )
    for persona, row in _GRID.items()
}  # fmt: skip
assert list(ALLOWED) == PERSONAS, "the table names every persona of conftest.py, in order"

# Amendments of a resolved plan (dream/cycle/amendments.py): starting one, submitting and
# withdrawing it are the body's (can_edit_submission, staff included); returning it is
# review (can_review); resolving it is the Committee's (can_manage_cycle). Staged on the
# body's plan resolved (version 1) with an amendment in the state each step starts from
# (`amendment_staged`); the step's event tells whether it happened.
AMENDING = [
    "amendment-start",
    "amendment-submit",
    "amendment-return",
    "amendment-withdraw",
    "amendment-resolve",
]
# columns, for 부산 and then for 행안부: start, submit, return, withdraw, resolve
_AMENDING_GRID = {
    "anonymous":       ((0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),
    "busan_viewer":    ((0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),
    "busan_editor":    ((1, 1, 0, 1, 0), (0, 0, 0, 0, 0)),
    "seoul_editor":    ((0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),
    "ministry_editor": ((0, 0, 0, 0, 0), (1, 1, 0, 1, 0)),
    "committee_staff": ((1, 1, 1, 1, 1), (1, 1, 1, 1, 1)),
    "superuser":       ((1, 1, 1, 1, 1), (1, 1, 1, 1, 1)),
}  # fmt: skip
_AMENDING_ACTIONS = [f"{step} {body}" for body in ("부산", "행안부") for step in AMENDING]
ACTIONS.extend(_AMENDING_ACTIONS)
for _persona, (_busan, _ministry) in _AMENDING_GRID.items():
    ALLOWED[_persona].update(zip(_AMENDING_ACTIONS, map(bool, (*_busan, *_ministry)), strict=True))

# Moving a task, re-linking an indicator and removing a budget cell in a draft: the same
# as editing (can_edit_submission through the drafting services' one check). task-move puts
# the detailed task under a second core task (staged, MOVE_TARGET); indicator-relink links
# the indicator to the first task; budget-remove removes the first strategy's 지방비 cell.
MOVES = ["task-move", "indicator-relink", "budget-remove"]
# columns, for 부산 and then for 행안부: task-move, indicator-relink, budget-remove
_MOVES_GRID = {
    "anonymous":       ((0, 0, 0), (0, 0, 0)),
    "busan_viewer":    ((0, 0, 0), (0, 0, 0)),
    "busan_editor":    ((1, 1, 1), (0, 0, 0)),
    "seoul_editor":    ((0, 0, 0), (0, 0, 0)),
    "ministry_editor": ((0, 0, 0), (1, 1, 1)),
    "committee_staff": ((1, 1, 1), (1, 1, 1)),
    "superuser":       ((1, 1, 1), (1, 1, 1)),
}  # fmt: skip
_MOVE_ACTIONS = [f"{step} {body}" for body in ("부산", "행안부") for step in MOVES]
ACTIONS.extend(_MOVE_ACTIONS)
for _persona, (_busan, _ministry) in _MOVES_GRID.items():
    ALLOWED[_persona].update(zip(_MOVE_ACTIONS, map(bool, (*_busan, *_ministry)), strict=True))
MOVE_TARGET = "옮겨 갈 핵심과제"


def moved_task(submission: Submission) -> Task:
    """The task a move moves: the draft's detailed task."""
    return submission.plan.tasks.get(kind=TaskKind.DETAILED)


def move_target(submission: Submission) -> Task:
    """The core task a move puts the detailed task under (staged)."""
    return submission.plan.tasks.get(name=MOVE_TARGET)


def removed_budget(submission: Submission) -> Budget:
    """The cell a budget removal removes: the first strategy's 지방비."""
    return submission.plan.budgets.get(source=BudgetSource.LOCAL)


# the state each action starts from (the local deliberation already recorded)
START = {
    "roll-forward": SubmissionState.DRAFTING,
    "task-edit": SubmissionState.DRAFTING,
    "budget-edit": SubmissionState.DRAFTING,
    "budget-set": SubmissionState.DRAFTING,
    "local-resolution": SubmissionState.DRAFTING,
    "submit": SubmissionState.DRAFTING,
    "review": SubmissionState.SUBMITTED,
    "return": SubmissionState.SUBMITTED,
    "accept": SubmissionState.SUBMITTED,
    "resolve": SubmissionState.ACCEPTED,
    **{step: SubmissionState.DRAFTING for step in EDITOR},
    **{step: SubmissionState.DRAFTING for step in MOVES},
    "comment": SubmissionState.SUBMITTED,  # remarks are made on what the body handed in
    "answer": SubmissionState.SUBMITTED,
}
LOCAL_RESOLUTION = date(2025, 1, 20)
# what the edits write, by every way in alike
TASK_NAME = "새 과제명"
EDITED_AMOUNT = Decimal("12.5")  # budget-edit: the strategy's 국비 cell (93.5 before)
SET_AMOUNT = Decimal("7")  # budget-set: the strategy's 민자 cell, new
GOAL = "모두가 살기 좋은 새 목표"  # goal-edit, and workbook-upload through the goal row
STRATEGY_NAME = "새 전략명"  # strategy-edit renames the first strategy; strategy-add adds one
EMPTY_STRATEGY = "과제 없는 전략"  # strategy-remove: a strategy without tasks (staged)
ADDED_TASK = "새 핵심과제"  # task-add: a core task under the first strategy
INDICATOR_NAME = "새 지표명"  # indicator-edit renames the first; indicator-add adds one
REMARK = "목표값의 근거를 적어 주세요."  # comment: on the task a task edit renames
ANSWER = "근거를 보탰습니다."  # answer: to a staff remark (staged)
DECISION_NOTE = "같은 사업을 두 번 셌습니다."  # duplicate-decide: confirmed
GUIDELINES_MEETING = "제9차 지방시대위원회"  # guidelines: the meeting recorded


def split(action: str) -> tuple[str, str | None]:
    """The step and the body of an action: `submit 부산` → (submit, 부산), `open` → (open,
    None); resolve acts on 부산's accepted plan."""
    step, _, body = action.partition(" ")
    return step, body or ("부산" if step == "resolve" else None)


def staged(action: str, submissions: dict[str, Submission]) -> Submission | None:
    """The submission `action` acts on, put in the state the action starts from. For a
    roll-forward the draft is deleted and the body's plan of 2024 made (행안부 rolls
    forward from its part of the sectoral plan, the fixture `sectoral_2024`); a strategy
    removal gets a strategy without tasks, an answer a staff remark to answer; the
    compilation's actions get both drafts handed in."""
    step, body = split(action)
    if step in COMPILING:
        _compiled(step, submissions)
    if body is None:
        return None
    submission = submissions[body]
    fields = {"state": START[step], "local_resolution_date": LOCAL_RESOLUTION}
    if step == "roll-forward":
        draft = submission.plan
        Submission.objects.filter(pk=submission.pk).update(plan=None)
        draft.delete()
        if body == "부산":
            Plan.objects.create(
                year=2024, level=PlanLevel.PROVINCE, owner=submission.organization, goal="부산"
            )
    Submission.objects.filter(pk=submission.pk).update(**fields)
    submission.refresh_from_db()
    if step in AMENDING:
        amendment_staged(step, submission)
    if step == "strategy-remove":
        Strategy.objects.create(
            plan=submission.plan, kind=StrategyKind.PILLAR, position=2, code="Ⅱ",
            name=EMPTY_STRATEGY,
        )  # fmt: skip
    if step == "task-move":
        core = submission.plan.tasks.get(kind=TaskKind.CORE)
        Task.objects.create(
            plan=submission.plan, strategy=core.strategy, kind=TaskKind.CORE, position=2,
            code="Ⅰ-2", name=MOVE_TARGET,
        )  # fmt: skip
    if step == "answer":
        ItemComment.objects.create(
            submission=submission, item_kind=ItemKind.TASK, item_id=edited_task(submission).pk,
            item_label="Ⅰ-1 자치분권 강화", author=User.objects.get(username="committee_staff"),
            at=timezone.now(), text=REMARK,
        )  # fmt: skip
    return submission


def _compiled(step: str, submissions: dict[str, Submission]) -> None:
    """Both drafts handed in, so that they take part in the compilation (their detailed
    tasks are named alike: a duplicate candidate); the candidate itself where it is seen
    or judged."""
    for submission in submissions.values():
        Submission.objects.filter(pk=submission.pk).update(state=SubmissionState.SUBMITTED)
    if step in ("compilation-view", "duplicate-decide"):
        regional, sectoral = (
            s.plan.tasks.get(kind=TaskKind.DETAILED) for s in submissions.values()
        )
        DuplicateCandidate.objects.create(
            cycle=submissions["부산"].cycle, regional_task=regional, sectoral_task=sectoral,
            similarity=Decimal("1"), reason="이름이 같습니다.",
        )  # fmt: skip


def edited_strategy(submission: Submission) -> Strategy:
    """The strategy a strategy edit renames: the draft's first."""
    return submission.plan.strategies.order_by("pk").first()


def edited_indicator(submission: Submission) -> Indicator:
    """The indicator an indicator edit renames and an indicator removal removes: the
    draft's only one."""
    return submission.plan.indicators.order_by("pk").first()


def removed_task(submission: Submission) -> Task:
    """The task a removal removes: the draft's detailed task (no indicator hangs on it)."""
    return submission.plan.tasks.get(kind=TaskKind.DETAILED)


def remark(submission: Submission) -> ItemComment:
    """The staff remark an answer answers (staged)."""
    return submission.comments.get(reply_to=None)


def candidate() -> DuplicateCandidate:
    """The duplicate candidate staged for viewing and judging."""
    return DuplicateCandidate.objects.get()


def workbook_with_goal(plan) -> bytes:
    """The draft's Excel template as downloaded, with GOAL written in the goal row."""
    book = load_workbook(io.BytesIO(workbook_build(plan)))
    sheet = book[GOAL_SHEET]
    columns = COLUMNS[GOAL_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == GOAL_ROW)
    sheet.cell(row, columns.index("내용") + 1).value = GOAL
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def edited_task(submission: Submission) -> Task:
    """The task a task edit renames: the draft's first (a core task)."""
    return submission.plan.tasks.order_by("pk").first()


def edited_budget(submission: Submission) -> Budget:
    """The cell a budget edit changes: the first strategy's 국비."""
    return submission.plan.budgets.get(source=BudgetSource.NATIONAL)


def happened(action: str, submission: Submission | None) -> bool:
    """Whether `action` took effect: what each way in must have done when allowed and
    must not have done when refused."""
    step, _body = split(action)
    assert step not in READS, "a read changes nothing: check its answer"
    if step == "open":
        return Cycle.objects.filter(year=2026).exists()
    if step == "duplicates-find":
        return DuplicateCandidate.objects.exists()
    if step == "duplicate-decide":
        return candidate().status == DuplicateStatus.CONFIRMED
    if step == "guidelines":
        return Cycle.objects.get(year=2025).guidelines_meeting == GUIDELINES_MEETING
    submission.refresh_from_db()
    plan = submission.plan
    edits = {
        "goal-edit": lambda: plan.goal == GOAL,
        "workbook-upload": lambda: plan.goal == GOAL,
        "strategy-edit": lambda: edited_strategy(submission).name == STRATEGY_NAME,
        "strategy-add": lambda: plan.strategies.filter(name=STRATEGY_NAME).exists(),
        "strategy-remove": lambda: not plan.strategies.filter(name=EMPTY_STRATEGY).exists(),
        "task-add": lambda: plan.tasks.filter(name=ADDED_TASK, parent=None).exists(),
        "task-remove": lambda: not plan.tasks.filter(kind=TaskKind.DETAILED).exists(),
        "indicator-edit": lambda: edited_indicator(submission).name == INDICATOR_NAME,
        "indicator-add": lambda: plan.indicators.filter(name=INDICATOR_NAME).exists(),
        "indicator-remove": lambda: not plan.indicators.exists(),
        "comment": lambda: submission.comments.filter(text=REMARK, reply_to=None).exists(),
        "answer": lambda: submission.comments.filter(text=ANSWER, reply_to__isnull=False).exists(),
        "task-move": lambda: moved_task(submission).parent_id == move_target(submission).pk,
        "indicator-relink": lambda: (
            edited_indicator(submission).task_id == edited_task(submission).pk
        ),
        "budget-remove": lambda: not plan.budgets.filter(source=BudgetSource.LOCAL).exists(),
    }
    if step in edits:
        plan.refresh_from_db()
        return edits[step]()
    if step == "resolve":
        return submission.state == SubmissionState.RESOLVED
    if step == "roll-forward":
        return submission.plan_id is not None
    if step == "task-edit":
        return edited_task(submission).name == TASK_NAME
    if step == "budget-edit":
        return edited_budget(submission).amount_eok == EDITED_AMOUNT
    if step == "budget-set":
        return submission.plan.budgets.filter(
            source=BudgetSource.PRIVATE, amount_eok=SET_AMOUNT
        ).exists()
    return submission.events.filter(action=step).exists()


# amendments start from the body's resolved plan
START.update({step: SubmissionState.RESOLVED for step in AMENDING})
AMENDMENT_REASON = "재정투입 조정"
AMENDMENT_MEETING = "제9차 지방시대위원회"
# the state of the amendment each step starts from; none for a start
_AMENDMENT_START = {
    "amendment-submit": AmendmentState.DRAFTING,
    "amendment-return": AmendmentState.SUBMITTED,
    "amendment-withdraw": AmendmentState.DRAFTING,
    "amendment-resolve": AmendmentState.SUBMITTED,
}


def amendment_staged(step: str, submission: Submission) -> None:
    """The body's plan resolved as version 1 and, but for a start, amendment 1 with its
    draft copy in the state `step` starts from; set directly, so no event is recorded."""
    plan = submission.plan
    Plan.objects.filter(pk=plan.pk).update(is_draft=False)
    plan.refresh_from_db()
    staff = User.objects.get(username="committee_staff")
    version_create(
        plan=plan, actor=staff, meeting="제6차 지방시대위원회", resolved_on=date(2025, 4, 4)
    )
    if step in _AMENDMENT_START:
        draft = draft_copy(
            staff, plan, None, body=plan.owner, level=plan.level, year=plan.year, keep_values=True
        )
        Amendment.objects.create(
            submission=submission, number=1, reason=AMENDMENT_REASON, draft_plan=draft,
            state=_AMENDMENT_START[step], created_by=staff,
        )  # fmt: skip
