"""Monthly quotas: volunteers submit blog posts, civilized units their original articles; year settings."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event
from wenming.people.permissions import can, is_admin

from ..choices import EVENT_POST, CivilizedLevel, PostKind, TeamRole
from ..models import CivilizedUnit, Member, Post, YearSetting
from .prompts import check_link
from .registry import TeamError


def _clean(title: str, published_on) -> str:
    title = (title or "").strip()
    if not title or len(title) > 200 or "\x00" in title:
        raise TeamError(_("请填写标题（最多 200 字）"))
    if not isinstance(published_on, date) or published_on > timezone.localdate():
        raise TeamError(_("发布日期不能晚于今天"))
    return title


def _store(post: Post) -> Post:
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        raise TeamError(_("该链接已提交过")) from None
    return post


@transaction.atomic
def submit_post(member: Member, *, title: str, link: str, published_on, actor=None) -> Post:
    """A volunteer's blog post; it counts in the month it was published."""
    if not member.roles.filter(role=TeamRole.VOLUNTEER).exists():
        raise TeamError(_("只有网络文明志愿者需要提交博文"))
    if actor is not None and actor != member.user and not can(actor, "manage_netcivility", member.county):
        raise PermissionDenied
    title = _clean(title, published_on)
    post = _store(Post(kind=PostKind.BLOG, member=member, title=title, link=check_link(link, _("博文链接")),
                       published_on=published_on, submitted_at=timezone.now(), submitted_by=actor or member.user))
    record_event(key=f"netcivility:post:{post.pk}", type=EVENT_POST, at=post.submitted_at, person=member.user,
                 unit=member.county, data={"member": member.pk, "kind": PostKind.BLOG, "published_on": str(published_on)})
    return post


@transaction.atomic
def submit_article(unit, *, title: str, link: str, published_on, actor) -> Post:
    """A nationally civilized unit's original article, by the unit's liaison, one of its members or the office."""
    civilized = CivilizedUnit.objects.filter(unit=unit).first()
    if civilized is None or civilized.level != CivilizedLevel.NATIONAL:
        raise TeamError(_("只有全国文明单位需要提交原创信息稿"))
    own = unit.liaison_id == getattr(actor, "pk", None) or Member.objects.filter(user=actor, unit=unit).exists()
    if not (own or can(actor, "manage_netcivility", unit)):
        raise PermissionDenied
    title = _clean(title, published_on)
    post = _store(Post(kind=PostKind.ARTICLE, unit=unit, title=title, link=check_link(link, _("原创稿链接")),
                       published_on=published_on, submitted_at=timezone.now(), submitted_by=actor))
    record_event(key=f"netcivility:post:{post.pk}", type=EVENT_POST, at=post.submitted_at, person=actor, unit=unit,
                 data={"unit": unit.pk, "kind": PostKind.ARTICLE, "published_on": str(published_on)})
    return post


@transaction.atomic
def set_year(year: int, *, actor, roster_due: date, blog_quota: int = 1, article_quota: int = 1) -> YearSetting:
    """The year's due date and quotas: a platform-wide setting, so only admins change it."""
    if not is_admin(actor):
        raise PermissionDenied
    if roster_due.year != year:
        raise TeamError(_("截止日应在该年度内"))
    if blog_quota < 1 or article_quota < 1:
        raise TeamError(_("每月篇数至少为 1"))
    setting, _created = YearSetting.objects.update_or_create(
        year=year, defaults={"roster_due": roster_due, "blog_quota": blog_quota, "article_quota": article_quota}
    )
    audit(actor, "netcivility.year_set", setting, data={"due": str(roster_due), "blog": blog_quota, "article": article_quota})
    return setting
