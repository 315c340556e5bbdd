"""Forms of the review page: which proposals to show, and a link made by hand."""

from django import forms

from dream.digital.models import DigitalArea, DigitalTask
from dream.plans.models import Task

from .choices import LinkStatus
from .services import NOTE_MAX_LENGTH, NOTE_TOO_LONG


def note_field() -> forms.CharField:
    return forms.CharField(
        label="메모",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        error_messages={"max_length": NOTE_TOO_LONG},
    )


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


CHOOSE_BOTH = {
    key: "디지털 과제와 시행계획 과제를 모두 골라 주세요." for key in ("required", "invalid_choice")
}


class ManualLinkForm(forms.Form):
    """A link a person adds: a digital task, an implementation-plan task, why."""

    digital_task = forms.ModelChoiceField(
        label="디지털 과제", queryset=DigitalTask.objects.all(), error_messages=CHOOSE_BOTH
    )
    task = forms.ModelChoiceField(
        label="시행계획 과제", queryset=Task.objects.all(), error_messages=CHOOSE_BOTH
    )
    note = note_field()


class DecisionForm(forms.Form):
    """A decision's note, and the status of the link as the reviewer's page showed it (the
    service refuses a decision on a link someone else has decided meanwhile)."""

    note = note_field()
    seen_status = forms.ChoiceField(
        choices=LinkStatus.choices, required=False, widget=forms.HiddenInput
    )
