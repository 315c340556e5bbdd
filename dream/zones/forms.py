"""Forms of the zone pages. They carry what a person typed; the services check and refuse
it with Korean messages the views put on the form, as for the API."""

from django import forms

from dream.accounts.models import Organization
from dream.districts.forms import DateInput, KoreanForm
from dream.plans.selectors import published_years
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask

from .choices import DesignationStage

AREA_HELP = "입력한 그대로 보관합니다. 예: 120만평, 3.5만평, 1,200,000평. 모르면 비워 두세요."


class ZoneTaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PriorityTask) -> str:
        return f"{obj.year}년 {obj.name}"


class DesignationApplyForm(KoreanForm):
    task = ZoneTaskChoiceField(
        label="특구(중점 이행과제)", queryset=PriorityTask.objects.none(), empty_label="(고르세요)"
    )
    province = forms.ModelChoiceField(
        label="시·도", queryset=Organization.objects.none(), empty_label="(고르세요)"
    )
    name = forms.CharField(label="특구 이름", max_length=200)
    area_text = forms.CharField(label="면적", max_length=50, required=False, help_text=AREA_HELP)
    applied_on = forms.DateField(label="신청일", widget=DateInput())

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = PriorityTask.objects.filter(
            group=TaskGroup.ZONE, year__in=published_years()
        ).order_by("-year", "position")
        self.fields["province"].queryset = provinces


class DesignationUpdateForm(KoreanForm):
    name = forms.CharField(label="특구 이름", max_length=200)
    area_text = forms.CharField(label="면적", max_length=50, required=False, help_text=AREA_HELP)


class DesignationDecideForm(KoreanForm):
    stage = forms.ChoiceField(label="단계", choices=())
    decided_on = forms.DateField(label="결정일", widget=DateInput())
    decision = forms.CharField(label="결정 내용", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, DesignationStage(s).label) for s in stages]


class DesignationWithdrawForm(KoreanForm):
    decided_on = forms.DateField(label="철회일", widget=DateInput())
    decision = forms.CharField(label="철회 사유", widget=forms.Textarea(attrs={"rows": 2}))
