"""Thin views: read through queries, validate with forms, write through actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import Month
from wenming.core.redirects import is_safe_target, safe_next
from wenming.orgs.models import Unit
from wenming.people.permissions import can, scope_units

from . import actions, queries
from .actions import ParticipationError
from .forms import (
    ClaimForm,
    ClicksForm,
    CommentForm,
    EvaluateForm,
    FlagForm,
    HeldForm,
    LeadForm,
    LivestreamForm,
    PhotoForm,
    ReasonForm,
    StoryForm,
    UndeclaredLivestreamForm,
)
from .models import Comment, Lead, Livestream, WishClaim


def _target(kind: str, pk: int):
    model = queries.TARGETS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


def _moderated(kind: str, pk: int):
    model = queries.MODERATED.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


def _item_url(item) -> str:
    # Another app's items (articles) have their own pages.
    if type(item) not in queries.MODERATED.values() and hasattr(item, "get_absolute_url"):
        return item.get_absolute_url()
    return reverse("participation:item", args=[queries.slug_of(item), item.pk])


def _back(request, obj, anchor: str = ""):
    """Where to go after an act: ``next`` (pages of other apps embed these forms), else the item,
    else the feed when the item is not visible to this person."""
    nxt = request.POST.get("next", "")
    if is_safe_target(request, nxt):
        # Not redirect(nxt): it would take "abc" for a URL name and fail to reverse it (a 500).
        return HttpResponseRedirect(nxt)
    if isinstance(obj, Comment):
        obj = obj.target
    if obj is not None and type(obj) in queries.MODERATED.values() and queries.can_view(request.user, obj):
        return redirect(_item_url(obj) + anchor)
    return redirect("participation:feed")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _run(request, fn, *args, success: str | None = None, **kwargs):
    """Call an action; a refusal becomes a Chinese message instead of an error page."""
    try:
        result = fn(*args, **kwargs)
    except ParticipationError as exc:
        messages.error(request, str(exc))
        return None, False
    if success:
        messages.success(request, success)
    return result, True


def _staff_required(request, action: str = "moderate") -> None:
    if not can(request.user, action):
        raise PermissionDenied


# ---------------------------------------------------------------- mobile pages


def feed(request):
    """The city feed, or one unit's (``?unit=`` or "my unit")."""
    unit = None
    scope = request.GET.get("scope", "city")
    if scope == "unit":
        unit_id = request.GET.get("unit") or (request.user.group_id if request.user.is_authenticated else None)
        if unit_id:
            unit = Unit.objects.filter(pk=unit_id).first() if str(unit_id).isdigit() else None
    items = queries.feed(unit)
    return render(
        request,
        "participation/feed.html",
        {"items": items, "scope": "unit" if unit else "city", "unit": unit, "livestreams": queries.livestreams_public(limit=5)},
    )


@login_required
def story_new(request):
    form = StoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        story, ok = _run(
            request,
            actions.post_story,
            request.user,
            title=data["title"],
            body=data["body"],
            place=data["place"],
            happened_on=data["happened_on"],
            tags=data["tags"],
            images=data["images"],
            audio=data["audio"],
            video=data["video"],
            media_link=data["media_link"],
            success=_("已提交，等待编辑审核"),
        )
        if ok:
            return redirect(_item_url(story))
    return render(request, "participation/story_form.html", {"form": form})


@login_required
def lead_new(request):
    form = LeadForm(request.POST or None, initial={"kind": request.GET.get("kind", "activity")})
    if request.method == "POST" and form.is_valid():
        lead, ok = _run(request, actions.post_lead, request.user, **form.cleaned_data, success=_("已提交，等待编辑审核"))
        if ok:
            return redirect(_item_url(lead))
    return render(request, "participation/lead_form.html", {"form": form})


def item(request, kind: str, pk: int):
    """A story, lead or livestream with its comments, likes and share link."""
    obj = _moderated(kind, pk)
    if not queries.can_view(request.user, obj):
        raise Http404
    liked, n_likes = queries.like_state(request.user, obj)
    ctx = {
        "item": obj,
        "kind": kind,
        "comments": queries.comments_for(obj),
        "liked": liked,
        "n_likes": n_likes,
        "n_shares": queries.share_count(obj),
        "comment_form": CommentForm(),
        "can_moderate": request.user.is_authenticated and queries.can_moderate(request.user, obj),
        "is_author": request.user.is_authenticated and obj.author_id == request.user.pk,
        "share_url": None,
    }
    token = request.GET.get("link")
    if token and request.user.is_authenticated and queries.owns_share_link(request.user, obj, token):
        ctx["share_url"] = request.build_absolute_uri(reverse("participation:share_open", args=[token]))
    if isinstance(obj, Lead) and obj.is_wish:
        claim = queries.active_claim(obj)
        ctx["claim"] = claim
        ctx["claim_form"] = ClaimForm(units=scope_units(request.user, "manage_unit")) if request.user.is_authenticated else None
        ctx["photo_form"] = PhotoForm()
        ctx["evaluate_form"] = EvaluateForm()
    if ctx["can_moderate"] or ctx["is_author"]:
        ctx["history"] = queries.history(obj)
    return render(request, "participation/item.html", ctx)


@login_required
@require_POST
def like(request, kind: str, pk: int):
    obj = _target(kind, pk)
    _run(request, actions.toggle_like, request.user, obj)
    if request.htmx:
        liked, n_likes = queries.like_state(request.user, obj)
        return render(request, "participation/_like.html", {"item": obj, "kind": kind, "liked": liked, "n_likes": n_likes})
    return _back(request, obj)


@login_required
@require_POST
def comment(request, kind: str, pk: int):
    obj = _target(kind, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request, obj, "#comments")
    parent = None
    if form.cleaned_data.get("parent"):
        parent = get_object_or_404(Comment, pk=form.cleaned_data["parent"])
    _run(request, actions.post_comment, request.user, obj, form.cleaned_data["body"], parent=parent, success=_("评论已发表"))
    return _back(request, obj, "#comments")


@login_required
@require_POST
def flag(request, kind: str, pk: int):
    obj = get_object_or_404(Comment, pk=pk) if kind == "comment" else _target(kind, pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request, obj)
    _run(request, actions.flag, request.user, obj, reason=form.cleaned_data["reason"], success=_("已收到您的举报"))
    return _back(request, obj)


@login_required
@require_POST
def share(request, kind: str, pk: int):
    obj = _target(kind, pk)
    link, ok = _run(request, actions.share_link_for, request.user, obj)
    if not ok:
        return _back(request, obj)
    return redirect(f"{_item_url(obj)}?link={link.token}#share")


def share_open(request, token: str):
    """Opening a share link records the share for the person who shared it."""
    visitor = request.user if request.user.is_authenticated else None
    link, _share = actions.open_share_link(token, visitor)
    if link is None or link.target is None:
        raise Http404
    return redirect(_item_url(link.target))


@login_required
def me(request):
    ctx = queries.my_activity(request.user)
    ctx["can_declare"] = queries.liaison_units(request.user).exists()
    return render(request, "participation/me.html", ctx)


# ---------------------------------------------------------------- micro-wishes


@login_required
@require_POST
def claim(request, pk: int):
    lead = get_object_or_404(Lead, pk=pk)
    form = ClaimForm(request.POST, units=scope_units(request.user, "manage_unit"))
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    _run(request, actions.claim_wish, request.user, lead, unit=unit, success=_("认领成功，请尽快帮助实现心愿"))
    return redirect(_item_url(lead))


def _claim_step(request, pk: int, fn, success: str, form=None):
    """One step of a wish claim; a form's cleaned data become the action's keyword arguments."""
    claim_obj = get_object_or_404(WishClaim.objects.select_related("lead"), pk=pk)
    if form is not None and not form.is_valid():
        _form_errors(request, form)
    else:
        _run(request, fn, request.user, claim_obj, success=success, **(form.cleaned_data if form is not None else {}))
    return redirect(_item_url(claim_obj.lead))


@login_required
@require_POST
def release(request, pk: int):
    return _claim_step(request, pk, actions.release_claim, _("已放弃认领"))


@login_required
@require_POST
def fulfil(request, pk: int):
    form = PhotoForm(request.POST, request.FILES)
    return _claim_step(request, pk, actions.fulfil_claim, _("已标记心愿实现，等待发布人确认"), form)


@login_required
@require_POST
def confirm(request, pk: int):
    return _claim_step(request, pk, actions.confirm_claim, _("已确认心愿实现"))


@login_required
@require_POST
def evaluate(request, pk: int):
    return _claim_step(request, pk, actions.evaluate_claim, _("感谢评价"), EvaluateForm(request.POST))


# ---------------------------------------------------------------- livestreams (liaisons)


def _liaison_units(request):
    units = queries.liaison_units(request.user)
    if not units.exists():
        raise PermissionDenied
    return units


@login_required
def livestreams(request):
    units = _liaison_units(request)
    return render(
        request,
        "participation/livestreams.html",
        {"rows": queries.livestreams_of(request.user), "units": units, "held_form": HeldForm(), "clicks_form": ClicksForm()},
    )


def _livestream_form(request, form_class, fn, success: str, *, undeclared: bool):
    form = form_class(request.POST or None, units=_liaison_units(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        _live, ok = _run(request, fn, request.user, unit, **data, success=success)
        if ok:
            return redirect("participation:livestreams")
    return render(request, "participation/livestream_form.html", {"form": form, "undeclared": undeclared})


@login_required
def livestream_new(request):
    return _livestream_form(request, LivestreamForm, actions.declare_livestream, _("直播已申报，等待编辑审核"), undeclared=False)


@login_required
def livestream_undeclared(request):
    return _livestream_form(
        request, UndeclaredLivestreamForm, actions.record_undeclared_livestream, _("已登记（未提前申报，不计分）"), undeclared=True
    )


@login_required
@require_POST
def livestream_held(request, pk: int):
    live = get_object_or_404(Livestream, pk=pk)
    form = HeldForm(request.POST)
    held_at = form.cleaned_data.get("held_at") if form.is_valid() else None
    _run(request, actions.mark_held, request.user, live, held_at=held_at, success=_("已标记为已举办"))
    return redirect("participation:livestreams")


@login_required
@require_POST
def livestream_clicks(request, pk: int):
    live = get_object_or_404(Livestream, pk=pk)
    form = ClicksForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(request, actions.record_clicks, request.user, live, form.cleaned_data["clicks"], success=_("点击量已登记"))
    return redirect("participation:livestreams")


# ---------------------------------------------------------------- staff console


def _unit_filter(request):
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        return scope_units(request.user, "moderate").filter(pk=unit_id).first()
    return None


@login_required
def queue(request):
    _staff_required(request)
    unit = _unit_filter(request)
    items = queries.moderation_queue(request.user, unit=unit)
    for obj in items:
        obj.kind = queries.slug_of(obj)
    units = scope_units(request.user, "moderate").exclude(kind__in=["province", "city"]).order_by("path")
    return render(request, "participation/console_queue.html", {"items": items, "unit": unit, "units": units, "reason_form": ReasonForm()})


@login_required
@require_POST
def decide(request, kind: str, pk: int, decision: str):
    _staff_required(request)
    if decision not in ("accept", "reject"):
        raise Http404
    obj = _moderated(kind, pk)
    if decision == "accept":
        _run(request, actions.accept, request.user, obj, success=_("已录用：%(title)s") % {"title": obj.title})
    else:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写未录用原因"))
        else:
            _run(request, actions.reject, request.user, obj, reason=form.cleaned_data["reason"], success=_("已退回：%(title)s") % {"title": obj.title})
    return redirect(safe_next(request, request.POST.get("next"), "participation:queue"))


@login_required
@require_POST
def bulk_accept(request):
    _staff_required(request)
    items = []
    for value in request.POST.getlist("items"):
        kind, _sep, pk = value.partition(":")
        if kind in queries.MODERATED and pk.isdigit():
            obj = queries.MODERATED[kind].objects.filter(pk=pk).first()
            if obj is not None:
                items.append(obj)
    if not items:
        messages.error(request, _("请先勾选要录用的内容"))
        return redirect("participation:queue")
    accepted, problems = actions.bulk_accept(request.user, items)
    messages.success(request, _("已录用 %(n)s 条") % {"n": accepted})
    for problem in problems:
        messages.error(request, problem)
    return redirect("participation:queue")


@login_required
def console_item(request, kind: str, pk: int):
    _staff_required(request)
    obj = _moderated(kind, pk)
    if not can(request.user, "moderate", obj):
        raise PermissionDenied
    return render(request, "participation/console_item.html", {"item": obj, "kind": kind, "history": queries.history(obj), "reason_form": ReasonForm()})


@login_required
def comment_review(request):
    _staff_required(request)
    valid = {"1": True, "0": False}.get(request.GET.get("valid", ""))
    return render(request, "participation/console_comments.html", {"comments": queries.comments_to_review(request.user, valid=valid), "valid": valid})


@login_required
@require_POST
def comment_validity(request, pk: int):
    _staff_required(request)
    obj = get_object_or_404(Comment, pk=pk)
    valid = request.POST.get("valid") == "1"
    _run(request, actions.set_comment_validity, request.user, obj, valid, success=_("已更新"))
    return redirect("participation:comment_review")


@login_required
def flagged(request):
    _staff_required(request)
    return render(request, "participation/console_flags.html", {"items": queries.flagged_items(request.user)})


@login_required
@require_POST
def flag_review(request, kind: str, pk: int):
    _staff_required(request)
    obj = get_object_or_404(Comment, pk=pk) if kind == "comment" else _moderated(kind, pk)
    restore = request.POST.get("restore") == "1"
    _run(request, actions.review_flags, request.user, obj, restore=restore, reason=request.POST.get("reason", "")[:200], success=_("已处理"))
    return redirect("participation:flagged")


@login_required
def counts(request):
    _staff_required(request)
    try:
        month = Month.parse(request.GET.get("month", ""))
    except ValueError:
        month = Month.of(timezone.now())
    rows = queries.unit_month_counts(request.user, month)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "participation/console_counts.html", {"rows": page, "month": month})
