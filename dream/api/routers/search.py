"""Search across both plans, as the /search/ page does (dream.search.selectors)."""

from ninja import Query, Router, Schema
from pydantic import Field

from dream.plans.choices import PlanLevel
from dream.search.selectors import MAX_QUERY_LENGTH, search

from ..pagination import MAX_LIMIT
from ..schemas import SearchOut, ValidationErrorOut

router = Router(tags=["검색"])
MAX_SEARCH_OFFSET = 1000


class SearchParams(Schema):
    q: str = Field(min_length=1, max_length=MAX_QUERY_LENGTH, description="찾을 말")
    level: PlanLevel | None = Field(None, description="시행계획 수준으로 좁히기")
    owner: str | None = Field(None, max_length=50, description="수립 주체 약칭으로 좁히기")
    year: int | None = Field(
        None, ge=1000, le=9999, description="시행계획 연도로 좁히기 (없으면 모든 연도)"
    )
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="한 번에 받을 개수 (1–100)")
    offset: int = Field(0, ge=0, le=MAX_SEARCH_OFFSET, description="건너뛸 개수 (0–1000)")


@router.get(
    "/search",
    response={200: SearchOut, 422: ValidationErrorOut},
    summary="검색: 목표, 전략, 과제, 성과지표, 디지털 계획, 부처",
)
def search_list(request, params: Query[SearchParams]):
    results = search(
        query=params.q,
        level=params.level,
        owner=params.owner,
        year=params.year,
        limit=params.offset + params.limit,
        facets=False,
    )
    return {
        "query": results.query,
        "count": results.total,
        "items": results.hits[params.offset :],
    }
