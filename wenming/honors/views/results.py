"""Result lists and the monthly ranking of regions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wenming.core.periods import Month

from .. import actions, forms, queries
from ..models import ResultList
from .base import _attempt, staff_of_campaign


def result(request, pk):
    result = get_object_or_404(ResultList.objects.select_related("campaign"), pk=pk)
    return render(request, "honors/result.html", {"result": result, "entries": result.entries.all()})


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
