"""Forms of the pipeline's pages. They only carry what a person typed: the services check and
refuse it (with Korean messages the view puts on the form), as they do for the API."""

from django import forms

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.digital.models import DigitalArea
from dream.districts.forms import DateInput, KoreanForm
from dream.plans.models import Task

from .choices import LargeProjectStage, ProposalOrigin


class ProposalForm(KoreanForm):
    title = forms.CharField(label="사업명", max_length=200)
    summary = forms.CharField(
        label="사업 내용", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    origin = forms.ChoiceField(label="수요 출처", choices=ProposalOrigin.choices)
    origin_note = forms.CharField(
        label="출처 설명", max_length=300, required=False, help_text="예: 민선8기 공약 3-2"
    )
    area = forms.ModelChoiceField(
        label="디지털 계획 분야",
        queryset=DigitalArea.objects.order_by("plan", "position", "pk"),
        required=False,
        empty_label="(고르지 않음)",
    )
    tasks = forms.ModelMultipleChoiceField(
        label="연계 시행계획 과제",
        queryset=Task.objects.none(),
        required=False,
        help_text="확정된 시행계획의 과제만 고를 수 있습니다.",
    )
    size = forms.CharField(
        label="총사업비(억원)", max_length=50, required=False, help_text="예: 1,234.5"
    )
    start_year = forms.CharField(label="시작 연도", max_length=4, required=False)
    end_year = forms.CharField(label="종료 연도", max_length=4, required=False)
    support_share_note = forms.CharField(
        label="4대 분야별 지역 내 지원 비중",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="원문 l.861",
    )
    linkage_note = forms.CharField(
        label="사업 간 연계 가능성",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="원문 l.861",
    )

    def __init__(self, *args, province: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = (
            Task.objects.filter(plan__is_draft=False, plan__owner=province)
            .select_related("plan")
            .order_by("-plan__year", "position", "pk")
        )


class ProposalCreateForm(ProposalForm):
    province = forms.ModelChoiceField(
        label="시·도", queryset=Organization.objects.none(), empty_label="(고르세요)"
    )
    year = forms.CharField(label="제안 연도", max_length=4)

    field_order = ["province", "year"]

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, province=provinces.first(), **kwargs)
        self.fields["province"].queryset = provinces
        self.fields["tasks"].queryset = (
            Task.objects.filter(plan__is_draft=False, plan__owner__in=provinces)
            .select_related("plan")
            .order_by("-plan__year", "position", "pk")
        )


class LargeProjectStartForm(KoreanForm):
    owner = forms.ModelChoiceField(
        label="담당 부처",
        queryset=Organization.objects.filter(kind=OrganizationKind.MINISTRY),
        empty_label="(고르세요)",
    )
    started_on = forms.DateField(label="시작일", widget=DateInput())
    decision = forms.CharField(label="결정 내용", widget=forms.Textarea(attrs={"rows": 2}))
    feasibility_sized = forms.BooleanField(
        label="예타 규모 (예타 사전기획 단계를 거침, 원문 l.1806)", required=False
    )


class LargeProjectStepForm(KoreanForm):
    to_stage = forms.ChoiceField(label="다음 단계", choices=())
    decided_on = forms.DateField(label="결정일", widget=DateInput())
    decision = forms.CharField(label="결정 내용", widget=forms.Textarea(attrs={"rows": 2}))
    decided_by_body = forms.CharField(label="결정 기관", max_length=100, required=False)
    documents = forms.CharField(
        label="문서",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="문서 이름이나 주소, 한 줄에 하나",
    )

    def __init__(self, *args, stages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s, LargeProjectStage(s).label) for s in stages]
