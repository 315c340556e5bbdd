"""Forms of the execution and self-assessment pages and the submission's steps: they read
the fields only; the services decide what is allowed and check every value."""

from django import forms

from dream.plans.choices import BudgetSource

from .models import SelfAssessment

ANCHOR_HELP = "비워 두면 시행계획 전체"


class ExecutionForm(forms.Form):
    anchor = forms.CharField(label="대상", required=False, max_length=30, help_text=ANCHOR_HELP)
    source = forms.ChoiceField(label="재원", choices=BudgetSource.choices)
    spent = forms.CharField(label="집행액(억원)", max_length=50)
    document = forms.CharField(label="출처", max_length=500)
    observed_on = forms.DateField(label="기준일")
    reason = forms.CharField(label="까닭(바꿀 때)", required=False, max_length=100)


class ExecutionDeleteForm(forms.Form):
    execution = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(label="지우는 까닭", max_length=100)


class SelfAssessmentForm(forms.Form):
    anchor = forms.CharField(max_length=30)
    text = forms.CharField(
        label="추진실적 설명", max_length=SelfAssessment.MAX_LENGTH, widget=forms.Textarea
    )
    reason = forms.CharField(label="까닭(제출·확정 뒤 바꿀 때)", required=False, max_length=100)


class ResultActionForm(forms.Form):
    comment = forms.CharField(label="의견·까닭", required=False, max_length=3000)
