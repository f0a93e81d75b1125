import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from wenming.journal.models import DomainEvent
from wenming.participation import actions, queries
from wenming.participation.actions import ParticipationError
from wenming.participation.models import Like, Share

from .factories import LivestreamFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(personas):
    return StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)


def test_like_then_second_tap_takes_it_back(personas, story):
    p = personas
    assert actions.toggle_like(p.citizen2, story) is True
    like = Like.objects.get()
    event = DomainEvent.objects.get(type="like")
    assert event.key == f"web:like:{like.pk}" and event.person == p.citizen2 and event.unit is None
    assert event.data == {"target": f"story:{story.pk}"}
    assert queries.like_state(p.citizen2, story) == (True, 1)

    assert actions.toggle_like(p.citizen2, story) is False
    removed = DomainEvent.objects.get(type="like_removed")
    assert removed.key == f"web:like_removed:{like.pk}" and removed.data == {"like_event": f"web:like:{like.pk}"}
    assert queries.like_state(p.citizen2, story) == (False, 0)

    # A third tap is a new like with its own key.
    assert actions.toggle_like(p.citizen2, story) is True
    assert DomainEvent.objects.filter(type="like").count() == 2


def test_a_like_on_a_hidden_or_pending_item_is_refused(personas):
    hidden = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True, hidden=True)
    with pytest.raises(ParticipationError, match="已被举报隐藏"):
        actions.toggle_like(personas.citizen2, hidden)
    pending = StoryFactory(author=personas.citizen, unit=personas.town)
    with pytest.raises(ParticipationError, match="尚未公开"):
        actions.toggle_like(personas.citizen2, pending)
    assert not Like.objects.exists()
    assert not DomainEvent.objects.filter(type="like").exists()


def test_database_allows_one_active_like_per_person(personas, story):
    ct = ContentType.objects.get_for_model(story)
    Like.objects.create(content_type=ct, object_id=story.pk, person=personas.citizen2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Like.objects.create(content_type=ct, object_id=story.pk, person=personas.citizen2)
    # A removed like does not block a new one.
    Like.objects.update(removed_at=timezone.now())
    Like.objects.create(content_type=ct, object_id=story.pk, person=personas.citizen2)


def test_anonymous_cannot_like(personas, story):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        actions.toggle_like(AnonymousUser(), story)


def test_record_share_for_the_wechat_callback(personas, story):
    share, created = actions.record_share(personas.citizen2, story, channel="wechat_timeline")
    assert created
    event = DomainEvent.objects.get(type="share")
    assert event.key == f"web:share:{share.pk}" and event.person == personas.citizen2
    assert event.data == {"target": f"story:{story.pk}", "channel": "wechat_timeline"}
    # The same token twice (a retried callback) records once.
    first, created = actions.record_share(personas.citizen2, story, channel="wechat_friend", token="abc123")
    again, created_again = actions.record_share(personas.citizen2, story, channel="wechat_friend", token="abc123")
    assert created and not created_again and first == again
    assert Share.objects.count() == 2


def test_record_share_refuses_unknown_channels_and_private_items(personas):
    story = StoryFactory(author=personas.citizen, unit=personas.town)
    with pytest.raises(ParticipationError, match="未知的分享渠道"):
        actions.record_share(personas.citizen2, story, channel="fax")
    with pytest.raises(ParticipationError, match="尚未公开"):
        actions.record_share(personas.citizen2, story, channel="link")
    assert not Share.objects.exists()


def test_livestream_shares_name_the_web_id(personas):
    live = LivestreamFactory(author=personas.liaison, unit=personas.town, status="accepted", decided_at=timezone.now())
    actions.record_share(personas.citizen2, live, channel="link")
    assert DomainEvent.objects.get(type="share").data["target"] == f"livestream:web-{live.pk}"


def test_a_share_link_records_one_share_for_its_owner(personas, story):
    p = personas
    link = actions.share_link_for(p.citizen2, story)
    assert actions.share_link_for(p.citizen2, story) == link
    # The owner opening their own link is not a share.
    assert actions.open_share_link(link.token, p.citizen2) == (link, None)
    _link, share = actions.open_share_link(link.token, None)
    assert share.sharer == p.citizen2 and share.channel == "link"
    actions.open_share_link(link.token, p.citizen)
    assert Share.objects.count() == 1
    assert actions.open_share_link("nope", None) == (None, None)
