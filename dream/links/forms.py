"""Forms of the review page: which proposals to show, and a link made by hand."""

from django import forms

from dream.digital.models import DigitalArea, DigitalTask
from dream.plans.models import Task


class ProposalFilterForm(forms.Form):
    """`?digital_task=…&area=…` on the review page."""

    digital_task = forms.ModelChoiceField(
        label="디지털 과제",
        queryset=DigitalTask.objects.order_by("plan", "position"),
        required=False,
        empty_label="전체",
    )
    area = forms.ModelChoiceField(
        label="분야",
        queryset=DigitalArea.objects.order_by("plan", "position"),
        required=False,
        empty_label="전체",
    )
    task_q = forms.CharField(label="연계할 시행계획 과제 찾기", required=False, max_length=100)


class ManualLinkForm(forms.Form):
    """A link a person adds: a digital task, an implementation-plan task, why."""

    digital_task = forms.ModelChoiceField(label="디지털 과제", queryset=DigitalTask.objects.all())
    task = forms.ModelChoiceField(label="시행계획 과제", queryset=Task.objects.all())
    note = forms.CharField(label="메모", required=False, max_length=500)


class DecisionForm(forms.Form):
    note = forms.CharField(label="메모", required=False, max_length=500)
