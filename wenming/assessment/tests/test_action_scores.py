"""Reports and quality scores: bad input is refused and nothing changes."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from wenming.assessment import actions
from wenming.assessment.models import Item, Material, QualityScore
from wenming.journal.models import DomainEvent
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db


def test_score_above_item_points_is_refused(luoyang, personas):
    unit = luoyang.test_units[0]
    with pytest.raises(ValidationError, match="满分 2 分"):
        actions.record_quality_score(luoyang, unit, 11, 2014, "2.5", actor=personas.admin)
    with pytest.raises(ValidationError):
        actions.record_quality_score(luoyang, unit, 11, 2014, "-1", actor=personas.admin)
    assert not QualityScore.objects.exists()
    score = actions.record_quality_score(luoyang, unit, 11, 2014, "2", actor=personas.admin)
    assert score.score == Decimal(2)
    # Scoring again replaces the score (one per item, unit and year).
    actions.record_quality_score(luoyang, unit, 11, 2014, "1.5", actor=personas.admin)
    assert QualityScore.objects.get().score == Decimal("1.5")


def test_database_refuses_score_above_max(luoyang):
    item = Item.objects.get(scheme=luoyang, number=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityScore.objects.create(item=item, unit=luoyang.test_units[0], year=2014, score=3, max_points=2)


def test_counted_item_is_not_quality_scored(luoyang):
    with pytest.raises(ValidationError, match="不按质评分"):
        actions.record_quality_score(luoyang, luoyang.test_units[0], 4, 2014, "1")


def test_item_the_scheme_lacks_is_refused(luoyang):
    unit = luoyang.test_units[0]
    with pytest.raises(ValidationError, match="没有第 12 项"):
        actions.report_material(luoyang, unit, 12, title="x", reported_at=shanghai(2014, 5, 1, 9))
    assert not Material.objects.exists()


def test_liaison_of_another_unit_may_not_report(luoyang, personas):
    with pytest.raises(PermissionDenied):
        actions.report_material(
            luoyang, luoyang.test_units[0], 4, title="x", reported_at=shanghai(2014, 5, 1, 9), actor=personas.liaison
        )


def test_web_report_needs_seal_and_signature_and_records_event(luoyang, personas):
    unit = luoyang.test_units[0]
    with pytest.raises(ValidationError, match="公章"):
        actions.report_material(luoyang, unit, 11, title="调研报告", reported_at=shanghai(2014, 8, 1, 9), actor=personas.admin)
    material, created = actions.report_material(
        luoyang,
        unit,
        11,
        title="调研报告",
        reported_at=shanghai(2014, 8, 1, 9),
        actor=personas.admin,
        author="王五",
        checked_by="赵六",
        contact="0379-63935813",
        has_seal=True,
        has_signature=True,
    )
    assert created and material.checked_by == "赵六"
    event = DomainEvent.objects.get(key=material.event_key)
    assert event.type == "report" and event.unit == unit and event.data["item"] == 11


def test_reviewer_scores_but_liaison_may_not(luoyang, personas):
    unit = luoyang.test_units[0]
    with pytest.raises(PermissionDenied):
        actions.record_quality_score(luoyang, unit, 3, 2014, "1", actor=personas.liaison)


def test_score_for_future_year_refused(luoyang):
    with pytest.raises(ValidationError, match="年度无效"):
        actions.record_quality_score(luoyang, luoyang.test_units[0], 3, 2999, "1")
