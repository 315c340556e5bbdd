"""지특회계 evaluation results (2024 plan l.155–157: the Committee evaluates in step with the
evaluation of 지특회계 projects, 자율계정·지원계정): a staff upload of the ministry's table, kept
as printed, each row with the plan task DREAM proposes by name similarity, confirmed or set
to none by staff. The import is all rows or none, every error named by its row."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from dream.accounts.models import User
from dream.accounts.selectors import organization_named
from dream.core.korean import particle, with_particle
from dream.core.spreadsheets import excel_safe
from dream.cycle.compilation import name_similarity
from dream.cycle.errors import InvalidInput, NotAllowed, text_checked
from dream.plans.models import Task
from dream.tracking.files import ImportFileError, csv_lines, upload_content, xlsx_lines

from .choices import MatchStatus, SpecialAccount
from .models import SpecialAccountResult
from .permissions import can_manage_round

COLUMNS = ("계정", "사업명", "기관", "등급", "점수")
REQUIRED = ("계정", "사업명", "기관")
ACCOUNTS = {label: value for value, label in SpecialAccount.choices}
SUGGEST_FROM = Decimal("0.5")  # a name similarity DREAM chose for proposing a match
MAX_ROWS = 5000
LIMITS = {"계정": 50, "사업명": 300, "기관": 100, "등급": 50}


class SpecialAccountRefused(InvalidInput):
    """The file was not imported; `errors` lists every row's problem in Korean."""

    def __init__(self, errors: list[str]):
        super().__init__(f"지특회계 평가 결과를 가져오지 않았습니다: 고칠 것 {len(errors):,}건.")
        self.errors = errors


def _lines(content: bytes, filename: str):
    name = filename.lower()
    if name.endswith(".csv"):
        return csv_lines(content)
    if name.endswith(".xlsx"):
        return xlsx_lines(content)
    raise ImportFileError("CSV(.csv) 또는 Excel(.xlsx) 파일만 가져올 수 있습니다.")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read(content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    lines = _lines(content, filename)
    try:
        header = next(lines, None)
        if header is None:
            raise ImportFileError("파일이 비어 있습니다.")
        names = [_cell(h) for h in header]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise ImportFileError(f"머리글에 {', '.join(missing)} 열이 없습니다.")
        where = {c: names.index(c) for c in COLUMNS if c in names}
        rows = []
        for number, cells in enumerate(lines, start=2):
            row = {c: _cell(cells[i]) if i < len(cells) else "" for c, i in where.items()}
            if not any(row.values()):
                continue
            rows.append((number, row))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다.")
    finally:
        lines.close()
    if not rows:
        raise ImportFileError("머리글 아래에 데이터 행이 없습니다.")
    return rows


def _suggest(year: int, organization, project_name: str) -> Task | None:
    """The body's task of a resolved plan of `year` whose name is most like the project's."""
    best, best_score = None, SUGGEST_FROM
    for task in Task.objects.filter(
        plan__year=year, plan__is_draft=False, plan__owner=organization
    ):
        score = name_similarity(task.name, project_name)
        if score >= best_score:
            best, best_score = task, score
    return best


@transaction.atomic
def special_account_import(
    *, actor: User, year: int, file, filename: str, as_system: bool = False
) -> list[SpecialAccountResult]:
    """Every row stored, or none with every row's error (행 번호); the file's SHA-256 kept.
    `as_system`: the command line run by the server's operator, recorded under `system`."""
    if not as_system and not can_manage_round(actor):
        raise NotAllowed("지특회계 평가 결과는 지방시대위원회 담당자만 가져옵니다.")
    try:
        content = upload_content(file)
        rows = _read(content, filename)
    except ImportFileError as error:
        raise InvalidInput(str(error)) from error
    digest = hashlib.sha256(content).hexdigest()
    if SpecialAccountResult.objects.filter(year=year, file_sha256=digest).exists():
        raise InvalidInput("이 파일은 이미 가져왔습니다(같은 SHA-256).")
    errors, results, now = [], [], timezone.now()
    for number, row in rows:
        said = []
        for column in COLUMNS:
            value = row.get(column, "")
            try:
                text_checked(value, column)
            except InvalidInput as refused:
                said.append(refused.message)
            if column in LIMITS and len(value) > LIMITS[column]:
                said.append(f"{with_particle(column, '은')} {LIMITS[column]:,}자까지입니다.")
        for column in REQUIRED:
            if not row.get(column):
                said.append(f"{with_particle(column, '이')} 비어 있습니다.")
        account = ACCOUNTS.get(row.get("계정", ""))
        if row.get("계정") and account is None:
            said.append(
                f"계정 '{row['계정']}'{particle(row['계정'], '은')} 자율계정·지원계정·기타 중 하나여야 합니다."
            )
        organization = organization_named(row.get("기관", "")) if row.get("기관") else None
        if row.get("기관") and organization is None:
            said.append(
                f"기관 '{row['기관']}'{particle(row['기관'], '을')} 기관 목록에서 찾지 못했습니다."
            )
        score = None
        if row.get("점수"):
            try:
                score = Decimal(row["점수"].replace(" ", ""))
                if not score.is_finite() or not (0 <= score <= 100):
                    raise InvalidOperation
            except InvalidOperation:
                said.append(f"점수 '{row['점수']}'는 0~100 사이의 숫자(점)여야 합니다.")
        if said:
            errors.extend(f"{number:,}행: {message}" for message in said)
            continue
        task = _suggest(year, organization, row["사업명"])
        results.append(
            SpecialAccountResult(
                year=year,
                account=account,
                account_text=row["계정"],
                project_name=row["사업명"],
                organization_name=row["기관"],
                organization=organization,
                grade_text=row.get("등급", ""),
                score=score.quantize(Decimal("0.0001")) if score is not None else None,
                file_name=filename[:255],
                file_sha256=digest,
                row=number,
                matched_task=task,
                match_status=MatchStatus.PROPOSED if task else MatchStatus.NONE,
                imported_by=actor,
                imported_at=now,
            )
        )
    if errors:
        raise SpecialAccountRefused(errors)
    for result in results:
        result._history_user = actor
        result._change_reason = "special_account.import"
        result.save()
    return results


@transaction.atomic
def special_account_match(
    *, actor: User, result: SpecialAccountResult, task: Task | None
) -> SpecialAccountResult:
    """Staff confirm the plan task a row answers (확인), or that none does (없음)."""
    if not can_manage_round(actor):
        raise NotAllowed("지특회계 결과의 대응 과제는 지방시대위원회 담당자만 정합니다.")
    result = SpecialAccountResult.objects.select_for_update().get(pk=result.pk)
    if task is not None and (task.plan.year != result.year or task.plan.is_draft):
        raise InvalidInput(f"{result.year}년 의결된 시행계획의 과제만 고를 수 있습니다.")
    result.matched_task = task
    result.match_status = MatchStatus.CONFIRMED if task else MatchStatus.NONE
    result._history_user = actor
    result._change_reason = "special_account.match"
    result.save()
    return result


def special_account_template() -> bytes:
    """The import template: the header and one example row (formula-safe)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "지특회계 평가 결과"
    sheet.append(list(COLUMNS))
    sheet.append([excel_safe(v) for v in ("자율계정", "(예시) 사업 이름", "부산", "우수", "85")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
