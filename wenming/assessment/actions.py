"""The only write paths of assessment: enrolments, materials, quality scores, republications,
fraud findings and published bulletins.

``actor=None`` means the system itself (an operator's import from the command line, which
already runs with the operator's authority); any person passed as actor is permission-checked.
"""

import uuid
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.numbers import plain, to_decimal
from wenming.core.periods import Month
from wenming.journal.actions import audit, record_event
from wenming.orgs.models import Unit
from wenming.people.permissions import can

from . import bulletins
from .bulletins import BulletinError
from .choices import EVENT_REPORT, EVENT_REPUBLISHED, MaterialSource
from .models import Bulletin, Enrollment, FraudFinding, Item, Material, QualityScore, Republication, Scheme


def _check(actor, action: str, obj=None) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied(_("您没有权限执行此操作。"))


@transaction.atomic
def record_fraud_finding(unit: Unit, year: int, *, evidence: str, actor, source: str = "") -> FraudFinding:
    """Record that fraud (弄虚作假) was found in ``unit``'s work for ``year``.

    Under Liyang 2017 rule 6 this vetoes the unit's year (it scores 0). Only an admin may record
    it and the evidence is required, so every veto can be traced to what was found.
    """
    if actor is None or not can(actor, "administer", unit):
        raise PermissionDenied(_("只有管理员可以认定弄虚作假。"))
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError(_("请填写弄虚作假的证据。"))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("年度无效。"))
    finding = FraudFinding.objects.create(
        unit=unit, year=int(year), evidence=evidence, source=source, recorded_by=actor
    )
    audit(actor, "assessment.record_fraud_finding", finding, data={"unit": unit.pk, "year": int(year), "source": source})
    return finding


@transaction.atomic
def enroll(scheme: Scheme, unit: Unit, *, actor=None) -> tuple[Enrollment, bool]:
    """Enroll ``unit`` in ``scheme`` (idempotent). Returns (enrollment, created)."""
    _check(actor, "administer", unit)
    enrollment, created = Enrollment.objects.get_or_create(
        scheme=scheme, unit=unit, defaults={"sort_order": 1000 + unit.pk}
    )
    if created:
        audit(actor, "assessment.enroll", enrollment, data={"scheme": scheme.slug, "unit": unit.pk})
    return enrollment, created


def _item(scheme: Scheme, number) -> Item:
    try:
        return Item.objects.get(scheme=scheme, number=int(number))
    except (Item.DoesNotExist, TypeError, ValueError):
        raise ValidationError(_("方案 %(scheme)s 没有第 %(item)s 项。") % {"scheme": scheme.slug, "item": number}) from None


def _require_enrolled(scheme: Scheme, unit: Unit) -> None:
    if not Enrollment.objects.filter(scheme=scheme, unit=unit).exists():
        raise ValidationError(_("%(unit)s 未参加方案 %(scheme)s。") % {"unit": unit.name, "scheme": scheme.slug})


@transaction.atomic
def report_material(
    scheme: Scheme,
    unit: Unit,
    item_number,
    *,
    title: str,
    reported_at: datetime,
    actor=None,
    file=None,
    author: str = "",
    checked_by: str = "",
    contact: str = "",
    has_seal: bool = False,
    has_signature: bool = False,
    event_key: str | None = None,
    source: str = MaterialSource.WEB,
) -> tuple[Material, bool]:
    """A unit reports a material for an item. Records the ``report`` event once per key."""
    _check(actor, "manage_unit", unit)
    _require_enrolled(scheme, unit)
    item = _item(scheme, item_number)
    if reported_at.tzinfo is None:
        raise ValidationError(_("上报时间必须带时区。"))
    if reported_at > timezone.now():
        raise ValidationError(_("上报时间不能晚于现在。"))
    if item.needs_seal and source == MaterialSource.WEB and not (has_seal and has_signature):
        raise ValidationError(_("此项材料需加盖单位公章并由主要负责人签字。"))
    existing = Material.objects.filter(event_key=event_key).first() if event_key else None
    if existing is not None:
        return existing, False
    material = Material(
        item=item,
        unit=unit,
        title=title.strip() or item.title,
        file=file or "",
        reported_at=reported_at,
        author=author,
        checked_by=checked_by,
        contact=contact,
        has_seal=has_seal,
        has_signature=has_signature,
        source=source,
        created_by=actor,
        event_key=event_key or "",
    )
    if not event_key:
        # A web report is a new fact each time: its event key is minted here.
        material.event_key = f"web:report:{uuid.uuid4().hex}"
        material.save()
        record_event(
            key=material.event_key,
            type=EVENT_REPORT,
            at=reported_at,
            unit=unit,
            data={"unit": unit.name, "item": item.number, "scheme": scheme.slug},
        )
    else:
        material.save()
    audit(actor, "assessment.report_material", material, data={"item": item.number, "unit": unit.pk})
    return material, True


@transaction.atomic
def record_quality_score(
    scheme: Scheme, unit: Unit, item_number, year: int, score, *, actor=None, comment: str = ""
) -> QualityScore:
    """A reviewer scores a quality-scored or per-notice item for a unit's year (0 to the item's points)."""
    _check(actor, "review", unit)
    _require_enrolled(scheme, unit)
    item = _item(scheme, item_number)
    if not (item.quality_scored or item.standard in ("per_notice", "per_plan")):
        raise ValidationError(_("第 %(item)s 项不按质评分。") % {"item": item.number})
    try:
        value = to_decimal(score)
    except ValueError:
        raise ValidationError(_("得分不是有效的数字：%(score)s") % {"score": score}) from None
    if value < 0 or value > item.points:
        raise ValidationError(
            _("得分 %(score)s 超出范围：第 %(item)s 项满分 %(points)s 分。")
            % {"score": plain(value), "item": item.number, "points": plain(item.points)}
        )
    _check_year(year)
    existing = QualityScore.objects.filter(item=item, unit=unit, year=int(year)).first()
    if existing is not None and existing.score == value and existing.comment == comment:
        return existing  # the same score again (a re-run import or demo) changes nothing
    obj, created = QualityScore.objects.update_or_create(
        item=item,
        unit=unit,
        year=int(year),
        defaults={"score": value, "max_points": item.points, "reviewer": actor, "comment": comment},
    )
    audit(
        actor,
        "assessment.record_quality_score",
        obj,
        data={"item": item.number, "unit": unit.pk, "year": int(year), "score": str(value), "created": created},
    )
    return obj


def _check_year(year) -> None:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError(_("年度无效：%(year)s") % {"year": year}) from None
    from wenming.core.periods import to_local

    if not 2000 <= year <= to_local(timezone.now()).year:
        raise ValidationError(_("年度无效：%(year)s") % {"year": year})


@transaction.atomic
def record_republication(unit: Unit, at: datetime, *, event_key: str, title: str = "", actor=None) -> tuple[Republication, bool]:
    """An item of the unit republished on the party-building website (counts for the network bonus)."""
    _check(actor, "review", unit)
    if at.tzinfo is None:
        raise ValidationError(_("转载时间必须带时区。"))
    return Republication.objects.get_or_create(event_key=event_key, defaults={"unit": unit, "at": at, "title": title})


def record_web_republication(unit: Unit, at: datetime, *, title: str, actor) -> Republication:
    """A reviewer records a republication from the console: one ``republished`` event."""
    with transaction.atomic():
        _check(actor, "review", unit)
        key = f"web:republished:{unit.pk}:{at.isoformat()}"
        record_event(key=key, type=EVENT_REPUBLISHED, at=at, unit=unit, data={"unit": unit.name, "title": title})
        rep, _created = record_republication(unit, at, event_key=key, title=title, actor=actor)
        audit(actor, "assessment.record_republication", rep, data={"unit": unit.pk})
        return rep



@transaction.atomic
def publish_bulletin(scheme: Scheme, month: Month, *, actor) -> Bulletin:
    """Publish the month's bulletin: store the numbers as a new numbered version and freeze the month.

    A month is published once; after an admin reopens it (``points.actions.reopen_month``) it can be
    published again as the next version, and earlier versions stay readable as they were.
    """
    from wenming.points import actions as points_actions
    from wenming.points import queries as points_queries

    if actor is None or not can(actor, "publish", scheme.region):
        raise PermissionDenied(_("只有管理员可以发布通报。"))
    now = timezone.now()
    if month.end > now:
        raise BulletinError(_("%(month)s 尚未结束，不能发布通报。") % {"month": month})
    # Lock the scheme row so two admins publishing at once cannot both take the same version.
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    latest = Bulletin.objects.filter(scheme=scheme, year=month.year, month=month.month).order_by("-version").first()
    if latest is not None and points_queries.is_frozen(scheme, month):
        raise BulletinError(
            _("%(month)s 的通报已发布（第%(v)s版）；如需更正，请管理员先重新开放该月。") % {"month": month, "v": latest.version}
        )
    data = bulletins.build(scheme, month, now=now)
    bulletin = Bulletin(
        scheme=scheme,
        year=month.year,
        month=month.month,
        version=(latest.version + 1) if latest else 1,
        data=data,
        published_at=now,
        published_by=actor,
    )
    bulletin.save()
    points_actions.freeze_month(scheme, month, actor=actor)
    audit(actor, "assessment.publish_bulletin", bulletin, data={"month": str(month), "version": bulletin.version})
    return bulletin
