"""The forms of a body's results page. They only shape the input: every field is checked by
the services (dream.results.services), so the page, the API and the workbook get the same
Korean messages."""

from django import forms

from dream.indicators.models import Indicator


class IndicatorActualForm(forms.Form):
    """Enter an indicator's actual, or replace it (then with a reason)."""

    value = forms.CharField(label="실적", required=False, max_length=100)
    source = forms.CharField(
        label="출처",
        required=False,
        max_length=500,
        help_text="수치를 확인한 통계·보고서 이름",
    )
    observed_on = forms.CharField(
        label="기준일",
        required=False,
        help_text="출처 자료의 기준일 또는 공표일",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(label="비고", required=False, max_length=500)
    reason = forms.CharField(
        label="바꾸는 까닭",
        required=False,
        max_length=100,
        help_text="이미 입력된 실적을 바꿀 때 적습니다(변경 이력에 남습니다).",
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        kwargs.setdefault("prefix", f"actual-{indicator.pk}")
        super().__init__(*args, **kwargs)
        unit = indicator.unit or "단위 없음"
        self.fields[
            "value"
        ].help_text = (
            f"단위 {unit}. 숫자(예: 31.6)나, 수치가 없는 실적은 글(예: 기본계획 고시 완료)."
        )


class IndicatorActualDeleteForm(forms.Form):
    reason = forms.CharField(label="지우는 까닭", max_length=100, help_text="변경 이력에 남습니다.")

    def __init__(self, *args, indicator: Indicator, **kwargs):
        kwargs.setdefault("prefix", f"delete-{indicator.pk}")
        super().__init__(*args, **kwargs)
