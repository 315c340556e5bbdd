"""Forms of the agency pages. They only parse input; the services check the rules, and their
field names match the services' arguments."""

from django import forms

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.core.uploads import CappedUploadForm
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .choices import Incorporation
from .models import DigitalAgency, PerformanceReport
from .services import OutcomeInput

OUTCOME_ROWS = 5


class KoreanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AgencyForm(KoreanForm):
    province = forms.ModelChoiceField(
        label="시·도",
        queryset=Organization.objects.filter(kind=OrganizationKind.PROVINCE),
        empty_label="(고르세요)",
    )
    name = forms.CharField(label="기관 이름", max_length=50, help_text="예: 부산정보산업진흥원")
    incorporation = forms.ChoiceField(
        label="독립 법인화", choices=Incorporation.choices, initial=Incorporation.UNCONFIRMED
    )
    planning_unit_established_on = forms.DateField(
        label="기획단 신설일", widget=DateInput(), required=False
    )
    source_text = forms.CharField(label="근거(원문·공개 자료)", max_length=300, required=False)
    source_line = forms.IntegerField(
        label="원문 줄", min_value=1, max_value=10_000_000, required=False,
        help_text="「지방 디지털 경쟁력 강화방안」의 줄 번호(있으면)",
    )  # fmt: skip
    note = forms.CharField(label="비고", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def initial_of(cls, agency: DigitalAgency) -> dict:
        return {
            "province": agency.province_id,
            "name": agency.name,
            "incorporation": agency.incorporation,
            "planning_unit_established_on": agency.planning_unit_established_on,
            "source_text": agency.source_text,
            "source_line": agency.source_line,
            "note": agency.note,
            "is_active": agency.is_active,
        }


class AgencyUpdateForm(AgencyForm):
    is_active = forms.BooleanField(label="운영 중", required=False)
    reason = forms.CharField(label="바꾼 까닭", max_length=100, required=False)


class ReportForm(KoreanForm):
    """One programme's report; outcomes are fixed rows (empty rows are dropped)."""

    ministry = forms.ModelChoiceField(
        label="부처",
        queryset=Organization.objects.filter(kind=OrganizationKind.MINISTRY),
        empty_label="(고르세요)",
    )
    programme = forms.CharField(label="사업명", max_length=200)
    budget = forms.CharField(label="예산(억원)", max_length=50, help_text="예: 93.5")
    spent = forms.CharField(label="집행액(억원)", max_length=50, required=False)
    outputs = forms.CharField(
        label="산출물", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(1, OUTCOME_ROWS + 1):
            self.fields[f"outcome_{index}_name"] = forms.CharField(
                label=f"성과지표 {index}", max_length=200, required=False
            )
            self.fields[f"outcome_{index}_unit"] = forms.CharField(
                label="단위", max_length=20, required=False
            )
            self.fields[f"outcome_{index}_target"] = forms.CharField(
                label="목표", max_length=100, required=False
            )
            self.fields[f"outcome_{index}_actual"] = forms.CharField(
                label="실적", max_length=100, required=False
            )

    @property
    def outcome_rows(self):
        return [
            [self[f"outcome_{i}_{part}"] for part in ("name", "unit", "target", "actual")]
            for i in range(1, OUTCOME_ROWS + 1)
        ]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        outcomes = []
        for index in range(1, OUTCOME_ROWS + 1):
            parts = [data.pop(f"outcome_{index}_{p}") for p in ("name", "unit", "target", "actual")]
            if any(parts):
                outcomes.append(OutcomeInput(*parts))
        data["outcomes"] = outcomes
        return data

    @classmethod
    def initial_of(cls, report: PerformanceReport) -> dict:
        initial = {
            "ministry": report.ministry_id,
            "programme": report.programme,
            "budget": report.budget_text,
            "spent": report.spent_text,
            "outputs": report.outputs,
            "seen": report.version,
        }
        for index, outcome in enumerate(report.outcomes.all()[:OUTCOME_ROWS], start=1):
            initial.update(
                {
                    f"outcome_{index}_name": outcome.name,
                    f"outcome_{index}_unit": outcome.unit,
                    f"outcome_{index}_target": outcome.target_text,
                    f"outcome_{index}_actual": outcome.actual_text,
                }
            )
        return initial


class PerformanceWorkbookForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    file = forms.FileField(
        label="Excel 파일(.xlsx)",
        help_text=f"내려받은 서식에 적은 파일. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
