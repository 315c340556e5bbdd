"""Forms of the register's pages. They only carry what a person typed: the services check and
refuse it (Korean messages the views show), as they do for the API and the import."""

from django import forms

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.core.uploads import CappedUploadForm
from dream.districts.forms import DateInput, KoreanForm
from dream.priorities.models import Inspection
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .choices import ClosureStep, TaskState
from .services import (
    CODE_MAX_LENGTH,
    DOCUMENT_MAX_LENGTH,
    OPEN_STATES,
    PLEDGE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

OPEN_CHOICES = [(state.value, state.label) for state in OPEN_STATES]


class TaskForm(KoreanForm):
    code = forms.CharField(
        label="과제 번호", max_length=CODE_MAX_LENGTH, help_text="시·도가 매긴 번호(예: 부산-01)"
    )
    title = forms.CharField(label="과제명", max_length=TITLE_MAX_LENGTH)
    origin_pledge = forms.CharField(
        label="대통령 지역공약", max_length=PLEDGE_MAX_LENGTH, required=False
    )
    announced_2022 = forms.BooleanField(
        label="인수위 발표 과제(’22.4, 17개 시·도×15개, 원문 611줄)", required=False
    )
    in_comprehensive_plan = forms.BooleanField(
        label="지방시대 종합계획(’23~’27) 반영 과제(원문 620줄)", required=False
    )
    ministry = forms.ModelChoiceField(
        label="소관 부처",
        queryset=Organization.objects.filter(kind=OrganizationKind.MINISTRY).order_by("position"),
        required=False,
        empty_label="(정하지 않음)",
    )


class TaskCreateForm(TaskForm):
    province = forms.ModelChoiceField(
        label="시·도", queryset=Organization.objects.none(), empty_label="(고르세요)"
    )
    state = forms.ChoiceField(label="관리 구분", choices=OPEN_CHOICES, initial=TaskState.ACTIVE)

    field_order = ["province", "code", "title"]

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces


class DecisionForm(KoreanForm):
    decided_on = forms.DateField(label="결정일", widget=DateInput())
    document = forms.CharField(
        label="근거 문서",
        max_length=DOCUMENT_MAX_LENGTH,
        help_text="공문·회의 결과 등 문서 이름이나 번호",
    )
    note = forms.CharField(label="비고", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ClassifyForm(DecisionForm):
    to_state = forms.ChoiceField(label="바꿀 관리 구분", choices=OPEN_CHOICES)

    field_order = ["to_state"]


class ClosureRequestForm(DecisionForm):
    decided_on = forms.DateField(label="요청일", widget=DateInput())


class ClosureStepForm(DecisionForm):
    step = forms.ChoiceField(label="절차", choices=ClosureStep.choices, widget=forms.HiddenInput)
    inspection = forms.ModelChoiceField(
        label="반기별 이행점검",
        queryset=Inspection.objects.order_by("-year", "-half"),
        required=False,
        empty_label="(고르세요)",
        help_text="결과 보고 단계에만: 전문위 논의 이후에 한 이행점검",
    )


class WithdrawForm(KoreanForm):
    decided_on = forms.DateField(label="철회일", widget=DateInput())
    document = forms.CharField(label="근거 문서", max_length=DOCUMENT_MAX_LENGTH)


class BudgetRequestForm(KoreanForm):
    year = forms.CharField(label="예산 연도", max_length=4, help_text="예: 2025")
    amount_text = forms.CharField(
        label="요구액(억원)", max_length=50, help_text="예: 1,234.5 (소수점은 마침표)"
    )
    request_note = forms.CharField(
        label="요구 내용", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BudgetOpinionForm(KoreanForm):
    opinion = forms.CharField(label="부처 협의 의견", widget=forms.Textarea(attrs={"rows": 2}))


class BudgetForwardForm(KoreanForm):
    forwarded_on = forms.DateField(label="기획재정부 송부일", widget=DateInput())


class ImportForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    file = forms.FileField(
        label="서식 파일(CSV 또는 Excel)",
        help_text=f"내려받은 서식에 적은 파일. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
