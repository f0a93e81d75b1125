"""The main pages of each persona under the enforced Content-Security-Policy: no violation, no
script error, and the behaviours moved out of inline handlers still work."""

from pathlib import Path

import pytest

from wenming.core.demo import load_demo
from wenming.core.nav import console_links, home_tiles, me_links
from wenming.testing.browser import login, wait_until

pytestmark = pytest.mark.browser

PASSWORD = "demo-pass-123"
# Collects what the browser reports, from before any script of the page runs.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def shot(page, name: str) -> None:
    folder = Path("var/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"csp-{name}.png"), full_page=True)


class Watcher:
    """Console errors, uncaught exceptions and CSP violations of one page, checked after each load."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.add_init_script(WATCH)
        # The site has no favicon; the browser's own request for one is not a page error.
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, msg) -> None:
        # A page the persona may not see answers 403 or 404: the document's own status is not a
        # script error (it is asserted below 500 in ``visit``); any other failed resource is.
        if msg.type != "error":
            return
        if msg.text.startswith("Failed to load resource") and msg.location.get("url") == self.page.url:
            return
        self.errors.append(f"console: {msg.text} ({msg.location.get('url')})")

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        assert response is not None and response.status < 500, url
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
        self.check(url)

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"{where}: {violations}"
        assert self.errors == [], f"{where}: {self.errors}"


@pytest.fixture
def demo(transactional_db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return load_demo(password=PASSWORD)


def main_pages(extra=()) -> list[str]:
    return ["/", *(t["url"] for t in home_tiles()), *extra]


def test_anonymous_pages_run_clean_under_the_policy(phone, live_server, demo):
    watcher = Watcher(phone)
    for path in main_pages(["/accounts/login/", "/participation/"]):
        watcher.visit(live_server.url + path)
    # The policy is enforced and the watcher sees it: a script written into the page is refused.
    ran = phone.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
        document.head.appendChild(s); return window.__ran === 1; }"""
    )
    wait_until(phone, "window.__cspViolations.length > 0")
    assert ran is False
    assert phone.evaluate("window.__cspViolations")[0].startswith("script-src")
    assert any("Content Security Policy" in error for error in watcher.errors)
    phone.evaluate("window.__cspViolations = []")
    watcher.errors.clear()
    # The language switch submits itself (its handler now lives in site.js).
    watcher.visit(live_server.url + "/")
    with phone.expect_navigation():
        phone.select_option("select[name=language]", "en")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.lang") == "en"
    watcher.check("language switch")
    shot(phone, "home-en-phone")


def test_citizen_pages_run_clean_under_the_policy(phone, live_server, demo):
    from wenming.participation.choices import Status
    from wenming.participation.models import Story

    watcher = Watcher(phone)
    login(phone, live_server, "citizen1", PASSWORD)
    from django.urls import reverse

    found = Story.objects.filter(status=Status.ACCEPTED, hidden=False).order_by("pk").first()
    story_url = reverse("participation:item", args=["story", found.pk]) if found else None
    extra = ["/accounts/me/", "/accounts/me/group/", *(link["url"] for link in me_links())]
    if story_url:
        extra.append(story_url)
    for path in main_pages(extra):
        watcher.visit(live_server.url + path)
    if story_url:
        # The like button is htmx (a POST with the CSRF header from hx-headers), under the policy.
        watcher.visit(live_server.url + story_url)
        like = phone.locator("#like-box button")
        if like.count():
            like.first.click()
            phone.wait_for_load_state("networkidle")
            watcher.check("like")
        shot(phone, "story-phone")


def test_staff_pages_run_clean_under_the_policy(desktop, live_server, demo):
    from wenming.orgs.models import Unit
    from wenming.participation.tests.factories import StoryFactory

    town = Unit.objects.get(name="溧城镇")
    for _ in range(2):  # something in the queue, so the select-all box has rows to tick
        StoryFactory(author=demo.users["citizen1"], unit=town)
    watcher = Watcher(desktop)
    login(desktop, live_server, "editor", PASSWORD)
    for path in ["/console/", *(link["url"] for link in console_links())]:
        watcher.visit(live_server.url + path)
    watcher.visit(live_server.url + "/participation/console/queue/")
    boxes = desktop.locator("input.pick")
    assert boxes.count() >= 2
    desktop.click("input[data-check-all]")
    assert all(box.is_checked() for box in boxes.all())
    desktop.click("input[data-check-all]")
    assert not any(box.is_checked() for box in boxes.all())
    watcher.check("check all")
    shot(desktop, "queue-desktop")


def test_admin_pages_run_clean_under_the_policy(desktop, live_server, demo):
    watcher = Watcher(desktop)
    desktop.goto(live_server.url + "/admin/login/")
    desktop.fill("input[name=username]", "admin")
    desktop.fill("input[name=password]", PASSWORD)
    desktop.click("input[type=submit]")
    desktop.wait_for_load_state()
    for path in ["/admin/", "/admin/people/user/", "/admin/people/user/add/", "/admin/orgs/unit/"]:
        watcher.visit(live_server.url + path)
    shot(desktop, "admin-desktop")
