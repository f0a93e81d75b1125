"""The briefings' lines for ``wenming import-events``: ``manuscript`` and ``adopted``.

``manuscript {manuscript, level, title}`` with ``at`` (submitted) and by level: ``city`` + ``region``
(the prefecture-level city), ``county`` + ``region`` (the county) + ``city`` (its city), ``general``,
or ``sector`` + ``sector``. Regions missing from the tree are created under the right city.
``adopted {manuscript, briefing}`` with ``at`` (the issue's date); ``briefing`` is ``YYYY-N`` and a
missing issue is created as a draft. Every line is judged before anything is written.
"""

import re
from datetime import datetime

from django.utils.translation import gettext as _

from wenming.core.periods import local_date
from wenming.orgs import actions as org_actions
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.points.importing import EventType, register

from . import actions
from .choices import IMPORT_ADOPTED, IMPORT_MANUSCRIPT, BriefingStatus, Origin
from .models import Briefing, Manuscript

BRIEFING_KEY = re.compile(r"^(\d{4})-(\d{1,4})$")
LEVELS = {"city": Origin.CITY, "county": Origin.COUNTY, "general": Origin.GENERAL, "sector": Origin.SECTOR}


def _scratch(ctx) -> dict:
    s = ctx.scratch.setdefault("briefings", {})
    if not s:
        s["manuscripts"] = set()  # manuscript ids declared by earlier lines of this file
    return s


def _text(line, name) -> str:
    value = line.get(name)
    return value.strip() if isinstance(value, str) else ""


def _line_imported(line: dict) -> bool:
    from wenming.journal.models import DomainEvent
    from wenming.points.importing import EVENT_KEY_PREFIX

    return DomainEvent.objects.filter(key=EVENT_KEY_PREFIX + str(line["id"])).exists()


def _validate_manuscript(line: dict, ctx) -> list[str]:
    errors = []
    ident = str(line["manuscript"])
    level = line["level"]
    if len(ident) > 64:
        errors.append(_("稿件编号不超过 64 个字符"))
    if level not in LEVELS:
        return [_("level 须为 city、county、general 或 sector：%(level)s") % {"level": level}]
    if not _text(line, "title"):
        errors.append(_("缺少字段：title"))
    if level in ("city", "county") and not _text(line, "region"):
        errors.append(_("%(level)s 级稿件须注明 region（所属地区）") % {"level": level})
    if level == "county" and not _text(line, "city"):
        errors.append(_("county 级稿件须注明 city（所属设区市）"))
    if level == "sector" and not _text(line, "sector"):
        errors.append(_("sector 级稿件须注明 sector（行业系统）"))
    too_long = [name for name in ("region", "city", "sector") if len(_text(line, name)) > 100]
    if too_long:
        errors.append(_("%(fields)s 不超过 100 个字符") % {"fields": ", ".join(too_long)})
    if level in ("general", "sector") and _text(line, "region"):
        errors.append(_("%(level)s 稿件不属于地区，不应有 region") % {"level": level})
    if ident in _scratch(ctx)["manuscripts"] or (
        Manuscript.objects.filter(external_id=ident).exists() and not _line_imported(line)
    ):
        # The same line again is a re-import (skipped by its id); another line for the same piece is an error.
        errors.append(_("稿件编号 %(id)s 已导入") % {"id": ident})
    if not errors:
        _scratch(ctx)["manuscripts"].add(ident)
    return errors


def _briefing_key(value) -> tuple[int, int] | None:
    match = BRIEFING_KEY.match(str(value))
    if not match:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    return (year, number) if 2000 <= year <= 2100 and number >= 1 else None


def _parse_at(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _validate_adopted(line: dict, ctx) -> list[str]:
    ident = str(line["manuscript"])
    errors = []
    if ident not in _scratch(ctx)["manuscripts"] and not Manuscript.objects.filter(external_id=ident).exists():
        errors.append(_("没有编号为 %(id)s 的稿件（先导入 manuscript）") % {"id": ident})
    key = _briefing_key(line["briefing"])
    if key is None:
        errors.append(_("briefing 须为“年份-期号”，如 2022-36：%(value)s") % {"value": line["briefing"]})
    else:
        found = Briefing.objects.filter(year=key[0], number=key[1]).first()
        if found is not None and found.status == BriefingStatus.PUBLISHED:
            errors.append(_("%(issue)s已印发，不能再录用稿件") % {"issue": found})
        at = _parse_at(line.get("at"))
        if at is not None and local_date(at).year != key[0] and found is None:
            errors.append(_("录用时间 %(at)s 不在 %(year)s 年") % {"at": line["at"], "year": key[0]})
    return errors


def _region(kind: str, name: str, parent: Unit | None) -> Unit:
    qs = Unit.objects.filter(kind=kind, name=name)
    if parent is not None:
        qs = qs.filter(parent=parent)
    found = qs.order_by("path").first()
    if found is not None:
        return found
    unit, _created = org_actions.ensure_unit(name, kind, parent)
    return unit


def _city(name: str) -> Unit:
    found = Unit.objects.filter(kind=UnitKind.CITY, name=name).order_by("path").first()
    if found is not None:
        return found
    # A new city goes under the province when the tree has exactly one.
    provinces = list(Unit.objects.filter(kind=UnitKind.PROVINCE)[:2])
    return _region(UnitKind.CITY, name, provinces[0] if len(provinces) == 1 else None)


def _apply_manuscript(events, ctx) -> None:
    for ev in events:
        d = ev.data
        origin = LEVELS[d["level"]]
        region = None
        if origin == Origin.CITY:
            region = _city(_text(d, "region"))
        elif origin == Origin.COUNTY:
            region = _region(UnitKind.COUNTY, _text(d, "region"), _city(_text(d, "city")))
        actions.import_manuscript(
            external_id=str(d["manuscript"]), title=_text(d, "title"), origin=origin, region=region,
            sector=_text(d, "sector") if origin == Origin.SECTOR else "", submitted_at=ev.at,
        )


def _apply_adopted(events, ctx) -> None:
    for ev in events:
        year, number = _briefing_key(ev.data["briefing"])
        briefing = actions.ensure_imported_briefing(year, number, local_date(ev.at))
        m = Manuscript.objects.get(external_id=str(ev.data["manuscript"]))
        actions.import_adoption(m, briefing, at=ev.at, source_key=ev.key)


register(EventType(
    name=IMPORT_MANUSCRIPT, fields=("manuscript", "level", "title"), optional=("region", "city", "sector"),
    validate=_validate_manuscript, apply=_apply_manuscript, needs_event_id=False,
))
register(EventType(
    name=IMPORT_ADOPTED, fields=("manuscript", "briefing"),
    validate=_validate_adopted, apply=_apply_adopted, needs_event_id=False,
))
