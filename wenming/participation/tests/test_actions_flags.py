import pytest
from django.core.exceptions import PermissionDenied

from wenming.participation import actions, queries
from wenming.participation.actions import ParticipationError
from wenming.participation.models import Flag
from wenming.testing.factories import UserFactory

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(personas):
    return StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)


def _reporters(n):
    return [UserFactory() for _ in range(n)]


def test_three_reports_hide_an_item_pending_review(personas, story):
    a, b, c = _reporters(3)
    assert actions.flag(a, story, reason="广告") is False
    assert actions.flag(b, story) is False
    with pytest.raises(ParticipationError, match="已举报过"):
        actions.flag(a, story)
    assert actions.flag(c, story) is True
    story.refresh_from_db()
    assert story.hidden and not story.is_public
    assert queries.feed() == []
    flagged = queries.flagged_items(personas.editor)
    assert flagged == [story] and flagged[0].n_flags == 3
    assert queries.flagged_items(personas.outsider_editor) == []


def test_the_threshold_is_a_setting(personas, story, settings):
    settings.WENMING = {**settings.WENMING, "FLAGS_TO_HIDE": 1}
    assert actions.flag(personas.citizen2, story) is True


def test_review_restores_or_removes(personas, story, settings):
    settings.WENMING = {**settings.WENMING, "FLAGS_TO_HIDE": 1}
    actions.flag(personas.citizen2, story)
    actions.review_flags(personas.editor, story, restore=True)
    story.refresh_from_db()
    assert not story.hidden
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    # Reports start over after a review.
    actions.flag(personas.citizen2, story)
    actions.review_flags(personas.editor, story, restore=False, reason="虚假内容")
    story.refresh_from_db()
    assert story.hidden
    assert queries.flagged_items(personas.editor) == []
    assert [e.verb for e in queries.history(story)][:2] == ["participation.remove", "participation.hide"]


def test_review_is_for_editors_of_the_region(personas, story):
    with pytest.raises(PermissionDenied):
        actions.review_flags(personas.outsider_editor, story, restore=True)


def test_a_comment_can_be_flagged_and_hidden(personas, story, settings):
    settings.WENMING = {**settings.WENMING, "FLAGS_TO_HIDE": 1}
    comment = actions.post_comment(personas.citizen2, story, "广告广告广告广告")
    actions.flag(personas.citizen, comment)
    comment.refresh_from_db()
    assert comment.hidden
    assert queries.comments_for(story) == []
    assert queries.flagged_items(personas.editor) == [comment]
