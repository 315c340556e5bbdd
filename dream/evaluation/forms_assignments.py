"""Forms of the evaluators', declaration and scoring pages: they only read what was typed;
the services in integrity.py and scoring.py decide."""

from django import forms

from dream.accounts.models import Organization, User

from .choices import TieKind
from .models import Evaluator, Panel, Unit

TEXT_MAX = 2000


class EvaluatorRegisterForm(forms.Form):
    user = forms.ModelChoiceField(
        label="사용자", queryset=User.objects.filter(is_active=True, evaluator__isnull=True)
    )
    field = forms.CharField(label="전문 분야", max_length=200, required=False)
    affiliation = forms.CharField(label="소속", max_length=200, required=False)


class PanelForm(forms.Form):
    name = forms.CharField(label="평가반 이름", max_length=100)
    members = forms.ModelMultipleChoiceField(
        label="평가위원", queryset=Evaluator.objects.filter(active=True), required=False
    )


class AssignmentForm(forms.Form):
    unit = forms.ModelChoiceField(label="등급 단위", queryset=Unit.objects.none())
    evaluator = forms.ModelChoiceField(
        label="평가위원", queryset=Evaluator.objects.filter(active=True)
    )
    panel = forms.ModelChoiceField(label="평가반", queryset=Panel.objects.none(), required=False)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(round=round, graded=True).select_related(
            "task", "strategy", "plan__owner", "organization"
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.organization} · {u}"
        self.fields["panel"].queryset = Panel.objects.filter(round=round)


class ReasonForm(forms.Form):
    assignment = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    reason = forms.CharField(label="사유", max_length=TEXT_MAX)


class DeclarationForm(forms.Form):
    none_to_declare = forms.BooleanField(
        label="평가받는 기관과 이해관계가 없음(해당 없음)을 확인합니다", required=False
    )
    organizations = forms.ModelMultipleChoiceField(
        label="이해관계가 있는 기관", queryset=Organization.objects.all(), required=False
    )
    kind = forms.ChoiceField(label="관계", choices=TieKind.choices, required=False)
    period = forms.CharField(label="기간", max_length=100, required=False)
    statement = forms.CharField(
        label="진술", max_length=TEXT_MAX, required=False, widget=forms.Textarea
    )


class ScoreForm(forms.Form):
    """One value and one reason per leaf × criterion of an assignment."""

    def __init__(self, *args, leaves, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for leaf in leaves:
            for criterion in criteria:
                key = f"{leaf.pk}_{criterion.pk}"
                current = scores.get((leaf.pk, criterion.pk))
                self.fields[f"value_{key}"] = forms.DecimalField(
                    label=f"{leaf} — {criterion.name} 점수(점, 0–{criterion.max_score.normalize():f})",
                    min_value=0,
                    max_value=criterion.max_score,
                    decimal_places=4,
                    required=False,
                    initial=None if current is None else f"{current.value.normalize():f}",
                )
                self.fields[f"reason_{key}"] = forms.CharField(
                    label=f"{leaf} — {criterion.name} 사유",
                    max_length=TEXT_MAX,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial="" if current is None else current.reason,
                )
                self.cells.append((leaf, criterion, key))

    def entries(self):
        """(leaf, criterion, value, reason) for every cell given a value."""
        for leaf, criterion, key in self.cells:
            value = self.cleaned_data.get(f"value_{key}")
            if value is not None:
                yield leaf, criterion, value, self.cleaned_data.get(f"reason_{key}", "")
