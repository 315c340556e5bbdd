"""Forms of the round's settings pages: criterion and band sets, the round's choice of them,
a unit's weight, an indicator's direction and an evaluator's judgement. They only read what
was typed; the services check the numbers and the state."""

from django import forms

from dream.indicators.choices import IndicatorDirection

from .choices import JudgementLevel
from .services import CriterionInput

CRITERION_ROWS = 6
BAND_ROWS = 6
NUMBER_LENGTH = 20
TEXT_LENGTH = 2000


def _number(label: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=NUMBER_LENGTH, required=False)


class CriterionSetForm(forms.Form):
    """A new criterion set: its name, note and up to six criteria; blank rows are left out."""

    name = forms.CharField(label="이름", max_length=200)
    note = forms.CharField(label="비고", max_length=TEXT_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, CRITERION_ROWS + 1):
            self.fields[f"c{row}_name"] = forms.CharField(
                label=f"기준 {row}", max_length=200, required=False
            )
            self.fields[f"c{row}_description"] = forms.CharField(
                label=f"기준 {row} 설명", max_length=TEXT_LENGTH, required=False
            )
            self.fields[f"c{row}_weight"] = _number(f"기준 {row} 가중치")
            self.fields[f"c{row}_max_score"] = _number(f"기준 {row} 만점(점)")

    def rows(self) -> list[dict]:
        """The row fields for the template, one dict per row."""
        return [
            {
                "number": row,
                "name": self[f"c{row}_name"],
                "description": self[f"c{row}_description"],
                "weight": self[f"c{row}_weight"],
                "max_score": self[f"c{row}_max_score"],
            }
            for row in range(1, CRITERION_ROWS + 1)
        ]

    def criteria(self) -> list[CriterionInput]:
        """Filled rows as service inputs; a row with only numbers still counts (the service
        then asks for its name). Blank weight: 1; blank full score: 100 points."""
        data = self.cleaned_data
        found = []
        for row in range(1, CRITERION_ROWS + 1):
            values = [data[f"c{row}_{part}"] for part in ("name", "description", "weight")]
            values.append(data[f"c{row}_max_score"])
            if not any(value.strip() for value in values):
                continue
            name, description, weight, max_score = values
            found.append(
                CriterionInput(
                    name=name,
                    description=description,
                    weight=weight.strip() or 1,
                    max_score=max_score.strip() or 100,
                )
            )
        return found


class BandSetForm(forms.Form):
    """A new grade band set: up to six bands, each a label and its lowest score."""

    name = forms.CharField(label="이름", max_length=200)
    note = forms.CharField(label="비고", max_length=TEXT_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, BAND_ROWS + 1):
            self.fields[f"b{row}_label"] = forms.CharField(
                label=f"등급 {row}", max_length=50, required=False
            )
            self.fields[f"b{row}_min_score"] = _number(f"등급 {row} 하한(점)")

    def rows(self) -> list[dict]:
        return [
            {"number": row, "label": self[f"b{row}_label"], "min_score": self[f"b{row}_min_score"]}
            for row in range(1, BAND_ROWS + 1)
        ]

    def bands(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"b{row}_label"], data[f"b{row}_min_score"])
            for row in range(1, BAND_ROWS + 1)
            if data[f"b{row}_label"].strip() or data[f"b{row}_min_score"].strip()
        ]


class RoundSetsForm(forms.Form):
    criterion_set = forms.TypedChoiceField(label="평가 기준 묶음", coerce=int)
    band_set = forms.TypedChoiceField(label="등급 구간 묶음", coerce=int)

    def __init__(self, *args, criterion_sets=(), band_sets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion_set"].choices = [(s["id"], s["name"]) for s in criterion_sets]
        self.fields["band_set"].choices = [(s["id"], s["name"]) for s in band_sets]


class UnitWeightForm(forms.Form):
    unit = forms.TypedChoiceField(label="평가 단위", coerce=int)
    weight = forms.CharField(
        label="가중치(상대값, 단위 없음)",
        max_length=NUMBER_LENGTH,
        required=False,
        help_text="비우면 같은 가중치로 돌아갑니다.",
    )
    reason = forms.CharField(label="사유", max_length=TEXT_LENGTH)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            (u["id"], f"{'· ' * u['depth']}{u['name']} ({u['organization']})") for u in units
        ]


class IndicatorRuleForm(forms.Form):
    indicator = forms.TypedChoiceField(label="성과지표", coerce=int)
    direction = forms.ChoiceField(label="방향", choices=IndicatorDirection.choices)
    note = forms.CharField(label="비고", max_length=TEXT_LENGTH, required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (i.pk, f"{i.plan.owner.short_name} · {i.name}") for i in indicators
        ]


class JudgementForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    level = forms.ChoiceField(label="판단", choices=JudgementLevel.choices)
    reason = forms.CharField(label="사유", max_length=TEXT_LENGTH)
