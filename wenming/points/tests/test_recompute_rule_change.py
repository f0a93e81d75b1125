"""Recompute after a rule change: a new rule-set version rewrites every rule entry of the month.

On PostgreSQL the month is built in a table of its own and swapped in (``points.ledger``); on
SQLite it is deleted and re-inserted. Both must give exactly the entries a fresh scoring gives,
keep what is not a rule entry of the scheme, and leave everything as it was when they fail.
"""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from wenming.core.bulk import insert_rows
from wenming.core.periods import Month
from wenming.people import actions as people_actions
from wenming.people.models import User
from wenming.points import actions, engine, ledger, totals
from wenming.points.choices import EntryKind
from wenming.points.models import Entry, RuleSet, Total
from wenming.points.periods import period_of
from wenming.points.schemes import store_rulesets
from wenming.testing.factories import UserFactory, shanghai

from .helpers import ev

pytestmark = pytest.mark.django_db
MARCH, APRIL = Month(2017, 3), Month(2017, 4)
COMPARED = ("person_id", "unit_id", "amount", "rule", "ruleset_id", "event_id", "item", "note")


def _month_of_events(personas):
    """A bit of everything: acts (one taken back), a move between units, articles, a livestream, reposts."""
    mover = UserFactory()
    people_actions.choose_group(mover, personas.town, at=shanghai(2017, 2, 20))
    like = ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")
    ev("like", (2017, 3, 2, 11, 0), person=mover, target="s:2")
    ev("like_removed", (2017, 3, 4, 10, 0), person=personas.citizen, like_event=like.key)
    ev("comment_valid", (2017, 3, 5, 10, 5), person=personas.citizen, comment=9)
    people_actions.choose_group(mover, personas.town2, at=shanghai(2017, 3, 10))
    ev("share_accepted", (2017, 3, 12, 9, 0), person=mover, share=3)
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1)
    ev("article_stats", (2017, 4, 9, 7, 0), article="A", reads_72h=3000, likes=60)
    ev("livestream_declared", (2017, 3, 7, 8, 0), unit=personas.town2, livestream="L")
    ev("livestream_held", (2017, 3, 8, 20, 0), livestream="L")
    ev("livestream_stats", (2017, 3, 11, 20, 0), livestream="L", clicks_72h=20000)
    ev(
        "repost",
        (2017, 3, 8, 9, 0),
        unit=personas.dept,
        repost="R1",
        level="national",
        prefecture_channel=True,
        reads_72h=1,
    )
    ev("like", (2017, 4, 2, 10, 0), person=personas.citizen, target="s:9")


def _new_version(scheme, **amounts) -> RuleSet:
    """A rule-set version from March on with some amounts changed, loaded as ``load-scheme`` loads it."""
    base = RuleSet.objects.get(scheme=scheme, version="2017.1")
    rules = [dict(r, amount=amounts[r["id"]]) if r.get("id") in amounts else r for r in base.rules]
    store_rulesets(
        None,
        scheme=scheme,
        data={"rulesets": [{"version": "2017.2", "effective_from": "2017-03-01", "rules": rules}]},
    )
    return RuleSet.objects.get(scheme=scheme, version="2017.2")


def _rule_entries(scheme, month):
    rows = Entry.objects.filter(scheme=scheme, period=period_of(month), kind=EntryKind.RULE).values_list(
        *COMPARED
    )
    return sorted(rows, key=repr)


def _fresh_scoring(scheme, month):
    """The month's rule entries as the item scorers give them in Python (no SQL scoring, no ledger)."""
    scoring = engine.Scoring(scheme)
    rows = [
        (r[2], r[3], Decimal(r[4]).quantize(Decimal("0.0001")), r[5], r[6], r[7], r[8], r[10])
        for r in engine.month_rows(scoring, month)
    ]
    return sorted(rows, key=repr)


def _assert_totals_are_ledger_sums(scheme, month):
    period = period_of(month)
    earned = Entry.objects.filter(scheme=scheme, period=period, kind__in=totals.EARNED_KINDS)
    expected = {
        ("p", row["person_id"]) if row["person_id"] else ("u", row["unit_id"]): row["points"]
        for row in earned.values("person_id", "unit_id").annotate(points=Sum("amount"))
    }
    kept = {
        ("p", t.person_id) if t.person_id else ("u", t.unit_id): t.points
        for t in Total.objects.filter(scheme=scheme, period=period)
    }
    assert kept == {k: v.quantize(Decimal("0.0001")) for k, v in expected.items()}


def test_a_rule_change_rewrites_the_month_as_a_fresh_scoring(liyang, personas):
    _month_of_events(personas)
    adjustment = actions.adjust_points(
        scheme=liyang,
        month=MARCH,
        actor=personas.admin,
        amount=Decimal("2"),
        reason="补录",
        unit=personas.town,
    )
    april = _rule_entries(liyang, APRIL)
    version = _new_version(liyang, **{"2.like": "0.06", "1.headline": "11"})

    count = actions.recompute_month(liyang, MARCH, actor=personas.admin)

    entries = _rule_entries(liyang, MARCH)
    assert len(entries) == count
    assert {row[4] for row in entries} == {version.pk}  # every entry re-scored by the new version
    assert entries == _fresh_scoring(liyang, MARCH)
    assert Entry.objects.get(pk=adjustment.pk).amount == Decimal("2")  # adjustments stay, same id
    assert _rule_entries(liyang, APRIL) == april  # another month is not touched
    _assert_totals_are_ledger_sums(liyang, MARCH)
    # Headline 11 (was 10), the article's stats 5 + 2, the adjustment 2, the mover's like 0.06 (was
    # 0.05; the citizen's like was taken back) and the citizen's comment 0.1.
    assert Total.objects.get(scheme=liyang, period=period_of(MARCH), unit=personas.town).points == Decimal(
        "20.16"
    )


def test_recomputing_twice_gives_the_same_entries(liyang, personas):
    _month_of_events(personas)
    _new_version(liyang, **{"2.like": "0.06"})
    engine.recompute(liyang, MARCH)
    first = _rule_entries(liyang, MARCH)
    engine.recompute(liyang, MARCH)
    assert _rule_entries(liyang, MARCH) == first
    _assert_totals_are_ledger_sums(liyang, MARCH)


def test_acts_of_other_months_among_the_months_events_are_left_out(liyang, personas):
    """SQLite reads the month's acts as a stretch of event ids: a late import of another month's
    acts inside that stretch must still be left out, and every act of the month counted."""
    ev("like", (2017, 3, 1, 9, 0), person=personas.citizen, target="s:1")
    ev("like", (2017, 2, 27, 9, 0), person=personas.citizen, target="s:2")  # February, imported late
    ev("comment_valid", (2017, 4, 1, 9, 0), person=personas.citizen, comment=1)  # April, already in
    ev("share_accepted", (2017, 3, 31, 23, 0), person=personas.citizen, share=1)
    _new_version(liyang, **{"2.like": "0.06"})

    engine.recompute(liyang, MARCH)

    assert _rule_entries(liyang, MARCH) == _fresh_scoring(liyang, MARCH)
    march = Total.objects.get(scheme=liyang, period=period_of(MARCH), person=personas.citizen)
    assert march.points == Decimal("0.56")  # the March like at 0.06 and the accepted share 0.5
    _assert_totals_are_ledger_sums(liyang, MARCH)


def test_a_failed_recompute_leaves_the_month_as_it_was(liyang, personas, monkeypatch):
    _month_of_events(personas)
    before = _rule_entries(liyang, MARCH), list(Total.objects.order_by("pk").values_list("pk", "points"))
    _new_version(liyang, **{"2.like": "0.06"})

    def broken(*args, **kwargs):
        raise RuntimeError("断电")

    monkeypatch.setattr(totals, "refresh", broken)
    with pytest.raises(RuntimeError):
        engine.recompute(liyang, MARCH)
    assert (
        _rule_entries(liyang, MARCH),
        list(Total.objects.order_by("pk").values_list("pk", "points")),
    ) == before


def test_the_month_gets_a_partition_of_its_own_and_keeps_redemptions(liyang, personas, on_postgres):
    from wenming.points.models import CatalogueItem

    def partitions(cursor) -> int:
        cursor.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass(%s)", [ledger.PARENT])
        return cursor.fetchone()[0]

    _month_of_events(personas)
    with connection.cursor() as cursor:
        # Scored on the web into the DEFAULT partition (unless a committed test left March one).
        built = ledger.partition_of(cursor, period_of(MARCH)) is not None
        before = partitions(cursor)
    ev("like", (2017, 3, 3, 10, 0), person=personas.citizen, target="s:5")
    item = CatalogueItem.objects.create(name="杯子", cost=Decimal("0.01"), stock=3)
    with transaction.atomic():
        order = actions.place_order(personas.citizen, item, at=shanghai(2017, 3, 20))
    redemption = Entry.objects.get(order=order)
    engine.recompute(liyang, MARCH)
    with connection.cursor() as cursor:
        first = ledger.partition_of(cursor, period_of(MARCH))
        assert first == "points_entry_p201703"
        cursor.execute(f"SELECT count(*) FROM {ledger.DEFAULT} WHERE period = %s", [period_of(MARCH)])
        assert cursor.fetchone()[0] == 0
    _new_version(liyang, **{"2.like": "0.06"})
    engine.recompute(liyang, MARCH)
    with connection.cursor() as cursor:
        assert ledger.partition_of(cursor, period_of(MARCH)) == first
        assert partitions(cursor) == before + (0 if built else 1)  # the old March went, the new one came
    assert Entry.objects.get(pk=redemption.pk).amount == Decimal("-0.01")
    assert _rule_entries(liyang, MARCH) == _fresh_scoring(liyang, MARCH)
    # Web scoring after the swap writes into the month's partition.
    like = ev("like", (2017, 3, 25, 10, 0), person=personas.citizen, target="s:6")
    assert Entry.objects.filter(event=like).count() == 2
    _assert_totals_are_ledger_sums(liyang, MARCH)


def test_a_built_month_checks_its_references(liyang, personas, on_postgres):
    missing = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    row = (
        EntryKind.RULE,
        liyang.pk,
        missing,
        None,
        "1.0000",
        "2.like",
        1,
        1,
        "",
        period_of(MARCH),
        "",
        "",
        shanghai(2017, 3, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        build = ledger.MonthBuild(liyang.pk, period_of(MARCH))
        build.start()
        insert_rows(build.table, engine.ENTRY_COLUMNS, [row])


@pytest.mark.django_db(transaction=True)
def test_readers_see_the_old_month_and_a_web_like_waits_for_the_new_one(
    liyang, personas, on_postgres, monkeypatch
):
    """While a month is rebuilt: readers see it as it was; a like scored meanwhile waits, then lands in it.

    The like's transaction reads the item's entries before replacing them: without taking its write
    lock first it would hold the ledger while waiting for the rebuild, and the swap would deadlock.
    """
    import threading
    import time

    _month_of_events(personas)
    _new_version(liyang, **{"2.like": "0.06"})
    old_sum = Entry.objects.filter(period=period_of(MARCH), kind=EntryKind.RULE).aggregate(s=Sum("amount"))[
        "s"
    ]
    building, proceed, errors = threading.Event(), threading.Event(), []
    refresh = totals.refresh

    def paused(*args, **kwargs):
        if kwargs.get("source"):  # the rebuild's whole-month refresh, not the like's
            building.set()
            proceed.wait(30)
        return refresh(*args, **kwargs)

    def run(work):
        try:
            work()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    monkeypatch.setattr(totals, "refresh", paused)
    rebuild = threading.Thread(target=run, args=(lambda: engine.recompute(liyang, MARCH),))
    rebuild.start()
    assert building.wait(30)
    like = threading.Thread(
        target=run, args=(lambda: ev("like", (2017, 3, 20, 10, 0), person=personas.citizen, target="s:77"),)
    )
    like.start()
    month = Entry.objects.filter(period=period_of(MARCH), kind=EntryKind.RULE)
    assert month.aggregate(s=Sum("amount"))["s"] == old_sum  # the old month, while the new one is built
    time.sleep(1.5)  # longer than deadlock_timeout: a deadlock would be found by now
    assert like.is_alive()  # waiting for the rebuild
    proceed.set()
    rebuild.join(60)
    like.join(60)
    assert not errors
    assert month.filter(rule="2.like", amount=Decimal("0.06"), event__data__target="s:77").count() == 2
    assert not month.exclude(ruleset__version="2017.2").exists()
    _assert_totals_are_ledger_sums(liyang, MARCH)
