"""The climb: submission, review at each level, notices, objections, forwarding, the check gate."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenming.core.periods import local_date
from wenming.honors import actions
from wenming.honors.choices import CheckResult, Decision, NominationStatus, ObjectionStatus
from wenming.honors.models import PublicNotice
from wenming.journal.models import AuditEntry

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db

TODAY = lambda: local_date(timezone.now())  # noqa: E731


@pytest.fixture
def campaign(personas):
    return CampaignFactory(
        region=personas.city, start_level="town", top_level="county", check_departments=["公安", "税务"]
    )


def submit(campaign, personas, **kw):
    return actions.submit_nomination(
        personas.citizen,
        campaign,
        category=kw.pop("category", "助人为乐"),
        nominee_name=kw.pop("name", "周红梅"),
        story="照顾孤寡老人十年。",
        region=kw.pop("region", personas.town),
        **kw,
    )


def accept_and_notice(nom, actor, *, days_ago=10):
    actions.review_nomination(actor, nom, Decision.ACCEPT)
    region = actions.reviewing_unit(nom)
    return actions.post_notice(
        actor, nom.campaign, region, [nom], starts_on=TODAY() - timedelta(days=days_ago)
    )


def test_submission_starts_at_its_regions_level(campaign, personas):
    nom = submit(campaign, personas)
    assert (nom.level, nom.status) == ("town", NominationStatus.PENDING)
    assert actions.reviewing_unit(nom) == personas.town
    county_lead = submit(campaign, personas, region=personas.county)
    assert county_lead.level == "county"
    assert AuditEntry.objects.filter(verb="honors.submit_nomination").count() == 2


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"category": "乐于助人"}, "不属于本次评选"),
        ({"region": "other_city"}, "不在本次评选范围内"),
        ({"region": "city"}, "请选择"),
    ],
)
def test_submission_refusals(campaign, personas, kw, message):
    if "region" in kw:
        kw["region"] = getattr(personas, kw["region"])
        if kw["region"] == personas.other_city:
            campaign.region = personas.county
            campaign.save()
    with pytest.raises(ValidationError, match=message):
        submit(campaign, personas, **kw)
    assert not campaign.nominations.exists()


def test_submission_after_closing_is_refused(campaign, personas):
    campaign.nomination_closes = timezone.now() - timedelta(hours=1)
    campaign.save()
    with pytest.raises(ValidationError, match="推荐已截止"):
        submit(campaign, personas)


def test_submission_checks_the_settings_in_force_not_a_stale_copy(campaign, personas):
    """Staff removed a category after the page was loaded: the submission reads the campaign again."""
    stale = type(campaign).objects.get(pk=campaign.pk)
    type(campaign).objects.filter(pk=campaign.pk).update(categories=["见义勇为"])
    with pytest.raises(ValidationError, match="不属于本次评选"):
        submit(stale, personas, category="助人为乐")
    assert submit(stale, personas, category="见义勇为").campaign_id == campaign.pk


def test_review_return_needs_reason_and_resubmit_goes_back(campaign, personas):
    nom = submit(campaign, personas)
    with pytest.raises(ValidationError, match="理由"):
        actions.review_nomination(personas.reviewer, nom, Decision.RETURN)
    actions.review_nomination(personas.reviewer, nom, Decision.RETURN, reason="事迹不具体")
    nom.refresh_from_db()
    assert nom.status == NominationStatus.RETURNED
    with pytest.raises(ValidationError, match="不能审核"):
        actions.review_nomination(personas.reviewer, nom, Decision.ACCEPT)
    with pytest.raises(PermissionDenied):
        actions.resubmit_nomination(personas.citizen2, nom, story="补充")
    actions.resubmit_nomination(personas.citizen, nom, story="补充了具体事例。")
    nom.refresh_from_db()
    assert (nom.status, nom.story) == (NominationStatus.PENDING, "补充了具体事例。")


def test_reject_is_final(campaign, personas):
    nom = submit(campaign, personas)
    actions.review_nomination(personas.reviewer, nom, Decision.REJECT, reason="不符合条件")
    nom.refresh_from_db()
    assert nom.status == NominationStatus.REJECTED
    with pytest.raises(ValidationError):
        actions.forward_nomination(personas.reviewer, nom)


def test_only_reviewers_of_the_levels_region_may_review(campaign, personas):
    nom = submit(campaign, personas)
    for outsider in (personas.citizen, personas.outsider_editor, personas.liaison):
        with pytest.raises(PermissionDenied):
            actions.review_nomination(outsider, nom, Decision.ACCEPT)
    nom.refresh_from_db()
    assert nom.status == NominationStatus.PENDING and not nom.reviews.exists()


def test_full_climb_to_candidate_with_checks(campaign, personas):
    nom = submit(campaign, personas)
    accept_and_notice(nom, personas.reviewer)
    actions.forward_nomination(personas.reviewer, nom)
    nom.refresh_from_db()
    assert (nom.level, nom.status) == ("county", NominationStatus.PENDING)
    assert actions.reviewing_unit(nom) == personas.county
    accept_and_notice(nom, personas.reviewer)
    with pytest.raises(ValidationError, match="公安、税务"):
        actions.forward_nomination(personas.reviewer, nom)
    actions.record_check(
        personas.reviewer, nom, department="公安", result=CheckResult.PASSED, checked_on=TODAY()
    )
    actions.record_check(
        personas.reviewer, nom, department="税务", result=CheckResult.FAILED, checked_on=TODAY()
    )
    with pytest.raises(ValidationError, match="税务"):
        actions.forward_nomination(personas.reviewer, nom)
    nom.refresh_from_db()
    assert nom.status == NominationStatus.ACCEPTED
    actions.record_check(
        personas.reviewer,
        nom,
        department="税务",
        result=CheckResult.PASSED,
        checked_on=TODAY(),
        note="补缴完毕",
    )
    actions.forward_nomination(personas.reviewer, nom)
    nom.refresh_from_db()
    assert nom.status == NominationStatus.CANDIDATE
    # The record carries forward: one accept per level, one notice per level.
    assert list(nom.reviews.values_list("level", "decision")) == [("town", "accept"), ("county", "accept")]
    assert sorted(nom.notices.values_list("level", flat=True)) == ["county", "town"]


def test_unknown_check_department_is_refused(campaign, personas):
    nom = submit(campaign, personas)
    with pytest.raises(ValidationError, match="不是本次评选的审核部门"):
        actions.record_check(
            personas.reviewer, nom, department="气象局", result=CheckResult.PASSED, checked_on=TODAY()
        )


def test_forward_refused_without_notice_and_before_notice_ends(campaign, personas):
    nom = submit(campaign, personas)
    actions.review_nomination(personas.reviewer, nom, Decision.ACCEPT)
    with pytest.raises(ValidationError, match="尚未公示"):
        actions.forward_nomination(personas.reviewer, nom)
    actions.post_notice(personas.reviewer, campaign, personas.town, [nom], starts_on=TODAY())
    with pytest.raises(ValidationError, match="公示期尚未结束"):
        actions.forward_nomination(personas.reviewer, nom)
    nom.refresh_from_db()
    assert nom.level == "town"


def test_notice_refuses_leads_not_accepted_or_already_noticed(campaign, personas):
    nom = submit(campaign, personas)
    with pytest.raises(ValidationError, match="不是本级已通过的线索"):
        actions.post_notice(personas.reviewer, campaign, personas.town, [nom], starts_on=TODAY())
    accept_and_notice(nom, personas.reviewer)
    with pytest.raises(ValidationError, match="已在本级公示"):
        actions.post_notice(personas.reviewer, campaign, personas.town, [nom], starts_on=TODAY())
    assert PublicNotice.objects.count() == 1


def test_open_objection_blocks_forwarding_until_resolved(campaign, personas):
    nom = submit(campaign, personas)
    actions.review_nomination(personas.reviewer, nom, Decision.ACCEPT)
    notice = actions.post_notice(personas.reviewer, campaign, personas.town, [nom], starts_on=TODAY())
    objection = actions.lodge_objection(notice, nom, text="此人曾有失信记录。", contact="138")
    # The notice period passes with the objection still open.
    PublicNotice.objects.filter(pk=notice.pk).update(
        starts_on=TODAY() - timedelta(days=9), ends_on=TODAY() - timedelta(days=5)
    )
    with pytest.raises(ValidationError, match="未处理的异议"):
        actions.forward_nomination(personas.reviewer, nom)
    with pytest.raises(ValidationError, match="处理意见"):
        actions.resolve_objection(personas.reviewer, objection, upheld=False, resolution=" ")
    with pytest.raises(PermissionDenied):
        actions.resolve_objection(personas.citizen, objection, upheld=False, resolution="核实无此事")
    actions.resolve_objection(personas.reviewer, objection, upheld=False, resolution="经核实，记录已撤销。")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED
    actions.forward_nomination(personas.reviewer, nom)
    nom.refresh_from_db()
    assert nom.level == "county"


def test_upheld_objection_rejects_the_lead(campaign, personas):
    nom = submit(campaign, personas)
    actions.review_nomination(personas.reviewer, nom, Decision.ACCEPT)
    notice = actions.post_notice(personas.reviewer, campaign, personas.town, [nom], starts_on=TODAY())
    objection = actions.lodge_objection(notice, nom, text="事迹不实。")
    actions.resolve_objection(personas.reviewer, objection, upheld=True, resolution="经核实，事迹不实。")
    nom.refresh_from_db()
    assert nom.status == NominationStatus.REJECTED
    assert AuditEntry.objects.filter(verb="honors.resolve_objection", reason="经核实，事迹不实。").exists()


def test_objection_outside_notice_period_is_refused(campaign, personas):
    nom = submit(campaign, personas)
    notice = accept_and_notice(nom, personas.reviewer, days_ago=10)
    with pytest.raises(ValidationError, match="不在公示期内"):
        actions.lodge_objection(notice, nom, text="迟到的异议")
    assert not nom.objections.exists()
