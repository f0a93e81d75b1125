"""Demo rows for the Liyang units: accepted stories, a claimed micro-wish, a declared livestream.

Everything goes through the actions (so the demo also has the audit trail and the domain
events), and each row is looked up by author and title first: a second run changes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from wenming.orgs.models import Unit

from . import actions
from .choices import LeadKind, Status, Tag
from .models import Lead, Livestream, Story

DEMO_STORIES = [
    ("citizen1", "雨中护送老人回家", "下班路上遇到迷路的王奶奶，一位快递小哥撑伞把她送回了家。", "溧城镇", [Tag.GOOD_DEED]),
    ("citizen1", "三代人的家规", "爷爷立下“勤俭、和睦、守信”六个字，我们家三代人一直照着做。", "溧城镇", [Tag.FAMILY]),
    ("citizen3", "支教老师的周末课堂", "教育局的年轻老师们每周六为留守儿童义务辅导功课。", "教育局", [Tag.VOLUNTEER]),
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
