"""The only write paths of the points domain: freezing, reopening, recomputing, adjusting, redeeming."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.numbers import plain
from wenming.core.periods import Month
from wenming.journal.actions import audit
from wenming.people.models import User
from wenming.people.permissions import can

from . import ledger, totals
from .choices import ADJUSTMENT_RULE, REDEMPTION_RULE, EntryKind, OrderStatus
from .models import CatalogueItem, Entry, FrozenMonth, Order
from .periods import as_month, period_of, resolve_scheme


class PointsError(Exception):
    """A refused points operation; the message is shown to the person as is."""


class MonthFrozen(PointsError):
    pass


def _require(actor, action: str, obj=None) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied(_("没有权限执行此操作"))


@transaction.atomic
def freeze_month(scheme, month, *, actor) -> FrozenMonth:
    """Freeze a published month: its entries stay as published and recompute is refused."""
    _require(actor, "publish")
    scheme = resolve_scheme(scheme)
    month = as_month(month)
    frozen, created = FrozenMonth.objects.get_or_create(
        scheme=scheme, period=period_of(month), defaults={"frozen_by": actor if getattr(actor, "pk", None) else None}
    )
    if created:
        audit(actor, "points.freeze_month", scheme, data={"month": str(month)})
    return frozen


@transaction.atomic
def reopen_month(scheme, month, *, actor, reason: str) -> None:
    """An admin reopens a frozen month (recorded with the reason) so it can be recomputed."""
    _require(actor, "administer")
    if not reason.strip():
        raise PointsError(_("重新开放月份必须填写原因"))
    scheme = resolve_scheme(scheme)
    month = as_month(month)
    deleted, _rows = FrozenMonth.objects.filter(scheme=scheme, period=period_of(month)).delete()
    if deleted:
        audit(actor, "points.reopen_month", scheme, reason=reason, data={"month": str(month)})


@transaction.atomic
def recompute_month(scheme, month, *, actor=None) -> int:
    """Replace a month's rule entries by a fresh scoring of its events (delete-then-insert).

    Refused for a frozen month. Adjustments and redemptions are kept. Returns the entry count.
    """
    from . import engine

    _require(actor, "administer")
    scheme = resolve_scheme(scheme)
    month = as_month(month)
    if FrozenMonth.objects.select_for_update().filter(scheme=scheme, period=period_of(month)).exists():
        raise MonthFrozen(_("%(month)s 已发布冻结，需管理员重新开放后才能重算") % {"month": month})
    count = engine.recompute(scheme, month)
    audit(actor, "points.recompute_month", scheme, data={"month": str(month), "entries": count})
    return count


@transaction.atomic
def adjust_points(*, scheme, month, actor, amount: Decimal, reason: str, unit=None, person=None) -> Entry:
    """A manual adjustment by staff: an entry with the reason and the staff member, never an edit."""
    if (unit is None) == (person is None):
        raise PointsError(_("调整对象须为一个单位或一个人"))
    target_unit = unit if unit is not None else person.group
    if target_unit is None:
        _require(actor, "adjust_points")
    else:
        _require(actor, "adjust_points", target_unit)
    if not reason.strip():
        raise PointsError(_("请填写调整原因"))
    if not amount:
        raise PointsError(_("调整分值不能为零"))
    scheme = resolve_scheme(scheme)
    month = as_month(month)
    if FrozenMonth.objects.filter(scheme=scheme, period=period_of(month)).exists():
        raise MonthFrozen(_("%(month)s 已发布冻结，不能调整") % {"month": month})
    entry = Entry.objects.create(
        kind=EntryKind.ADJUSTMENT,
        scheme=scheme,
        unit=unit,
        person=person,
        amount=amount,
        rule=ADJUSTMENT_RULE,
        period=period_of(month),
        reason=reason.strip(),
        actor=actor,
    )
    totals.refresh(
        scheme.pk, entry.period, person_ids=[person.pk] if person else None, unit_ids=[unit.pk] if unit else None
    )
    audit(actor, "points.adjust", unit or person, reason=reason, data={"amount": str(amount), "month": str(month)})
    return entry


@transaction.atomic
def place_order(person, item: CatalogueItem, *, at=None) -> Order:
    """Redeem an item: lock the person and the item, check balance, stock and limit, deduct.

    The person's row lock serialises one person's orders, so two concurrent orders cannot both
    spend the same balance; the item's row lock and its CHECK (stock >= 0) do the same for stock.
    """
    from .queries import person_balance

    at = at or timezone.now()
    ledger.lock_for_writing()  # the balance is read, then an entry written (see ``ledger``)
    User.objects.select_for_update().filter(pk=person.pk).first()
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_active or (item.active_from and at < item.active_from) or (item.active_until and at >= item.active_until):
        raise PointsError(_("该物品当前不可兑换"))
    if item.stock < 1:
        raise PointsError(_("库存不足"))
    taken = Order.objects.filter(person=person, item=item).exclude(status=OrderStatus.CANCELLED).count()
    if taken >= item.per_person_limit:
        raise PointsError(_("已达到每人限兑数量"))
    balance = person_balance(person)
    if balance < item.cost:
        raise PointsError(_("积分不足，还差 %(n)s 分") % {"n": plain(item.cost - balance)})
    CatalogueItem.objects.filter(pk=item.pk).update(stock=item.stock - 1)
    order = Order.objects.create(person=person, item=item, cost=item.cost, created_at=at)
    Entry.objects.create(
        kind=EntryKind.REDEMPTION,
        person=person,
        amount=-item.cost,
        rule=REDEMPTION_RULE,
        period=period_of(Month.of(at)),
        order=order,
        note=item.name,
    )
    audit(person, "points.place_order", order, data={"item": item.pk, "cost": str(item.cost)})
    return order


@transaction.atomic
def fulfil_order(order: Order, *, actor) -> Order:
    """Staff hand the item over."""
    _require(actor, "adjust_points")
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PLACED:
        raise PointsError(_("该订单不能发放"))
    order.status, order.handled_at, order.handled_by = OrderStatus.FULFILLED, timezone.now(), actor
    order.save(update_fields=["status", "handled_at", "handled_by"])
    audit(actor, "points.fulfil_order", order)
    return order


@transaction.atomic
def cancel_order(order: Order, *, actor) -> Order:
    """Cancel a placed order: the stock goes back and a refund entry restores the points."""
    if actor.pk != order.person_id:
        _require(actor, "adjust_points")
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PLACED:
        raise PointsError(_("该订单不能取消"))
    item = CatalogueItem.objects.select_for_update().get(pk=order.item_id)
    CatalogueItem.objects.filter(pk=item.pk).update(stock=item.stock + 1)
    now = timezone.now()
    order.status, order.handled_at, order.handled_by = OrderStatus.CANCELLED, now, actor
    order.save(update_fields=["status", "handled_at", "handled_by"])
    Entry.objects.create(
        kind=EntryKind.REDEMPTION,
        person_id=order.person_id,
        amount=order.cost,
        rule=REDEMPTION_RULE,
        period=period_of(Month.of(now)),
        order=order,
        note=_("取消兑换退还"),
    )
    audit(actor, "points.cancel_order", order)
    return order
