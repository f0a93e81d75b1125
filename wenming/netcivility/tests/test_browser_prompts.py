"""On a phone a member opens a prompt and marks an item done with a link; the office's table shows it."""

from pathlib import Path

import pytest

from wenming.netcivility.choices import TeamRole
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .factories import member
from .test_prompts import issue

pytestmark = pytest.mark.browser
SHOTS = Path("var/screenshots/netcivility")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_member_marks_done_and_the_office_sees_it(phone, desktop, live_server, personas):
    volunteer = member(personas.county, "孙丽", "13900000004", TeamRole.VOLUNTEER, user=personas.citizen)
    member(personas.county, "钱进", "13900000005", TeamRole.VOLUNTEER)
    prompt = issue(personas.county, [personas.county], personas.editor,
                   items=[("转发“文明溧阳”推文", "https://mp.weixin.qq.com/s/a")])

    page = phone
    login(page, live_server, "citizen", TEST_PASSWORD)
    page.goto(live_server.url + "/netcivility/me/prompts/")
    assert page.evaluate("window.innerWidth") == 375
    shot(page, "phone-my-prompts")
    page.click("text=文明交通工作提示")
    item = prompt.items.get()
    page.fill(f"input[name='i{item.pk}-link']", "https://weibo.com/sunli/repost/1")
    shot(page, "phone-my-prompt")
    page.click("button:has-text('标记完成')")
    page.wait_for_selector(".done")
    assert "已完成" in page.inner_text(f"#item-{item.pk}")
    shot(page, "phone-my-prompt-done")
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    office = desktop
    login(office, live_server, "editor", TEST_PASSWORD)
    office.goto(f"{live_server.url}/netcivility/prompts/{prompt.pk}/")
    row = office.locator(f"#by-county tr[data-county='{personas.county.pk}']")
    assert row.locator(".done").inner_text() == "1"
    assert "50.0%" in row.inner_text()
    assert office.locator(f"#by-person tr[data-member='{volunteer.pk}'] .items-done").inner_text() == "1/1"
    shot(office, "desktop-prompt-completion")


def test_pages_fit_and_render(phone, desktop, live_server, personas):
    """Every teams page renders on its device; the phone pages do not overflow 375 px."""
    from datetime import date

    from wenming.netcivility.choices import PostKind
    from wenming.netcivility.models import Post

    volunteer = member(personas.county, "孙丽", "13900000004", TeamRole.VOLUNTEER, user=personas.citizen,
                       unit_name="教育局", blog="新华网：sunli")
    member(personas.county, "周建华", "13900000001", TeamRole.LEADER, unit_name="溧阳市文明办")
    member(personas.county, "郑磊", "13900000003", TeamRole.COMMENTER, unit_name="溧阳日报社")
    Post.objects.create(kind=PostKind.BLOG, member=volunteer, title="文明出行，从我做起", link="https://blog.sina.com.cn/1",
                        published_on=date.today().replace(day=1), submitted_at=volunteer.created_at)
    issue(personas.county, [personas.county], personas.editor)

    login(phone, live_server, "citizen", TEST_PASSWORD)
    for path, name in (("/netcivility/me/prompts/", "phone-prompts"), ("/netcivility/me/record/", "phone-record"),
                       ("/netcivility/me/post/", "phone-post")):
        phone.goto(live_server.url + path)
        shot(phone, name)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path

    login(desktop, live_server, "editor", TEST_PASSWORD)
    for path, name in (("/netcivility/teams/", "desktop-roster"), (f"/netcivility/teams/{personas.county.pk}/", "desktop-county"),
                       ("/netcivility/prompts/", "desktop-prompts"), ("/netcivility/compliance/", "desktop-compliance")):
        desktop.goto(live_server.url + path)
        shot(desktop, name)
        assert desktop.locator("h1").count() == 1
    assert "网络评论员不足 3 名" in desktop.goto(live_server.url + "/netcivility/teams/").text()

    # Staff pages on a phone too: wide tables scroll inside their box, the page itself does not.
    phone.context.clear_cookies()
    login(phone, live_server, "editor", TEST_PASSWORD)
    for path, name in (("/netcivility/teams/", "phone-roster"), (f"/netcivility/teams/{personas.county.pk}/", "phone-county"),
                       ("/netcivility/compliance/", "phone-compliance"), ("/netcivility/prompts/", "phone-prompts-console")):
        phone.goto(live_server.url + path)
        shot(phone, name)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
