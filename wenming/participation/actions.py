"""The only write paths of the participation domain: one function per state change.

Each runs in one transaction, checks permission with ``people.permissions.can``, writes an audit
entry and, for counted acts, records a domain event with a natural unique key (``web:<type>:<id>``)
as ``docs/contracts.md`` specifies. Points are not computed here: the points engine listens.
Bad input raises ``ParticipationError`` with a Chinese message and changes nothing.
"""

import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event
from wenming.people.permissions import can

from . import uploads
from .choices import (
    BODY_MAX,
    CLICKS_MAX,
    COMMENT_MAX,
    MAX_IMAGES,
    REASON_MAX,
    SHARE_TOKEN_RE,
    TITLE_MAX,
    ClaimStatus,
    LeadKind,
    ShareChannel,
    Status,
    Tag,
    Validity,
    Verb,
)
from .models import Comment, Flag, Lead, Like, Livestream, Share, ShareLink, Story, StoryImage, WishClaim

# Clicks are the 72-hour figure: recordable once 72 hours have passed since the actual start.
CLICKS_WINDOW = timedelta(hours=72)


class ParticipationError(Exception):
    """Bad input or a forbidden step; the message is shown to the person as it is."""


def setting(key: str, default):
    return settings.WENMING.get(key, default)


def target_ref(obj) -> str:
    """How events name a target: ``story:12``, ``lead:3``, ``livestream:web-5``, ``article:7``."""
    if isinstance(obj, Livestream):
        return f"livestream:{obj.event_id}"
    return f"{obj._meta.model_name}:{obj.pk}"


def _target_fields(obj) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def _require_text(value: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ParticipationError(_("%(label)s不能为空") % {"label": label})
    if len(value) > limit:
        raise ParticipationError(_("%(label)s不能超过 %(limit)s 个字") % {"label": label, "limit": limit})
    return value


def _require_url(value: str, *, required: bool = True) -> str:
    """Only http(s) links: a stored ``javascript:`` link would run in whoever clicks it."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ParticipationError(_("请填写直播链接"))
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ParticipationError(_("请输入有效的网址（以 http:// 或 https:// 开头）")) from None
    return value


def _posting_unit(person):
    """A post belongs to the author's community group at posting time."""
    if person.group_id is None:
        raise ParticipationError(_("请先选择所在社群，再发布内容"))
    return person.group


def _require_public(target) -> None:
    if getattr(target, "hidden", False):
        raise ParticipationError(_("该内容已被举报隐藏，正在审核中"))
    # Articles and other apps' items say for themselves whether they are public.
    if not getattr(target, "is_public", True):
        raise ParticipationError(_("该内容尚未公开"))


def _require_moderator(editor, item) -> None:
    if not can(editor, "moderate", item):
        raise PermissionDenied(_("您没有审核该单位内容的权限"))
    author_id = getattr(item, "author_id", None)
    if author_id is not None and author_id == editor.pk:
        raise ParticipationError(_("不能审核自己发布的内容"))


def _lock(item):
    return type(item).objects.select_for_update().get(pk=item.pk)


# ---------------------------------------------------------------- posting


@transaction.atomic
def post_story(
    author,
    *,
    title: str,
    body: str,
    place: str = "",
    happened_on=None,
    tags=(),
    images=(),
    audio=None,
    video=None,
    media_link: str = "",
) -> Story:
    """An i分享 post, pending until an editor accepts it. Images are verified and re-encoded."""
    unit = _posting_unit(author)
    title = _require_text(title, _("标题"), TITLE_MAX)
    body = _require_text(body, _("正文"), BODY_MAX)
    images = list(images or [])
    if len(images) > MAX_IMAGES:
        raise ParticipationError(_("最多上传 %(n)s 张图片") % {"n": MAX_IMAGES})
    media_link = _require_url(media_link, required=False)
    unknown = [t for t in tags if t not in Tag.values]
    if unknown:
        raise ParticipationError(_("未知的标签：%(tags)s") % {"tags": "、".join(unknown)})
    try:
        cleaned = [uploads.clean_image(f) for f in images]
        audio = uploads.check_media(audio, "audio") if audio else None
        video = uploads.check_media(video, "video") if video else None
    except ValidationError as exc:
        raise ParticipationError(" ".join(exc.messages)) from None
    story = Story(
        author=author,
        unit=unit,
        title=title,
        body=body,
        place=(place or "").strip()[:100],
        happened_on=happened_on,
        tags=",".join(tags),
        media_link=media_link or "",
    )
    if audio:
        story.audio = audio
    if video:
        story.video = video
    story.save()
    for position, content in enumerate(cleaned):
        image = StoryImage(story=story, position=position)
        image.image.save(content.name, content, save=False)
        image.save()
    audit(author, Verb.POST, story)
    return story


@transaction.atomic
def post_lead(author, *, kind: str, title: str, body: str, place: str = "", beneficiary: str = "", needed_by=None) -> Lead:
    """An i牵手 post (activity lead or micro-wish), pending until an editor accepts it."""
    unit = _posting_unit(author)
    if kind not in LeadKind.values:
        raise ParticipationError(_("请选择类型"))
    title = _require_text(title, _("标题"), TITLE_MAX)
    body = _require_text(body, _("内容"), BODY_MAX)
    beneficiary = (beneficiary or "").strip()
    if kind == LeadKind.WISH and not beneficiary:
        raise ParticipationError(_("微心愿需要填写心愿人"))
    lead = Lead.objects.create(
        author=author,
        unit=unit,
        kind=kind,
        title=title,
        body=body,
        place=(place or "").strip()[:100],
        beneficiary=beneficiary[:50],
        needed_by=needed_by,
    )
    audit(author, Verb.POST, lead)
    return lead


def _livestream_fields(liaison, unit, title: str, place: str, link: str) -> tuple[str, str, str]:
    if not can(liaison, "declare_livestream", unit):
        raise PermissionDenied(_("只有该单位的联络员可以申报或登记直播"))
    return _require_text(title, _("标题"), TITLE_MAX), _require_text(place, _("地点"), 100), _require_url(link)


@transaction.atomic
def declare_livestream(liaison, unit, *, title: str, planned_start, place: str, link: str, now=None) -> Livestream:
    """A unit liaison declares a livestream in advance; an editor approves or rejects it."""
    title, place, link = _livestream_fields(liaison, unit, title, place, link)
    now = now or timezone.now()
    if planned_start is None or planned_start <= now:
        raise ParticipationError(_("计划开始时间必须晚于现在：直播需要提前申报"))
    live = Livestream.objects.create(
        author=liaison, unit=unit, title=title, planned_start=planned_start, place=place, link=link, created_at=now
    )
    audit(liaison, Verb.POST, live)
    return live


@transaction.atomic
def record_undeclared_livestream(liaison, unit, *, title: str, held_at, place: str, link: str) -> Livestream:
    """A livestream held without an approved earlier declaration: kept as a record, earns nothing."""
    title, place, link = _livestream_fields(liaison, unit, title, place, link)
    now = timezone.now()
    if held_at is None or held_at > now:
        raise ParticipationError(_("实际开始时间不能晚于现在"))
    live = Livestream.objects.create(
        author=liaison,
        unit=unit,
        title=title,
        planned_start=held_at,
        place=place,
        link=link,
        held_at=held_at,
        undeclared=True,
        status=Status.ACCEPTED,
        decided_at=now,
        created_at=now,
    )
    audit(liaison, Verb.HELD, live, data={"undeclared": True, "held_at": held_at.isoformat()})
    return live


# ---------------------------------------------------------------- moderation


def _accepted_event(item, at) -> None:
    if isinstance(item, Story):
        record_event(key=f"web:share_accepted:{item.pk}", type="share_accepted", at=at, person=item.author, data={"story": item.pk})
    elif isinstance(item, Lead):
        record_event(key=f"web:lead_accepted:{item.pk}", type="lead_accepted", at=at, person=item.author, data={"lead": item.pk})
    elif isinstance(item, Livestream) and item.created_at < item.planned_start:
        # Stamped with the moment of declaring, not of approval: "declared in advance" compares the
        # declaration with the actual start, and an editor may approve after the session began.
        record_event(
            key=f"web:livestream_declared:{item.pk}",
            type="livestream_declared",
            at=item.created_at,
            unit=item.unit,
            data={"livestream": item.event_id},
        )


@transaction.atomic
def accept(editor, item, *, now=None):
    """An editor accepts (录用) a pending story or lead, or approves a livestream declaration."""
    _require_moderator(editor, item)
    item = _lock(item)
    if item.status != Status.PENDING:
        raise ParticipationError(_("该内容已审核过"))
    item.status = Status.ACCEPTED
    item.decided_by = editor
    item.decided_at = now or timezone.now()
    item.reason = ""
    item.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit(editor, Verb.ACCEPT, item)
    _accepted_event(item, item.decided_at)
    return item


@transaction.atomic
def reject(editor, item, *, reason: str):
    """An editor rejects a pending item with a reason the author sees."""
    _require_moderator(editor, item)
    reason = _require_text(reason, _("未录用原因"), REASON_MAX)
    item = _lock(item)
    if item.status != Status.PENDING:
        raise ParticipationError(_("该内容已审核过"))
    item.status = Status.REJECTED
    item.decided_by = editor
    item.decided_at = timezone.now()
    item.reason = reason
    item.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit(editor, Verb.REJECT, item, reason=reason)
    return item


def bulk_accept(editor, items) -> tuple[int, list[str]]:
    """Accept many; each is its own transaction, so one refusal does not undo the others."""
    accepted, problems = 0, []
    for item in items:
        try:
            accept(editor, item)
            accepted += 1
        except (ParticipationError, PermissionDenied) as exc:
            problems.append(f"{item.title}：{exc}")
    return accepted, problems


# ---------------------------------------------------------------- livestreams


@transaction.atomic
def mark_held(liaison, live: Livestream, *, held_at=None) -> Livestream:
    """The liaison marks an approved declaration as held at its actual start.

    An actual start before the declaration was made means it was not declared in advance: the
    record is kept, flagged undeclared, and no ``livestream_held`` event is recorded.
    """
    if not can(liaison, "declare_livestream", live.unit):
        raise PermissionDenied(_("只有该单位的联络员可以操作"))
    live = _lock(live)
    if live.held_at is not None:
        raise ParticipationError(_("该直播已标记为已举办"))
    if live.status != Status.ACCEPTED:
        raise ParticipationError(_("直播申报尚未审核通过，不能标记为已举办"))
    now = timezone.now()
    held_at = held_at or now
    if held_at > now:
        raise ParticipationError(_("实际开始时间不能晚于现在"))
    live.held_at = held_at
    live.undeclared = held_at <= live.created_at
    live.save(update_fields=["held_at", "undeclared"])
    audit(liaison, Verb.HELD, live, data={"held_at": held_at.isoformat(), "undeclared": live.undeclared})
    if not live.undeclared:
        record_event(
            key=f"web:livestream_held:{live.pk}",
            type="livestream_held",
            at=held_at,
            unit=live.unit,
            data={"livestream": live.event_id},
        )
    return live


@transaction.atomic
def record_clicks(liaison, live: Livestream, clicks: int, *, now=None) -> Livestream:
    """The 72-hour click count, recorded once 72 hours after the actual start."""
    if not can(liaison, "declare_livestream", live.unit):
        raise PermissionDenied(_("只有该单位的联络员可以操作"))
    live = _lock(live)
    now = now or timezone.now()
    if live.held_at is None:
        raise ParticipationError(_("直播尚未举办，不能登记点击量"))
    if live.clicks_72h is not None:
        raise ParticipationError(_("72小时点击量已登记"))
    if now < live.held_at + CLICKS_WINDOW:
        raise ParticipationError(_("直播开始满72小时后才能登记点击量"))
    if clicks is None or clicks < 0 or clicks > CLICKS_MAX:
        raise ParticipationError(_("点击量必须是 0 到 %(max)s 之间的整数") % {"max": CLICKS_MAX})
    live.clicks_72h = clicks
    live.clicks_recorded_at = now
    live.save(update_fields=["clicks_72h", "clicks_recorded_at"])
    audit(liaison, Verb.CLICKS, live, data={"clicks_72h": clicks})
    if not live.undeclared:
        record_event(
            key=f"web:livestream_stats:{live.pk}",
            type="livestream_stats",
            at=live.held_at,
            data={"livestream": live.event_id, "clicks_72h": clicks},
        )
    return live


# ---------------------------------------------------------------- comments


def _letters(text: str) -> int:
    """Characters that are text (letters, ideographs, digits), not emoji, symbols or punctuation."""
    return sum(1 for ch in text if unicodedata.category(ch)[0] in "LN")


def _normal(text: str) -> str:
    return "".join(ch for ch in text.casefold() if unicodedata.category(ch)[0] in "LN")


def comment_is_valid_by_rule(author, target, body: str, *, exclude_pk=None) -> bool:
    """Default rule: enough real text (setting) and not a repeat of the author's earlier comment here."""
    if _letters(body) < setting("COMMENT_VALID_MIN_CHARS", 5):
        return False
    earlier = Comment.objects.filter(author=author, **_target_fields(target))
    if exclude_pk:
        earlier = earlier.exclude(pk=exclude_pk)
    normal = _normal(body)
    return not any(_normal(text) == normal for text in earlier.values_list("body", flat=True))


def _valid_key(comment: Comment) -> str:
    suffix = "" if comment.valid_rounds <= 1 else f":{comment.valid_rounds}"
    return f"web:comment_valid:{comment.pk}{suffix}"


def _emit_valid(comment: Comment) -> None:
    comment.valid_rounds += 1
    record_event(
        key=_valid_key(comment), type="comment_valid", at=comment.created_at, person=comment.author, data={"comment": comment.pk}
    )


@transaction.atomic
def post_comment(author, target, body: str, *, parent: Comment | None = None) -> Comment:
    """A comment (or a reply to a top-level comment) on a public item; valid ones count."""
    if not getattr(author, "is_authenticated", False):
        raise PermissionDenied(_("请先登录"))
    _require_public(target)
    body = _require_text(body, _("评论"), COMMENT_MAX)
    fields = _target_fields(target)
    if parent is not None:
        if (parent.content_type_id, parent.object_id) != (fields["content_type"].pk, fields["object_id"]):
            raise ParticipationError(_("回复的评论不属于该内容"))
        # One level of replies: a reply to a reply attaches to the top-level comment.
        if parent.parent_id is not None:
            parent = parent.parent
    valid = comment_is_valid_by_rule(author, target, body)
    comment = Comment.objects.create(
        author=author,
        unit=author.group if author.group_id else getattr(target, "unit", None),
        parent=parent,
        body=body,
        valid=valid,
        **fields,
    )
    audit(author, Verb.POST, comment, data={"valid": valid})
    if valid:
        _emit_valid(comment)
        comment.save(update_fields=["valid_rounds"])
    return comment


@transaction.atomic
def set_comment_validity(editor, comment: Comment, valid: bool) -> Comment:
    """An editor marks a comment valid or not; a reversal is recorded as its own event."""
    if not can(editor, "moderate", comment):
        raise PermissionDenied(_("您没有审核该单位内容的权限"))
    if comment.author_id == editor.pk:
        raise ParticipationError(_("不能审核自己发布的内容"))
    comment = _lock(comment)
    changed = comment.valid != valid
    comment.validity_by = Validity.EDITOR
    if changed and valid:
        comment.valid = True
        _emit_valid(comment)
    elif changed:
        comment.valid = False
        record_event(
            key=f"web:comment_invalidated:{comment.pk}:{comment.valid_rounds}",
            type="comment_invalidated",
            at=timezone.now(),
            person=comment.author,
            data={"comment_event": _valid_key(comment)},
        )
    comment.save(update_fields=["valid", "validity_by", "valid_rounds"])
    audit(editor, Verb.COMMENT_VALID if valid else Verb.COMMENT_INVALID, comment)
    return comment


# ---------------------------------------------------------------- likes and shares


@transaction.atomic
def toggle_like(person, target) -> bool:
    """Like a public item, or take the like back on a second tap. Returns whether it is liked now."""
    if not getattr(person, "is_authenticated", False):
        raise PermissionDenied(_("请先登录"))
    _require_public(target)
    fields = _target_fields(target)
    current = Like.objects.select_for_update().filter(person=person, removed_at__isnull=True, **fields).first()
    now = timezone.now()
    if current is not None:
        current.removed_at = now
        current.save(update_fields=["removed_at"])
        record_event(
            key=f"web:like_removed:{current.pk}",
            type="like_removed",
            at=now,
            person=person,
            data={"like_event": f"web:like:{current.pk}"},
        )
        return False
    try:
        with transaction.atomic():
            like = Like.objects.create(person=person, created_at=now, **fields)
    except IntegrityError:
        # A double tap raced us: the other request's like stands.
        raise ParticipationError(_("操作太快了，请稍后再试")) from None
    record_event(key=f"web:like:{like.pk}", type="like", at=now, person=person, data={"target": target_ref(target)})
    return True


@transaction.atomic
def share_link_for(sharer, target) -> ShareLink:
    """The sharer's personal link for ``target`` (one per person and item)."""
    _require_public(target)
    link = ShareLink.objects.filter(sharer=sharer, **_target_fields(target)).first()
    if link is None:
        link = ShareLink.objects.create(sharer=sharer, token=secrets.token_urlsafe(12), **_target_fields(target))
    return link


@transaction.atomic
def record_share(sharer, target, *, channel: str, token: str | None = None) -> tuple[Share, bool]:
    """Record that ``sharer`` shared ``target`` (a story, lead, livestream or article).

    Used by share links and by the WeChat JS-SDK callback. A token records at most one share, so
    a link opened many times (or a retried callback) counts once. Returns (share, created).
    """
    if channel not in ShareChannel.values:
        raise ParticipationError(_("未知的分享渠道"))
    if token:
        existing = Share.objects.filter(token=token).first()
        if existing is not None:
            return existing, False
    _require_public(target)
    now = timezone.now()
    try:
        with transaction.atomic():
            share = Share.objects.create(sharer=sharer, channel=channel, token=token or None, created_at=now, **_target_fields(target))
    except IntegrityError:
        return Share.objects.get(token=token), False
    record_event(
        key=f"web:share:{share.pk}",
        type="share",
        at=now,
        person=sharer,
        data={"target": target_ref(target), "channel": channel},
    )
    return share, True


def open_share_link(token: str, visitor):
    """Someone opened a share link: record the share for its owner, not for the owner themself."""
    if not SHARE_TOKEN_RE.fullmatch(token or ""):
        return None, None
    link = ShareLink.objects.select_related("sharer").filter(token=token).first()
    if link is None:
        return None, None
    target = link.target
    if target is None or (visitor is not None and visitor.pk == link.sharer_id):
        return link, None
    try:
        share, _created = record_share(link.sharer, target, channel=ShareChannel.LINK, token=link.token)
    except ParticipationError:
        return link, None
    return link, share


# ---------------------------------------------------------------- flags


@transaction.atomic
def flag(reporter, target, *, reason: str = "") -> bool:
    """Report an item. Returns True when this report hid it (the threshold is a setting)."""
    if not getattr(reporter, "is_authenticated", False):
        raise PermissionDenied(_("请先登录"))
    fields = _target_fields(target)
    if Flag.objects.filter(reporter=reporter, resolved_at__isnull=True, **fields).exists():
        raise ParticipationError(_("您已举报过该内容，正在处理中"))
    Flag.objects.create(reporter=reporter, reason=(reason or "").strip()[:REASON_MAX], **fields)
    audit(reporter, Verb.FLAG, target, reason=reason or "")
    open_count = Flag.objects.filter(resolved_at__isnull=True, **fields).count()
    # Another app's item without a ``hidden`` field keeps its reports for the editors only.
    if open_count >= setting("FLAGS_TO_HIDE", 3) and getattr(target, "hidden", True) is False:
        type(target).objects.filter(pk=target.pk).update(hidden=True)
        target.hidden = True
        audit(None, Verb.HIDE, target, data={"flags": open_count})
        return True
    return False


@transaction.atomic
def review_flags(editor, target, *, restore: bool, reason: str = "") -> None:
    """An editor closes the open reports: restore the item, or keep it hidden (removed)."""
    _require_moderator(editor, target)
    fields = _target_fields(target)
    Flag.objects.filter(resolved_at__isnull=True, **fields).update(resolved_at=timezone.now())
    type(target).objects.filter(pk=target.pk).update(hidden=not restore)
    target.hidden = not restore
    audit(editor, Verb.RESTORE if restore else Verb.REMOVE, target, reason=reason)


# ---------------------------------------------------------------- micro-wishes


def _require_open_wish(lead: Lead) -> None:
    if not lead.is_wish:
        raise ParticipationError(_("只有微心愿可以认领"))
    _require_public(lead)


@transaction.atomic
def claim_wish(person, lead: Lead, *, unit=None) -> WishClaim:
    """Claim an accepted micro-wish, as oneself or for a unit one is the liaison of."""
    lead = _lock(lead)
    _require_open_wish(lead)
    if lead.author_id == person.pk:
        raise ParticipationError(_("不能认领自己发布的心愿"))
    if unit is not None and not can(person, "manage_unit", unit):
        raise PermissionDenied(_("您不能代表该单位认领"))
    if WishClaim.objects.filter(lead=lead).exclude(status=ClaimStatus.RELEASED).exists():
        raise ParticipationError(_("该心愿已被认领"))
    try:
        with transaction.atomic():
            claim = WishClaim.objects.create(lead=lead, claimant=person, unit=unit)
    except IntegrityError:
        raise ParticipationError(_("该心愿已被认领")) from None
    audit(person, Verb.CLAIM, lead, data={"claim": claim.pk, "unit": getattr(unit, "pk", None)})
    return claim


def _locked_claim(claim: WishClaim, expected: str, person, *, poster: bool, denied: str) -> WishClaim:
    """Lock the claim, check it is at ``expected`` and that ``person`` is the claimant (or the poster)."""
    claim = WishClaim.objects.select_for_update().select_related("lead").get(pk=claim.pk)
    if claim.status != expected:
        raise ParticipationError(_("当前状态为“%(status)s”，不能进行此操作") % {"status": claim.get_status_display()})
    owner_id = claim.lead.author_id if poster else claim.claimant_id
    if owner_id != person.pk:
        raise PermissionDenied(denied)
    return claim


def _advance(person, claim: WishClaim, verb: str, **changes) -> WishClaim:
    """Move the claim one step, dated, with its audit entry on the wish's history."""
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.save(update_fields=list(changes))
    audit(person, verb, claim.lead, data={"claim": claim.pk})
    return claim


@transaction.atomic
def release_claim(person, claim: WishClaim) -> WishClaim:
    """The claimant gives the wish back before fulfilling it; another person may then claim it."""
    claim = _locked_claim(claim, ClaimStatus.CLAIMED, person, poster=False, denied=_("只有认领人可以放弃认领"))
    return _advance(person, claim, Verb.RELEASE, status=ClaimStatus.RELEASED, released_at=timezone.now())


@transaction.atomic
def fulfil_claim(person, claim: WishClaim, *, photo) -> WishClaim:
    """The claimant marks the wish fulfilled, with a photo (verified and re-encoded)."""
    claim = _locked_claim(claim, ClaimStatus.CLAIMED, person, poster=False, denied=_("只有认领人可以标记实现"))
    if not photo:
        raise ParticipationError(_("请上传心愿实现的照片"))
    try:
        content = uploads.clean_image(photo)
    except ValidationError as exc:
        raise ParticipationError(" ".join(exc.messages)) from None
    claim.photo.save(content.name, content, save=False)
    return _advance(person, claim, Verb.FULFIL, photo=claim.photo, status=ClaimStatus.FULFILLED, fulfilled_at=timezone.now())


@transaction.atomic
def confirm_claim(poster, claim: WishClaim) -> WishClaim:
    """The wish's poster confirms it was fulfilled."""
    claim = _locked_claim(claim, ClaimStatus.FULFILLED, poster, poster=True, denied=_("只有心愿发布人可以确认"))
    return _advance(poster, claim, Verb.CONFIRM, status=ClaimStatus.CONFIRMED, confirmed_at=timezone.now())


@transaction.atomic
def evaluate_claim(poster, claim: WishClaim, *, stars: int, text: str = "") -> WishClaim:
    """The poster rates the claimant's help, 1 to 5 stars with an optional comment."""
    claim = _locked_claim(claim, ClaimStatus.CONFIRMED, poster, poster=True, denied=_("只有心愿发布人可以评价"))
    if stars not in (1, 2, 3, 4, 5):
        raise ParticipationError(_("评分必须是 1 到 5 星"))
    text = (text or "").strip()
    if len(text) > COMMENT_MAX:
        raise ParticipationError(_("评价不能超过 %(limit)s 个字") % {"limit": COMMENT_MAX})
    return _advance(
        poster, claim, Verb.EVALUATE, status=ClaimStatus.EVALUATED, stars=stars, evaluation=text, evaluated_at=timezone.now()
    )
