"""Demo rows: the units' official-account articles over the demo's months, with positions and stats.

Articles arrive as they do in production, as ``article_published`` / ``article_stats`` events (the
points engine scores them; media mirrors them into articles). Last month is built so that every
unit has points and no two units tie: the unit that is r-th in a fixed shuffle of the scheme's
order publishes 1 + r//2 workday headlines and r % 2 second-place posts (10 + 5r points), and its
stats stay under the reading and liking tiers. The other months vary freely.

Keys name the month and the unit's place in the scheme: a second run finds every event.
"""

from datetime import datetime, time, timedelta

from wenming.core.calendar import official_is_workday
from wenming.core.periods import SHANGHAI
from wenming.journal.actions import record_event

TOPICS = [
    "开展“我们的节日”主题活动",
    "志愿者走进敬老院送温暖",
    "道德讲堂：讲述身边好人故事",
    "文明交通劝导志愿服务",
    "垃圾分类进社区宣传",
    "“最美家庭”评选结果揭晓",
    "新时代文明实践站开展书法公益课",
    "关爱留守儿童暑期托管",
    "退役军人志愿服务队清理河道",
    "邻里节百家宴传递睦邻情",
    "红色故事宣讲进校园",
    "移风易俗倡议书",
]
OUTLETS = [("local", "溧阳日报"), ("prefecture", "常州日报"), ("province", "新华日报")]


def _short(name: str) -> str:
    return name.removeprefix("溧阳市")


def _workdays(ctx, month) -> list:
    return [d for d in ctx.days_of(month) if official_is_workday(d)]


def _article(ctx, unit, ext: str, day, position: int, title: str, reads: int, likes: int) -> None:
    at = datetime.combine(day, time(7, 30), tzinfo=SHANGHAI)
    record_event(
        key=f"demo:article:{ext}", type="article_published", at=at, unit=unit, source="system",
        data={"article": ext, "position": position, "title": title, "url": f"https://mp.weixin.qq.com/s/{ext}"},
    )
    stats_at = at + timedelta(hours=72)
    if stats_at.date() <= ctx.today:
        record_event(
            key=f"demo:article:{ext}:stats", type="article_stats", at=stats_at, source="system",
            data={"article": ext, "reads_72h": reads, "likes": likes},
        )


def load_demo(ctx) -> None:
    scheme = ctx.scheme
    if scheme is None:
        return
    units = [e.unit for e in scheme.enrollments.select_related("unit").order_by("sort_order", "id")]
    n = len(units)
    for month in ctx.months:
        days = _workdays(ctx, month)
        if not days:
            continue
        tag = f"{month.year:04d}{month.month:02d}"
        for i, unit in enumerate(units):
            if month == ctx.last_month:
                r = (i * 11) % n if n % 11 else i
                posts = [1] * (1 + r // 2) + [2] * (r % 2)
            else:
                posts = [1 + (i + month.month) % 3] * (1 + (i + month.month) % 2)
            for k, position in enumerate(posts):
                day = days[(i + 3 * k) % len(days)]
                topic = TOPICS[(i + k + month.month) % len(TOPICS)]
                if month == ctx.last_month:
                    reads, likes = 900 + (i * 37 + k * 53) % 2000, 10 + (i + k) % 40
                else:
                    reads, likes = 1500 + (i * 613 + k * 271) % 14000, 20 + (i * 7 + k) % 130
                _article(ctx, unit, f"demo-{tag}-{i + 1:02d}-{k + 1}", day, position, f"{_short(unit.name)}{topic}", reads, likes)
    # This month: one story picked up by outside outlets.
    days = _workdays(ctx, ctx.this_month)
    for j, (level, outlet) in enumerate(OUTLETS if days else []):
        unit = units[j % n]
        at = datetime.combine(days[-1], time(15, 0), tzinfo=SHANGHAI)
        record_event(
            key=f"demo:repost:{ctx.this_month}:{j}", type="repost", at=at, unit=unit, source="system",
            data={"repost": f"demo-{ctx.this_month}-r{j}", "level": level, "outlet": outlet, "reads_72h": 1800 + 900 * j},
        )
