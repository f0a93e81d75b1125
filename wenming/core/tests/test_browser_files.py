"""Uploaded files shown through signed links in a real browser; the input guard's page on a phone."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from wenming.honors.models import Evidence
from wenming.honors.tests.factories import CampaignFactory, NominationFactory
from wenming.participation.choices import Status
from wenming.participation.models import Story
from wenming.testing import files
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/wenming-screenshots")  # noqa: S108  (for a person to look at; never read back)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"files-{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_story_photo_shows_through_its_signed_link_on_a_phone(phone, live_server, personas, tmp_path):
    photo = tmp_path / "IMG_2041.jpg"
    Image.new("RGB", (1200, 900), (40, 140, 90)).save(photo, "JPEG")
    login(phone, live_server, "citizen", TEST_PASSWORD)
    phone.goto(live_server.url + "/participation/story/new/")
    phone.fill("input[name=title]", "雨中护送老人回家")
    phone.fill("textarea[name=body]", "快递小哥撑伞把迷路的王奶奶送回了家。")
    phone.set_input_files("input[name=images]", str(photo))
    phone.click("#story-form button[type=submit]")
    phone.wait_for_selector("#item-status")
    story = Story.objects.get()
    Story.objects.filter(pk=story.pk).update(status=Status.ACCEPTED, decided_at=timezone.now())
    phone.reload()
    image = phone.locator(".gallery img").first
    image.wait_for()
    assert image.get_attribute("src").startswith("/files/")
    assert phone.evaluate("(img) => img.complete && img.naturalWidth", image.element_handle()) == 1200
    shot(phone, "story-photo-phone")


def test_a_reviewer_opens_evidence_by_its_signed_link(desktop, live_server, personas):
    p = personas
    nomination = NominationFactory(campaign=CampaignFactory(region=p.county), region=p.town, nominator=p.citizen, level="town")
    evidence = Evidence(nomination=nomination, name="见义勇为证书.pdf")
    evidence.file.save("x.pdf", ContentFile(files.pdf_bytes()), save=False)
    evidence.save()
    login(desktop, live_server, "reviewer", TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/honors/console/nominations/{nomination.pk}/")
    link = desktop.get_by_role("link", name="见义勇为证书.pdf")
    href = link.get_attribute("href")
    assert href.startswith("/files/")
    shot(desktop, "evidence-desktop")
    response = desktop.request.get(live_server.url + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    # The same link in another person's session shows nothing.
    desktop.context.clear_cookies()
    login(desktop, live_server, "citizen2", TEST_PASSWORD)
    assert desktop.request.get(live_server.url + href).status == 404


def test_the_guard_page_explains_in_chinese_on_a_phone(phone, live_server):
    response = phone.goto(live_server.url + "/participation/?page=%00")
    assert response.status == 400
    assert "请求中含有无法处理的字符" in phone.inner_text("main")
    shot(phone, "guard-phone")
