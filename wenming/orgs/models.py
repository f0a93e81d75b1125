"""The region/unit tree, annual follower targets and the work group."""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import REGION_KINDS, Combinator, TargetKind, UnitKind


class Unit(models.Model):
    """A region (province → village) or an organisation attached to a region.

    ``path`` is a materialised path of ids ("/1/4/17/") so that "everything inside this region"
    is one indexed prefix query, which permission checks and rankings do constantly.
    """

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("路径"), max_length=255, db_index=True, editable=False, default="")
    headcount = models.PositiveIntegerField(_("单位总人数"), null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分管领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
    )
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("联络员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liaison_units",
    )
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="orgs_unit_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="orgs_unit_unique_root_name"
            ),
            models.CheckConstraint(condition=Q(headcount__gte=0) | Q(headcount__isnull=True), name="orgs_unit_headcount_gte_0"),
            models.CheckConstraint(condition=~Q(name=""), name="orgs_unit_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path needs our own id, so a new row is saved once and then given its path.
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if self.path != expected:
            old = self.path
            self.path = expected
            Unit.objects.filter(pk=self.pk).update(path=expected)
            if old:
                self._rewrite_descendant_paths(old, expected)

    @property
    def is_region(self) -> bool:
        return self.kind in REGION_KINDS

    @staticmethod
    def _rewrite_descendant_paths(old: str, new: str) -> None:
        for child in Unit.objects.filter(path__startswith=old).exclude(path=old):
            Unit.objects.filter(pk=child.pk).update(path=new + child.path[len(old) :])

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return Unit.objects.filter(pk__in=ids).exclude(pk=self.pk).order_by("path")

    def descendants(self, include_self: bool = True):
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def is_within(self, region: "Unit") -> bool:
        return bool(region.path) and self.path.startswith(region.path)


class FollowerTarget(models.Model):
    """A unit's follower target for one year: a number, or "at least N people or X% of headcount"."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("目标类型"), max_length=10, choices=TargetKind.choices, default=TargetKind.NUMBER)
    number = models.PositiveIntegerField(_("目标人数"), null=True, blank=True)
    min_people = models.PositiveIntegerField(_("最少人数"), null=True, blank=True)
    share = models.DecimalField(_("占总人数比例"), max_digits=5, decimal_places=4, null=True, blank=True)
    combinator = models.CharField(_("组合方式"), max_length=3, choices=Combinator.choices, default=Combinator.OR)

    class Meta:
        verbose_name = _("粉丝目标")
        verbose_name_plural = _("粉丝目标")
        ordering = ["year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="orgs_target_one_per_unit_year"),
            models.CheckConstraint(
                condition=(Q(kind=TargetKind.NUMBER) & Q(number__isnull=False))
                | (Q(kind=TargetKind.FORMULA) & Q(min_people__isnull=False) & Q(share__isnull=False)),
                name="orgs_target_fields_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gte=0) & Q(share__lte=1)), name="orgs_target_share_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.describe()}"

    def describe(self) -> str:
        if self.kind == TargetKind.NUMBER:
            return str(self.number)
        joiner = "或" if self.combinator == Combinator.OR else "且"
        from wenming.core.numbers import plain

        return f"≥{self.min_people}人{joiner}≥{plain(self.share * 100)}%总人数"

    def required(self, headcount: int | None) -> int | None:
        """The follower count that meets the target (None when it cannot be computed)."""
        from .targets import required_followers

        return required_followers(self, headcount)

    def is_met(self, followers: int, headcount: int | None) -> bool:
        from .targets import target_met

        return target_met(self, followers, headcount)


class WorkGroup(models.Model):
    """The liaisons' work group (e.g. the WeChat group the office runs); membership is dated."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    region = models.ForeignKey(Unit, verbose_name=_("所属地区"), null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("工作群")
        verbose_name_plural = _("工作群")

    def __str__(self) -> str:
        return self.name


class WorkGroupMembership(models.Model):
    group = models.ForeignKey(WorkGroup, verbose_name=_("工作群"), on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("成员"), on_delete=models.CASCADE, related_name="workgroup_memberships"
    )
    joined_on = models.DateField(_("入群日期"))
    left_on = models.DateField(_("退群日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作群成员")
        verbose_name_plural = _("工作群成员")
        constraints = [
            models.UniqueConstraint(fields=["group", "person", "joined_on"], name="orgs_membership_unique_join"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="orgs_membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.group} ({self.joined_on})"


