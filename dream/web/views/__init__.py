from django.http import Http404

from dream.plans.selectors import latest_year


def year_or_404() -> int:
    """The year the public pages show: the newest imported plan's."""
    year = latest_year()
    if year is None:
        raise Http404("아직 가져온 시행계획이 없습니다. `dream import-plan`으로 문서를 가져오세요.")
    return year
