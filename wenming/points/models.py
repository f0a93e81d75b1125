"""Rule sets as versioned data, the append-only points ledger, frozen months, calendar overrides
and the redemption catalogue.

Every point is an ``Entry``; every total is an aggregate of entries. Rule entries are derived
from domain events by the rule set in force at the event's time and are unique on (rule set
version, source event, subject, rule), so recomputing or re-importing never counts twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import EntryKind, OrderStatus


class RuleSet(models.Model):
    """One version of a scheme's points rules, loaded from the scheme's data file.

    ``rules`` is the list of rule tables exactly as in the file; the engine interprets each rule's
    ``kind`` and reads every amount and threshold from it. The set with the latest
    ``effective_from`` not after an event's local date scores that event.
    """

    scheme = models.ForeignKey(
        "assessment.Scheme", verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="rulesets"
    )
    version = models.CharField(_("版本"), max_length=40)
    effective_from = models.DateField(_("生效日期"))
    rules = models.JSONField(_("规则"), default=list)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("积分规则集")
        verbose_name_plural = _("积分规则集")
        ordering = ["scheme_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "version"], name="points_ruleset_unique_version"),
            models.UniqueConstraint(fields=["scheme", "effective_from"], name="points_ruleset_unique_effective"),
            models.CheckConstraint(condition=~Q(version=""), name="points_ruleset_version_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} v{self.version} ({self.effective_from})"

    def rule(self, rule_id: str) -> dict | None:
        return next((r for r in self.rules if r.get("id") == rule_id), None)


class Entry(models.Model):
    """One ledger line: an amount for a person or a unit, traced to its rule and its source.

    The source columns (scheme, rule set, event) point at rows that are never deleted (schemes and
    rule sets are PROTECTed, events are an append-only journal) and carry no database foreign key:
    checking three foreign keys per row tripled the time of writing a month of a million events.
    The subject columns (person, unit) keep theirs.

    Entries are never edited. Rule entries of a period are replaced as a whole by a recompute
    (delete-then-insert in one transaction); adjustments and redemptions are only ever added.

    On PostgreSQL the table is partitioned by ``period`` (migration 0011; a recompute builds the
    month in a new partition and swaps it in, see ``points.ledger``). A partitioned table's primary
    key and unique indexes must hold the partition key, so there the primary key is (id, period) and
    the two unique constraints below end with ``period``: a migration that re-creates one of them
    must add ``period`` on PostgreSQL.
    """

    kind = models.CharField(_("类型"), max_length=12, choices=EntryKind.choices, default=EntryKind.RULE)
    scheme = models.ForeignKey(
        "assessment.Scheme", verbose_name=_("考核方案"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("个人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    amount = models.DecimalField(_("积分"), max_digits=14, decimal_places=4)
    rule = models.CharField(_("规则"), max_length=40)
    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("规则版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False
    )
    event = models.ForeignKey(
        "journal.DomainEvent", verbose_name=_("来源事件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False
    )
    # The scored thing ("article:A1", "act:web:like:9"), for reading; an item's entries are
    # rescored together, found by the events of the item (no index on this column).
    item = models.CharField(_("计分对象"), max_length=200, blank=True)
    # First day of the Asia/Shanghai month the points count in.
    period = models.DateField(_("所属月份"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    reason = models.TextField(_("调整原因"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    order = models.ForeignKey(
        "points.Order", verbose_name=_("兑换订单"), null=True, blank=True, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    created_at = models.DateTimeField(_("记账时间"), default=timezone.now)

    class Meta:
        verbose_name = _("积分明细")
        verbose_name_plural = _("积分明细")
        ordering = ["period", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True)) | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="points_entry_one_subject",
            ),
            # Led by the event: the same indexes find an item's entries by its events (rescoring).
            models.UniqueConstraint(
                fields=["event", "ruleset", "person", "rule"],
                condition=Q(person__isnull=False, event__isnull=False),
                name="points_entry_unique_person_event_rule",
            ),
            models.UniqueConstraint(
                fields=["event", "ruleset", "unit", "rule"],
                condition=Q(unit__isnull=False, event__isnull=False),
                name="points_entry_unique_unit_event_rule",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.RULE)
                | (Q(ruleset__isnull=False) & Q(event__isnull=False) & Q(scheme__isnull=False)),
                name="points_entry_rule_has_source",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.ADJUSTMENT) | (~Q(reason="") & Q(actor__isnull=False)),
                name="points_entry_adjustment_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.REDEMPTION) | (Q(order__isnull=False) & Q(person__isnull=False)),
                name="points_entry_redemption_has_order",
            ),
        ]
        # Few indexes on purpose: every one costs on the bulk writes of a month's recompute, and a
        # row is written to one partial index of each pair. The unique constraints lead with the
        # event (an item's entries are found by its events), (scheme, period, unit) serves a month's
        # delete and unit totals, (person, period) personal totals (person rows only).
        indexes = [
            models.Index(fields=["scheme", "period", "unit"], name="points_entry_scheme_unit"),
            models.Index(fields=["person", "period"], condition=Q(person__isnull=False), name="points_entry_person_period"),
        ]

    def __str__(self) -> str:
        subject = f"person#{self.person_id}" if self.person_id else f"unit#{self.unit_id}"
        return f"{self.period:%Y-%m} {subject} {self.rule} {self.amount}"


class Total(models.Model):
    """A cached month total of one subject, for rankings in milliseconds.

    Always rebuilt from the ledger (``totals.refresh``) in the transaction that changed the
    entries, so it equals the aggregate of entries; a property test checks it.
    """

    # No single-column indexes on scheme and unit: the unique constraints lead with the scheme and
    # hold (scheme, period, unit); a plain scheme index even drew the planner off the rank index.
    # No foreign-key checks either: a total is only ever written from the ledger's entries, whose
    # references the database checks (and a referenced person or unit cannot be deleted), so the
    # check per total (300,000 trigger calls per month) proved nothing new.
    scheme = models.ForeignKey(
        "assessment.Scheme", verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="+", db_index=False,
        db_constraint=False,
    )
    period = models.DateField(_("月份"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("个人"), null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        db_constraint=False,
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False,
        db_constraint=False,
    )
    points = models.DecimalField(_("积分"), max_digits=14, decimal_places=4)
    # A person's community group now (people.User.group), copied so that "people within a unit"
    # and "my rank in my unit" read one index instead of joining every member. The database keeps
    # it equal: ``totals.refresh`` copies it and a trigger on the person's row copies each change
    # (migration 0009), whoever makes it (the web, an import, the admin). On SQLite a migration
    # that rebuilds this table sets that trigger aside first (see 0010).
    group = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在社群"), null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False, db_index=False,
    )

    class Meta:
        verbose_name = _("月度积分合计")
        verbose_name_plural = _("月度积分合计")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True)) | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="points_total_one_subject",
            ),
            models.UniqueConstraint(
                fields=["scheme", "period", "person"], condition=Q(person__isnull=False), name="points_total_unique_person"
            ),
            models.UniqueConstraint(
                fields=["scheme", "period", "unit"], condition=Q(unit__isnull=False), name="points_total_unique_unit"
            ),
        ]
        # One partial index per kind of subject: a ranking of 27 units must not walk 100,000 people.
        indexes = [
            models.Index(
                fields=["scheme", "period", "points"], condition=Q(unit__isnull=False), name="points_total_unit_rank"
            ),
            models.Index(
                fields=["scheme", "period", "points"], condition=Q(person__isnull=False), name="points_total_person_rank"
            ),
            models.Index(
                fields=["scheme", "period", "group", "points"], condition=Q(person__isnull=False),
                name="points_total_group_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.person_id or self.unit_id} {self.points}"


class FrozenMonth(models.Model):
    """A published month: its entries stay exactly as published until an admin reopens it."""

    scheme = models.ForeignKey("assessment.Scheme", verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="+")
    period = models.DateField(_("月份"))
    frozen_at = models.DateTimeField(_("冻结时间"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("冻结人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("已冻结月份")
        verbose_name_plural = _("已冻结月份")
        constraints = [models.UniqueConstraint(fields=["scheme", "period"], name="points_frozen_unique_month")]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.period:%Y-%m}"


class CalendarOverride(models.Model):
    """An operator's correction of the official calendar for one date (workday or holiday)."""

    day = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("日历调整")
        verbose_name_plural = _("日历调整")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'工作日' if self.is_workday else '节假日'}"


class CatalogueItem(models.Model):
    """Something a person can redeem points for, with stock and a per-person limit."""

    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    cost = models.DecimalField(_("所需积分"), max_digits=10, decimal_places=2)
    stock = models.IntegerField(_("库存"))
    per_person_limit = models.PositiveIntegerField(_("每人限兑"), default=1)
    active_from = models.DateTimeField(_("开始时间"), null=True, blank=True)
    active_until = models.DateTimeField(_("结束时间"), null=True, blank=True)
    is_active = models.BooleanField(_("上架"), default=True)

    class Meta:
        verbose_name = _("兑换物品")
        verbose_name_plural = _("兑换物品")
        ordering = ["cost", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="points_item_stock_gte_0"),
            models.CheckConstraint(condition=Q(cost__gt=0), name="points_item_cost_gt_0"),
            models.CheckConstraint(condition=Q(per_person_limit__gte=1), name="points_item_limit_gte_1"),
        ]

    def __str__(self) -> str:
        return self.name


class Order(models.Model):
    """One redemption: placing it deducts points (a negative entry), cancelling refunds them."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("兑换人"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(CatalogueItem, verbose_name=_("物品"), on_delete=models.PROTECT, related_name="orders")
    cost = models.DecimalField(_("积分"), max_digits=10, decimal_places=2)
    status = models.CharField(_("状态"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.PLACED)
    created_at = models.DateTimeField(_("下单时间"), default=timezone.now)
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("兑换订单")
        verbose_name_plural = _("兑换订单")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(cost__gt=0), name="points_order_cost_gt_0")]

    def __str__(self) -> str:
        return f"{self.person} {self.item} {self.get_status_display()}"
