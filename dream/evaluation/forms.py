"""The evaluation pages' forms: they only read what was typed; the services decide."""

import json

from django import forms

from .rules import RuleKey


class RoundOpenForm(forms.Form):
    year = forms.IntegerField(label="평가 대상 연도", min_value=2000, max_value=2100)


class RuleSetForm(forms.Form):
    key = forms.ChoiceField(label="규칙", choices=RuleKey.choices)
    value = forms.CharField(
        label="값(JSON)",
        max_length=2000,
        help_text='JSON으로 적습니다: 글자는 따옴표로 감싸고("panel_z"), 수는 그대로, 목록은 대괄호로.',
    )
    note = forms.CharField(label="비고", max_length=2000, required=False, widget=forms.Textarea)

    def clean_value(self):
        try:
            return json.loads(self.cleaned_data["value"])
        except ValueError:
            raise forms.ValidationError(
                '값을 JSON으로 읽을 수 없습니다. 글자는 "panel_z"처럼 따옴표로 감싸 주세요.'
            ) from None
