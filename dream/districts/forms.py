"""Forms of the district pages. They only parse input; the services check the rules, and
their field names match the services' arguments so service errors land on the right field."""

from django import forms

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User

from .choices import MeasureKind, ReviewOutcome, Stage
from .models import FIRST_YEAR, LAST_YEAR, InnovationDistrict
from .permissions import provinces_writable_by
from .plans import DEFAULT_REVIEWER_BODY
from .services import (
    EDITABLE_FIELDS,
    SPECIAL_COMMITTEE,
    district_version,
    stages_reachable_from,
)


class DateInput(forms.DateInput):
    """The browser's date picker, which sends ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KoreanForm(forms.Form):
    """Labels without the English-style colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DistrictRegisterForm(KoreanForm):
    province = forms.ModelChoiceField(
        label="시·도", queryset=Organization.objects.none(), empty_label="(고르세요)"
    )
    name = forms.CharField(label="이름", max_length=100, help_text="예: ○○ 디지털 혁신지구")
    location = forms.CharField(label="위치", max_length=200, help_text="시·군·구와 지구 이름")
    operator = forms.CharField(
        label="운영기관", max_length=100, help_text="예: 지역 디지털 진흥기관(지역SW진흥기관)"
    )
    operator_organization = forms.ModelChoiceField(
        label="운영기관(기관 목록에서)",
        queryset=Organization.objects.filter(kind=OrganizationKind.AGENCY),
        required=False,
        empty_label="(목록에 없음)",
        help_text="목록에 있으면 고르세요. 없으면 비워 둡니다.",
    )
    anchor_facilities = forms.CharField(
        label="앵커시설", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    designated_on = forms.DateField(
        label="지정일",
        widget=DateInput(),
        required=False,
        help_text="법령에 따라 지정된 날. 아직이면 비워 둡니다.",
    )
    decided_on = forms.DateField(label="1단계 시작 결정일", widget=DateInput())
    decision = forms.CharField(
        label="결정 내용",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="1단계로 등록하는 근거. 예: 조성계획 적합성 검토 결과",
    )
    decided_by_body = forms.CharField(label="결정 기관", max_length=100, required=False)
    note = forms.CharField(label="비고", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces_writable_by(user).order_by("position")


class DistrictUpdateForm(DistrictRegisterForm):
    """The registration form's details, filled in with the district's, and the reason;
    the stage and its decisions are changed only by the stage form."""

    decided_on = None
    decision = None
    decided_by_body = None
    reason = forms.CharField(
        label="고치는 까닭",
        max_length=100,
        help_text="변경 이력에 남습니다. 예: 지구 이름 오기 정정",
    )
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, district: InnovationDistrict, **kwargs):
        initial = {field: getattr(district, field) for field in EDITABLE_FIELDS}
        kwargs.setdefault("initial", initial | {"seen": district_version(district)})
        super().__init__(*args, **kwargs)


class MeasureRecordForm(KoreanForm):
    """Shares the district page with the stage form, hence its own element ids."""

    kind = forms.ChoiceField(label="항목", choices=MeasureKind.choices)
    name = forms.CharField(
        label="항목 이름", max_length=100, required=False, help_text="기타일 때만 적습니다."
    )
    unit = forms.CharField(
        label="단위", max_length=20, required=False, help_text="기타일 때만. 기업·연구실 수는 '개'."
    )
    year = forms.IntegerField(label="연도", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    value = forms.DecimalField(label="값", max_digits=16, decimal_places=2)
    source = forms.CharField(label="출처", max_length=200, help_text="예: 운영기관 입주기업 현황")
    observed_on = forms.DateField(label="기준일", widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="measure_%s", **kwargs)


class StageChangeForm(KoreanForm):
    to_stage = forms.TypedChoiceField(
        label="바꿀 단계",
        coerce=int,
        error_messages={
            "invalid_choice": "이 단계로는 바꿀 수 없습니다. 한 번에 한 단계씩만 옮길 수 있습니다."
        },
    )
    decided_on = forms.DateField(label="결정일", widget=DateInput())
    decision = forms.CharField(
        label="결정 내용",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="예: 지방디지털화 특별위원회 심의 결과. 이전 단계로 되돌릴 때는 그 이유를 적습니다.",
    )
    decided_by_body = forms.CharField(
        label="결정 기관", max_length=100, required=False, initial=SPECIAL_COMMITTEE
    )

    def __init__(self, *args, district: InnovationDistrict, **kwargs):
        super().__init__(*args, auto_id="stage_%s", **kwargs)
        # Offer the moves the table allows from the stage on the page, but parse any stage:
        # the service checks the move against the district as it is when the form arrives,
        # so a person whose colleague moved it meanwhile is told so, not "invalid choice".
        field = self.fields["to_stage"]
        field.choices = Stage.choices
        field.widget.choices = [
            (stage.value, stage.label if stage > district.stage else f"{stage.label} (이전 단계로)")
            for stage in stages_reachable_from(district.stage)
        ]


class PlanDraftForm(KoreanForm):
    """A district's long-term development plan (10 years or more, digital plan l.1045)."""

    title = forms.CharField(label="계획 이름", max_length=200)
    start_year = forms.IntegerField(label="시작 연도", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    end_year = forms.IntegerField(
        label="끝 연도",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="10년 이상 단위(원문 l.1045): 예) 2025년부터면 2034년 이후",
    )
    document_reference = forms.CharField(
        label="문서", max_length=300, required=False, help_text="계획 문서의 이름·번호 또는 주소"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="plan_%s", **kwargs)


class PlanSubmitForm(KoreanForm):
    submitted_on = forms.DateField(label="제출일", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="submit_%s", **kwargs)


class PlanReviewForm(KoreanForm):
    """The government's suitability review of a submitted plan, recorded by Committee staff."""

    reviewed_on = forms.DateField(label="검토일", widget=DateInput())
    outcome = forms.ChoiceField(label="결과", choices=ReviewOutcome.choices)
    reviewer_body = forms.CharField(
        label="검토 기관", max_length=100, initial=DEFAULT_REVIEWER_BODY
    )
    decision = forms.CharField(label="검토 의견", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="review_%s", **kwargs)
