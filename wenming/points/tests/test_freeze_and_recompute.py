"""Published months are frozen: recompute and scoring leave them alone until an admin reopens."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from wenming.core.periods import Month
from wenming.journal.models import AuditEntry
from wenming.points import actions, queries
from wenming.points.models import RuleSet

from .helpers import ev

pytestmark = pytest.mark.django_db
MARCH = Month(2017, 3)


def test_freeze_reopen_and_recompute_after_a_rule_change(liyang, personas):
    ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")
    actions.freeze_month(liyang, MARCH, actor=personas.admin)
    assert queries.is_frozen(liyang, MARCH)
    # Late events for a frozen month do not change what was published.
    ev("like", (2017, 3, 3, 10, 0), person=personas.citizen, target="s:2")
    assert queries.unit_totals(liyang, MARCH) == {personas.town.pk: Decimal("0.05")}
    with pytest.raises(actions.MonthFrozen):
        actions.recompute_month(liyang, MARCH, actor=personas.admin)
    with pytest.raises(PermissionDenied):
        actions.reopen_month(liyang, MARCH, actor=personas.editor, reason="更正")
    with pytest.raises(actions.PointsError):
        actions.reopen_month(liyang, MARCH, actor=personas.admin, reason="")
    actions.reopen_month(liyang, MARCH, actor=personas.admin, reason="规则调整后重算")
    assert AuditEntry.objects.filter(verb="points.reopen_month", reason="规则调整后重算").exists()
    # The rule changes (a like is now worth 0.1) and the month is recomputed.
    ruleset = RuleSet.objects.get(scheme=liyang)
    rules = [dict(r, amount="0.1") if r["id"] == "2.like" else r for r in ruleset.rules]
    RuleSet.objects.filter(pk=ruleset.pk).update(rules=rules)
    actions.recompute_month(liyang, MARCH, actor=personas.admin)
    assert queries.unit_totals(liyang, MARCH) == {personas.town.pk: Decimal("0.2")}
    assert queries.person_total(personas.citizen, MARCH) == Decimal("0.2")


def test_only_publishers_freeze(liyang, personas):
    with pytest.raises(PermissionDenied):
        actions.freeze_month(liyang, MARCH, actor=personas.citizen)
    assert not queries.is_frozen(liyang, "2017-03")


def test_breakdown_by_rule(liyang, personas):
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1)
    ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")
    assert queries.unit_breakdown(liyang, MARCH) == {
        personas.town.pk: {"1.headline": Decimal("10"), "2.like": Decimal("0.05")}
    }


def test_a_newer_rule_set_applies_from_its_effective_date(liyang, personas):
    base = RuleSet.objects.get(scheme=liyang)
    rules = [dict(r, amount="1") if r["id"] == "2.like" else r for r in base.rules]
    RuleSet.objects.create(scheme=liyang, version="2017.2", effective_from="2017-03-15", rules=rules)
    ev("like", (2017, 3, 14, 23, 0), person=personas.citizen, target="s:1")
    ev("like", (2017, 3, 15, 0, 30), person=personas.citizen, target="s:2")
    assert queries.person_total(personas.citizen, MARCH) == Decimal("1.05")
    actions.recompute_month(liyang, MARCH, actor=personas.admin)
    assert queries.person_total(personas.citizen, MARCH) == Decimal("1.05")
