"""Work prompts: issuing, members marking items done, chasing the overdue, closing."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event

from ..choices import EVENT_ITEM_DONE, PromptStatus, ReminderChannel, TeamRole, Urgency
from ..models import ItemCompletion, Member, Prompt, PromptAssignment, PromptItem, Reminder
from .registry import TeamError, require

log = logging.getLogger(__name__)
_url = URLValidator(schemes=["http", "https"])


def check_link(link: str, what: str) -> str:
    link = (link or "").strip()
    try:
        if len(link) > 500 or "\x00" in link:
            raise ValidationError("")
        _url(link)
    except ValidationError:
        raise TeamError(_("%(what)s不是有效的 http(s) 链接") % {"what": what}) from None
    return link


@transaction.atomic
def issue_prompt(region, *, title: str, text: str = "", urgency: str = Urgency.MONTHLY, roles, counties,
                 deadline, items, actor, now=None) -> Prompt:
    """Issue a prompt from ``region``'s office; ``items`` are (title, link) pairs.

    The members it asks are fixed now: every member of the listed counties holding a listed role.
    """
    require(actor, region)
    now = now or timezone.now()
    title = (title or "").strip()
    if not title:
        raise TeamError(_("请填写标题"))
    if deadline is None or deadline <= now:
        raise TeamError(_("截止时间不能早于现在"))
    if urgency not in Urgency.values:
        raise TeamError(_("紧急程度无效"))
    roles = sorted(set(roles or ()))
    if not roles or any(r not in TeamRole.values for r in roles):
        raise TeamError(_("请选择面向的角色"))
    counties = list(counties or ())
    if not counties:
        raise TeamError(_("请选择面向的地区"))
    for county in counties:
        if not county.is_within(region):
            raise TeamError(_("%(county)s不在本单位范围内") % {"county": county.name})
    items = [(str(t or "").strip(), link) for t, link in items or ()]
    if not items:
        raise TeamError(_("请至少填写一个事项"))
    cleaned = []
    for order, (item_title, link) in enumerate(items, start=1):
        if not item_title:
            raise TeamError(_("第 %(n)s 个事项缺少名称") % {"n": order})
        cleaned.append(PromptItem(title=item_title[:200], link=check_link(link, _("第 %(n)s 个事项的链接") % {"n": order}), order=order))
    prompt = Prompt.objects.create(region=region, title=title[:200], text=text or "", urgency=urgency, roles=roles,
                                   deadline=deadline, issued_at=now, created_by=actor)
    prompt.counties.set(counties)
    for item in cleaned:
        item.prompt = prompt
    PromptItem.objects.bulk_create(cleaned)
    members = Member.objects.filter(county__in=counties, roles__role__in=roles).distinct()
    PromptAssignment.objects.bulk_create(
        [PromptAssignment(prompt=prompt, member=m, county_id=m.county_id, unit_id=m.unit_id) for m in members]
    )
    audit(actor, "netcivility.prompt_issued", prompt, data={"counties": [c.pk for c in counties], "roles": roles})
    return prompt


@transaction.atomic
def mark_done(item: PromptItem, member: Member, *, link: str, screenshot=None, now=None) -> ItemCompletion:
    """``member`` did ``item``: the link of the repost or comment, an optional screenshot (image-checked)."""
    now = now or timezone.now()
    assignment = PromptAssignment.objects.select_for_update().filter(prompt_id=item.prompt_id, member=member).first()
    if assignment is None:
        raise TeamError(_("您不在该工作提示的对象中，不能标记完成"))
    prompt = Prompt.objects.get(pk=item.prompt_id)
    if not prompt.is_open:
        raise TeamError(_("该工作提示已关闭"))
    link = check_link(link, _("转发或评论链接"))
    image = None
    if screenshot:
        from wenming.participation.uploads import clean_image

        try:
            image = clean_image(screenshot)
        except ValidationError as exc:
            raise TeamError("；".join(exc.messages)) from None
    if ItemCompletion.objects.filter(assignment=assignment, item=item).exists():
        raise TeamError(_("该事项已标记完成"))
    completion = ItemCompletion(assignment=assignment, item=item, link=link, done_at=now)
    if image is not None:
        completion.screenshot.save(image.name, image, save=False)
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        raise TeamError(_("该事项已标记完成")) from None
    done = ItemCompletion.objects.filter(assignment=assignment).count()
    if done >= PromptItem.objects.filter(prompt_id=item.prompt_id).count() and assignment.completed_at is None:
        assignment.completed_at = now
        assignment.save(update_fields=["completed_at"])
    audit(member.user, "netcivility.item_done", completion, data={"prompt": item.prompt_id, "member": member.pk})
    record_event(key=f"netcivility:done:{completion.pk}", type=EVENT_ITEM_DONE, at=now, person=member.user,
                 unit=member.county, data={"prompt": item.prompt_id, "item": item.pk, "member": member.pk})
    return completion


def _send_wechat(assignment, prompt) -> bool:
    """True when WeChat took the template message; any failure falls back to the page notice."""
    from django.conf import settings

    from wenming.wechat.conf import account

    user = assignment.member.user
    template = settings.WENMING.get("NETCIVILITY_PROMPT_TEMPLATE", "")
    if not (account().web_enabled and template and user is not None and user.openid):
        return False
    from django.urls import reverse

    from wenming.wechat import services

    data = {"first": {"value": _("您有一项工作提示已逾期未完成")}, "keyword1": {"value": prompt.title},
            "keyword2": {"value": timezone.localtime(prompt.deadline).strftime("%Y-%m-%d %H:%M")}}
    try:
        services.send_template_message(user.openid, template, data, url=reverse("netcivility:my_prompt", args=[prompt.pk]))
    except Exception as exc:  # a WeChat outage must not stop the chase: the page notice remains
        log.warning("template message to member %s failed: %s", assignment.member_id, exc)
        return False
    return True


def chase_overdue(prompt: Prompt, *, actor, now=None) -> int:
    """Remind the assigned members who have not finished a prompt past its deadline; returns how many.

    Each office chases its own: the issuing office everyone, a county office its county's members
    of a prompt the city sent it.
    """
    from wenming.people.permissions import scope_units

    now = now or timezone.now()
    scope = scope_units(actor, "manage_netcivility")
    overdue = PromptAssignment.objects.filter(prompt=prompt, completed_at__isnull=True, county__in=scope)
    if not prompt.counties.filter(pk__in=scope).exists():
        require(actor, prompt)
    if prompt.deadline > now:
        raise TeamError(_("尚未到截止时间，无需催办"))
    if not prompt.is_open:
        raise TeamError(_("该工作提示已关闭"))
    overdue = list(overdue.select_related("member__user"))
    for assignment in overdue:
        channel = ReminderChannel.WECHAT if _send_wechat(assignment, prompt) else ReminderChannel.PAGE
        Reminder.objects.create(assignment=assignment, channel=channel, sent_at=now, sent_by=actor)
    audit(actor, "netcivility.prompt_chased", prompt, data={"reminded": len(overdue)})
    return len(overdue)


@transaction.atomic
def close_prompt(prompt: Prompt, *, actor) -> Prompt:
    require(actor, prompt)
    prompt = Prompt.objects.select_for_update().get(pk=prompt.pk)
    if not prompt.is_open:
        raise TeamError(_("该工作提示已关闭"))
    prompt.status, prompt.closed_at = PromptStatus.CLOSED, timezone.now()
    prompt.save(update_fields=["status", "closed_at"])
    audit(actor, "netcivility.prompt_closed", prompt)
    return prompt
