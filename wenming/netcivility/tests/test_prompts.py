"""Work prompts: issuing, marking done, completion arithmetic, chasing, closing, and their refusals."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wenming.journal.models import DomainEvent
from wenming.netcivility import actions
from wenming.netcivility.choices import PromptStatus, ReminderChannel, TeamRole, Urgency
from wenming.netcivility.models import ItemCompletion, PromptAssignment, Reminder
from wenming.netcivility.queries import completion, page_notices
from wenming.testing.factories import UnitFactory

from .factories import WechatUserFactory, member

C, V, L = TeamRole.COMMENTER, TeamRole.VOLUNTEER, TeamRole.LIAISON
ITEMS = [("转发推文", "https://mp.weixin.qq.com/s/a"), ("微博评论", "https://weibo.com/b")]


def issue(region, counties, actor, *, roles=(V,), deadline=None, items=ITEMS, **kw):
    return actions.issue_prompt(region, title="文明交通工作提示", text="请转发", urgency=Urgency.DAILY, roles=roles,
                                counties=counties, deadline=deadline or timezone.now() + timedelta(days=2),
                                items=items, actor=actor, **kw)


@pytest.fixture
def teams(personas, county2):
    school = UnitFactory(name="实验小学", kind="other", parent=personas.county)
    a = member(personas.county, "甲", "13900000001", V, unit=school)
    b = member(personas.county, "乙", "13900000002", V, C)
    c = member(personas.county, "丙", "13900000003", L)  # not a volunteer: not asked
    d = member(county2, "丁", "13900000004", V)
    return {"a": a, "b": b, "c": c, "d": d, "school": school}


def test_issue_assigns_the_listed_roles_in_the_listed_counties(personas, county2, city_editor, teams):
    prompt = issue(personas.city, [personas.county, county2], city_editor)
    assigned = set(PromptAssignment.objects.filter(prompt=prompt).values_list("member__name", flat=True))
    assert assigned == {"甲", "乙", "丁"}
    assert [i.title for i in prompt.items.all()] == ["转发推文", "微博评论"]


def test_issue_refusals(personas, county2, teams):
    editor = personas.editor
    with pytest.raises(actions.TeamError, match="截止时间不能早于现在"):
        issue(personas.county, [personas.county], editor, deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(actions.TeamError, match="http"):
        issue(personas.county, [personas.county], editor, items=[("转发", "javascript:alert(1)")])
    with pytest.raises(actions.TeamError, match="不在本单位范围内"):
        issue(personas.county, [county2], editor)
    with pytest.raises(PermissionDenied):
        issue(personas.city, [personas.county], editor)  # a county office cannot issue as the city
    with pytest.raises(actions.TeamError, match="角色"):
        issue(personas.county, [personas.county], editor, roles=("网评",))
    assert not PromptAssignment.objects.exists()


def test_mark_done_and_completion_per_county_unit_person(personas, county2, city_editor, teams):
    prompt = issue(personas.city, [personas.county, county2], city_editor)
    first, second = prompt.items.all()
    actions.mark_done(first, teams["a"], link="https://weibo.com/repost/1")
    data = completion(prompt)
    assert data["done"] == 0  # one item of two: the person is not done yet
    actions.mark_done(second, teams["a"], link="https://weibo.com/repost/2")
    actions.mark_done(first, teams["b"], link="https://weibo.com/repost/3")
    data = completion(prompt)
    counties = {r["county"].name: (r["total"], r["done"], r["rate"]) for r in data["counties"]}
    assert counties["溧阳市"][:2] == (2, 1) and str(counties["溧阳市"][2]) == "0.5000"
    assert counties["金坛区"][:2] == (1, 0) and str(counties["金坛区"][2]) == "0.0000"
    units = {(r["county"].name, r["unit"].name if r["unit"] else None): (r["total"], r["done"]) for r in data["units"]}
    assert units == {("溧阳市", "实验小学"): (1, 1), ("溧阳市", None): (1, 0), ("金坛区", None): (1, 0)}
    persons = {p["member"].name: (p["items_done"], p["done"]) for p in data["persons"]}
    assert persons == {"甲": (2, True), "乙": (1, False), "丁": (0, False)}
    assert (data["total"], data["done"]) == (3, 1)
    assert DomainEvent.objects.filter(type="netcivility_item_done").count() == 3


def test_mark_done_refusals(personas, teams):
    prompt = issue(personas.county, [personas.county], personas.editor)
    item = prompt.items.first()
    with pytest.raises(actions.TeamError, match="不在该工作提示的对象中"):
        actions.mark_done(item, teams["c"], link="https://weibo.com/x")
    with pytest.raises(actions.TeamError, match="http"):
        actions.mark_done(item, teams["a"], link="ftp://weibo.com/x")
    actions.mark_done(item, teams["a"], link="https://weibo.com/x")
    with pytest.raises(actions.TeamError, match="已标记完成"):
        actions.mark_done(item, teams["a"], link="https://weibo.com/y")
    actions.close_prompt(prompt, actor=personas.editor)
    with pytest.raises(actions.TeamError, match="已关闭"):
        actions.mark_done(prompt.items.last(), teams["a"], link="https://weibo.com/z")
    assert ItemCompletion.objects.count() == 1


def _png() -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    return SimpleUploadedFile("shot.png", out.getvalue(), content_type="image/png")


def test_screenshot_is_image_checked(personas, teams, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    prompt = issue(personas.county, [personas.county], personas.editor)
    first = prompt.items.first()
    fake = SimpleUploadedFile("shot.png", b"<svg onload=alert(1)>", content_type="image/png")
    with pytest.raises(actions.TeamError, match="不是有效的图片"):
        actions.mark_done(first, teams["a"], link="https://weibo.com/x", screenshot=fake)
    assert not ItemCompletion.objects.exists()
    done = actions.mark_done(first, teams["a"], link="https://weibo.com/x", screenshot=_png())
    assert done.screenshot.name.endswith(".png") and "shot" not in done.screenshot.name
    with Image.open(done.screenshot.path) as img:
        assert img.size == (40, 30)


def test_chase_with_wechat_off_leaves_a_notice_on_the_page(personas, teams, settings):
    settings.WECHAT = {"APP_ID": "", "APP_SECRET": ""}
    now = timezone.now()
    prompt = issue(personas.county, [personas.county], personas.editor, now=now - timedelta(days=3),
                   deadline=now - timedelta(days=1))
    for item in prompt.items.all():
        actions.mark_done(item, teams["a"], link="https://weibo.com/x")
    assert actions.chase_overdue(prompt, actor=personas.editor) == 1  # only 乙 is unfinished
    reminder = Reminder.objects.get()
    assert reminder.channel == ReminderChannel.PAGE and reminder.assignment.member == teams["b"]
    assert [n.assignment.prompt_id for n in page_notices(teams["b"])] == [prompt.pk]
    assert list(page_notices(teams["a"])) == []


def test_chase_with_wechat_on_sends_the_template_message(personas, teams, settings, monkeypatch):
    settings.WECHAT = {"APP_ID": "wx1", "APP_SECRET": "s", "TOKEN": "t"}
    settings.WENMING = {**settings.WENMING, "NETCIVILITY_PROMPT_TEMPLATE": "tmpl-1"}
    sent = []
    monkeypatch.setattr("wenming.wechat.services.send_template_message",
                        lambda openid, template, data, url="": sent.append((openid, template, data["keyword1"]["value"], url)))
    follower = WechatUserFactory()
    from wenming.netcivility.models import Member

    Member.objects.filter(pk=teams["b"].pk).update(user=follower)
    now = timezone.now()
    prompt = issue(personas.county, [personas.county], personas.editor, now=now - timedelta(days=3),
                   deadline=now - timedelta(days=1))
    assert actions.chase_overdue(prompt, actor=personas.editor) == 2
    assert sent == [(follower.openid, "tmpl-1", "文明交通工作提示", f"/netcivility/me/prompts/{prompt.pk}/")]
    channels = dict(Reminder.objects.values_list("assignment__member__name", "channel"))
    assert channels == {"甲": ReminderChannel.PAGE, "乙": ReminderChannel.WECHAT}  # 甲 has no WeChat account


def test_chase_before_the_deadline_is_refused(personas, teams):
    prompt = issue(personas.county, [personas.county], personas.editor)
    with pytest.raises(actions.TeamError, match="尚未到截止时间"):
        actions.chase_overdue(prompt, actor=personas.editor)


def test_close(personas, teams, county2):
    prompt = issue(personas.county, [personas.county], personas.editor)
    with pytest.raises(PermissionDenied):
        actions.close_prompt(prompt, actor=personas.outsider_editor)
    prompt = actions.close_prompt(prompt, actor=personas.editor)
    assert prompt.status == PromptStatus.CLOSED and prompt.closed_at
    with pytest.raises(actions.TeamError):
        actions.close_prompt(prompt, actor=personas.editor)


def test_a_county_office_chases_its_own_members_of_a_city_prompt(personas, county2, city_editor, teams):
    now = timezone.now()
    prompt = issue(personas.city, [personas.county, county2], city_editor, now=now - timedelta(days=3),
                   deadline=now - timedelta(days=1))
    assert actions.chase_overdue(prompt, actor=personas.editor) == 2  # 甲 and 乙 of 溧阳市, not 丁 of 金坛区
    assert set(Reminder.objects.values_list("assignment__member__name", flat=True)) == {"甲", "乙"}
    with pytest.raises(PermissionDenied):
        actions.close_prompt(prompt, actor=personas.editor)  # closing is the issuing office's
    with pytest.raises(PermissionDenied):
        actions.chase_overdue(prompt, actor=personas.outsider_editor)
    assert actions.chase_overdue(prompt, actor=city_editor) == 3
