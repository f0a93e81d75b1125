"""Redemption: orders deduct by a negative entry, cancellation refunds, limits hold under concurrency."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from wenming.points import actions, queries
from wenming.points.choices import EntryKind, OrderStatus
from wenming.points.models import CatalogueItem, Entry, Order
from wenming.testing.factories import UserFactory, shanghai

from .factories import CatalogueItemFactory
from .helpers import ev


def _earn(person, amount: str, n: int = 1):
    for i in range(n):
        ev("lead_accepted", (2017, 3, 2, 9, i), person=person, lead=f"{person.pk}-{i}")
    assert queries.person_balance(person) == Decimal(amount)


@pytest.mark.django_db
def test_order_fulfil_and_cancel_refund(liyang, personas, client):
    _earn(personas.citizen, "3", 3)
    item = CatalogueItemFactory(cost="2.00", stock=1, per_person_limit=2)
    order = actions.place_order(personas.citizen, item)
    assert queries.person_balance(personas.citizen) == Decimal("1")
    # Earned points (ranks) are not lowered by spending.
    assert queries.person_total(personas.citizen) == Decimal("3")
    assert CatalogueItem.objects.get(pk=item.pk).stock == 0
    with pytest.raises(actions.PointsError, match="库存不足"):
        actions.place_order(personas.citizen, item)
    actions.cancel_order(order, actor=personas.citizen)
    assert queries.person_balance(personas.citizen) == Decimal("3")
    assert CatalogueItem.objects.get(pk=item.pk).stock == 1
    assert list(Entry.objects.filter(kind=EntryKind.REDEMPTION).values_list("amount", flat=True).order_by("id")) == [
        Decimal("-2"), Decimal("2")
    ]
    order2 = actions.place_order(personas.citizen, item)
    actions.fulfil_order(order2, actor=personas.admin)
    assert Order.objects.get(pk=order2.pk).status == OrderStatus.FULFILLED
    with pytest.raises(actions.PointsError):
        actions.cancel_order(order2, actor=personas.admin)


@pytest.mark.django_db
def test_balance_limit_and_dates(liyang, personas):
    _earn(personas.citizen, "1")
    with pytest.raises(actions.PointsError, match="积分不足"):
        actions.place_order(personas.citizen, CatalogueItemFactory(cost="1.50"))
    limited = CatalogueItemFactory(cost="0.50", per_person_limit=1)
    actions.place_order(personas.citizen, limited)
    with pytest.raises(actions.PointsError, match="每人限兑"):
        actions.place_order(personas.citizen, limited)
    later = CatalogueItemFactory(cost="0.10", active_from=shanghai(2999, 1, 1))
    with pytest.raises(actions.PointsError, match="不可兑换"):
        actions.place_order(personas.citizen, later)


@pytest.mark.django_db
def test_database_refuses_negative_stock(liyang):
    item = CatalogueItemFactory(stock=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueItem.objects.filter(pk=item.pk).update(stock=-1)


@pytest.mark.django_db
def test_pages_order_and_staff_fulfil(client, liyang, personas):
    _earn(personas.citizen, "1")
    item = CatalogueItemFactory(name="环保袋", cost="1.00")
    client.force_login(personas.citizen)
    assert "环保袋" in client.get(reverse("points:catalogue")).content.decode()
    client.post(reverse("points:order", args=[item.pk]))
    order = Order.objects.get()
    assert client.get(reverse("points:orders")).status_code == 403
    assert client.post(reverse("points:fulfil", args=[order.pk])).status_code == 403
    client.force_login(personas.admin)
    assert "环保袋" in client.get(reverse("points:orders")).content.decode()
    client.post(reverse("points:fulfil", args=[order.pk]))
    assert Order.objects.get().status == OrderStatus.FULFILLED


def _concurrently(n, fn):
    barrier = threading.Barrier(n)
    outcomes = []

    def run(i):
        try:
            barrier.wait()
            fn(i)
            outcomes.append("ok")
        except actions.PointsError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_never_overspend_or_oversell(on_postgres, liyang, personas):
    # One person, enough for exactly one order, six simultaneous attempts.
    _earn(personas.citizen, "1")
    item = CatalogueItemFactory(cost="1.00", stock=10, per_person_limit=10)
    outcomes = _concurrently(6, lambda i: actions.place_order(personas.citizen, item))
    assert outcomes.count("ok") == 1
    assert queries.person_balance(personas.citizen) == Decimal("0")
    # Six people, stock for two.
    buyers = [UserFactory() for _ in range(6)]
    for buyer in buyers:
        _earn(buyer, "1")
    scarce = CatalogueItemFactory(cost="1.00", stock=2, per_person_limit=1)
    outcomes = _concurrently(6, lambda i: actions.place_order(buyers[i], scarce))
    assert outcomes.count("ok") == 2
    assert CatalogueItem.objects.get(pk=scarce.pk).stock == 0
    assert Order.objects.filter(item=scarce).count() == 2
