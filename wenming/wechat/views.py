"""OAuth login, the message callback, the share callback and the console for replies."""

import logging
import secrets

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.core.redirects import safe_next
from wenming.people.permissions import can

from . import actions, sdk, services
from .choices import OAuthScope, ReplySlot
from .conf import account
from .forms import KeywordReplyForm, ReplyTextForm, ShareForm
from .models import KeywordReply
from .queries import console_rows

logger = logging.getLogger(__name__)

SESSION_KEY = "wechat_oauth"
# WeChat's messages are a few hundred bytes; anything far larger is not from WeChat.
MAX_BODY = 64 * 1024


def _off(request, status=503):
    return render(request, "wechat/off.html", status=status)


@require_GET
def oauth_start(request):
    """Send the visitor to WeChat's consent page with a fresh state kept in the session."""
    acct = account()
    if not acct.web_enabled:
        return _off(request)
    scope = OAuthScope.USERINFO if request.GET.get("scope") == "userinfo" else OAuthScope.BASE
    state = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {"state": state, "next": safe_next(request, request.GET.get("next"), "home")}
    redirect_uri = request.build_absolute_uri(reverse("wechat:oauth_callback"))
    return redirect(sdk.authorize_url(acct, redirect_uri, scope, state))


@require_GET
def oauth_callback(request):
    """WeChat sends the visitor back with ``code`` and our ``state``; the state must match."""
    acct = account()
    if not acct.web_enabled:
        return _off(request)
    saved = request.session.pop(SESSION_KEY, None) or {}
    state = request.GET.get("state", "")
    if not saved.get("state") or not constant_time_compare(saved["state"], state):
        return render(request, "wechat/oauth_failed.html", {"reason": _("登录校验失败，请重新打开页面。")}, status=403)
    code = request.GET.get("code", "")
    if not code:
        # The person declined the consent page.
        return render(request, "wechat/oauth_failed.html", {"reason": _("您未同意授权，无法用微信登录。")}, status=400)
    try:
        answer = sdk.exchange_code(acct, code)
        nickname = ""
        if OAuthScope.USERINFO in answer.get("scope", ""):
            nickname = sdk.user_info(acct, answer["openid"], answer["access_token"]).get("nickname", "")
    except sdk.WechatError:
        logger.warning("wechat oauth exchange failed", exc_info=True)
        return render(request, "wechat/oauth_failed.html", {"reason": _("微信服务暂时不可用，请稍后再试。")}, status=502)
    person = actions.login_person(answer["openid"], unionid=answer.get("unionid") or None, nickname=nickname)
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(safe_next(request, saved.get("next"), "home"))


@csrf_exempt  # WeChat's servers cannot send our CSRF token; the signature authenticates instead.
@require_http_methods(["GET", "POST"])
def callback(request):
    """The official account's server address: echostr on GET, passive replies on POST."""
    acct = account()
    if not acct.callback_enabled:
        return HttpResponse(_("微信公众号功能未开启"), status=503, content_type="text/plain; charset=utf-8")
    q = request.GET
    timestamp, nonce = q.get("timestamp", ""), q.get("nonce", "")
    try:
        sdk.check_signature(acct.token, q.get("signature", ""), timestamp, nonce)
    except sdk.BadSignature:
        return HttpResponseForbidden("invalid signature")
    if request.method == "GET":
        return HttpResponse(q.get("echostr", ""), content_type="text/plain")

    body = request.body
    if len(body) > MAX_BODY or b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        # Entity declarations are never in WeChat's messages; refusing them rules out XML bombs.
        return HttpResponseBadRequest("malformed message")
    safe_mode = q.get("encrypt_type") == "aes"
    try:
        if safe_mode:
            if not acct.aes_key:
                return HttpResponseBadRequest("safe mode is not configured")
            xml = sdk.decrypt(acct, body, q.get("msg_signature", ""), timestamp, nonce)
        else:
            xml = body.decode("utf-8")
        message = sdk.parse(xml)
    except sdk.BadSignature:
        return HttpResponseForbidden("invalid signature")
    except (sdk.BadMessage, UnicodeDecodeError):
        return HttpResponseBadRequest("malformed message")

    text, keyword = services.reply_for(message, request)
    msg_id = getattr(message, "id", None)
    event = getattr(message, "event", "") if message.type == "event" else ""
    actions.log_inbound(
        dedup_key=f"msg:{msg_id}" if msg_id else f"evt:{message.source}:{int(message.create_time.timestamp())}:{event}",
        openid=message.source,
        msg_type=message.type,
        event=event,
        matched_keyword=keyword,
        safe_mode=safe_mode,
    )
    if text is None:
        return HttpResponse("success", content_type="text/plain")
    reply = sdk.text_reply(text, message)
    if safe_mode:
        reply = sdk.encrypt(acct, reply, nonce, timestamp)
    return HttpResponse(reply, content_type="application/xml; charset=utf-8")


@require_POST
def share(request):
    """The page reports a successful WeChat share; participation records and counts it."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("请先登录")}, status=403)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": _("参数错误"), "fields": form.errors.get_json_data()}, status=400)
    try:
        target, nonce = services.read_share_token(form.cleaned_data["token"], request.user)
    except services.BadShareToken:
        return JsonResponse({"error": _("分享凭据无效或已过期，请刷新页面")}, status=400)
    try:
        _share, created = actions.record_share(request.user, target, channel=form.cleaned_data["channel"], token=nonce)
    except actions.ShareRefused as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"ok": True, "created": created}, status=201 if created else 200)


def _staff(request):
    if not request.user.is_authenticated:
        return False
    if not can(request.user, "manage_wechat"):
        raise PermissionDenied
    return True


def console(request):
    """Keyword replies, the welcome and default texts, and whether the account is configured."""
    if not _staff(request):
        return redirect(f"{reverse('people:login')}?next={request.path}")
    acct = account()
    texts = {slot: services.fixed_text(slot) for slot in ReplySlot.values}
    return render(request, "wechat/console.html", {
        "rows": console_rows(),
        "acct": acct,
        "welcome_form": ReplyTextForm(initial={"slot": ReplySlot.WELCOME, "text": texts[ReplySlot.WELCOME]}),
        "default_form": ReplyTextForm(initial={"slot": ReplySlot.DEFAULT, "text": texts[ReplySlot.DEFAULT]}),
    })


@require_http_methods(["GET", "POST"])
def keyword_edit(request, pk: int | None = None):
    if not _staff(request):
        return redirect(f"{reverse('people:login')}?next={request.path}")
    reply = get_object_or_404(KeywordReply, pk=pk) if pk else KeywordReply()
    form = KeywordReplyForm(request.POST if request.method == "POST" else None, instance=reply)
    if request.method == "POST" and form.is_valid():
        actions.save_keyword_reply(form.save(commit=False), actor=request.user)
        messages.success(request, _("已保存关键词回复：%(kw)s") % {"kw": form.cleaned_data["keyword"]})
        return redirect("wechat:console")
    return render(request, "wechat/keyword_form.html", {"form": form, "reply": reply})


@require_POST
def keyword_delete(request, pk: int):
    if not _staff(request):
        raise PermissionDenied
    reply = get_object_or_404(KeywordReply, pk=pk)
    actions.delete_keyword_reply(reply, actor=request.user)
    messages.success(request, _("已删除关键词回复：%(kw)s") % {"kw": reply.keyword})
    return redirect("wechat:console")


@require_POST
def reply_text(request):
    if not _staff(request):
        raise PermissionDenied
    form = ReplyTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("回复文字无效：%(errors)s") % {"errors": "; ".join(
            str(e) for errs in form.errors.values() for e in errs)})
        return redirect("wechat:console")
    actions.set_reply_text(form.cleaned_data["slot"], form.cleaned_data["text"], actor=request.user)
    messages.success(request, _("已保存"))
    return redirect("wechat:console")
