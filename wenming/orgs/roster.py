"""The unit roster in Excel (单位名册): headcount, leader in charge, liaison (name, mobile) and the
liaison's work-group membership date, which the Liyang vetoes read.

Reading checks the whole file first: every bad row is reported with its row number and reason, and
a file with any bad row imports nothing. A re-import updates the units it names (same liaison,
same membership) rather than adding rows.

The leader and the liaison are accounts, which are people's: orgs sits below people and imports
nothing from it, so people registers the function that finds or makes an account for a name and
a mobile (``register_account_resolver``, from its ``AppConfig.ready()``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.periods import local_date
from wenming.core.sheets import Sheet, xlsx_bytes

from .models import Unit, WorkGroupMembership

HEADER = ["单位名称", "单位总人数", "分管领导", "联络员", "联络员手机", "入群日期"]
MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
NAME_MAX = 50

# (name, mobile or "", role) -> account, and (user, region) -> may manage the roster; from people.
_resolver: Callable | None = None
_may_manage: Callable = lambda user, region: False  # noqa: E731 (refuse until people says otherwise)


def register_account_resolver(resolver: Callable, may_manage: Callable | None = None) -> None:
    global _resolver, _may_manage
    _resolver = resolver
    if may_manage is not None:
        _may_manage = may_manage


def may_manage(user, region) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(_may_manage(user, region))


def account_for(name: str, mobile: str, role: str):
    if _resolver is None:
        raise RuntimeError("no account resolver registered (people registers one in ready())")
    return _resolver(name, mobile, role)


class RosterError(Exception):
    """A file that cannot be imported; ``problems`` are (row number, reason) pairs."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("；".join(f"第{n}行：{reason}" for n, reason in problems))
        self.problems = problems


@dataclass(frozen=True)
class RosterRow:
    number: int
    unit: Unit
    headcount: int | None
    leader: str
    liaison: str
    mobile: str
    joined_on: date | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _count(value, problems, number) -> int | None:
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        problems.append((number, _("单位总人数应为不小于0的整数：%(v)s") % {"v": text}))
        return None
    return int(text)


def _date(value, problems, number) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value).replace("/", "-"))
    except ValueError:
        problems.append((number, _("入群日期应为日期（如 2026-03-20）：%(v)s") % {"v": _text(value)}))
        return None


def read(content: bytes, region: Unit) -> list[RosterRow]:
    """Every row of the file checked against the units under ``region``; raises RosterError."""
    from openpyxl import load_workbook

    if len(content) > MAX_BYTES:
        raise RosterError([(0, _("文件超过 2 MB"))])
    try:
        ws = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        raise RosterError([(0, _("无法读取文件，请上传由“下载名册”得到的 Excel（.xlsx）文件"))]) from None
    if not rows or [_text(v) for v in rows[0][: len(HEADER)]] != HEADER:
        raise RosterError([(1, _("表头应为：%(h)s") % {"h": "、".join(HEADER)})])
    if len(rows) > MAX_ROWS + 1:
        raise RosterError([(0, _("一次最多导入 %(n)s 行") % {"n": MAX_ROWS})])
    units = {u.name: u for u in Unit.objects.filter(path__startswith=region.path).exclude(pk=region.pk)}
    today = local_date(timezone.now())
    problems, out, seen = [], [], {}
    for number, raw in enumerate(rows[1:], start=2):
        values = list(raw) + [None] * (len(HEADER) - len(raw))
        if all(_text(v) == "" for v in values[: len(HEADER)]):
            continue
        name, headcount, leader, liaison, mobile, joined = values[: len(HEADER)]
        name, leader, liaison, mobile = _text(name), _text(leader), _text(liaison), _text(mobile)
        before = len(problems)
        unit = units.get(name)
        if not name:
            problems.append((number, _("缺少单位名称")))
        elif unit is None:
            problems.append((number, _("单位“%(name)s”不在%(region)s的单位中") % {"name": name, "region": region.name}))
        elif name in seen:
            problems.append((number, _("单位“%(name)s”与第%(n)s行重复") % {"name": name, "n": seen[name]}))
        seen.setdefault(name, number)
        count = _count(headcount, problems, number)
        for label, text in ((_("分管领导"), leader), (_("联络员"), liaison)):
            if len(text) > NAME_MAX:
                problems.append((number, _("%(label)s姓名过长") % {"label": label}))
        if mobile and not MOBILE.match(mobile):
            problems.append((number, _("联络员手机号应为11位手机号码：%(v)s") % {"v": mobile}))
        if mobile and not liaison:
            problems.append((number, _("填写了联络员手机，但缺少联络员姓名")))
        if liaison and not mobile:
            problems.append((number, _("缺少联络员手机")))
        joined_on = _date(joined, problems, number)
        if joined_on and not liaison:
            problems.append((number, _("填写了入群日期，但缺少联络员")))
        if joined_on and joined_on > today:
            problems.append((number, _("入群日期不能晚于今天")))
        if len(problems) == before:
            out.append(RosterRow(number, unit, count, leader, liaison, mobile, joined_on))
    if problems:
        raise RosterError(problems)
    if not out:
        raise RosterError([(2, _("文件中没有单位"))])
    return out


def roster_units(region: Unit):
    """The units a roster lists: everything under the region that is not itself a region."""
    return (
        Unit.objects.filter(path__startswith=region.path)
        .exclude(kind__in=["province", "city", "county"])
        .select_related("leader", "liaison")
        .order_by("sort_order", "id")
    )


def joined_dates(units, group) -> dict[int, date]:
    """Each liaison's open membership date in ``group`` (person id → date)."""
    if group is None:
        return {}
    ids = [u.liaison_id for u in units if u.liaison_id]
    return dict(
        WorkGroupMembership.objects.filter(group=group, person_id__in=ids, left_on__isnull=True)
        .order_by("joined_on")
        .values_list("person_id", "joined_on")
    )


def _name(person) -> str:
    return (getattr(person, "display_name", "") or getattr(person, "username", "")) if person else ""


def export(region: Unit, group) -> bytes:
    """The roster as xlsx, in the columns ``read`` takes back (the file is for staff: whole numbers)."""
    units = list(roster_units(region))
    joined = joined_dates(units, group)
    rows = [
        [
            u.name,
            u.headcount,
            _name(u.leader),
            _name(u.liaison),
            getattr(u.liaison, "phone", "") if u.liaison else "",
            joined.get(u.liaison_id),
        ]
        for u in units
    ]
    return xlsx_bytes([Sheet(title=_("单位名册"), header=HEADER, rows=rows, widths=[28, 12, 14, 14, 16, 14])])
