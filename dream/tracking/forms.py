"""The entry and upload forms. They only shape the input: every field is checked by the
service (goal_value_clean), so the form and a file get the same Korean messages."""

from django import forms

from dream.core.uploads import CappedUploadForm
from dream.digital.models import DigitalGoal

from .files import MAX_ROWS, MAX_UPLOAD_BYTES, MEGABYTE
from .services import goal_year_range


class GoalValueForm(forms.Form):
    year = forms.CharField(label="연도", required=False, widget=forms.NumberInput)
    value = forms.CharField(label="값", required=False, max_length=100)
    source = forms.CharField(
        label="출처",
        required=False,
        max_length=500,
        help_text="수치를 확인한 통계·보고서 이름(예: 디지털산업 실태조사)",
    )
    observed_on = forms.CharField(
        label="기준일",
        required=False,
        help_text="출처 자료의 기준일 또는 공표일",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, goal: DigitalGoal, **kwargs):
        super().__init__(*args, **kwargs)
        first, last = goal_year_range(goal)
        self.fields["year"].widget.attrs.update(min=first, max=last)
        self.fields["year"].help_text = f"{first}년 ~ {last}년. 이미 있는 연도면 값을 바꿉니다."
        self.fields["value"].help_text = f"단위 {goal.unit}. 숫자만 적어도 됩니다(예: 12.3)."


class GoalValuesImportForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    verb = "가져올"
    advice = "파일을 나누어 가져오세요."
    file = forms.FileField(
        label="파일",
        help_text=(
            "CSV(UTF-8 또는 CP949) 또는 Excel(.xlsx). 머리글: 목표, 연도, 값, 출처, 기준일. "
            f"{MAX_UPLOAD_BYTES // MEGABYTE} MB, {MAX_ROWS:,}행까지."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class GoalValueChangeForm(forms.Form):
    """The reason every correction and deletion needs, and when the value on the page was
    recorded (`seen`), so the service can tell if a colleague changed it meanwhile."""

    reason = forms.CharField(
        label="까닭", required=False, help_text="변경 이력에 남습니다(100자까지)."
    )
    seen = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, goal_value, **kwargs):
        kwargs.setdefault("prefix", f"{self.action}-{goal_value.pk}")
        kwargs.setdefault("initial", {"seen": goal_value.recorded_at.isoformat()})
        super().__init__(*args, **kwargs)


class GoalValueCorrectForm(GoalValueChangeForm):
    """A recorded actual's value, source and date, filled in with what is recorded."""

    action = "correct"
    value = forms.CharField(label="값", required=False, max_length=100)
    source = forms.CharField(label="출처", required=False, max_length=500)
    observed_on = forms.CharField(
        label="기준일", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["value", "source", "observed_on", "reason"]

    def __init__(self, *args, goal_value, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "value": goal_value.value_text,
                "source": goal_value.source,
                "observed_on": goal_value.observed_on.isoformat(),
                "seen": goal_value.recorded_at.isoformat(),
            },
        )
        super().__init__(*args, goal_value=goal_value, **kwargs)


class GoalValueDeleteForm(GoalValueChangeForm):
    action = "delete"
