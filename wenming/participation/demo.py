"""Demo rows for the Liyang units: accepted stories with pictures, leads, micro-wishes, comments,
likes, a livestream held last month and one declared for next week.

Everything goes through the actions (so the demo also has the audit trail and the domain
events), and each row is looked up by author and title first: a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wenming.core.periods import SHANGHAI
from wenming.orgs.models import Unit

from . import actions
from .choices import LeadKind, Status, Tag
from .demo_pictures import picture
from .models import Lead, Livestream, Story

DEMO_STORIES = [
    ("citizen1", "雨中护送老人回家", "下班路上遇到迷路的王奶奶，一位快递小哥撑伞把她送回了家。", "溧城镇", [Tag.GOOD_DEED]),
    ("citizen1", "三代人的家规", "爷爷立下“勤俭、和睦、守信”六个字，我们家三代人一直照着做。", "溧城镇", [Tag.FAMILY]),
    ("citizen3", "支教老师的周末课堂", "教育局的年轻老师们每周六为留守儿童义务辅导功课。", "教育局", [Tag.VOLUNTEER]),
]
# Residents' stories (resident number, title, body, tag), each with a picture drawn locally.
RESIDENT_STORIES = [
    (1, "清晨的环卫工人", "天还没亮，街口的环卫工人已经把落叶扫得干干净净，我给他们送去了热豆浆。", Tag.GOOD_DEED),
    (4, "社区义诊进小区", "市人民医院的医生们周末来到小区，为老人免费量血压、测血糖。", Tag.VOLUNTEER),
    (9, "拾金不昧的出租车司机", "乘客把装有三万元现金的包落在车上，司机师傅一路找到失主。", Tag.GOOD_DEED),
    (15, "奶奶的菜园子", "奶奶把自家菜园的青菜分给邻居，说远亲不如近邻。", Tag.FAMILY),
    (22, "天目湖边的护鸟人", "老周每天巡湖十公里，十年救护受伤野鸟两百多只。", Tag.VOLUNTEER),
    (30, "图书馆里的小小志愿者", "暑假里，一群小学生在图书馆整理图书、给低年级同学讲故事。", Tag.VOLUNTEER),
    (41, "雪夜推车", "大雪封路，几位路过的村民帮一辆抛锚的救护车推出了雪窝。", Tag.GOOD_DEED),
    (55, "一碗长寿面", "社区食堂为八十岁以上的老人免费煮长寿面，已经坚持了五年。", Tag.FAMILY),
]
LEADS = [
    (3, LeadKind.ACTIVITY, "招募周末助老志愿者", "社区养老服务站每周六需要志愿者陪老人聊天、读报。", ""),
    (12, LeadKind.WISH, "希望有人教我用智能手机", "独居的刘爷爷想学会用手机和在外地的孙子视频。", "刘爷爷"),
    (27, LeadKind.WISH, "为村小图书角添几本绘本", "村小的图书角只有几本旧书，孩子们盼着新绘本。", "上黄镇村小"),
]
COMMENTS = [
    "向你们学习，为你们点赞！",
    "身边的好人好事，温暖人心。",
    "这样的正能量要多多宣传。",
    "看了很感动，我也要参加志愿服务。",
    "好样的，溧阳人的骄傲！",
]
WISH = ("citizen3", "给留守儿童一套新课外书", "天目湖镇小学的留守儿童小林，希望有一套《十万个为什么》。", "小林")


def load_demo(ctx) -> None:
    users = ctx.users
    editor = users["editor"]
    for username, title, body, _unit_name, tags in DEMO_STORIES:
        author = users[username]
        if author.group_id is None:
            continue
        story = Story.objects.filter(author=author, title=title).first()
        if story is None:
            story = actions.post_story(author, title=title, body=body, place="溧阳", tags=tags)
        if story.status == Status.PENDING:
            actions.accept(editor, story)

    username, title, body, beneficiary = WISH
    author = users[username]
    wish = Lead.objects.filter(author=author, title=title).first()
    if wish is None and author.group_id:
        wish = actions.post_lead(author, kind=LeadKind.WISH, title=title, body=body, beneficiary=beneficiary)
    if wish is not None and wish.status == Status.PENDING:
        actions.accept(editor, wish)

    _resident_activity(ctx, editor)
    _livestreams(ctx, editor)


def _resident_activity(ctx, editor) -> None:
    """Residents post stories and leads; other residents comment and like (found before made)."""
    users = ctx.users
    stories = []
    for number, title, body, tag in RESIDENT_STORIES:
        author = users.get(f"resident{number:03d}")
        if author is None or author.group_id is None:
            continue
        story = Story.objects.filter(author=author, title=title).first()
        if story is None:
            story = actions.post_story(author, title=title, body=body, place="溧阳", tags=[tag], images=[picture(title)])
        if story.status == Status.PENDING:
            story = actions.accept(editor, story)
        stories.append(story)
    for number, kind, title, body, beneficiary in LEADS:
        author = users.get(f"resident{number:03d}")
        if author is None or author.group_id is None:
            continue
        lead = Lead.objects.filter(author=author, title=title).first()
        if lead is None:
            lead = actions.post_lead(author, kind=kind, title=title, body=body, beneficiary=beneficiary)
        if lead.status == Status.PENDING:
            actions.accept(editor, lead)
    for s_index, story in enumerate(stories):
        for k in range(1 + s_index % 4):
            person = users.get(f"resident{(s_index * 9 + k * 13) % 60 + 1:03d}")
            if person is None or person.pk == story.author_id:
                continue
            if not story.comments.filter(author=person, body=COMMENTS[(s_index + k) % len(COMMENTS)]).exists():
                actions.post_comment(person, story, COMMENTS[(s_index + k) % len(COMMENTS)])
        for k in range(3 + s_index % 5):
            person = users.get(f"resident{(s_index * 7 + k * 11) % 80 + 1:03d}")
            if person is not None and not story.likes.filter(person=person).exists():
                actions.toggle_like(person, story)


def _livestreams(ctx, editor) -> None:
    town = Unit.objects.filter(name="溧城镇", parent=ctx.region).select_related("liaison").first()
    if town is None or town.liaison is None:
        return
    live_title = "溧城镇道德讲堂：身边好人故事会"
    live = Livestream.objects.filter(unit=town, title=live_title).first()
    if live is None:
        live = actions.declare_livestream(
            town.liaison,
            town,
            title=live_title,
            planned_start=timezone.now() + timedelta(days=7),
            place="溧城镇文化中心",
            link="https://live.example.org/licheng",
        )
    if live.status == Status.PENDING:
        actions.accept(editor, live)

    # A session held the month before last, declared a week ahead (last month's bulletin stays
    # made of articles only, so its ranking has no ties by construction; see media.demo).
    month = ctx.months[1]
    held_title = f"{month.month}月道德讲堂：孝老爱亲故事分享"
    held = Livestream.objects.filter(unit=town, title=held_title).first()
    if held is None:
        start = datetime.combine(date(month.year, month.month, 18), time(19, 30), tzinfo=SHANGHAI)
        held = actions.declare_livestream(
            town.liaison, town, title=held_title, planned_start=start, place="溧城镇新时代文明实践所",
            link="https://live.example.org/licheng-history", now=start - timedelta(days=7),
        )
        actions.accept(editor, held, now=start - timedelta(days=6))
        actions.mark_held(town.liaison, held, held_at=start)
