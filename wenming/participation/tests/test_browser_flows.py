"""The three flows people click through, on a phone (the editor on a desktop)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from wenming.participation.choices import ClaimStatus, Status
from wenming.participation.models import Comment, Livestream, Story, WishClaim
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .factories import LeadFactory

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    """Screenshots for a person to look at the pages (not compared)."""
    folder = Path("var/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"participation-{name}.png"), full_page=True)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 48), (30, 120, 200)).save(path, "JPEG")
    return str(path)


def test_story_posted_accepted_liked_and_commented(phone, desktop, live_server, personas, photo):
    page = phone
    login(page, live_server, "citizen", TEST_PASSWORD)
    page.goto(live_server.url + "/participation/story/new/")
    assert page.evaluate("window.innerWidth") == 375
    page.fill("input[name=title]", "雨中护送老人回家")
    page.fill("textarea[name=body]", "快递小哥撑伞把迷路的王奶奶送回了家。")
    page.check("input[name=tags][value=good_deed]")
    page.set_input_files("input[name=images]", photo)
    shot(page, "story-form-phone")
    page.click("#story-form button[type=submit]")
    page.wait_for_selector("#item-status")
    assert "待审核" in page.inner_text("#item-status")
    story = Story.objects.get()
    assert story.images.count() == 1

    login(desktop, live_server, "editor", TEST_PASSWORD)
    desktop.goto(live_server.url + "/participation/console/queue/")
    shot(desktop, "queue")
    desktop.click(f"#row-story-{story.pk} button.accept")
    desktop.wait_for_selector("text=已录用：雨中护送老人回家")
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED

    other = page.context.browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True, has_touch=True)
    second = other.new_page()
    login(second, live_server, "citizen2", TEST_PASSWORD)
    second.goto(live_server.url + "/participation/")
    second.click("text=雨中护送老人回家")
    second.click("#like-box button")
    second.wait_for_selector("#like-box button[aria-pressed=true]")
    assert second.inner_text("#like-box .like-count") == "1"
    second.fill("#comment-form textarea[name=body]", "向这位快递小哥学习！")
    second.click("#comment-form button[type=submit]")
    second.wait_for_selector("text=评论已发表")
    shot(second, "item-phone")
    other.close()
    assert Comment.objects.get().valid

    page.goto(live_server.url + "/participation/me/")
    assert "已录用" in page.inner_text("#my-posts")
    assert "向这位快递小哥学习！" in page.inner_text("#my-replies")
    page.click("#my-posts a:has-text('雨中护送老人回家')")
    assert "向这位快递小哥学习！" in page.inner_text("#comments")


def test_micro_wish_claim_fulfil_confirm_evaluate(phone, browser, live_server, personas, photo):
    p = personas
    wish = LeadFactory(author=p.citizen, unit=p.town, accepted=True, title="给小林一套课外书")
    helper_ctx = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True, has_touch=True)
    helper = helper_ctx.new_page()
    login(helper, live_server, "citizen2", TEST_PASSWORD)
    helper.goto(f"{live_server.url}/participation/lead/{wish.pk}/")
    helper.click("#claim-button")
    helper.wait_for_selector("text=认领成功")
    helper.set_input_files("input[name=photo]", photo)
    helper.click("#fulfil-button")
    helper.wait_for_selector("text=已标记心愿实现")
    helper_ctx.close()

    page = phone
    login(page, live_server, "citizen", TEST_PASSWORD)
    page.goto(f"{live_server.url}/participation/lead/{wish.pk}/")
    assert "已实现" in page.inner_text("#wish .wish-state")
    page.click("#confirm-button")
    page.wait_for_selector("#evaluate-form")
    page.check("#evaluate-form input[name=stars][value='5']")
    page.fill("#evaluate-form textarea[name=text]", "非常感谢，孩子很喜欢")
    page.click("#evaluate-form button[type=submit]")
    page.wait_for_selector("text=感谢评价")
    assert "5★" in page.inner_text("#wish")
    shot(page, "wish-phone")
    claim = WishClaim.objects.get()
    assert claim.status == ClaimStatus.EVALUATED and claim.stars == 5
    assert claim.claimed_at <= claim.fulfilled_at <= claim.confirmed_at <= claim.evaluated_at


def test_livestream_declared_approved_and_held(phone, desktop, live_server, personas):
    page = phone
    login(page, live_server, "liaison", TEST_PASSWORD)
    page.goto(live_server.url + "/participation/live/new/")
    start = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=title]", "溧城镇道德讲堂直播")
    page.fill("input[name=planned_start]", start)
    page.fill("input[name=place]", "溧城镇文化中心")
    page.fill("input[name=link]", "https://live.example.org/licheng")
    page.click("#livestream-form button[type=submit]")
    page.wait_for_selector("text=直播已申报")
    live = Livestream.objects.get()
    assert "待审核" in page.inner_text(f"#live-{live.pk}")

    login(desktop, live_server, "editor", TEST_PASSWORD)
    desktop.goto(live_server.url + "/participation/console/queue/")
    desktop.click(f"#row-livestream-{live.pk} button.accept")
    desktop.wait_for_selector("text=已录用：溧城镇道德讲堂直播")

    page.goto(live_server.url + "/participation/live/")
    page.click(f"#live-{live.pk} .held-button")
    page.wait_for_selector("text=已标记为已举办")
    assert "已举办" in page.inner_text(f"#live-{live.pk} .live-state")
    shot(page, "livestreams-phone")
    live.refresh_from_db()
    assert live.held_at and not live.undeclared
