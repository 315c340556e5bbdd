from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import MembershipRole, OrganizationKind


class User(AbstractUser):
    """A person who signs in; what they may do follows from their memberships."""

    # Who was made staff or superuser, by whom; password hashes and logins stay out.
    history = HistoricalRecords(
        verbose_name="사용자 변경 이력", excluded_fields=["password", "last_login"]
    )

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"


class Organization(models.Model):
    """A body that owns plans or carries tasks: the Committee, a province, a super-region,
    a ministry or an agency."""

    kind = models.CharField("종류", max_length=20, choices=OrganizationKind.choices)
    short_name = models.CharField("약칭", max_length=50)
    full_name = models.CharField("정식 명칭", max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 기관",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    capital_region = models.BooleanField("수도권", default=False)
    position = models.PositiveSmallIntegerField("순서", default=0)
    members = models.ManyToManyField(
        "self",
        verbose_name="구성 시·도",
        symmetrical=False,
        blank=True,
        through="SuperRegionMembership",
        related_name="super_regions",
    )
    history = HistoricalRecords(verbose_name="기관 변경 이력")

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"
        ordering = ["kind", "position", "short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "short_name"],
                name="organization_unique_short_name_per_kind",
                violation_error_message="같은 종류의 기관에 같은 약칭이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(capital_region=False) | Q(kind=OrganizationKind.PROVINCE),
                name="organization_capital_region_only_for_provinces",
                violation_error_message="수도권 여부는 시·도에만 둘 수 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


class OrganizationAlias(models.Model):
    """Another name a document prints for an organization (과기부 for 과기정통부): one
    body keeps one record, and what was printed stays known (docs/decisions/0006)."""

    organization = models.ForeignKey(
        Organization, verbose_name="기관", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField("다른 약칭", max_length=50)
    history = HistoricalRecords(verbose_name="다른 약칭 변경 이력")

    class Meta:
        verbose_name = "다른 약칭"
        verbose_name_plural = "다른 약칭"
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                name="organization_alias_unique_name",
                violation_error_message="이 약칭은 이미 다른 기관의 약칭입니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.organization}"


class SuperRegionMembership(models.Model):
    """A province that plans together with others in a super-region (초광역권)."""

    super_region = models.ForeignKey(
        Organization,
        verbose_name="초광역권",
        on_delete=models.CASCADE,
        related_name="province_memberships",
        limit_choices_to={"kind": OrganizationKind.SUPER_REGION},
    )
    province = models.ForeignKey(
        Organization,
        verbose_name="시·도",
        on_delete=models.CASCADE,
        related_name="super_region_memberships",
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    history = HistoricalRecords(verbose_name="초광역권 구성 변경 이력")

    class Meta:
        verbose_name = "초광역권 구성"
        verbose_name_plural = "초광역권 구성"
        constraints = [
            models.UniqueConstraint(
                fields=["super_region", "province"],
                name="super_region_membership_unique",
                violation_error_message="이 시·도는 이미 이 초광역권에 속해 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.super_region} ⊃ {self.province}"


class Membership(models.Model):
    """A user's place in an organization; later workflows scope permissions by it."""

    user = models.ForeignKey(
        User, verbose_name="사용자", on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="기관", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        "역할", max_length=20, choices=MembershipRole.choices, default=MembershipRole.VIEWER
    )
    history = HistoricalRecords(verbose_name="소속 변경 이력")

    class Meta:
        verbose_name = "소속"
        verbose_name_plural = "소속"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="membership_unique_user_organization",
                violation_error_message="이 사용자는 이미 이 기관에 소속되어 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"
