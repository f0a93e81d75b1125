"""Accounts, community-group choices with history, and unit-scoped role assignments."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ChoiceSource, Role


class User(AbstractUser):
    """Every person: citizens and staff alike. Roles are groups; unit scope is RoleAssignment.

    ``group`` is the community group (社群) currently in force, kept equal to the latest
    GroupChoice by ``actions.choose_group`` so "followers now" is one indexed count.
    """

    display_name = models.CharField(_("昵称"), max_length=50, blank=True)
    real_name = models.CharField(_("真实姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    phone_verified_at = models.DateTimeField(_("手机验证时间"), null=True, blank=True)
    openid = models.CharField(_("微信 openid"), max_length=64, null=True, blank=True, unique=True)
    unionid = models.CharField(_("微信 unionid"), max_length=64, null=True, blank=True, unique=True)
    wechat_verified_at = models.DateTimeField(_("微信验证时间"), null=True, blank=True)
    # Identity of a person known only from an import file (RULES: "person is an external id").
    external_id = models.CharField(_("外部编号"), max_length=64, null=True, blank=True, unique=True)
    group = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("所在社群"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(condition=~Q(openid=""), name="people_user_openid_not_blank"),
            models.CheckConstraint(condition=~Q(external_id=""), name="people_user_external_id_not_blank"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    @property
    def masked_phone(self) -> str:
        from wenming.core.masking import mask_phone

        return mask_phone(self.phone)

    @property
    def masked_real_name(self) -> str:
        from wenming.core.masking import mask_name

        return mask_name(self.real_name)

    @property
    def is_verified(self) -> bool:
        """Verified through WeChat login or a confirmed phone number (needed to vote)."""
        return bool(self.wechat_verified_at or self.phone_verified_at)

    def has_role(self, role: str) -> bool:
        if self.is_superuser and role == Role.ADMIN:
            return True
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = set(self.groups.values_list("name", flat=True))
            self._role_cache = cache
        return role in cache


class GroupChoice(models.Model):
    """One choice of community group. The latest at an instant decides where the person counts."""

    person = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="group_choices")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("社群单位"), on_delete=models.PROTECT, related_name="choices")
    chosen_at = models.DateTimeField(_("选择时间"), db_index=True)
    source = models.CharField(_("来源"), max_length=10, choices=ChoiceSource.choices, default=ChoiceSource.WEB)

    class Meta:
        verbose_name = _("社群选择记录")
        verbose_name_plural = _("社群选择记录")
        ordering = ["person_id", "chosen_at", "id"]
        indexes = [models.Index(fields=["person", "chosen_at"], name="people_choice_person_at")]
        constraints = [
            # Two choices at the same instant would make "the last one" ambiguous.
            models.UniqueConstraint(fields=["person", "chosen_at"], name="people_choice_unique_instant"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.unit} @ {self.chosen_at:%Y-%m-%d %H:%M}"


class RoleAssignment(models.Model):
    """A role held over a unit and everything inside it (an editor over 溧阳市, a liaison of 教育局)."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("范围单位"), on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        verbose_name = _("角色范围")
        verbose_name_plural = _("角色范围")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="people_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.unit}"
