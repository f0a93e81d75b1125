import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wenming.participation.choices import Status
from wenming.participation.models import Lead, Story
from wenming.testing import files

from .factories import image_upload

pytestmark = pytest.mark.django_db


def test_posting_a_story_with_images(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("participation:story_new")).status_code == 200
    response = client.post(
        reverse("participation:story_new"),
        {"title": "雨中送伞", "body": "陌生人把伞让给了老人。", "tags": ["good_deed"], "images": [image_upload(), image_upload("2.png")]},
    )
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("participation:item", args=["story", story.pk])
    assert story.status == Status.PENDING and story.images.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "待审核" in page and "已提交，等待编辑审核" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "正文"}, "请填写标题"),
        ({"title": "长" * 81, "body": "正文"}, "标题不能超过 80 个字"),
        ({"title": "标题", "body": ""}, "请填写正文"),
        ({"title": "标题", "body": "正文", "images": [SimpleUploadedFile("a.png", b"text")]}, "不是有效的图片文件"),
        ({"title": "标题", "body": "正文", "images": [image_upload(f"{i}.png") for i in range(10)]}, "最多上传 9 张图片"),
        ({"title": "标题", "body": "正文", "video": SimpleUploadedFile("v.avi", b"0")}, "的内容不是支持的视频文件"),
        ({"title": "标题", "body": "正文", "video": SimpleUploadedFile("v.mp4", files.HTML)}, "“v.mp4”的内容不是支持的视频文件"),
        ({"title": "标题", "body": "正文", "audio": SimpleUploadedFile("a.mp3", files.HTML)}, "“a.mp3”的内容不是支持的音频文件"),
        ({"title": "标题", "body": "正文", "images": [SimpleUploadedFile("a.png", files.SVG)]}, "不是有效的图片文件"),
    ],
)
def test_bad_story_input_shows_a_chinese_field_error(client, personas, data, message):
    client.force_login(personas.citizen)
    response = client.post(reverse("participation:story_new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Story.objects.exists()


def test_video_over_the_limit_says_why(client, personas, settings):
    settings.WENMING = {**settings.WENMING, "VIDEO_MAX_BYTES": 1024}
    client.force_login(personas.citizen)
    response = client.post(
        reverse("participation:story_new"), {"title": "t", "body": "b", "video": SimpleUploadedFile("v.mp4", b"0" * 2048)}
    )
    assert "视频超过 1KB" in response.content.decode()
    assert not Story.objects.exists()


def test_posting_without_a_group_explains(client, personas):
    client.force_login(personas.citizen2)
    response = client.post(reverse("participation:story_new"), {"title": "t", "body": "b"}, follow=True)
    assert "请先选择所在社群" in response.content.decode()
    assert not Story.objects.exists()


def test_posting_needs_login(client, personas):
    response = client.get(reverse("participation:story_new"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_posting_a_micro_wish(client, personas):
    client.force_login(personas.citizen)
    response = client.post(reverse("participation:lead_new"), {"kind": "wish", "title": "书包", "body": "想要新书包"})
    assert "微心愿需要填写心愿人" in response.content.decode()
    client.post(reverse("participation:lead_new"), {"kind": "wish", "title": "书包", "body": "想要新书包", "beneficiary": "小红"})
    assert Lead.objects.get().beneficiary == "小红"
