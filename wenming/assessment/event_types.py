"""Assessment's event types for ``wenming import-events``: enroll, report, quality_score, republished.

Lines are checked in file order before anything is written, so a unit enrolled on an earlier line
of the same file may be reported for on a later one. The file names units; a unit not yet in the
tree is created by ``enroll`` under the scheme's region.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.numbers import plain, to_decimal
from wenming.core.periods import to_local
from wenming.orgs import actions as org_actions
from wenming.orgs.models import Unit
from wenming.points.import_checks import Spec
from wenming.points.importing import EventType, register

from . import actions
from .choices import (
    COUNTED_STANDARDS,
    EVENT_ENROLL,
    EVENT_QUALITY_SCORE,
    EVENT_REPORT,
    EVENT_REPUBLISHED,
    SchemeKind,
)
from .models import Enrollment, Item, Scheme
from .schemes import SchemeError, available_schemes, load_scheme, read_scheme_file


def _scratch(ctx) -> dict:
    """Per-import memory: schemes and items looked up once, and the enrolments this file makes."""
    s = ctx.scratch.setdefault("assessment", {})
    if not s:
        s["schemes"] = {}
        s["items"] = {}
        s["enrolled"] = set()  # (scheme slug, unit name) enrolled by earlier lines of this file
    return s


def _scheme(slug, ctx) -> Scheme | None:
    s = _scratch(ctx)
    if slug not in s["schemes"]:
        scheme = Scheme.objects.filter(slug=slug).first()
        if scheme is not None:
            s["items"][slug] = {i.number: i for i in Item.objects.filter(scheme=scheme)}
        elif slug in available_schemes():
            # Not loaded yet (an enroll line will load it): judge lines against the file, writing nothing.
            data = read_scheme_file(slug)
            scheme = Scheme(slug=slug, name=data["scheme"]["name"], kind=data["scheme"].get("kind", "points"))
            s["items"][slug] = {
                int(row["number"]): Item(
                    scheme=scheme,
                    number=int(row["number"]),
                    title=row["title"],
                    points=to_decimal(row["points"]),
                    standard=row["standard"],
                    quality_scored=bool(row.get("quality_scored", False)),
                )
                for row in data.get("items", [])
            }
        s["schemes"][slug] = scheme
    return s["schemes"][slug]


def _unit_ok(name, ctx) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return _("单位名称无效：%(unit)s") % {"unit": name}
    if name in ctx.units and ctx.units[name] is None:
        return _("单位名称不唯一：%(unit)s") % {"unit": name}
    return None


def _schemes_of(name, ctx) -> set[str]:
    """Slugs of the itemised schemes the unit is enrolled in (in the database or earlier in this file)."""
    s = _scratch(ctx)
    slugs = {slug for slug, unit in s["enrolled"] if unit == name}
    unit_id = ctx.units.get(name)
    if unit_id:
        slugs |= set(Enrollment.objects.filter(unit_id=unit_id).values_list("scheme__slug", flat=True))
    return {slug for slug in slugs if (scheme := _scheme(slug, ctx)) is not None and scheme.kind == SchemeKind.ITEMS}


def _item_for(line: dict, ctx) -> tuple[Item | None, list[str]]:
    name = line["unit"]
    error = _unit_ok(name, ctx)
    if error:
        return None, [error]
    slugs = {line["scheme"]} if line.get("scheme") else _schemes_of(name, ctx)
    if not slugs:
        return None, [_("%(unit)s 未参加分项考核方案（先导入 enroll）") % {"unit": name}]
    if len(slugs) > 1:
        return None, [_("%(unit)s 参加了多个方案，请注明 scheme") % {"unit": name}]
    slug = slugs.pop()
    if _scheme(slug, ctx) is None:
        return None, [_("没有方案：%(scheme)s") % {"scheme": slug}]
    if slug not in _schemes_of(name, ctx):
        return None, [_("%(unit)s 未参加方案 %(scheme)s") % {"unit": name, "scheme": slug}]
    try:
        number = int(line["item"])
    except (TypeError, ValueError):
        return None, [_("项目序号无效：%(item)s") % {"item": line["item"]}]
    item = _scratch(ctx)["items"][slug].get(number)
    if item is None:
        return None, [_("方案 %(scheme)s 没有第 %(item)s 项") % {"scheme": slug, "item": line["item"]}]
    return item, []


def _not_future(line: dict) -> list[str]:
    at = datetime.fromisoformat(line["at"])
    return [_("时间在将来：%(at)s") % {"at": line["at"]}] if at > timezone.now() else []


# ---- enroll {unit, scheme}


def _validate_enroll(line: dict, ctx) -> list[str]:
    error = _unit_ok(line["unit"], ctx)
    if error:
        return [error]
    slug = line["scheme"]
    if _scheme(slug, ctx) is None:
        return [_("没有方案：%(scheme)s") % {"scheme": slug}]
    _scratch(ctx)["enrolled"].add((slug, line["unit"]))
    return []


def _enroll_named(slug: str, name: str, ctx) -> None:
    try:
        scheme = Scheme.objects.filter(slug=slug).first() or load_scheme(slug)
    except SchemeError as exc:
        raise ValidationError(str(exc)) from None
    unit_id = ctx.units.get(name)
    if unit_id:
        unit = Unit.objects.get(pk=unit_id)
    else:
        unit, _created = org_actions.ensure_unit(name, "other", scheme.region)
        ctx.units[name] = unit.pk
    actions.enroll(scheme, unit)


def _apply_enroll(events, ctx) -> None:
    for ev in events:
        _enroll_named(ev.data["scheme"], ev.data["unit"], ctx)


# ---- report {unit, item, at}


def _validate_report(line: dict, ctx) -> list[str]:
    _item, errors = _item_for(line, ctx)
    return errors or _not_future(line)


def _ensure_enrolled(item: Item, name: str, ctx) -> tuple[Item, Unit]:
    """Lines of one batch apply type by type: make sure this file's own enrolment is in place first.

    Returns the stored item (validation may have judged the line against the scheme file) and the unit.
    """
    slug = item.scheme.slug
    unit_id = ctx.units.get(name)
    if not unit_id or not Enrollment.objects.filter(scheme__slug=slug, unit_id=unit_id).exists():
        _enroll_named(slug, name, ctx)
    stored = Item.objects.select_related("scheme").get(scheme__slug=slug, number=item.number)
    return stored, Unit.objects.get(pk=ctx.units[name])


def _apply_report(events, ctx) -> None:
    for ev in events:
        item, _errors = _item_for(ev.data, ctx)
        item, unit = _ensure_enrolled(item, ev.data["unit"], ctx)
        actions.report_material(
            item.scheme,
            unit,
            item.number,
            title=str(ev.data.get("title") or item.title),
            reported_at=ev.at,
            author=str(ev.data.get("author", "")),
            checked_by=str(ev.data.get("checked_by", "")),
            contact=str(ev.data.get("contact", "")),
            has_seal=bool(ev.data.get("seal", False)),
            has_signature=bool(ev.data.get("signature", False)),
            event_key=ev.key,
            source="import",
        )


# ---- quality_score {unit, item, score, year}


def _validate_quality(line: dict, ctx) -> list[str]:
    item, errors = _item_for(line, ctx)
    if errors:
        return errors
    if not (item.quality_scored or item.standard not in COUNTED_STANDARDS):
        return [_("第 %(item)s 项不按质评分") % {"item": item.number}]
    try:
        score = to_decimal(line["score"])
    except ValueError:
        return [_("得分不是有效的数字：%(score)s") % {"score": line["score"]}]
    if isinstance(line["score"], bool) or not score.is_finite() or score < 0 or score > item.points:
        return [
            _("得分 %(score)s 超出范围：第 %(item)s 项满分 %(points)s 分")
            % {"score": line["score"], "item": item.number, "points": plain(item.points)}
        ]
    year = line["year"]
    if isinstance(year, bool) or not isinstance(year, int | str) or not str(year).isdigit():
        return [_("年度无效：%(year)s") % {"year": year}]
    if not 2000 <= int(year) <= to_local(timezone.now()).year:
        return [_("年度无效：%(year)s") % {"year": year}]
    return []


def _apply_quality(events, ctx) -> None:
    for ev in events:
        item, _errors = _item_for(ev.data, ctx)
        item, unit = _ensure_enrolled(item, ev.data["unit"], ctx)
        actions.record_quality_score(item.scheme, unit, item.number, int(ev.data["year"]), ev.data["score"])


# ---- republished {unit, at}


def _validate_republished(line: dict, ctx) -> list[str]:
    error = _unit_ok(line["unit"], ctx)
    if error:
        return [error]
    enrolled_here = any(unit == line["unit"] for _slug, unit in _scratch(ctx)["enrolled"])
    if line["unit"] not in ctx.units and not enrolled_here:
        return [_("单位不存在：%(unit)s") % {"unit": line["unit"]}]
    return _not_future(line)


def _apply_republished(events, ctx) -> None:
    for ev in events:
        unit = Unit.objects.get(pk=ctx.units[ev.data["unit"]])
        actions.record_republication(unit, ev.at, event_key=ev.key, title=str(ev.data.get("title", "")))


# What each field must be for its column (checked before the validators below run).
UNIT = Spec.text("orgs.Unit.name")
SCHEME = Spec.text("assessment.Scheme.slug")
ITEM = Spec.id(max_length=5)  # a number, written as 4 or "4"
SPECS = {"unit": UNIT, "scheme": SCHEME, "item": ITEM}
REPORT_SPECS = {
    **SPECS,
    "title": Spec.text("assessment.Material.title"),
    "author": Spec.text("assessment.Material.author"),
    "checked_by": Spec.text("assessment.Material.checked_by"),
    "contact": Spec.text("assessment.Material.contact"),
    "seal": Spec.boolean(),
    "signature": Spec.boolean(),
}

register(
    EventType(
        name=EVENT_ENROLL,
        fields=("unit", "scheme"),
        at_required=False,
        validate=_validate_enroll,
        apply=_apply_enroll,
        specs={"unit": UNIT, "scheme": SCHEME},
    )
)
register(
    EventType(
        name=EVENT_REPORT,
        fields=("unit", "item"),
        optional=("scheme", "title", "author", "checked_by", "contact", "seal", "signature"),
        validate=_validate_report,
        apply=_apply_report,
        specs=REPORT_SPECS,
    )
)
register(
    EventType(
        name=EVENT_QUALITY_SCORE,
        fields=("unit", "item", "score", "year"),
        optional=("scheme",),
        at_required=False,
        validate=_validate_quality,
        apply=_apply_quality,
        specs={**SPECS, "score": Spec.decimal("assessment.QualityScore.score"), "year": Spec.id(max_length=4)},
    )
)
register(
    EventType(
        name=EVENT_REPUBLISHED,
        fields=("unit",),
        optional=("title",),
        validate=_validate_republished,
        apply=_apply_republished,
        specs={"unit": UNIT, "title": Spec.text("assessment.Republication.title")},
    )
)
