"""Votes (the ballot page, the HTMX button, the lean JSON endpoint) and the fraud console."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import local_date
from wenming.people.permissions import scope_units

from .. import actions, forms, queries
from ..models import Campaign, Nomination, Vote
from .base import _attempt, _form_errors, _message, client_ip, staff_of_campaign

PAGE_SIZE = 10


def vote_page(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    category = request.GET.get("category", "")
    if category and category not in campaign.categories:
        category = ""
    page = Paginator(queries.ballot(campaign, category), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [c.pk for c in page]
    counts = queries.vote_counts(ids) if campaign.show_counts else {}
    voted = set()
    if request.user.is_authenticated:
        slot = actions.vote_slot(campaign, timezone.now())
        voted = set(
            Vote.objects.filter(voter=request.user, slot=slot, candidate_id__in=ids).values_list(
                "candidate_id", flat=True
            )
        )
    for cand in page:
        cand.vote_count = counts.get(cand.pk, 0)
        cand.voted = cand.pk in voted
    return render(
        request,
        "honors/vote.html",
        {"campaign": campaign, "page": page, "category": category, "categories": campaign.categories},
    )


def _vote_refusal(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, actions.RateLimited):
        return 429, str(exc)
    if isinstance(exc, PermissionDenied):
        return 403, _message(exc)
    return 400, _message(exc)


@require_POST
def vote(request, pk):
    """The HTMX vote button: answers with the candidate's card, count and message updated."""
    candidate = get_object_or_404(Nomination.objects.select_related("campaign", "region"), pk=pk)
    ok = duplicate = False
    if not request.user.is_authenticated:
        note = _("请先登录后再投票。")
    else:
        try:
            ok = actions.cast_vote(
                request.user,
                candidate,
                ip=client_ip(request),
                user_agent=request.headers.get("user-agent", ""),
            )
            duplicate = not ok
            note = _("投票成功，感谢您的参与！") if ok else _("您已为该候选人投过票，不能重复投票。")
        except (ValidationError, PermissionDenied, actions.RateLimited) as exc:
            note = _vote_refusal(exc)[1]
    if not request.htmx:
        (messages.success if ok else messages.error)(request, note)
        return redirect("honors:vote_page", pk=candidate.campaign_id)
    show = candidate.campaign.show_counts
    candidate.vote_count = queries.vote_counts([candidate.pk]).get(candidate.pk, 0) if show else 0
    candidate.voted = ok or duplicate
    # HTMX swaps only 2xx answers, so a refusal travels inside the fragment.
    return render(
        request,
        "honors/_candidate.html",
        {"cand": candidate, "campaign": candidate.campaign, "note": note, "ok": ok},
    )


def _candidate_id(request) -> int | None:
    """The posted candidate id, or None unless it is a positive 64-bit integer (a larger number
    would be an error in the raw statement rather than "no such candidate")."""
    try:
        value = int(request.POST.get("candidate", ""))
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


@require_POST
def api_vote(request):
    """The lean vote endpoint (JSON). The usual request costs the session read, one user query
    (none for a voter this process has seen), the rate-limit round trip and one INSERT that also
    checks the candidate, the window and, for a remembered voter, that they are unchanged."""
    voter = queries.session_voter(request.session)
    if voter is None:
        return _api_vote_slow(request)
    if not voter.verified:
        return _api_error(_("请先通过微信登录或验证手机号后再投票。"), 403)
    candidate_id = _candidate_id(request)
    if candidate_id is None:
        return _api_error(_("候选人不存在。"), 404)
    try:
        created = actions.cast_vote_by_id(
            voter.id, candidate_id, confirm_password=voter.unconfirmed_password, **_vote_source(request)
        )
    except actions.StaleVoter:
        # Changed since this process remembered them (password, deactivated, unverified): Django's
        # own path decides, and ends the session if it must.
        queries.forget_voter(voter.id)
        return _api_vote_slow(request)
    except Nomination.DoesNotExist:
        return _api_error(_("候选人不存在。"), 404)
    except (ValidationError, PermissionDenied, actions.RateLimited) as exc:
        return _api_refusal(exc)
    return _api_vote_answer(created)


def _vote_source(request) -> dict:
    """Where a vote came from, recorded on the vote row for the fraud signals."""
    return {"ip": client_ip(request), "user_agent": request.headers.get("user-agent", "")}


def _api_error(note, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "error": note}, status=status)


def _api_refusal(exc) -> JsonResponse:
    status, note = _vote_refusal(exc)
    return _api_error(note, status)


def _api_vote_answer(created: bool) -> JsonResponse:
    if not created:
        return JsonResponse(
            {"ok": False, "duplicate": True, "error": _("您已为该候选人投过票，不能重复投票。")}, status=409
        )
    return JsonResponse({"ok": True})


def _api_vote_slow(request):
    """Django's full authentication (``request.user``), for sessions the lean path does not vouch for."""
    if not request.user.is_authenticated:
        return _api_error(_("请先登录后再投票。"), 401)
    candidate_id = _candidate_id(request)
    try:
        candidate = Nomination.objects.select_related("campaign").get(pk=candidate_id)
    except Nomination.DoesNotExist:
        return _api_error(_("候选人不存在。"), 404)
    try:
        created = actions.cast_vote(request.user, candidate, **_vote_source(request))
    except (ValidationError, PermissionDenied, actions.RateLimited) as exc:
        return _api_refusal(exc)
    return _api_vote_answer(created)


@staff_of_campaign
def fraud(request, campaign):
    hours = 24
    try:
        hours = max(1, min(24 * 90, int(request.GET.get("hours", hours))))
    except ValueError:
        pass
    found = queries.bursts(campaign, since=timezone.now() - timedelta(hours=hours))
    units = scope_units(request.user, "review")
    finding_form = forms.FraudFindingForm(
        units, request.POST or None, initial={"year": local_date(timezone.now()).year}
    )
    if request.method == "POST" and "evidence" in request.POST:
        if finding_form.is_valid():
            data = finding_form.cleaned_data
            done = _attempt(
                request,
                actions.record_fraud,
                request.user,
                campaign,
                data["unit"],
                year=data["year"],
                evidence=data["evidence"],
                success=_("弄虚作假认定已记录。"),
            )
            if done:
                return redirect("honors:fraud", pk=campaign.pk)
    return render(
        request,
        "honors/fraud.html",
        {"campaign": campaign, "bursts": found, "hours": hours, "finding_form": finding_form},
    )


@staff_of_campaign
@require_POST
def void(request, campaign):
    form = forms.VoidForm(request.POST)
    if form.is_valid():
        n = _attempt(
            request,
            actions.void_votes,
            request.user,
            campaign,
            form.cleaned_data["votes"],
            reason=form.cleaned_data["reason"],
        )
        if n:
            messages.success(request, _("已作废 %(n)d 票。") % {"n": n})
    else:
        _form_errors(request, form)
    return redirect("honors:fraud", pk=campaign.pk)
