"""`{% special_account_rows organization year as rows %}`: the body's imported 지특회계 results
of the year, for the pages that show them beside the body's plan results."""

from django import template

from dream.evaluation.models import SpecialAccountResult

register = template.Library()


@register.simple_tag
def special_account_rows(organization, year):
    return list(
        SpecialAccountResult.objects.filter(organization=organization, year=year).select_related(
            "matched_task"
        )
    )
