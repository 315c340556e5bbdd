from django.db import models


class ProposalOrigin(models.TextChoices):
    """Where a province's digital demand comes from (디지털 계획 l.833–845)."""

    PLEDGE = "pledge", "지역공약"
    FLAGSHIP = "flagship", "지자체 역점사업"
    LOCAL_ERA_PLAN = "local_era_plan", "시·도 지방시대계획(’23~’27)"
    OTHER = "other", "기타"


class ProposalState(models.TextChoices):
    DRAFTING = "drafting", "작성 중"
    SUBMITTED = "submitted", "제출"
    WITHDRAWN = "withdrawn", "철회"


class Track(models.IntegerChoices):
    """The two tracks of 지방 디지털 재창조 프로젝트 (l.1769–1809)."""

    ONE = 1, "트랙1 (중소·단기, 지역 자율형 디지털 혁신 프로젝트)"
    TWO = 2, "트랙2 (대형·중장기, 예타 포함)"


class LargeProjectStage(models.TextChoices):
    """Track 2's steps in printed order (l.1792–1809). `pre_feasibility` is only for
    예타-sized projects; `closed` ends a project at any step (with its decision)."""

    CONSULTING = "consulting", "관계부처 컨설팅"
    DISCUSSION = "discussion", "지자체·대학·산업계 논의"
    REVIEW = "review", "관계부처 검토"
    SPECIAL_COMMITTEE = "special_committee", "지방디지털화 특별위원회 논의"
    BUSINESS_PLAN = "business_plan", "사업계획 수립"
    PRE_FEASIBILITY = "pre_feasibility", "예타 사전기획"
    SUBMITTED = "submitted", "제출"
    CLOSED = "closed", "중단"
