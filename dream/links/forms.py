"""Forms of the review page: which proposals to show, a link made by hand, decisions on
one link or on several."""

from django import forms

from dream.digital.models import DigitalArea, DigitalTask
from dream.plans.models import Task

from .choices import LinkStatus
from .services import BULK_MAX, BULK_NONE_CHOSEN, NOTE_MAX_LENGTH, NOTE_TOO_LONG


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


class LinkIdsField(forms.Field):
    """The chosen links of the review list: each checkbox sends one id, or the ids of a row
    that shows one task proposed for several provinces ("12,13,14")."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": BULK_NONE_CHOSEN,
        "invalid": "고른 제안을 읽을 수 없습니다. 목록을 다시 열어 골라 주세요.",
    }

    def to_python(self, value) -> list[int]:
        ids = []
        for item in value or []:
            for part in str(item).split(","):
                if not part.isascii() or not part.isdigit() or len(part) > 12:
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                ids.append(int(part))
        if len(set(ids)) > BULK_MAX:
            raise forms.ValidationError(f"한 번에 {BULK_MAX}건까지 결정할 수 있습니다.")
        return ids


class BulkDecisionForm(forms.Form):
    """Several proposals, one decision (confirm or reject) and one note for them all."""

    links = LinkIdsField()
    decision = forms.ChoiceField(
        choices=[(LinkStatus.CONFIRMED, "확정"), (LinkStatus.REJECTED, "기각")],
        error_messages={
            "required": "확정할지 기각할지 골라 주세요.",
            "invalid_choice": "확정할지 기각할지 골라 주세요.",
        },
    )
    note = note_field()


class DecisionForm(forms.Form):
    """A decision's note, and the status of the link as the reviewer's page showed it (the
    service refuses a decision on a link someone else has decided meanwhile)."""

    note = note_field()
    seen_status = forms.ChoiceField(
        choices=LinkStatus.choices, required=False, widget=forms.HiddenInput
    )
