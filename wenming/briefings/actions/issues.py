"""Issue acts: create and edit a draft, order its sections and pieces, sign off, publish."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event

from ..choices import (
    BRIEFING_TRANSITIONS,
    DEFAULT_ISSUER,
    DEFAULT_SECTIONS,
    DEFAULT_TITLE,
    EVENT_PUBLISHED,
    BriefingStatus,
    Level,
    SectionKind,
)
from ..models import Adoption, Briefing, Section
from .common import BriefingError, require
from .manuscripts import _back_to_draft

EDITABLE = ("title", "year", "number", "date", "issuer", "level", "report_to", "send_to", "document_number", "print_run")


def _number_taken(year: int, number: int, exclude: int | None = None) -> bool:
    qs = Briefing.objects.filter(year=year, number=number)
    return qs.exclude(pk=exclude).exists() if exclude else qs.exists()


def _taken_error(year, number) -> BriefingError:
    return BriefingError(_("%(year)s年第%(number)s期已经存在，请换一个期号") % {"year": year, "number": number})


def _create(*, actor, unit, title, year, number, date, issuer, level, **extra) -> Briefing:
    if not 2000 <= int(year) <= 2100:
        raise BriefingError(_("年度无效"))
    if int(number) < 1:
        raise BriefingError(_("期号须为正整数"))
    if date.year != int(year):
        raise BriefingError(_("日期须在%(year)s年内") % {"year": year})
    if _number_taken(year, number):
        raise _taken_error(year, number)
    try:
        with transaction.atomic():
            briefing = Briefing.objects.create(
                title=(title or DEFAULT_TITLE).strip(), year=year, number=number, date=date,
                issuer=(issuer or DEFAULT_ISSUER).strip(), unit=unit, level=level or Level.PROVINCIAL,
                created_by=actor if getattr(actor, "pk", None) else None, **extra,
            )
    except IntegrityError:
        # Another editor took the number between our check and our insert.
        raise _taken_error(year, number) from None
    for position, (section_title, kind) in enumerate(DEFAULT_SECTIONS, 1):
        Section.objects.create(briefing=briefing, title=str(section_title), kind=kind, position=position)
    audit(actor, "briefings.briefing_created", briefing, data={"key": briefing.key})
    return briefing


@transaction.atomic
def create_briefing(*, actor, unit, title: str, year: int, number: int, date: date, issuer: str,
                    level: str = Level.PROVINCIAL, report_to: str = "", send_to: str = "",
                    document_number: str = "", print_run: int = 0) -> Briefing:
    """A new draft issue with the default sections (工作交流, 用稿通报)."""
    require(actor, "moderate", unit)
    return _create(actor=actor, unit=unit, title=title, year=year, number=number, date=date, issuer=issuer,
                   level=level, report_to=report_to.strip(), send_to=send_to.strip(),
                   document_number=document_number.strip(), print_run=print_run)


def ensure_imported_briefing(year: int, number: int, on: date) -> Briefing:
    """The issue an import line names, created as a draft when missing (a system act)."""
    found = Briefing.objects.filter(year=year, number=number).first()
    if found is not None:
        return found
    return _create(actor=None, unit=None, title=DEFAULT_TITLE, year=year, number=number, date=on,
                   issuer=DEFAULT_ISSUER, level=Level.PROVINCIAL)


def _editable(briefing: Briefing) -> Briefing:
    locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if locked.status == BriefingStatus.PUBLISHED:
        raise BriefingError(_("%(issue)s已印发，内容不能再改") % {"issue": locked})
    return locked


@transaction.atomic
def update_briefing(briefing: Briefing, *, actor, **fields) -> Briefing:
    require(actor, "moderate", briefing)
    briefing = _editable(briefing)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    year, number = fields.get("year", briefing.year), fields.get("number", briefing.number)
    if fields.get("date", briefing.date).year != int(year):
        raise BriefingError(_("日期须在%(year)s年内") % {"year": year})
    if _number_taken(year, number, exclude=briefing.pk):
        raise _taken_error(year, number)
    changed = [name for name, value in fields.items() if getattr(briefing, name) != value]
    for name in changed:
        setattr(briefing, name, fields[name])
    if changed:
        briefing.save(update_fields=changed)
        audit(actor, "briefings.briefing_updated", briefing, data={"fields": changed})
        _back_to_draft(briefing, actor)
    return briefing


@transaction.atomic
def add_section(briefing: Briefing, *, actor, title: str, kind: str = SectionKind.ARTICLES) -> Section:
    """Another section, placed before the adoption report (which closes the issue, as in seed 004)."""
    require(actor, "moderate", briefing)
    briefing = _editable(briefing)
    title = (title or "").strip()
    if not title:
        raise BriefingError(_("请填写栏目名称"))
    if briefing.sections.filter(title=title).exists():
        raise BriefingError(_("栏目“%(title)s”已存在") % {"title": title})
    if kind == SectionKind.ADOPTION_REPORT and briefing.sections.filter(kind=kind).exists():
        raise BriefingError(_("每期只有一个用稿通报栏目"))
    sections = list(briefing.sections.order_by("position"))
    report = next((s for s in sections if s.kind == SectionKind.ADOPTION_REPORT), None)
    top = max((s.position for s in sections), default=0)
    if report is not None and kind == SectionKind.ARTICLES:
        # Free the report's slot without colliding with the unique (issue, position).
        position = report.position
        Section.objects.filter(pk=report.pk).update(position=top + 1)
    else:
        position = top + 1
    section = Section.objects.create(briefing=briefing, title=title, kind=kind, position=position)
    audit(actor, "briefings.section_added", briefing, data={"section": title})
    _back_to_draft(briefing, actor)
    return section


def _renumber(section: Section, ordered: list[Adoption]) -> None:
    # Two passes keep the unique (section, position) on databases without deferred constraints.
    offset = (Adoption.objects.filter(section=section).aggregate(n=Max("position"))["n"] or 0) + 1
    for i, adoption in enumerate(ordered):
        Adoption.objects.filter(pk=adoption.pk).update(position=offset + i)
    for i, adoption in enumerate(ordered, 1):
        Adoption.objects.filter(pk=adoption.pk).update(position=i)


@transaction.atomic
def move_placement(adoption: Adoption, *, actor, delta: int) -> None:
    """Move a placed piece up (delta -1) or down (+1) within its section."""
    briefing = adoption.briefing
    require(actor, "moderate", briefing)
    _editable(briefing)
    ordered = list(Adoption.objects.filter(section=adoption.section_id).order_by("position"))
    index = next(i for i, a in enumerate(ordered) if a.pk == adoption.pk)
    target = index + delta
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(adoption.section, ordered)
    audit(actor, "briefings.placement_moved", briefing, data={"adoption": adoption.pk, "delta": delta})
    _back_to_draft(briefing, actor)


@transaction.atomic
def remove_placement(adoption: Adoption, *, actor) -> None:
    """Take a piece out of a draft issue; it stays adopted only if another adoption carries it."""
    from ..choices import ManuscriptStatus
    from ..models import Manuscript

    briefing = adoption.briefing
    require(actor, "moderate", briefing)
    _editable(briefing)
    m = Manuscript.objects.select_for_update().get(pk=adoption.manuscript_id)
    section = adoption.section
    adoption.delete()
    _renumber(section, list(Adoption.objects.filter(section=section).order_by("position")))
    first = m.adoptions.order_by("adopted_at").first()
    m.first_adopted_at = first.adopted_at if first else None
    m.status = ManuscriptStatus.ADOPTED if first else ManuscriptStatus.IN_REVIEW
    m.save(update_fields=["first_adopted_at", "status"])
    audit(actor, "briefings.placement_removed", briefing, data={"manuscript": m.pk})
    _back_to_draft(briefing, actor)


def _transition(briefing: Briefing, to: str) -> None:
    if to not in BRIEFING_TRANSITIONS[briefing.status]:
        raise BriefingError(
            _("%(issue)s当前为“%(state)s”，不能改为“%(to)s”")
            % {"issue": briefing, "state": briefing.get_status_display(), "to": BriefingStatus(to).label}
        )
    briefing.status = to


@transaction.atomic
def sign_off(briefing: Briefing, *, actor) -> Briefing:
    """A reviewer signs the draft as it stands; any later edit withdraws the signature."""
    require(actor, "review", briefing)
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if not briefing.adoptions.exists():
        raise BriefingError(_("%(issue)s还没有稿件，不能签发") % {"issue": briefing})
    _transition(briefing, BriefingStatus.SIGNED_OFF)
    briefing.signed_off_by, briefing.signed_off_at = actor, timezone.now()
    briefing.save(update_fields=["status", "signed_off_by", "signed_off_at"])
    audit(actor, "briefings.signed_off", briefing)
    return briefing


@transaction.atomic
def publish(briefing: Briefing, *, actor) -> Briefing:
    """Freeze the signed-off issue as its snapshot and print it to PDF and DOCX from that snapshot."""
    from ..documents import render_docx, render_pdf
    from ..snapshot import build_snapshot

    require(actor, "moderate", briefing)
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    _transition(briefing, BriefingStatus.PUBLISHED)
    briefing.snapshot = build_snapshot(briefing)
    briefing.published_by, briefing.published_at = actor, timezone.now()
    stem = f"briefing-{briefing.year}-{briefing.number}"
    briefing.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(briefing.snapshot)), save=False)
    briefing.docx.save(f"{stem}.docx", ContentFile(render_docx(briefing.snapshot)), save=False)
    briefing.save(update_fields=["status", "snapshot", "published_by", "published_at", "pdf", "docx"])
    audit(actor, "briefings.published", briefing, data={"key": briefing.key})
    record_event(
        key=f"web:{EVENT_PUBLISHED}:{briefing.pk}", type=EVENT_PUBLISHED, at=briefing.published_at,
        unit=briefing.unit, data={"briefing": briefing.key},
    )
    return briefing
