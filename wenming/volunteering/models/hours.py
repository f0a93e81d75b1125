"""Attendance records and the append-only hours ledger built from them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..choices import AttendanceSource, DisputeStatus, EntryStatus


class Attendance(models.Model):
    """One volunteer at one session: check-in, check-out (or an organiser's end time), and how."""

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.PROTECT, related_name="attendance")
    session = models.ForeignKey("Session", verbose_name=_("场次"), on_delete=models.PROTECT, related_name="attendance")
    check_in = models.DateTimeField(_("签到时间"))
    check_out = models.DateTimeField(_("签退时间"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=AttendanceSource.choices)
    # The Shanghai day of the clipped start and the record's own hours, kept by the ledger sync.
    day = models.DateField(_("服务日期"))
    minutes = models.PositiveIntegerField(_("服务分钟"), default=0)
    hours = models.DecimalField(_("服务时长"), max_digits=7, decimal_places=2, default=0)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    outside_radius = models.BooleanField(_("超出签到范围"), default=False)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    backfill_reason = models.TextField(_("补录原因"), blank=True)
    backfill_approved_at = models.DateTimeField(_("补录审核时间"), null=True, blank=True)
    backfill_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("补录审核人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    # False until the ledger of the record's day reflects it (an import sets it at its end).
    synced = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("考勤记录")
        verbose_name_plural = _("考勤记录")
        ordering = ["check_in", "id"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "session"], name="vol_attendance_once"),
            models.CheckConstraint(
                condition=Q(check_out__isnull=True) | Q(check_out__gte=F("check_in")), name="vol_attendance_out_after_in"
            ),
            models.CheckConstraint(
                condition=~Q(source=AttendanceSource.BACKFILL) | ~Q(backfill_reason=""), name="vol_backfill_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "day"], name="vol_attendance_day"),
            models.Index(fields=["synced"], condition=Q(synced=False), name="vol_attendance_unsynced"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.session}"

    @property
    def is_backfill(self) -> bool:
        return self.source == AttendanceSource.BACKFILL

    @property
    def end(self):
        return self.check_out


class HoursEntry(models.Model):
    """One line of the append-only hours ledger.

    Each record has at most one live entry per status; a change posts a reversing entry (negative,
    pointing at the entry it cancels) and a new one, both with who and why. Rows are never updated or
    deleted (refused here and, on PostgreSQL, by a trigger).
    """

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.PROTECT, related_name="ledger")
    attendance = models.ForeignKey(Attendance, verbose_name=_("考勤记录"), on_delete=models.PROTECT, related_name="ledger")
    day = models.DateField(_("服务日期"))
    status = models.CharField(_("状态"), max_length=12, choices=EntryStatus.choices)
    hours = models.DecimalField(_("时长"), max_digits=7, decimal_places=2)
    reverses = models.OneToOneField(
        "self", verbose_name=_("冲销"), null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule_version = models.CharField(_("规则版本"), max_length=20)
    created_at = models.DateTimeField(_("记账时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("时长台账")
        verbose_name_plural = _("时长台账")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True, hours__gt=0) | Q(reverses__isnull=False, hours__lt=0)),
                name="vol_entry_sign",
            )
        ]
        indexes = [models.Index(fields=["volunteer", "day"], name="vol_entry_volunteer_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.get_status_display()} {self.hours}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("the hours ledger is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("the hours ledger is append-only")


class DayApproval(models.Model):
    """The parent organisation approves hours of a volunteer's day past the counted cap.

    ``hours`` is the amount approved; an imported approval leaves it empty until the import ends
    and it is set to what was pending that day then.
    """

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.PROTECT, related_name="day_approvals")
    day = models.DateField(_("服务日期"))
    hours = models.DecimalField(_("批准时长"), max_digits=7, decimal_places=2, null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "Organisation", verbose_name=_("审核组织"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("审核时间"), auto_now_add=True)
    event_key = models.CharField(_("事件键"), max_length=200, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("超时审核")
        verbose_name_plural = _("超时审核")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["volunteer", "day"], name="vol_approval_day")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__isnull=True) | Q(hours__gte=0), name="vol_approval_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.day} {self.hours}"


class Dispute(models.Model):
    """A volunteer's objection to a record, the organiser's answer and the outcome (kept on the record)."""

    attendance = models.ForeignKey(Attendance, verbose_name=_("考勤记录"), on_delete=models.PROTECT, related_name="disputes")
    text = models.TextField(_("异议内容"))
    status = models.CharField(_("状态"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("时长异议")
        verbose_name_plural = _("时长异议")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DisputeStatus.OPEN) | ~Q(answer=""), name="vol_dispute_answered_has_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendance} {self.get_status_display()}"


class StarAward(models.Model):
    """A star level reached (1★-5★ by counted hours), recorded once when reached."""

    volunteer = models.ForeignKey("Volunteer", verbose_name=_("志愿者"), on_delete=models.PROTECT, related_name="stars")
    level = models.PositiveSmallIntegerField(_("星级"))
    hours = models.DecimalField(_("达到时累计时长"), max_digits=9, decimal_places=2)
    awarded_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("星级")
        verbose_name_plural = _("星级")
        ordering = ["volunteer", "level"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "level"], name="vol_star_once"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="vol_star_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.level}★"
