from django.http import Http404
from django.utils.encoding import escape_uri_path

from dream.plans.selectors import published_years

YEAR_PARAMETER = "year"
# Parameters that belong to one page of one year and would mean something else in another.
NOT_CARRIED = ("_export", "page", YEAR_PARAMETER)


def requested_year(request) -> int | None:
    """The year a public page shows: `?year=` when DREAM publishes that year, the newest
    published year when absent, None when nothing is published yet. A year that is not
    published (a draft year, a typo, hostile text) is a Korean 404, never a guess.

    Remembers the choice on the request so the header's year switcher and the links of
    the page (`year_query`) stay inside the chosen year."""
    years = published_years()
    raw = request.GET.get(YEAR_PARAMETER, "").strip()
    if not raw:
        year = years[0] if years else None
    else:
        year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else None
        if year not in years:
            shown = ", ".join(f"{y}년" for y in years) or "없음"
            raise Http404(f"DREAM이 공개하는 시행계획의 연도가 아닙니다. 공개된 연도: {shown}.")
    request.plan_year = year
    request.plan_years = years
    return year


def year_or_404(request) -> int:
    """The year the public pages show (see `requested_year`); 404 before any import."""
    year = requested_year(request)
    if year is None:
        raise Http404("아직 가져온 시행계획이 없습니다. `dream import-plan`으로 문서를 가져오세요.")
    return year


def year_query(request) -> str:
    """`year=2025` while a page shows a year other than the newest, else "": what links
    between the public pages add so the reader stays in the chosen year."""
    year, years = getattr(request, "plan_year", None), getattr(request, "plan_years", [])
    if year is None or not years or year == years[0]:
        return ""
    return f"{YEAR_PARAMETER}={year}"


def in_year(url: str, query: str) -> str:
    """`url` with `query` (from `year_query`) added before its #fragment, if any."""
    if not query:
        return url
    address, hash_, fragment = url.partition("#")
    joiner = "&" if "?" in address else "?"
    return f"{address}{joiner}{query}{hash_}{fragment}"


def year_switcher(request) -> list[tuple[int, str, bool]]:
    """(year, address, is shown) for each published year, newest first, when more than
    one is published; the address keeps the page's other conditions."""
    years = getattr(request, "plan_years", [])
    if len(years) < 2:
        return []
    path = escape_uri_path(request.path)
    query = request.GET.copy()
    for name in NOT_CARRIED:
        query.pop(name, None)
    links = []
    for year in years:
        if year != years[0]:
            query[YEAR_PARAMETER] = str(year)
        else:
            query.pop(YEAR_PARAMETER, None)
        encoded = query.urlencode()
        links.append(
            (
                year,
                f"{path}?{encoded}" if encoded else path,
                year == request.plan_year,
            )
        )
    return links
