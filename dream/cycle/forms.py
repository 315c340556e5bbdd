"""The forms of the cycle's pages. They only shape the input; the services decide and say
in Korean what they refuse."""

from django import forms

from .choices import DuplicateStatus, ItemKind, SubmissionAction


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


class GuidelinesForm(forms.Form):
    title = forms.CharField(
        label="수립지침 이름", max_length=200, help_text="예: 2025년 지방시대 시행계획 수립지침"
    )
    meeting = forms.CharField(
        label="수립지침 의결 회의",
        max_length=100,
        required=False,
        help_text="예: 제3차 지방시대위원회",
    )
    resolved_on = forms.DateField(label="수립지침 의결일", required=False, widget=DateInput())
    sent_on = forms.DateField(label="수립지침 송부일", required=False, widget=DateInput())
    file = forms.FileField(
        label="수립지침 파일",
        required=False,
        help_text="PDF, HWP, HWPX, DOCX, 20 MB까지. 비워 두면 있는 파일을 그대로 둡니다.",
    )


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


class ItemCommentForm(forms.Form):
    """A staff remark on an item (item_kind, item_id) or, with `reply_to`, an answer to
    one; `next` is the page to return to (the draft editor), used only if it is local."""

    item_kind = forms.ChoiceField(label="항목 종류", choices=ItemKind.choices, required=False)
    item_id = forms.IntegerField(label="항목 번호", min_value=1, max_value=2**62, required=False)
    text = forms.CharField(label="의견", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    reply_to = forms.IntegerField(
        label="답하는 의견", required=False, min_value=1, max_value=2**62,
        widget=forms.HiddenInput,
    )  # fmt: skip
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("reply_to") and not (data.get("item_kind") and data.get("item_id")):
            raise forms.ValidationError("의견을 달 항목(종류와 번호)을 골라 주세요.")
        return data


class DuplicateDecideForm(forms.Form):
    status = forms.ChoiceField(label="판단", choices=DuplicateStatus.choices)
    note = forms.CharField(
        label="판단 사유",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="중복 확인·중복 아님에는 사유가 필요합니다.",
    )


class AmendmentStartForm(forms.Form):
    reason = forms.CharField(
        label="변경 사유",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="무엇을 왜 바꾸는지 적어 주세요. 의결되면 새 판의 사유로 남습니다.",
    )


class AmendmentResolveForm(forms.Form):
    meeting = forms.CharField(
        label="의결 회의", max_length=100, help_text="예: 제9차 지방시대위원회"
    )
    resolved_on = forms.DateField(label="의결일", widget=DateInput())
