"""The forms of the cycle's pages. They only shape the input; the services decide and say
in Korean what they refuse."""

from django import forms

from .choices import SubmissionAction


class DateInput(forms.DateInput):
    input_type = "date"


class CycleOpenForm(forms.Form):
    year = forms.IntegerField(label="연도", help_text="시행계획의 연도(예: 2025)")
    deadline = forms.DateField(
        label="제출 기한",
        required=False,
        widget=DateInput(),
        help_text="비워 두면 법정시한(해당 연도 2월 15일)",
    )


class CycleResolveForm(forms.Form):
    meeting = forms.CharField(
        label="의결 회의", max_length=100, help_text="예: 제6차 지방시대위원회"
    )
    resolved_on = forms.DateField(label="의결일", widget=DateInput())


class LocalResolutionForm(forms.Form):
    resolved_on = forms.DateField(label="시·도 지방시대위원회 심의일", widget=DateInput())


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="의견", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="보완 요청 의견",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="무엇을 고쳐야 하는지 항목별로 적어 주세요.",
    )


class NoInputForm(forms.Form):
    """A step that needs nothing but the button."""


ACTION_FORMS: dict[str, type[forms.Form]] = {
    SubmissionAction.ROLL_FORWARD: NoInputForm,
    SubmissionAction.LOCAL_RESOLUTION: LocalResolutionForm,
    SubmissionAction.SUBMIT: CommentForm,
    SubmissionAction.REVIEW: NoInputForm,
    SubmissionAction.RETURN: ReturnForm,
    SubmissionAction.ACCEPT: CommentForm,
}
