"""The only write paths of the WeChat app."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from wenming.journal.actions import audit
from wenming.people import actions as people_actions
from wenming.people.permissions import can

from .models import InboundMessage, KeywordReply, ReplyText


def _require(actor, action: str = "manage_wechat") -> None:
    if not can(actor, action):
        raise PermissionDenied


def login_person(openid: str, *, unionid: str | None = None, nickname: str = ""):
    """The person behind an OAuth answer, created on first visit and marked WeChat-verified."""
    return people_actions.wechat_person(openid, unionid=unionid, nickname=nickname)


@transaction.atomic
def save_keyword_reply(reply: KeywordReply, *, actor) -> KeywordReply:
    """Create or change a keyword reply (the form has validated it)."""
    _require(actor)
    created = reply.pk is None
    reply.updated_by = actor
    reply.full_clean()
    reply.save()
    audit(actor, "wechat.keyword_created" if created else "wechat.keyword_changed", reply,
          data={"keyword": reply.keyword, "kind": reply.kind, "link": reply.link, "active": reply.is_active})
    return reply


@transaction.atomic
def delete_keyword_reply(reply: KeywordReply, *, actor) -> None:
    """Remove a keyword reply; the audit entry keeps what it said."""
    _require(actor)
    audit(actor, "wechat.keyword_deleted", reply, data={"keyword": reply.keyword, "text": reply.text})
    reply.delete()


@transaction.atomic
def set_reply_text(slot: str, text: str, *, actor) -> ReplyText:
    """Change the welcome text or the default reply."""
    _require(actor)
    row, _created = ReplyText.objects.update_or_create(slot=slot, defaults={"text": text})
    audit(actor, "wechat.reply_text_changed", row, data={"slot": slot, "text": text})
    return row


def log_inbound(*, dedup_key: str, openid: str, msg_type: str, event: str = "", matched_keyword: str = "",
                safe_mode: bool = False, at=None) -> bool:
    """Log one inbound message; False when it is WeChat's retry of one already logged."""
    try:
        with transaction.atomic():
            InboundMessage.objects.create(
                dedup_key=dedup_key[:120],
                openid=openid[:64],
                msg_type=msg_type[:20],
                event=event[:30],
                matched_keyword=matched_keyword[:30],
                safe_mode=safe_mode,
                received_at=at or timezone.now(),
            )
    except IntegrityError:
        return False
    return True


class ShareRefused(Exception):
    """Participation would not record the share (the item is hidden or not public)."""


def record_share(person, target, *, channel: str, token: str):
    """Hand a confirmed JS-SDK share to participation, which owns shares and their counts.

    The token is per page view and channel, so a retried callback counts once while sharing the
    same page to a friend and to Moments counts twice.
    """
    from wenming.participation import actions as participation

    try:
        return participation.record_share(person, target, channel=channel, token=f"wx:{token}:{channel}")
    except participation.ParticipationError as exc:
        raise ShareRefused(str(exc)) from exc
