"""Audit records (who did what, when, why) and domain events (facts other domains consume)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import EventSource


class AuditEntry(models.Model):
    """One state change made by a person or the system, readable in the item's history."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(_("操作"), max_length=60)
    # A generic reference ("participation.story", "42") keeps this table free of foreign keys to
    # every app, so the history survives deletions and any app can write to it.
    target_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    reason = models.TextField(_("原因"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="journal_audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.verb} {self.target_type}#{self.target_id}"


class DomainEvent(models.Model):
    """A fact that happened, with a natural unique key so a retry or re-import never counts twice.

    ``digest`` is a hash of the event's content: the same key arriving with different content is
    a conflict, reported rather than silently overwritten.
    """

    # Unique through Meta.constraints, not ``unique=True``: on PostgreSQL that would add a second
    # (pattern) index on the key, which no query uses and every imported event pays for.
    key = models.CharField(_("事件键"), max_length=200)
    type = models.CharField(_("类型"), max_length=40)
    at = models.DateTimeField(_("发生时间"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # No index of its own: events are read by type and time (then unit); a unit is almost never
    # deleted, and a million mostly empty index entries per imported month cost every import.
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )
    data = models.JSONField(_("内容"), default=dict, blank=True)
    digest = models.CharField(_("内容摘要"), max_length=64)
    source = models.CharField(_("来源"), max_length=10, choices=EventSource.choices, default=EventSource.WEB)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("领域事件")
        verbose_name_plural = _("领域事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["type", "at"], name="journal_event_type_at")]
        constraints = [models.UniqueConstraint(fields=["key"], name="journal_event_unique_key")]

    def __str__(self) -> str:
        return f"{self.type} {self.key}"
