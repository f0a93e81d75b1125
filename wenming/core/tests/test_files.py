"""Uploaded files are served through the storage API by signed, expiring, permission-checked links."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wenming.core.files import signed_url
from wenming.honors.models import Evidence
from wenming.honors.tests.factories import CampaignFactory, NominationFactory
from wenming.participation.choices import Status
from wenming.participation.models import Story
from wenming.testing import files

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _links(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/files/[^"]+/)"', html)


def _post_story(client, personas, **uploads):
    client.force_login(personas.citizen)
    response = client.post(reverse("participation:story_new"), {"title": "雨中送伞", "body": "陌生人把伞让给了老人。", **uploads})
    assert response.status_code == 302
    story = Story.objects.get()
    Story.objects.filter(pk=story.pk).update(status=Status.ACCEPTED, decided_at=timezone.now())
    return story


def test_a_story_image_is_linked_signed_and_served_inline(client, personas):
    story = _post_story(client, personas, images=[files.upload("伞.png", files.image_bytes("PNG"), "image/png")])
    html = client.get(reverse("participation:item", args=["story", story.pk])).content.decode()
    links = _links(html)
    assert len(links) == 1 and "/uploads/" not in html
    response = client.get(links[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "sandbox" in response["Content-Security-Policy"]
    stored = story.images.get().image
    assert b"".join(response.streaming_content) == stored.read()


def test_video_and_audio_download_as_attachments_of_their_real_type(client, personas):
    story = _post_story(
        client,
        personas,
        video=files.upload("clip.mp4", files.mp4_bytes(), "video/mp4"),
        audio=files.upload("voice.mp3", files.wav_bytes(), "audio/mpeg"),
    )
    client.logout()  # a public story's media plays for anyone holding the page's links
    links = _links(client.get(reverse("participation:item", args=["story", story.pk])).content.decode())
    served = {client.get(link)["Content-Type"]: client.get(link) for link in links}
    assert set(served) == {"video/mp4", "audio/x-wav"}
    for response in served.values():
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_the_old_public_folder_is_gone(client, personas, settings):
    story = _post_story(client, personas, images=[files.upload("a.png", files.image_bytes("PNG"), "image/png")])
    name = story.images.get().image.name
    assert client.get(f"/uploads/{name}").status_code == 404


def test_a_tampered_or_expired_link_is_not_found(client):
    default_storage.save("participation/images/x.png", ContentFile(files.image_bytes("PNG")))
    good = signed_url("participation/images/x.png")
    assert client.get(good).status_code == 200
    token = good.split("/")[2]
    assert client.get(reverse("file", args=[token[:-2] + ("AA" if token[-2:] != "AA" else "BB")])).status_code == 404
    assert client.get(reverse("file", args=["not-a-token"])).status_code == 404
    old = signed_url("participation/images/x.png", now=time.time() - 3 * 24 * 3600)
    assert client.get(old).status_code == 404
    assert client.get(signed_url("participation/images/missing.png")).status_code == 404


def test_links_of_one_page_view_are_stable_for_the_browser_cache():
    now = time.time()
    assert signed_url("a/b.png", now=now) == signed_url("a/b.png", now=now + 30)


def test_evidence_is_served_to_the_nominator_and_reviewers_only(client, personas):
    p = personas
    campaign = CampaignFactory(region=p.county)
    nomination = NominationFactory(campaign=campaign, region=p.town, nominator=p.citizen)
    evidence = Evidence(nomination=nomination, name="张三的证书.pdf")
    evidence.file.save("whatever.pdf", ContentFile(files.pdf_bytes()), save=False)
    evidence.save()
    assert "张三" not in evidence.file.name and evidence.file.name.startswith("honors/evidence/")
    link = signed_url(evidence.file.name, download_name=evidence.name)
    for who, status in [(p.citizen, 200), (p.reviewer, 200), (p.admin, 200), (p.citizen2, 404), (p.outsider_editor, 404), (p.editor, 404)]:
        client.force_login(who)
        response = client.get(link)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"] and "filename*=utf-8''" in response["Content-Disposition"]
    client.logout()
    assert client.get(link).status_code == 404


def test_every_url_of_a_stored_file_is_its_signed_link(client, personas):
    """The admin's file widgets and any other .url go through the same checks as the filter."""
    from django.core.files.storage import storages
    from storages.backends.s3 import S3Storage as PlainS3

    from wenming.core.storage_s3 import S3Storage

    name = default_storage.save("participation/images/y.png", ContentFile(files.image_bytes("PNG")))
    url = default_storage.url(name)
    assert url.startswith("/files/") and client.get(url).status_code == 200
    assert issubclass(S3Storage, PlainS3) and S3Storage.url is type(storages["default"]).url
    nomination = NominationFactory(campaign=CampaignFactory(region=personas.county), region=personas.town)
    evidence = Evidence(nomination=nomination, name="证书.pdf")
    evidence.file.save("c.pdf", ContentFile(files.pdf_bytes()), save=False)
    evidence.save()
    client.force_login(personas.admin)
    html = client.get(reverse("admin:honors_nomination_change", args=[nomination.pk])).content.decode()
    link = re.search(r'href="(/files/[^"]+)"', html)
    assert link and "/uploads/" not in html
    assert client.get(link.group(1))["Content-Type"] == "application/pdf"


@override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}})
def test_files_stream_from_whatever_storage_is_configured(client):
    from django.core.files.storage import storages

    storage = storages["default"]
    name = storage.save("participation/video/clip.mp4", ContentFile(files.mp4_bytes()))
    response = client.get(signed_url(name))
    assert response.status_code == 200 and b"".join(response.streaming_content) == files.mp4_bytes()


def _settings_in_a_fresh_process(**env) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__module__, type(s).__name__, *(getattr(s, a, '-') for a in"
        " ('bucket_name', 'endpoint_url', 'default_acl', 'file_overwrite', 'location')))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "WENMING_STORAGE", "DJANGO_SETTINGS"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "wenming.settings", **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_the_s3_setting_wires_s3_compatible_storage():
    done = _settings_in_a_fresh_process(
        WENMING_STORAGE="s3", S3_BUCKET="wenming-uploads", S3_ENDPOINT_URL="http://127.0.0.1:9000", S3_PREFIX="media"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wenming.core.storage_s3", "S3Storage", "wenming-uploads", "http://127.0.0.1:9000", "None", "False", "media"]


def test_the_s3_setting_without_a_bucket_refuses_to_start():
    done = _settings_in_a_fresh_process(WENMING_STORAGE="s3")
    assert done.returncode != 0 and "S3_BUCKET" in done.stderr


def test_the_default_storage_is_the_filesystem():
    done = _settings_in_a_fresh_process()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == ["wenming.core.storage", "FileSystemStorage"]
