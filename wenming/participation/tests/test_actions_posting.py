import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wenming.journal.models import AuditEntry, DomainEvent
from wenming.participation import actions
from wenming.participation.actions import ParticipationError
from wenming.participation.choices import LeadKind, Status, Tag
from wenming.participation.models import Lead, Story, StoryImage
from wenming.testing import files

from .factories import image_upload

pytestmark = pytest.mark.django_db


def test_story_is_pending_in_the_authors_unit_with_reencoded_images(personas):
    p = personas
    story = actions.post_story(
        p.citizen, title="扶老人过马路", body="一位小学生扶盲人过马路。", tags=[Tag.GOOD_DEED], images=[image_upload(), image_upload("b.jpg", fmt="JPEG")]
    )
    assert story.status == Status.PENDING
    assert story.unit == p.town
    assert story.tag_labels == ["好人好事"]
    images = list(story.images.all())
    assert [i.position for i in images] == [0, 1]
    # Re-encoded under a new name, and still an image.
    assert not images[0].image.name.endswith("photo.png")
    with Image.open(images[1].image.path) as im:
        assert im.format == "JPEG"
    assert AuditEntry.objects.filter(verb="participation.post", target_id=str(story.pk)).exists()
    # Posting counts nothing: only acceptance does.
    assert not DomainEvent.objects.exclude(type="join_group").exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "", "body": "正文"}, "标题不能为空"),
        ({"title": "标题", "body": "   "}, "正文不能为空"),
        ({"title": "长" * 81, "body": "正文"}, "标题不能超过 80 个字"),
        ({"title": "标题", "body": "长" * 5001}, "正文不能超过 5000 个字"),
        ({"title": "标题", "body": "正文", "tags": ["bogus"]}, "未知的标签"),
    ],
)
def test_bad_story_text_is_refused_and_nothing_is_stored(personas, kwargs, message):
    with pytest.raises(ParticipationError, match=message):
        actions.post_story(personas.citizen, **kwargs)
    assert not Story.objects.exists()


def test_ten_images_are_too_many(personas):
    with pytest.raises(ParticipationError, match="最多上传 9 张图片"):
        actions.post_story(personas.citizen, title="t", body="b", images=[image_upload() for _ in range(10)])
    assert not Story.objects.exists()
    assert not StoryImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(personas):
    fake = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ParticipationError, match="不是有效的图片文件"):
        actions.post_story(personas.citizen, title="t", body="b", images=[fake])
    assert not Story.objects.exists()


def test_an_image_over_the_size_limit_is_refused(personas, settings):
    settings.WENMING = {**settings.WENMING, "IMAGE_MAX_BYTES": 100}
    with pytest.raises(ParticipationError, match="超过"):
        actions.post_story(personas.citizen, title="t", body="b", images=[image_upload(size=(200, 200))])
    assert not Story.objects.exists()


def test_a_video_over_the_limit_is_refused(personas, settings):
    settings.WENMING = {**settings.WENMING, "VIDEO_MAX_BYTES": 10}
    video = SimpleUploadedFile("clip.mp4", b"0" * 11, content_type="video/mp4")
    with pytest.raises(ParticipationError, match="视频超过"):
        actions.post_story(personas.citizen, title="t", body="b", video=video)
    assert not Story.objects.exists()


def test_a_video_of_another_type_is_refused(personas):
    video = SimpleUploadedFile("clip.exe", b"MZ", content_type="video/mp4")
    with pytest.raises(ParticipationError, match="的内容不是支持的视频文件"):
        actions.post_story(personas.citizen, title="t", body="b", video=video)


def test_html_saved_as_mp4_is_refused_by_its_content(personas):
    video = SimpleUploadedFile("clip.mp4", files.HTML, content_type="video/mp4")
    with pytest.raises(ParticipationError, match=r"“clip\.mp4”的内容不是支持的视频文件"):
        actions.post_story(personas.citizen, title="t", body="b", video=video)
    assert not Story.objects.exists()


def test_svg_saved_as_png_is_refused(personas):
    svg = SimpleUploadedFile("pic.png", files.SVG, content_type="image/png")
    with pytest.raises(ParticipationError, match="不是有效的图片文件"):
        actions.post_story(personas.citizen, title="t", body="b", images=[svg])
    assert not Story.objects.exists()


def test_a_real_video_is_stored_under_a_random_name_of_its_real_type(personas):
    video = SimpleUploadedFile("我的视频.mov", files.mp4_bytes(), content_type="video/quicktime")
    story = actions.post_story(personas.citizen, title="t", body="b", video=video)
    assert story.video.name.startswith("participation/video/") and story.video.name.endswith(".mp4")
    assert "我的视频" not in story.video.name
    assert story.video.read() == files.mp4_bytes()


def test_audio_is_stored_under_a_new_name(personas):
    audio = SimpleUploadedFile("../../voice.mp3", files.mp3_bytes(), content_type="audio/mpeg")
    story = actions.post_story(personas.citizen, title="t", body="b", audio=audio)
    assert story.audio.name.endswith(".mp3")
    assert "voice" not in story.audio.name


def test_a_person_without_a_group_cannot_post(personas):
    with pytest.raises(ParticipationError, match="请先选择所在社群"):
        actions.post_story(personas.citizen2, title="t", body="b")


def test_micro_wish_needs_a_beneficiary(personas):
    with pytest.raises(ParticipationError, match="心愿人"):
        actions.post_lead(personas.citizen, kind=LeadKind.WISH, title="书包", body="想要书包")
    lead = actions.post_lead(personas.citizen, kind=LeadKind.WISH, title="书包", body="想要书包", beneficiary="小红")
    assert lead.is_wish and lead.status == Status.PENDING and lead.unit == personas.town


def test_activity_lead(personas):
    lead = actions.post_lead(personas.citizen, kind=LeadKind.ACTIVITY, title="清洁河道", body="周六上午清理河道垃圾")
    assert not lead.is_wish
    with pytest.raises(ParticipationError, match="请选择类型"):
        actions.post_lead(personas.citizen, kind="other", title="x", body="y")
    assert Lead.objects.count() == 1
