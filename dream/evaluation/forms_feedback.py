"""Forms of the feedback and 지특회계 pages: they read the posted fields; the services decide."""

from django import forms

from dream.core.uploads import CappedUploadForm
from dream.cycle.choices import ItemKind
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from .choices import FeedbackDueStep, FeedbackKind

MAX_ID = 2**63 - 1


class FeedbackRaiseForm(forms.Form):
    grade = forms.TypedChoiceField(label="등급 단위", coerce=int)
    kind = forms.ChoiceField(label="종류", choices=FeedbackKind.choices)
    due_step = forms.ChoiceField(label="반영 단계", choices=FeedbackDueStep.choices)
    due_year = forms.IntegerField(
        label="반영 연도", required=False, min_value=2000, max_value=2200,
        help_text="비우면 평가 연도 다음 해",
    )  # fmt: skip
    description = forms.CharField(label="조치 내용", max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [
            (g.pk, f"{g.unit.organization.short_name} · {g.unit}") for g in grades
        ]


class FeedbackLinkForm(forms.Form):
    plan = forms.IntegerField(min_value=1, max_value=MAX_ID)
    item_kind = forms.ChoiceField(choices=ItemKind.choices)
    item_id = forms.IntegerField(min_value=1, max_value=MAX_ID)


class FeedbackReasonForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=2000, widget=forms.Textarea)


class SpecialAccountUploadForm(CappedUploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    advice = "행을 나누어 여러 파일로 올리세요."
    file = forms.FileField(
        label="지특회계 평가 결과 파일(.csv, .xlsx)",
        help_text=f"머리글: 계정, 사업명, 기관, 등급, 점수. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지.",
    )


class SpecialAccountMatchForm(forms.Form):
    task = forms.IntegerField(label="대응 과제 번호", required=False, min_value=1, max_value=MAX_ID)
