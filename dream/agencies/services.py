"""The only write path for agencies and their performance reports: forms, the Excel upload,
the seed command and the API all call these.

Each service checks permission (NotAllowed), then state (StateConflict), then input
(InvalidInput), locks the row it decides on and sets the history user, so every change
is in the history with who made it. Amounts are 억원 read by the one reader of entered
amounts (`dream.plans.amounts.eok_parsed`: "93.5" yes, "31,6" no), kept beside the text.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.accounts.permissions import is_committee_staff
from dream.core.korean import with_particle
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.ingest.numbers import parse_number
from dream.plans.amounts import eok_parsed

from .choices import Incorporation, ReportState
from .models import FIRST_YEAR, LAST_YEAR, DigitalAgency, PerformanceOutcome, PerformanceReport
from .permissions import can_edit_agency, can_register_agency, can_report_for

NAME_MAX_LENGTH = 50  # Organization.short_name
REASON_MAX_LENGTH = 100  # simple-history's change reason column
MAX_OUTCOMES = 20


# ---------------------------------------------------------------- agencies


def _agency_fields(
    *, province, name, incorporation, planning_unit_established_on, source_text, source_line, note
) -> dict:
    if not isinstance(province, Organization) or province.kind != OrganizationKind.PROVINCE:
        raise InvalidInput("시·도를 골라 주세요.")
    if incorporation not in Incorporation.values:
        raise InvalidInput("독립 법인화 상태를 골라 주세요.")
    if planning_unit_established_on is not None and not isinstance(
        planning_unit_established_on, date
    ):
        raise InvalidInput("기획단 신설일은 날짜로 적어 주세요.")
    if source_line is not None and (not isinstance(source_line, int) or source_line < 1):
        raise InvalidInput("원문 줄은 1 이상의 정수로 적어 주세요.")
    return {
        "name": text_field(name, "기관 이름", limit=NAME_MAX_LENGTH, one_line=True),
        "province": province,
        "incorporation": incorporation,
        "planning_unit_established_on": planning_unit_established_on,
        "source_text": text_field(source_text, "원문", limit=300, required=False, one_line=True),
        "source_line": source_line,
        "note": text_field(note, "비고", limit=2000, required=False),
    }


def _name_taken(name: str, agency: DigitalAgency | None = None) -> bool:
    others = Organization.objects.filter(kind=OrganizationKind.AGENCY, short_name=name)
    if agency is not None:
        others = others.exclude(pk=agency.organization_id)
    return others.exists()


@transaction.atomic
def agency_register(
    *,
    actor: User,
    province: Organization,
    name: str,
    incorporation: str = Incorporation.UNCONFIRMED,
    planning_unit_established_on: date | None = None,
    source_text: str = "",
    source_line: int | None = None,
    note: str = "",
) -> DigitalAgency:
    """Register an agency: its organization (kind agency, under the province) and its
    profile together. Names are unique among agencies."""
    if not can_register_agency(actor):
        raise NotAllowed("지역 디지털 진흥기관은 지방시대위원회 담당자만 등록합니다.")
    return _agency_create(
        actor=actor, province=province, name=name, incorporation=incorporation,
        planning_unit_established_on=planning_unit_established_on, source_text=source_text,
        source_line=source_line, note=note,
    )  # fmt: skip


def _agency_create(
    *, actor, province, name, incorporation, planning_unit_established_on, source_text,
    source_line, note,
) -> DigitalAgency:  # fmt: skip
    fields = _agency_fields(
        province=province, name=name, incorporation=incorporation,
        planning_unit_established_on=planning_unit_established_on, source_text=source_text,
        source_line=source_line, note=note,
    )  # fmt: skip
    name = fields.pop("name")
    if _name_taken(name):
        raise InvalidInput(f"{with_particle(name, '은')} 이미 등록된 기관입니다.")
    organization = Organization(
        kind=OrganizationKind.AGENCY, short_name=name, full_name=name, parent=province
    )
    organization._history_user = actor
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        raise InvalidInput(f"{with_particle(name, '은')} 이미 등록된 기관입니다.") from None
    agency = DigitalAgency(organization=organization, **fields)
    agency._history_user = actor
    agency._change_reason = "agency.registered"
    agency.save()
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: User,
    agency: DigitalAgency,
    province: Organization,
    name: str,
    incorporation: str,
    planning_unit_established_on: date | None = None,
    source_text: str = "",
    source_line: int | None = None,
    note: str = "",
    is_active: bool = True,
    reason: str = "",
) -> DigitalAgency:
    """Correct an agency's profile (Committee staff); the history keeps what it was. A new
    name or province is written to its organization too."""
    if not can_edit_agency(actor, agency):
        raise NotAllowed("지역 디지털 진흥기관의 정보는 지방시대위원회 담당자만 고칩니다.")
    agency = (
        DigitalAgency.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=agency.pk)
    )
    fields = _agency_fields(
        province=province, name=name, incorporation=incorporation,
        planning_unit_established_on=planning_unit_established_on, source_text=source_text,
        source_line=source_line, note=note,
    )  # fmt: skip
    reason = text_field(reason, "바꾼 까닭", limit=REASON_MAX_LENGTH, required=False, one_line=True)
    name = fields.pop("name")
    if _name_taken(name, agency):
        raise InvalidInput(f"{with_particle(name, '은')} 이미 등록된 기관입니다.")
    organization = agency.organization
    if (organization.short_name, organization.parent_id) != (name, province.pk):
        organization.short_name = organization.full_name = name
        organization.parent = province
        organization._history_user = actor
        organization.save()
    for field, value in fields.items():
        setattr(agency, field, value)
    agency.is_active = bool(is_active)
    agency._history_user = actor
    agency._change_reason = reason or "agency.updated"
    agency.save()
    return agency


@transaction.atomic
def agencies_seed(*, actor: User, entries: list[dict]) -> list[DigitalAgency]:
    """Register the reviewed seed entries not registered yet (by name), all or none; the
    command line is trusted like `dream import-plan`, the history names `actor` (the system
    account). Returns the agencies created."""
    provinces = {
        o.short_name: o for o in Organization.objects.filter(kind=OrganizationKind.PROVINCE)
    }
    created = []
    for entry in entries:
        if _name_taken(entry["name"]):
            continue
        province = provinces.get(entry["province"])
        if province is None:
            raise InvalidInput(f"시·도 '{entry['province']}'가 없습니다(dream organizations).")
        created.append(
            _agency_create(
                actor=actor,
                province=province,
                name=entry["name"],
                incorporation=entry.get("incorporation", Incorporation.UNCONFIRMED),
                planning_unit_established_on=None,
                source_text=entry["printed"],
                source_line=entry["source_line"],
                note=entry.get("note", ""),
            )  # fmt: skip
        )
    return created


# ---------------------------------------------------------------- performance reports


@dataclass(frozen=True)
class OutcomeInput:
    """One outcome row as entered: target and actual are texts ("1,200", "완료")."""

    name: str
    unit: str = ""
    target: str = ""
    actual: str = ""


def value_parsed(raw, what: str) -> tuple[str, Decimal | None]:
    """An outcome's target or actual: the text kept, and its number when it is one ("1,200",
    "31.6%"); a text that is no number ("완료") has none. "31,6" is refused."""
    text = text_field(
        raw if raw is not None else "", what, limit=100, one_line=True, required=False
    )
    if not text:
        return "", None
    parsed = parse_number(text)
    if parsed.problem and parsed.value is not None:
        raise InvalidInput(f"{what}: {parsed.problem}. 소수점은 마침표로 적어 주세요.")
    if parsed.value is not None and abs(parsed.value) >= Decimal(10) ** 15:
        raise InvalidInput(f"{with_particle(what, '이')} 너무 큽니다.")
    return text, parsed.value


def _outcome_rows(outcomes) -> list[dict]:
    outcomes = list(outcomes)
    if len(outcomes) > MAX_OUTCOMES:
        raise InvalidInput(f"성과지표는 사업마다 {MAX_OUTCOMES}개까지 적을 수 있습니다.")
    rows = []
    for position, outcome in enumerate(outcomes, start=1):
        target_text, target_value = value_parsed(outcome.target, f"성과지표 {position} 목표")
        actual_text, actual_value = value_parsed(outcome.actual, f"성과지표 {position} 실적")
        rows.append(
            {
                "position": position,
                "name": text_field(outcome.name, f"성과지표 {position} 이름", limit=200, one_line=True),
                "unit": text_field(outcome.unit, f"성과지표 {position} 단위", limit=20, required=False, one_line=True),
                "target_text": target_text,
                "target_value": target_value,
                "actual_text": actual_text,
                "actual_value": actual_value,
            }
        )  # fmt: skip
    return rows


def _year(raw) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not FIRST_YEAR <= raw <= LAST_YEAR:
        raise InvalidInput(f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이로 적어 주세요.")
    return raw


def _ministry(ministry) -> Organization:
    if not isinstance(ministry, Organization) or ministry.kind != OrganizationKind.MINISTRY:
        raise InvalidInput("부처를 골라 주세요.")
    return ministry


@transaction.atomic
def performance_report_save(
    *,
    actor: User,
    agency: DigitalAgency,
    year: int,
    ministry: Organization,
    programme: str,
    budget,
    spent="",
    outputs: str = "",
    outcomes=(),
    report: PerformanceReport | None = None,
    seen: int | None = None,
    reason: str = "",
) -> PerformanceReport:
    """Write one programme's report of `year`: a new one (a draft), or `report` (or the one
    with the same ministry and programme) changed. The agency's writers change drafts;
    Committee staff may correct a submitted report. `seen` (the report's `version` the form
    was filled from) refuses a second save that would overwrite a change its author never
    saw. Outcomes are replaced row by row in order; each change is in the history."""
    if not can_report_for(actor, agency):
        raise NotAllowed(f"{agency}의 성과를 보고할 권한이 없습니다.")
    year, ministry = _year(year), _ministry(ministry)
    programme = text_field(programme, "사업명", limit=200, one_line=True)
    locked = PerformanceReport.objects.select_for_update(of=("self",))
    if report is not None:
        report = locked.filter(pk=report.pk, agency=agency).first()
        if report is None:
            raise InvalidInput("이 기관의 보고가 아닙니다.")
    else:
        report = locked.filter(
            agency=agency, year=year, ministry=ministry, programme=programme
        ).first()
    if report is not None:
        _check_editable(actor, report)
        if seen is not None and report.version != seen:
            raise StateConflict(
                "다른 담당자가 먼저 이 보고를 고쳤습니다. 보고를 다시 열어 보고, 필요하면 다시 "
                "고치세요."
            )
    budget_eok, budget_text = eok_parsed(budget, "예산")
    spent_eok, spent_text = (None, "")
    if spent not in (None, ""):
        spent_eok, spent_text = eok_parsed(spent, "집행액")
    outputs = text_field(outputs, "산출물", limit=4000, required=False)
    rows = _outcome_rows(outcomes)
    reason = text_field(reason, "바꾼 까닭", limit=REASON_MAX_LENGTH, required=False, one_line=True)
    duplicate = PerformanceReport.objects.filter(
        agency=agency, year=year, ministry=ministry, programme=programme
    )
    if report is not None:
        duplicate = duplicate.exclude(pk=report.pk)
    if duplicate.exists():
        raise InvalidInput("같은 연도·부처·사업명의 보고가 이미 있습니다.")
    created = report is None
    fields = {
        "year": year, "ministry_id": ministry.pk, "programme": programme,
        "budget_eok": budget_eok, "budget_text": budget_text, "spent_eok": spent_eok,
        "spent_text": spent_text, "outputs": outputs,
    }  # fmt: skip
    if not created and _unchanged(report, fields, rows):
        return report  # the same form or workbook sent again: no new version, no history
    if created:
        report = PerformanceReport(agency=agency, year=year)
    report.year, report.ministry, report.programme = year, ministry, programme
    report.budget_eok, report.budget_text = budget_eok, budget_text
    report.spent_eok, report.spent_text = spent_eok, spent_text
    report.outputs = outputs
    if not created:
        report.version += 1
    report._history_user = actor
    report._change_reason = reason or ("report.created" if created else "report.changed")
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise StateConflict("다른 담당자가 같은 사업의 보고를 먼저 만들었습니다.") from None
    _outcomes_replace(actor, report, rows)
    return report


def _unchanged(report: PerformanceReport, fields: dict, rows: list[dict]) -> bool:
    if any(getattr(report, key) != value for key, value in fields.items()):
        return False
    stored = [
        {key: getattr(outcome, key) for key in rows[0]} if rows else {}
        for outcome in report.outcomes.order_by("position")
    ]
    return stored == rows


def _check_editable(actor: User, report: PerformanceReport) -> None:
    if report.is_submitted and not is_committee_staff(actor):
        raise StateConflict(
            "제출한 보고는 고칠 수 없습니다. 고칠 것이 있으면 지방시대위원회 담당자에게 알려 주세요."
        )


def _outcomes_replace(actor: User, report: PerformanceReport, rows: list[dict]) -> None:
    stored = {o.position: o for o in report.outcomes.all()}
    for row in rows:
        outcome = stored.pop(row["position"], None) or PerformanceOutcome(report=report)
        if outcome.pk and all(getattr(outcome, k) == v for k, v in row.items()):
            continue
        for key, value in row.items():
            setattr(outcome, key, value)
        outcome._history_user = actor
        outcome.save()
    for outcome in stored.values():
        outcome._history_user = actor
        outcome.delete()


@transaction.atomic
def performance_report_submit(*, actor: User, report: PerformanceReport) -> PerformanceReport:
    """Submit a draft: from now on it is public and only Committee staff correct it."""
    if not can_report_for(actor, report.agency):
        raise NotAllowed(f"{report.agency}의 성과를 제출할 권한이 없습니다.")
    report = PerformanceReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.is_submitted:
        raise StateConflict("이미 제출한 보고입니다.")
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.version += 1
    report._history_user = actor
    report._change_reason = "report.submitted"
    report.save()
    return report
