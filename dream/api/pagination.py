"""Lists come in pages: `limit` (1–100, default 50) items from `offset` (0–100000)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 100_000


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pages with bounds: a larger limit or offset answers 422."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="한 번에 받을 개수 (1–100)")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="건너뛸 개수")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
