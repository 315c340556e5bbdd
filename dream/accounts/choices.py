from django.db import models


class OrganizationKind(models.TextChoices):
    COMMITTEE = "committee", "지방시대위원회"
    PROVINCE = "province", "시·도"
    SUPER_REGION = "super_region", "초광역권"
    MINISTRY = "ministry", "중앙행정기관"
    AGENCY = "agency", "지역 디지털 진흥기관"


class MembershipRole(models.TextChoices):
    VIEWER = "viewer", "열람"
    EDITOR = "editor", "작성"
    MANAGER = "manager", "관리"
