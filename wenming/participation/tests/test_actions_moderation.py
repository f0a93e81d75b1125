import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from wenming.journal.models import DomainEvent
from wenming.participation import actions, queries
from wenming.participation.actions import ParticipationError
from wenming.participation.choices import LeadKind, Status
from wenming.participation.models import Story

from .factories import LeadFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_accepting_a_story_records_share_accepted_for_the_author(personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    actions.accept(p.editor, story)
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED and story.decided_by == p.editor and story.decided_at
    event = DomainEvent.objects.get(type="share_accepted")
    assert event.key == f"web:share_accepted:{story.pk}"
    assert event.person == p.citizen and event.unit is None
    assert event.data == {"story": story.pk}
    assert event.at == story.decided_at


def test_accepting_a_lead_records_lead_accepted(personas):
    p = personas
    lead = LeadFactory(author=p.citizen, unit=p.town, kind=LeadKind.ACTIVITY, beneficiary="")
    actions.accept(p.editor, lead)
    event = DomainEvent.objects.get(type="lead_accepted")
    assert event.key == f"web:lead_accepted:{lead.pk}" and event.data == {"lead": lead.pk} and event.person == p.citizen


def test_an_author_cannot_moderate_their_own_post(personas):
    p = personas
    from wenming.people import actions as people_actions

    people_actions.choose_group(p.editor, p.town)
    story = StoryFactory(author=p.editor, unit=p.town)
    with pytest.raises(ParticipationError, match="不能审核自己发布的内容"):
        actions.accept(p.editor, story)
    story.refresh_from_db()
    assert story.status == Status.PENDING
    assert not DomainEvent.objects.filter(type="share_accepted").exists()
    assert story not in queries.moderation_queue(p.editor)


def test_editors_act_only_within_their_region(personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    for user in (p.outsider_editor, p.citizen2, p.liaison):
        with pytest.raises(PermissionDenied):
            actions.accept(user, story)
    assert queries.moderation_queue(p.outsider_editor) == []
    assert queries.moderation_queue(p.editor) == [story]


def test_reject_needs_a_reason_the_author_sees(personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    with pytest.raises(ParticipationError, match="未录用原因不能为空"):
        actions.reject(p.editor, story, reason=" ")
    actions.reject(p.editor, story, reason="内容与主题不符")
    story.refresh_from_db()
    assert story.status == Status.REJECTED and story.reason == "内容与主题不符"
    assert not DomainEvent.objects.exclude(type="join_group").exists()
    entries = queries.history(story)
    assert entries[0].verb == "participation.reject" and entries[0].actor == p.editor and entries[0].reason == "内容与主题不符"
    assert entries[0].label == "未录用"


def test_a_decided_item_cannot_be_decided_again(personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    actions.accept(p.editor, story)
    with pytest.raises(ParticipationError, match="已审核过"):
        actions.reject(p.admin, story, reason="x")
    with pytest.raises(ParticipationError, match="已审核过"):
        actions.accept(p.admin, story)
    assert DomainEvent.objects.filter(type="share_accepted").count() == 1


def test_bulk_accept_reports_what_it_could_not_do(personas):
    p = personas
    own = StoryFactory(author=p.editor, unit=p.town)
    a, b = StoryFactory(author=p.citizen, unit=p.town), LeadFactory(author=p.citizen, unit=p.dept)
    accepted, problems = actions.bulk_accept(p.editor, [a, b, own])
    assert accepted == 2
    assert len(problems) == 1 and "不能审核自己发布的内容" in problems[0]
    assert DomainEvent.objects.filter(type__in=["share_accepted", "lead_accepted"]).count() == 2


def test_queue_is_oldest_first_and_filters_by_unit(personas):
    p = personas
    from datetime import timedelta

    now = timezone.now()
    newer = StoryFactory(author=p.citizen, unit=p.town, created_at=now)
    older = LeadFactory(author=p.citizen, unit=p.dept, created_at=now - timedelta(days=1))
    assert queries.moderation_queue(p.editor) == [older, newer]
    assert queries.moderation_queue(p.editor, unit=p.town) == [newer]


def test_database_refuses_a_rejection_without_reason(personas):
    p = personas
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(author=p.citizen, unit=p.town, status=Status.REJECTED, decided_at=timezone.now())
    assert not Story.objects.exists()
