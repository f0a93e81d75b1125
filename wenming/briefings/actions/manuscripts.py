"""Manuscript acts: submit, review, adopt into an issue, refuse with a reason, adopt at a higher level."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit

from ..choices import (
    ATTACHMENTS_PER_PIECE,
    EVENT_ADOPTED,
    EVENT_SUBMITTED,
    LEVEL_RANK,
    MANUSCRIPT_TRANSITIONS,
    BriefingStatus,
    Level,
    ManuscriptStatus,
    Origin,
    SectionKind,
)
from ..content import check_attachment, clean_body
from ..models import Adoption, Attachment, Briefing, Manuscript, Section
from .common import BriefingError, require


def origin_for_unit(unit: Unit) -> tuple[str, Unit | None, str]:
    """(origin, region, sector) of a piece a unit sends: the row of the report it counts in.

    A city's own office writes city-level pieces, a county's (and anything inside a county: towns,
    its departments) county-level ones; the province's office writes general pieces; a department
    or company directly under the province is a sector (行业系统) of its own name.
    """
    chain = [*unit.ancestors(), unit]
    for kind, origin in ((UnitKind.COUNTY, Origin.COUNTY), (UnitKind.CITY, Origin.CITY)):
        found = [u for u in chain if u.kind == kind]
        if found:
            return origin, found[-1], ""
    if unit.kind == UnitKind.PROVINCE:
        return Origin.GENERAL, None, ""
    return Origin.SECTOR, None, unit.name


def _check_region(origin: str, region: Unit | None, sector: str) -> None:
    if origin == Origin.CITY and (region is None or region.kind != UnitKind.CITY):
        raise BriefingError(_("市本级稿件须注明所属设区市"))
    if origin == Origin.COUNTY and (region is None or region.kind != UnitKind.COUNTY):
        raise BriefingError(_("县级稿件须注明所属县（市、区）"))
    if origin == Origin.SECTOR and not sector.strip():
        raise BriefingError(_("行业稿件须注明行业系统"))


def _move(m: Manuscript, to: str) -> None:
    if to not in MANUSCRIPT_TRANSITIONS[m.status]:
        raise BriefingError(
            _("稿件“%(title)s”当前为“%(state)s”，不能改为“%(to)s”")
            % {"title": m.title, "state": m.get_status_display(), "to": ManuscriptStatus(to).label}
        )
    m.status = to


def _locked(m: Manuscript) -> Manuscript:
    return Manuscript.objects.select_for_update(of=("self",)).select_related("unit", "region").get(pk=m.pk)


@transaction.atomic
def submit_manuscript(
    unit: Unit, *, actor, title: str, body: str = "", author: str = "", checked_by: str = "", contact: str = "",
    wanted_section: str = "", files=(),
) -> Manuscript:
    """A liaison sends a piece for ``unit``; files are checked by content before anything is kept."""
    require(actor, "manage_unit", unit)
    title = (title or "").strip()
    if not title:
        raise BriefingError(_("请填写标题"))
    files = list(files)
    if len(files) > ATTACHMENTS_PER_PIECE:
        raise BriefingError(_("附件最多 %(n)s 个") % {"n": ATTACHMENTS_PER_PIECE})
    checked = []
    for upload in files:
        try:
            checked.append(check_attachment(upload))
        except ValidationError as exc:
            raise BriefingError(" ".join(exc.messages)) from None
    origin, region, sector = origin_for_unit(unit)
    m = Manuscript.objects.create(
        title=title, body=clean_body(body), author=author.strip(), checked_by=checked_by.strip(), contact=contact.strip(),
        wanted_section=wanted_section.strip(), origin=origin, region=region, sector=sector, unit=unit,
        submitted_by=actor, submitted_at=timezone.now(),
    )
    for content, kind, name in checked:
        Attachment.objects.create(manuscript=m, file=content, kind=kind, original_name=name[:200], size=content.size)
    audit(actor, "briefings.manuscript_submitted", m, data={"unit": unit.pk, "files": len(checked)})
    record_event(
        key=f"web:{EVENT_SUBMITTED}:{m.pk}", type=EVENT_SUBMITTED, at=m.submitted_at, person=actor, unit=unit,
        data={"manuscript": m.pk, "origin": origin},
    )
    return m


@transaction.atomic
def start_review(m: Manuscript, *, actor) -> Manuscript:
    require(actor, "moderate", m)
    m = _locked(m)
    _move(m, ManuscriptStatus.IN_REVIEW)
    m.reviewed_by = actor
    m.save(update_fields=["status", "reviewed_by"])
    audit(actor, "briefings.review_started", m)
    return m


@transaction.atomic
def not_adopt(m: Manuscript, *, actor, reason: str) -> Manuscript:
    """Refuse a piece; the submitter sees ``reason`` on their page."""
    require(actor, "moderate", m)
    reason = (reason or "").strip()
    if not reason:
        raise BriefingError(_("请填写未录用的原因，投稿人会看到它"))
    m = _locked(m)
    _move(m, ManuscriptStatus.NOT_ADOPTED)
    m.reason = reason
    m.reviewed_by = actor
    m.save(update_fields=["status", "reason", "reviewed_by"])
    audit(actor, "briefings.not_adopted", m, reason=reason)
    return m


def _record_adoption(m: Manuscript, adoption: Adoption, actor, source_key: str | None = None) -> None:
    """Bookkeeping every adoption shares: the state, the first-adoption instant, audit and event."""
    _move(m, ManuscriptStatus.ADOPTED)
    if m.first_adopted_at is None or adoption.adopted_at < m.first_adopted_at:
        m.first_adopted_at = adoption.adopted_at
    m.reason = ""
    m.save(update_fields=["status", "first_adopted_at", "reason"])
    audit(actor, "briefings.adopted", m, data={"adoption": adoption.pk, "level": adoption.level,
                                               "briefing": adoption.briefing.key if adoption.briefing else ""})
    if source_key is None:
        record_event(
            key=f"web:{EVENT_ADOPTED}:{adoption.pk}", type=EVENT_ADOPTED, at=adoption.adopted_at,
            unit=m.unit or m.region,
            data={"manuscript": m.pk, "briefing": adoption.briefing.key if adoption.briefing else "",
                  "level": adoption.level},
        )


def _check_placeable(m: Manuscript, briefing: Briefing, section: Section) -> None:
    if briefing.status == BriefingStatus.PUBLISHED:
        raise BriefingError(_("%(issue)s已印发，不能再录用稿件") % {"issue": briefing})
    if section.briefing_id != briefing.pk:
        raise BriefingError(_("栏目不属于这一期简报"))
    if section.kind != SectionKind.ARTICLES:
        raise BriefingError(_("“%(section)s”栏目不放稿件") % {"section": section.title})
    if Adoption.objects.filter(briefing=briefing, manuscript=m).exists():
        raise BriefingError(_("稿件“%(title)s”已在%(issue)s中") % {"title": m.title, "issue": briefing})


def _place(m: Manuscript, briefing: Briefing, section: Section, *, at: datetime, actor) -> Adoption:
    position = (Adoption.objects.filter(section=section).aggregate(n=Max("position"))["n"] or 0) + 1
    return Adoption.objects.create(
        manuscript=m, level=briefing.level, briefing=briefing, section=section, position=position, adopted_at=at,
        adopted_by=actor if getattr(actor, "pk", None) else None,
    )


def _back_to_draft(briefing: Briefing, actor) -> None:
    """An issue changed after its sign-off needs signing again: the reviewer signs what is printed."""
    if briefing.status == BriefingStatus.SIGNED_OFF:
        Briefing.objects.filter(pk=briefing.pk).update(status=BriefingStatus.DRAFT, signed_off_by=None, signed_off_at=None)
        briefing.refresh_from_db()
        audit(actor, "briefings.sign_off_withdrawn", briefing)


@transaction.atomic
def adopt(m: Manuscript, briefing: Briefing, section: Section, *, actor, at: datetime | None = None) -> Adoption:
    """Adopt a piece into an issue's section, placed last; the issue's level is the adoption's."""
    require(actor, "moderate", m, briefing)
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    m = _locked(m)
    _check_placeable(m, briefing, section)
    adoption = _place(m, briefing, section, at=at or timezone.now(), actor=actor)
    _record_adoption(m, adoption, actor)
    _back_to_draft(briefing, actor)
    return adoption


@transaction.atomic
def adopt_at_level(m: Manuscript, level: str, *, actor, at: datetime, outlet: str) -> Adoption:
    """Record that a higher level (a province's, the nation's outlet) adopted a piece again."""
    require(actor, "moderate", m)
    m = _locked(m)
    outlet = (outlet or "").strip()
    if level not in Level.values:
        raise BriefingError(_("级别无效"))
    if not outlet:
        raise BriefingError(_("请填写采用单位（刊物或媒体名称）"))
    if m.status != ManuscriptStatus.ADOPTED:
        raise BriefingError(_("稿件须先被录用，才能登记更高级别的采用"))
    highest = max(LEVEL_RANK[a] for a in m.adoptions.values_list("level", flat=True))
    if LEVEL_RANK[level] <= highest:
        raise BriefingError(_("只能登记比已录用级别更高的采用"))
    adoption = Adoption.objects.create(
        manuscript=m, level=level, outlet=outlet[:100], adopted_at=at, adopted_by=actor,
    )
    _record_adoption(m, adoption, actor)
    return adoption


# ---- imports (``wenming import-events``): system acts, no actor; the import line is the event.


@transaction.atomic
def import_manuscript(*, external_id: str, title: str, origin: str, region: Unit | None, sector: str,
                      submitted_at: datetime) -> Manuscript:
    _check_region(origin, region, sector)
    existing = Manuscript.objects.filter(external_id=external_id).first()
    if existing is not None:
        return existing
    m = Manuscript.objects.create(
        external_id=external_id, title=title[:200], origin=origin, region=region, sector=sector.strip()[:100],
        unit=region, submitted_at=submitted_at,
    )
    audit(None, "briefings.manuscript_imported", m)
    return m


@transaction.atomic
def import_adoption(m: Manuscript, briefing: Briefing, *, at: datetime, source_key: str) -> Adoption:
    """Adopt an imported piece into an imported issue's first article section (a no-op if there)."""
    existing = Adoption.objects.filter(briefing=briefing, manuscript=m).first()
    if existing is not None:
        return existing
    m = _locked(m)
    section = briefing.sections.filter(kind=SectionKind.ARTICLES).order_by("position").first()
    if section is None:
        raise BriefingError(_("%(issue)s没有放稿件的栏目") % {"issue": briefing})
    _check_placeable(m, briefing, section)
    adoption = _place(m, briefing, section, at=at, actor=None)
    _record_adoption(m, adoption, None, source_key=source_key)
    return adoption
