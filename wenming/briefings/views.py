"""The liaison's phone pages: send a piece, see one's pieces, and 本单位用稿情况."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wenming.people.permissions import can

from . import actions
from .forms import ManuscriptForm, YearForm
from .models import Briefing
from .queries import liaison_units, my_pieces, unit_adoptions


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    units = liaison_units(request.user).order_by("path")
    if not units.exists():
        raise PermissionDenied
    form = ManuscriptForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, files = data.pop("unit"), data.pop("files")
        try:
            m = actions.submit_manuscript(unit, actor=request.user, files=files, **data)
        except actions.BriefingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("投稿成功：%(title)s") % {"title": m.title})
            return redirect("briefings:piece", pk=m.pk)
    return render(request, "briefings/submit.html", {"form": form})


@login_required
@require_GET
def mine(request):
    pieces = my_pieces(request.user).order_by("-submitted_at")[:100]
    return render(request, "briefings/mine.html", {"pieces": pieces, "can_submit": liaison_units(request.user).exists()})


@login_required
@require_GET
def piece(request, pk: int):
    m = get_object_or_404(my_pieces(request.user).prefetch_related("attachments"), pk=pk)
    return render(request, "briefings/piece.html", {"m": m, "adoptions": m.adoptions.select_related("briefing", "section")})


@login_required
@require_GET
def my_unit(request):
    """本单位用稿情况: the year's adoptions of each unit the liaison speaks for."""
    year = YearForm(request.GET).chosen_year()
    standings = [unit_adoptions(unit, year) for unit in liaison_units(request.user).order_by("path")[:10]]
    return render(request, "briefings/my_unit.html", {"standings": standings, "year": year})


@login_required
@require_GET
def issue_file(request, pk: int, ext: str):
    """A published issue's printed file, for the staff and liaisons who receive it."""
    briefing = get_object_or_404(Briefing, pk=pk)
    if not briefing.is_published or ext not in ("pdf", "docx"):
        raise Http404
    if not (can(request.user, "view_unit", briefing) or liaison_units(request.user).exists()):
        raise PermissionDenied
    field = briefing.pdf if ext == "pdf" else briefing.docx
    name = f"{briefing.title}-{briefing.year}-{briefing.number}.{ext}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
