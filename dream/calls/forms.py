"""Forms of the Track 1 pages: they only read the input; the services decide."""

from django import forms

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.evaluation.choices import TieKind
from dream.evaluation.models import Evaluator
from dream.pipeline.choices import ProposalState
from dream.pipeline.models import Proposal

from .choices import ApplicationState, FundedRating, SelectionRule

DATE = forms.DateInput(attrs={"type": "date"})


class CallCreateForm(forms.Form):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="공모명", max_length=200)
    budget = forms.CharField(label="예산(억원)", max_length=50)
    select_count = forms.IntegerField(label="선정 과제 수(개)", min_value=1, max_value=1000)
    deadline = forms.DateField(label="신청 마감일", widget=DATE)
    selection_rule = forms.ChoiceField(
        label="선정 규칙 (계획이 정하지 않음)", choices=SelectionRule.choices
    )
    min_units = forms.IntegerField(
        label="표준화 최소 신청 수(개)", min_value=1, max_value=1000, initial=2
    )
    min_reason_length = forms.IntegerField(
        label="점수 사유 최소 글자 수(자)", min_value=0, max_value=1000, initial=10
    )


class PreConsultationForm(forms.Form):
    province = forms.ModelChoiceField(
        label="시·도", queryset=Organization.objects.filter(kind=OrganizationKind.PROVINCE)
    )
    proposal = forms.ModelChoiceField(
        label="제안(있으면)",
        required=False,
        queryset=Proposal.objects.filter(state=ProposalState.SUBMITTED),
    )
    advisor = forms.CharField(label="컨설팅한 사람·기관", max_length=200)
    advised_on = forms.DateField(label="컨설팅한 날", widget=DATE)
    advice = forms.CharField(label="컨설팅 내용", widget=forms.Textarea(attrs={"rows": 3}))


class PanelForm(forms.Form):
    name = forms.CharField(label="평가반 이름", max_length=100)
    members = forms.ModelMultipleChoiceField(
        label="평가위원", required=False, queryset=Evaluator.objects.filter(active=True)
    )


class AssignmentForm(forms.Form):
    panel = forms.ModelChoiceField(label="평가반", queryset=None)
    application = forms.ModelChoiceField(label="신청", queryset=None)
    evaluator = forms.ModelChoiceField(
        label="평가위원", queryset=Evaluator.objects.filter(active=True)
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = call.panels.all()
        self.fields["application"].queryset = call.applications.exclude(
            state=ApplicationState.WITHDRAWN
        )


class DeclarationForm(forms.Form):
    none_to_declare = forms.BooleanField(label="이해관계가 있는 기관 없음", required=False)
    organization = forms.ModelChoiceField(
        label="이해관계가 있는 기관", required=False, queryset=Organization.objects.all()
    )
    kind = forms.ChoiceField(label="관계", choices=TieKind.choices, required=False)
    note = forms.CharField(label="비고", required=False, max_length=2000)
    statement = forms.CharField(label="진술", required=False, max_length=2000)


class ApplyForm(forms.Form):
    proposal = forms.ModelChoiceField(label="제안", queryset=None)
    requested = forms.CharField(label="신청 금액(억원)", max_length=50)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(
            province__in=provinces, state=ProposalState.SUBMITTED
        )


class SelectedApplicationForm(forms.Form):
    application = forms.ModelChoiceField(label="선정 과제", queryset=None)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = call.applications.filter(
            state=ApplicationState.SELECTED
        )


class FundedYearForm(SelectedApplicationForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    granted = forms.CharField(label="지원액(억원)", max_length=50)
    spent = forms.CharField(label="집행액(억원)", max_length=50, required=False)
    outputs = forms.CharField(label="성과", required=False, max_length=2000)
    rating = forms.ChoiceField(
        label="평가", required=False, choices=[("", "–"), *FundedRating.choices]
    )


class ExcellentForm(SelectedApplicationForm):
    reason = forms.CharField(label="우수 지정 사유", max_length=2000)


class MoveForm(SelectedApplicationForm):
    owner = forms.ModelChoiceField(
        label="트랙2 담당 부처",
        queryset=Organization.objects.filter(kind=OrganizationKind.MINISTRY),
    )
    decision = forms.CharField(label="결정 내용", max_length=2000)
