"""The vendored WeChat JS-SDK and our share script, inside a WeChat-like browser, under the
enforced Content-Security-Policy: both load from our static files and run without a violation."""

import pytest

from wenming.netcivility.tests.factories import FollowSurveyFactory, WechatUserFactory
from wenming.testing.browser import PHONE, login, wait_until
from wenming.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) NetType/WIFI Language/zh_CN"
)
# What the WeChat client injects into its browser, reduced to answering "ok" to every call.
BRIDGE = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
window.__invoked = [];
window.WeixinJSBridge = {
  invoke: function (name, args, callback) {
    window.__invoked.push(name);
    if (callback) { setTimeout(function () { callback({ errMsg: name + ":ok", networkType: "wifi" }); }, 0); }
  },
  on: function (name) { window.__invoked.push("on:" + name); },
  call: function (name) { window.__invoked.push("call:" + name); }
};
"""


def test_wechat_js_sdk_runs_under_the_policy(browser, live_server, personas, fake_wechat):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True, user_agent=WECHAT_UA)
    page = context.new_page()
    errors, beacons = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(BRIDGE)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    # WeChat's statistics beacon (an image) is allowed by img-src; answered here, offline.
    page.route("https://open.weixin.qq.com/**", lambda route: (beacons.append(route.request.url), route.fulfill(status=204)))
    survey = FollowSurveyFactory(region=personas.county, title="关注推广")
    person = WechatUserFactory(username="wx-person")
    login(page, live_server, person.username, TEST_PASSWORD)
    response = page.goto(f"{live_server.url}/netcivility/survey/{survey.pk}/live/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    wait_until(page, "window.__invoked.indexOf('updateAppMessageShareData') >= 0")
    scripts = page.eval_on_selector_all("script[src]", "nodes => nodes.map(n => n.src)")
    assert any("/static/wechat/jweixin-1.6.5.js" in src for src in scripts)
    assert all(src.startswith(live_server.url) for src in scripts)  # nothing from a CDN
    assert page.evaluate("typeof wx") == "object"
    assert "preVerifyJSAPI" in page.evaluate("window.__invoked")
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
    context.close()
