"""Forms of the grades page and the round's advance button: they only read what was typed;
the services in grading.py decide."""

from django import forms

from .choices import RoundPhase
from .models import GradeBand

REASON_MAX_LENGTH = 2000


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label="넘길 단계", choices=RoundPhase.choices)
    seen_phase = forms.ChoiceField(choices=RoundPhase.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="사유", max_length=REASON_MAX_LENGTH, required=False, widget=forms.Textarea
    )


class GradeActionForm(forms.Form):
    """One form for self-grade, 점검 and correction: the grade, a band of the round's set, the
    reason and (점검) the final band the checker saw."""

    grade = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    band = forms.ModelChoiceField(label="등급", queryset=GradeBand.objects.none())
    reason = forms.CharField(
        label="사유", max_length=REASON_MAX_LENGTH, required=False, widget=forms.Textarea
    )
    seen_band = forms.ModelChoiceField(
        queryset=GradeBand.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, bands=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = bands if bands is not None else GradeBand.objects.none()
        self.fields["band"].queryset = queryset
        self.fields["seen_band"].queryset = queryset
