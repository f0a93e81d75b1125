"""Thin views: read through queries, validate with forms, write through actions."""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import Month, local_date
from wenming.core.redirects import safe_next
from wenming.people.permissions import can, scope_units

from . import actions, forms, queries
from .choices import EXPERT_PAGE_SIZE, NominationStatus
from .models import Campaign, Expert, Nomination, Objection, PanelRound, PublicNotice, ResultList, Vote

PAGE_SIZE = 10


def client_ip(request) -> str | None:
    """The voter's address. Behind N trusted proxies (settings: VOTE_PROXY_COUNT) it is the Nth
    address from the right of X-Forwarded-For; the left part can be forged by the client."""
    proxies = settings.WENMING["VOTE_PROXY_COUNT"]
    if proxies:
        forwarded = [
            part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您没有权限执行此操作。")


def _form_errors(request, form) -> None:
    """A form posted from a detail page: its errors come back as one message on that page."""
    messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))


def _attempt(request, fn, *args, success: str = "", **kwargs):
    """Run an action; a refusal becomes an error message and nothing changes."""
    try:
        result = fn(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def staff_of_campaign(view):
    """The viewer must review in the campaign's region (or below it)."""

    @wraps(view)
    @login_required
    def wrapper(request, pk, *args, **kwargs):
        campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
        if not scope_units(request.user, "review").filter(
            path__startswith=campaign.region.path
        ).exists() and not can(request.user, "review", campaign.region):
            raise PermissionDenied
        return view(request, campaign, *args, **kwargs)

    return wrapper


# --- citizens -----------------------------------------------------------------------------------


def campaigns(request):
    return render(
        request,
        "honors/campaigns.html",
        {
            "campaigns": queries.open_campaigns(),
            "results": ResultList.objects.select_related("campaign").order_by("-published_at")[:10],
        },
    )


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


@login_required
def nominate(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    form = forms.NominationForm(campaign, request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            request,
            actions.submit_nomination,
            request.user,
            campaign,
            category=data["category"],
            nominee_name=data["nominee_name"],
            story=data["story"],
            region=data["region"],
            nominating_unit=data.get("nominating_unit"),
            files=data["evidence"],
            success=_("推荐已提交，请等待审核。"),
        )
        if done:
            return redirect("honors:mine")
    return render(request, "honors/nominate.html", {"campaign": campaign, "form": form})


@login_required
def mine(request):
    noms = (
        Nomination.objects.filter(nominator=request.user)
        .select_related("campaign", "region")
        .order_by("-created_at")
    )
    return render(request, "honors/mine.html", {"nominations": noms, "form": forms.ResubmitForm()})


@login_required
@require_POST
def resubmit(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk, nominator=request.user)
    form = forms.ResubmitForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.resubmit_nomination,
            request.user,
            nomination,
            story=form.cleaned_data["story"],
            success=_("已重新提交。"),
        )
    else:
        messages.error(request, _("请填写事迹。"))
    return redirect("honors:mine")


def notice(request, pk):
    notice = get_object_or_404(PublicNotice.objects.select_related("campaign", "region"), pk=pk)
    form = forms.ObjectionForm(notice, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            request,
            actions.lodge_objection,
            notice,
            data["nomination"],
            text=data["text"],
            contact=data["contact"],
            by=request.user,
            success=_("异议已提交，我们将尽快核实处理。"),
        )
        if done:
            return redirect("honors:notice", pk=notice.pk)
    today = local_date(timezone.now())
    return render(
        request,
        "honors/notice.html",
        {
            "notice": notice,
            "nominations": notice.nominations.select_related("region"),
            "form": form,
            "open": notice.starts_on <= today <= notice.ends_on,
        },
    )


def result(request, pk):
    result = get_object_or_404(ResultList.objects.select_related("campaign"), pk=pk)
    return render(request, "honors/result.html", {"result": result, "entries": result.entries.all()})


@login_required
def phone(request):
    phone_form = forms.PhoneForm(prefix="p")
    code_form = forms.CodeForm(prefix="c")
    if request.method == "POST":
        if "p-phone" in request.POST:
            phone_form = forms.PhoneForm(request.POST, prefix="p")
            if phone_form.is_valid():
                try:
                    note = actions.request_phone_code(
                        request.user, phone_form.cleaned_data["phone"], ip=client_ip(request)
                    )
                    messages.info(request, note)
                    return redirect("honors:phone")
                except ValidationError as exc:
                    phone_form.add_error("phone", exc)
                except ImproperlyConfigured as exc:  # no SMS sender in production: say so, change nothing
                    phone_form.add_error(None, str(exc))
        else:
            code_form = forms.CodeForm(request.POST, prefix="c")
            if code_form.is_valid():
                try:
                    actions.confirm_phone_code(request.user, code_form.cleaned_data["code"], ip=client_ip(request))
                    messages.success(request, _("手机号已验证，现在可以投票了。"))
                    return redirect(safe_next(request, request.GET.get("next"), "honors:campaigns"))
                except ValidationError as exc:
                    code_form.add_error("code", exc)
    return render(request, "honors/phone.html", {"phone_form": phone_form, "code_form": code_form})


# --- staff console ------------------------------------------------------------------------------


@login_required
def console(request):
    paths = list(scope_units(request.user, "review").values_list("path", flat=True))
    if not paths:
        raise PermissionDenied
    q = Q()
    for path in paths:
        # A campaign concerns a reviewer when its region contains, or lies inside, their scope.
        q |= Q(region__path__startswith=path)
        q |= Q(region__pk__in=[int(p) for p in path.strip("/").split("/") if p])
    return render(
        request,
        "honors/console.html",
        {"campaigns": Campaign.objects.filter(q).select_related("region").distinct()},
    )


@staff_of_campaign
def console_campaign(request, campaign):
    queue = queries.review_queue(request.user, campaign)
    regions = scope_units(request.user, "review").filter(
        kind__in=campaign.levels, path__startswith=campaign.region.path
    )
    accepted = campaign.nominations.filter(status=NominationStatus.ACCEPTED).exclude(
        notices__level=F("level")
    )  # not yet on a notice at its current level
    form = forms.NoticeForm(
        regions, accepted, request.POST or None, initial={"starts_on": local_date(timezone.now())}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = _attempt(
            request,
            actions.post_notice,
            request.user,
            campaign,
            data["region"],
            list(data["nominations"]),
            starts_on=data["starts_on"],
            title=data["title"],
            success=_("公示已发布。"),
        )
        if notice:
            return redirect("honors:console_campaign", pk=campaign.pk)
    return render(
        request,
        "honors/console_campaign.html",
        {
            "campaign": campaign,
            "queue": queue,
            "form": form,
            "notices": campaign.notices.select_related("region")[:20],
        },
    )


def _staff_nomination(request, pk) -> Nomination:
    nomination = get_object_or_404(
        Nomination.objects.select_related("campaign__region", "region", "nominator"), pk=pk
    )
    if not can(request.user, "review", queries.reviewing_unit(nomination)) and not can(
        request.user, "review", nomination.region
    ):
        raise PermissionDenied
    return nomination


@login_required
def console_nomination(request, pk):
    nomination = _staff_nomination(request, pk)
    return render(
        request,
        "honors/console_nomination.html",
        {
            "nom": nomination,
            "reviewing_unit": queries.reviewing_unit(nomination),
            "reviews": nomination.reviews.select_related("reviewer"),
            "objections": nomination.objections.select_related("notice"),
            "checks": nomination.checks.select_related("reviewer"),
            "missing": actions.missing_checks(nomination),
            "evidence": nomination.evidence.all(),
            "review_form": forms.ReviewForm(),
            "check_form": forms.CheckForm(
                nomination.campaign, initial={"checked_on": local_date(timezone.now())}
            ),
            "resolve_form": forms.ResolveForm(),
        },
    )


@login_required
@require_POST
def review(request, pk):
    nomination = _staff_nomination(request, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.review_nomination,
            request.user,
            nomination,
            form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            success=_("审核意见已保存。"),
        )
    else:
        _form_errors(request, form)
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def forward(request, pk):
    nomination = _staff_nomination(request, pk)
    _attempt(request, actions.forward_nomination, request.user, nomination, success=_("已上报。"))
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def check(request, pk):
    nomination = _staff_nomination(request, pk)
    form = forms.CheckForm(nomination.campaign, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(
            request,
            actions.record_check,
            request.user,
            nomination,
            department=data["department"],
            result=data["result"],
            checked_on=data["checked_on"],
            note=data["note"],
            success=_("背景审核已登记。"),
        )
    else:
        _form_errors(request, form)
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def resolve(request, pk):
    objection = get_object_or_404(Objection, pk=pk)
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.resolve_objection,
            request.user,
            objection,
            upheld=form.cleaned_data["upheld"],
            resolution=form.cleaned_data["resolution"],
            success=_("异议已处理。"),
        )
    else:
        messages.error(request, _("请填写处理意见。"))
    return redirect("honors:console_nomination", pk=objection.nomination_id)


@staff_of_campaign
def rounds(request, campaign):
    form = forms.DrawForm(
        request.POST or None, initial={"deadline": timezone.localtime() + timedelta(days=7)}
    )
    if request.method == "POST" and form.is_valid():
        drawn = _attempt(
            request,
            actions.draw_round,
            request.user,
            campaign,
            panel_size=form.cleaned_data["panel_size"],
            deadline=form.cleaned_data["deadline"],
            success=_("评委已抽取。"),
        )
        if drawn:
            return redirect("honors:round", pk=drawn.pk)
    return render(
        request, "honors/rounds.html", {"campaign": campaign, "form": form, "rounds": campaign.rounds.all()}
    )


@login_required
def round_detail(request, pk):
    panel_round = get_object_or_404(PanelRound.objects.select_related("campaign__region"), pk=pk)
    if not can(request.user, "review", panel_round.campaign.region):
        raise PermissionDenied
    if request.method == "POST":
        _attempt(request, actions.close_round, request.user, panel_round, success=_("本轮评审已结束。"))
        return redirect("honors:round", pk=pk)
    seats = panel_round.seats.select_related("expert__unit")
    scored = dict(panel_round.scores.values_list("expert_id").annotate(n=Count("id")))
    return render(
        request,
        "honors/round.html",
        {"round": panel_round, "seats": seats, "scored": scored, "needed": len(panel_round.candidates)},
    )


@login_required
def expert_rounds(request):
    expert = Expert.objects.filter(user=request.user).first()
    if expert is None:
        raise PermissionDenied
    return render(
        request,
        "honors/expert_rounds.html",
        {"rounds": PanelRound.objects.filter(seats__expert=expert).select_related("campaign")},
    )


@login_required
def expert_round(request, pk):
    panel_round = get_object_or_404(PanelRound.objects.select_related("campaign"), pk=pk)
    expert = Expert.objects.filter(user=request.user, seats__round=panel_round).first()
    if expert is None:
        raise PermissionDenied
    if request.method == "POST":
        form = forms.ScoreForm(request.POST)
        nomination = get_object_or_404(Nomination, pk=request.POST.get("nomination") or 0)
        if form.is_valid():
            _attempt(
                request,
                actions.submit_score,
                request.user,
                panel_round,
                nomination,
                form.cleaned_data["score"],
                success=_("评分已保存。"),
            )
        else:
            _form_errors(request, form)
        return redirect("honors:expert_round", pk=pk)
    ids = [pk for pk, _unit in panel_round.candidates]
    mine = dict(panel_round.scores.filter(expert=expert).values_list("nomination_id", "score"))
    candidates = list(Nomination.objects.filter(pk__in=ids).select_related("region").order_by("pk"))
    for cand in candidates:
        cand.my_score = mine.get(cand.pk)
    return render(request, "honors/expert_round.html", {"round": panel_round, "candidates": candidates})


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


@staff_of_campaign
def results_console(request, campaign):
    form = forms.PublishForm(request.POST or None, initial={"title": campaign.name})
    if request.method == "POST" and form.is_valid():
        published = _attempt(
            request,
            actions.publish_results,
            request.user,
            campaign,
            title=form.cleaned_data["title"],
            success=_("榜单已发布。"),
        )
        if published:
            return redirect("honors:result", pk=published.pk)
    return render(
        request,
        "honors/results_console.html",
        {
            "campaign": campaign,
            "rows": queries.compute_results(campaign),
            "form": form,
            "published": campaign.results.all(),
        },
    )


@login_required
def regions(request):
    allowed = queries.rankable_regions(request.user)
    if not allowed.exists():
        raise PermissionDenied
    form = forms.RankingForm(allowed, request.GET or None)
    rows, month = [], None
    if form.is_bound and form.is_valid():
        try:
            month = Month.parse(form.cleaned_data["month"])
        except ValueError as exc:
            form.add_error("month", str(exc))
        else:
            rows = queries.region_ranking(form.cleaned_data["region"], month)
    return render(request, "honors/regions.html", {"form": form, "rows": rows, "month": month})


# --- campaign setup and the expert pool -----------------------------------------------------------


def _form_refusal(request, form, exc) -> None:
    """An action's refusal shown on the form: per-field messages next to their fields."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            name = {"user": "username"}.get(name, name)
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        form.add_error(None, _message(exc))


def _submit(request, form, fn, *args, success: str, **kwargs):
    """Run an action for a valid form: its refusals go next to the form's fields (None returned)."""
    try:
        result = fn(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        _form_refusal(request, form, exc)
        return None
    messages.success(request, success)
    return result


def _reviewer(request) -> None:
    if not scope_units(request.user, "review").exists():
        raise PermissionDenied


@login_required
def campaign_new(request):
    _reviewer(request)
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = _submit(
            request,
            form,
            actions.create_campaign,
            request.user,
            success=_("评选活动已创建。"),
            **form.settings(),
        )
        if campaign:
            return redirect("honors:console_campaign", pk=campaign.pk)
    return render(request, "honors/campaign_form.html", {"form": form, "campaign": None})


@staff_of_campaign
def campaign_settings(request, campaign):
    # Seeing the campaign is not enough: its settings are the organising region's to change.
    if not can(request.user, "review", campaign.region):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form changed its instance in memory; the action reads the stored campaign.
        stored = Campaign.objects.get(pk=campaign.pk)
        saved = _submit(
            request,
            form,
            actions.update_campaign,
            request.user,
            stored,
            success=_("活动设置已保存。"),
            **form.settings(),
        )
        if saved:
            return redirect("honors:campaign_settings", pk=campaign.pk)
    return render(request, "honors/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def experts(request):
    """The expert pool in the viewer's scope (by the experts' work units), searchable, paginated."""
    scope = scope_units(request.user, "review")
    if not scope.exists():
        raise PermissionDenied
    search = forms.ExpertSearchForm(request.GET or None)
    pool = Expert.objects.filter(unit__in=scope).select_related("unit", "user").order_by("name", "pk")
    if search.is_valid():
        q = search.cleaned_data["q"].strip()
        if q:
            pool = pool.filter(Q(name__icontains=q) | Q(unit__name__icontains=q) | Q(field__icontains=q))
        status = search.cleaned_data["status"]
        if status:
            pool = pool.filter(active=status == "active")
    page = Paginator(pool, EXPERT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "honors/experts.html",
        {"page": page, "search": search, "query": query.urlencode()},
    )


def _back_to_experts(request):
    # The list page posts its search and page along, so the clerk lands where they were.
    query = request.POST.get("query", "")
    return redirect(f"{reverse('honors:experts')}?{query}" if query else reverse("honors:experts"))


def _staff_expert(request, pk) -> Expert:
    expert = get_object_or_404(Expert.objects.select_related("unit", "user"), pk=pk)
    if not can(request.user, "review", expert):
        raise PermissionDenied
    return expert


@login_required
def expert_new(request):
    _reviewer(request)
    form = forms.ExpertForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        added = _submit(
            request, form, actions.add_expert, request.user, success=_("专家已入库。"), **form.values()
        )
        if added:
            return redirect("honors:experts")
    return render(request, "honors/expert_form.html", {"form": form, "expert": None})


@login_required
def expert_edit(request, pk):
    expert = _staff_expert(request, pk)
    form = forms.ExpertForm(request.POST or None, instance=expert, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _submit(
            request,
            form,
            actions.update_expert,
            request.user,
            expert,
            success=_("专家信息已保存。"),
            **form.values(),
        )
        if saved:
            return redirect("honors:experts")
    return render(request, "honors/expert_form.html", {"form": form, "expert": expert})


@login_required
@require_POST
def expert_set_active(request, pk, *, active: bool):
    """Deactivate (``active=False``) or reactivate an expert; the URL decides which."""
    expert = _staff_expert(request, pk)
    form = forms.ExpertStatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if active:
        success = _("专家“%(n)s”已恢复在库。") % {"n": expert.name}
    else:
        success = _("专家“%(n)s”已停用，不再参加抽取。") % {"n": expert.name}
    action = actions.reactivate_expert if active else actions.deactivate_expert
    _attempt(request, action, request.user, expert, reason=reason, success=success)
    return _back_to_experts(request)
