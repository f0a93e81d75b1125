import pytest
from django.core.exceptions import PermissionDenied

from wenming.journal.models import DomainEvent
from wenming.participation import actions, queries
from wenming.participation.actions import ParticipationError
from wenming.participation.models import Comment

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(personas):
    return StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ("向好人学习！", True),
        ("好人好事", False),  # four characters of text
        ("👍👍👍👍👍👍", False),  # emoji only
        ("！！！。。。，，，", False),  # punctuation only
        ("赞👍赞👍赞👍好人!!", True),  # five characters of text among emoji
        ("good job", True),
    ],
)
def test_default_validity_rule(personas, story, body, valid):
    comment = actions.post_comment(personas.citizen2, story, body)
    assert comment.valid is valid
    assert DomainEvent.objects.filter(type="comment_valid").exists() is valid


def test_valid_comment_event(personas, story):
    comment = actions.post_comment(personas.citizen2, story, "向好人学习致敬")
    event = DomainEvent.objects.get(type="comment_valid")
    assert event.key == f"web:comment_valid:{comment.pk}"
    assert event.person == personas.citizen2 and event.unit is None and event.data == {"comment": comment.pk}


def test_a_repeat_of_ones_earlier_comment_does_not_count(personas, story):
    first = actions.post_comment(personas.citizen2, story, "向好人学习致敬")
    again = actions.post_comment(personas.citizen2, story, "向好人学习致敬！")
    other_person = actions.post_comment(personas.citizen, story, "向好人学习致敬")
    assert first.valid and not again.valid and other_person.valid


def test_the_threshold_is_a_setting(personas, story, settings):
    settings.WENMING = {**settings.WENMING, "COMMENT_VALID_MIN_CHARS": 2}
    assert actions.post_comment(personas.citizen2, story, "很好").valid


def test_empty_or_long_comments_are_refused(personas, story):
    with pytest.raises(ParticipationError, match="评论不能为空"):
        actions.post_comment(personas.citizen2, story, "   ")
    with pytest.raises(ParticipationError, match="不能超过 500"):
        actions.post_comment(personas.citizen2, story, "长" * 501)
    assert not Comment.objects.exists()


def test_comments_need_a_public_item(personas):
    pending = StoryFactory(author=personas.citizen, unit=personas.town)
    with pytest.raises(ParticipationError, match="尚未公开"):
        actions.post_comment(personas.citizen2, pending, "向好人学习致敬")
    hidden = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True, hidden=True)
    with pytest.raises(ParticipationError, match="隐藏"):
        actions.post_comment(personas.citizen2, hidden, "向好人学习致敬")
    assert not Comment.objects.exists()


def test_replies_are_one_level_deep(personas, story):
    top = actions.post_comment(personas.citizen2, story, "向好人学习致敬")
    reply = actions.post_comment(personas.citizen, story, "谢谢大家的支持", parent=top)
    deeper = actions.post_comment(personas.citizen2, story, "不客气不客气", parent=reply)
    assert reply.parent == top and deeper.parent == top
    (shown,) = queries.comments_for(story)
    assert [r.pk for r in shown.reply_list] == [reply.pk, deeper.pk]
    other = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)
    with pytest.raises(ParticipationError, match="不属于"):
        actions.post_comment(personas.citizen2, other, "回复到别处去了", parent=top)


def test_comment_unit_is_the_authors_group_else_the_items(personas, story):
    assert actions.post_comment(personas.citizen, story, "向好人学习致敬").unit == personas.town
    assert actions.post_comment(personas.citizen2, story, "向好人学习致敬").unit == personas.town


def test_editor_reverses_and_restores_validity_with_new_keys(personas, story):
    p = personas
    comment = actions.post_comment(p.citizen2, story, "向好人学习致敬")
    actions.set_comment_validity(p.editor, comment, False)
    comment.refresh_from_db()
    assert not comment.valid and comment.validity_by == "editor"
    inval = DomainEvent.objects.get(type="comment_invalidated")
    assert inval.key == f"web:comment_invalidated:{comment.pk}:1"
    assert inval.data == {"comment_event": f"web:comment_valid:{comment.pk}"} and inval.person == p.citizen2
    actions.set_comment_validity(p.editor, comment, True)
    keys = sorted(DomainEvent.objects.filter(type="comment_valid").values_list("key", flat=True))
    assert keys == [f"web:comment_valid:{comment.pk}", f"web:comment_valid:{comment.pk}:2"]
    # Marking valid again what is valid changes nothing.
    actions.set_comment_validity(p.editor, comment, True)
    assert DomainEvent.objects.filter(type="comment_valid").count() == 2


def test_an_editor_marks_an_invalid_comment_valid(personas, story):
    comment = actions.post_comment(personas.citizen2, story, "好")
    actions.set_comment_validity(personas.editor, comment, True)
    assert DomainEvent.objects.get(type="comment_valid").key == f"web:comment_valid:{comment.pk}"


def test_comment_validity_is_for_editors_of_the_region(personas, story):
    comment = actions.post_comment(personas.citizen2, story, "向好人学习致敬")
    for user in (personas.outsider_editor, personas.citizen):
        with pytest.raises(PermissionDenied):
            actions.set_comment_validity(user, comment, False)
    assert not DomainEvent.objects.filter(type="comment_invalidated").exists()
