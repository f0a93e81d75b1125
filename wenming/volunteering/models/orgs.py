"""Hub organisations and teams in a tree attached to units; their admins and members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import LIVE_MEMBERSHIP, MembershipStatus, OrgKind


class Organisation(models.Model):
    """A node of the volunteer-organisation tree (center → institute → station, hubs, teams)."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=OrgKind.choices, default=OrgKind.TEAM)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级组织"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    join_needs_approval = models.BooleanField(_("入队需审核"), default=False)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("志愿服务组织")
        verbose_name_plural = _("志愿服务组织")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="vol_org_unique_name_in_parent"),
            models.UniqueConstraint(fields=["name"], condition=Q(parent__isnull=True), name="vol_org_unique_top_name"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="vol_org_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Organisation"]:
        """Parent first, up to the root (trees are a few levels deep)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain


class OrgAdmin(models.Model):
    """A person who manages an organisation (and, through the tree, the organisations under it)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("组织"), on_delete=models.CASCADE, related_name="admins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("管理员"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("组织管理员")
        verbose_name_plural = _("组织管理员")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="vol_orgadmin_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.user}"


class Membership(models.Model):
    """A volunteer in a team; several teams per volunteer; joining may need the team's approval."""

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("组织"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("状态"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("队员")
        verbose_name_plural = _("队员")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "organisation"], condition=Q(status__in=LIVE_MEMBERSHIP), name="vol_member_unique_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.volunteer}"
