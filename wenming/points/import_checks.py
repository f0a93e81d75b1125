"""What a line of ``wenming import-events`` must be for the database to hold it, checked before any write.

Two layers, both run in the validation pass for every line of every registered type:

- :func:`storable` — whatever the type: text the database can store (no NUL, no lone surrogates),
  no ``NaN``/``Infinity``, integers within a 64-bit column, bounded nesting and text length.
- :class:`Spec` — per field, declared by the type (``EventType(specs={...})``) or implied by
  ``unit_field`` / ``person_field``: the JSON type and the limits of the model field the value
  is written to (``Spec.text("assessment.Material.title")`` reads ``max_length`` from the model,
  ``Spec.count("media.Article.reads_72h")`` the integer range the database gives that column).

Messages are Chinese and show the offending value escaped and shortened, so a report never
carries a NUL or a surrogate to the terminal.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core import validators
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.periods import SHANGHAI, local_date

MAX_DEPTH = 4  # the line's object is level 1; contract fields are flat
MAX_TEXT = 2000  # a value no spec names lives only in the event's JSON
MAX_LINE = 65536  # characters of one line
INT64 = (-(2**63), 2**63 - 1)
EARLIEST = datetime(2000, 1, 1, tzinfo=SHANGHAI)

TEXT, ID, INT, BOOL, DECIMAL = "text", "id", "int", "bool", "decimal"
_TEXTY = frozenset((TEXT, ID))


def shown(value, limit: int = 40) -> str:
    """``value`` for a message: short, and with unprintable or unstorable characters escaped."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"\\u{ord(c):04x}" for c in text)


def _bad_text(text: str) -> str | None:
    if "\x00" in text:
        return _("含有 NUL 字符（U+0000），数据库无法保存")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("含有不成对的代理字符（U+D800 至 U+DFFF），不是有效的文字")
    return None


def storable(obj, raw: str | None = None) -> list[str]:
    """Errors that would stop the database from storing ``obj`` whatever its type (see module doc).

    ``raw``, the line's text, allows the fast path nearly every line takes: NUL and lone surrogates
    can only come from ``\\u`` escapes (decoded text holds no surrogates, and a raw NUL is not
    valid JSON), so a flat object of short strings and 64-bit integers, with no escape in its text,
    needs no walk (a million lines are imported in well under a minute).
    """
    if raw is not None and "\\u" not in raw and isinstance(obj, dict) and _flat_and_small(obj):
        return []
    errors: list[str] = []

    def walk(value, depth: int, where: str) -> None:
        if len(errors) >= 5:
            return
        if depth > MAX_DEPTH:
            errors.append(_("嵌套层数超过 %(n)s 层：%(field)s") % {"n": MAX_DEPTH, "field": where})
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = _bad_text(key)
                if problem:
                    errors.append(_("字段名 %(key)s %(problem)s") % {"key": shown(key), "problem": problem})
                    continue
                walk(item, depth + 1, key if depth == 1 else f"{where}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1, where)
        elif isinstance(value, str):
            problem = _bad_text(value)
            if problem:
                errors.append(f"{where} {problem}")
            elif len(value) > MAX_TEXT:
                errors.append(_("%(field)s 超过 %(n)s 个字符") % {"field": where, "n": MAX_TEXT})
        elif isinstance(value, float) and not math.isfinite(value):
            errors.append(_("%(field)s 不是有限的数：%(value)s") % {"field": where, "value": shown(value)})
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
            errors.append(_("%(field)s 超出整数范围：%(value)s") % {"field": where, "value": shown(value)})

    walk(obj, 1, "")
    return errors


def _flat_and_small(obj: dict) -> bool:
    low, high = INT64
    for value in obj.values():
        kind = type(value)
        if kind is str:
            if len(value) > MAX_TEXT:
                return False
        elif kind is int:
            if not low <= value <= high:
                return False
        elif value is not None and kind is not bool:
            return False  # floats, lists, objects: the full walk
    return True


def at_range(now: datetime | None = None) -> tuple[datetime, datetime]:
    """[earliest, latest): from 2000-01-01 to the end of the day after the import's own (Asia/Shanghai)."""
    today = local_date(now or timezone.now())
    latest = datetime.combine(today + timedelta(days=2), datetime.min.time(), tzinfo=SHANGHAI)
    # In UTC: comparing with a fixed offset is cheaper than asking the zone database per line.
    return EARLIEST.astimezone(UTC), latest.astimezone(UTC)


def check_at(value, bounds: tuple[datetime, datetime]) -> tuple[datetime | None, str | None]:
    """(the instant, None) or (None, a message)."""
    at = None
    if type(value) is str:
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            pass
    if at is None or at.tzinfo is None:
        return None, _("at 须为带时区的 ISO-8601 时间：%(at)s") % {"at": shown(value)}
    earliest, latest = bounds
    try:
        if earliest <= at < latest:
            return at, None
        early, late = at < earliest, at >= latest
    except OverflowError:  # year 1 or 9999 with an offset that leaves the calendar
        early, late = at.year < earliest.year, at.year >= earliest.year
    if early:
        return None, _("at 早于 2000-01-01：%(at)s") % {"at": shown(value)}
    if late:
        last_day = local_date(latest - timedelta(days=1))
        return None, _("at 在将来（最晚 %(last)s）：%(at)s") % {"last": last_day, "at": shown(value)}
    return at, None


@dataclass(frozen=True)
class Spec:
    """What one field of a line must be. ``model`` ("app.Model.field") supplies the database's limits."""

    kind: str
    model: str | None = None
    max_length: int | None = None
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None
    choices: tuple | None = None

    @classmethod
    def text(cls, model=None, *, max_length=None, choices=None) -> "Spec":
        return cls(TEXT, model, max_length, choices=tuple(choices) if choices else None)

    @classmethod
    def id(cls, model=None, *, max_length=None) -> "Spec":
        """An identifier: a string or an integer, stored as text."""
        return cls(ID, model, max_length)

    @classmethod
    def integer(cls, model=None, *, min_value=None, max_value=None) -> "Spec":
        return cls(INT, model, min_value=min_value, max_value=max_value)

    @classmethod
    def count(cls, model=None, *, max_value=None) -> "Spec":
        """A non-negative integer (reads, likes, clicks)."""
        return cls(INT, model, min_value=0, max_value=max_value)

    @classmethod
    def boolean(cls) -> "Spec":
        return cls(BOOL)

    @classmethod
    def decimal(cls, model=None, *, min_value=None, max_value=None) -> "Spec":
        return cls(DECIMAL, model, min_value=min_value, max_value=max_value)

    def limits(self) -> "Spec":
        """This spec with the model field's limits folded in (the tighter of both wins)."""
        if self.model is None:
            return self
        return _model_limits(self)

    def check(self, name: str, value) -> str | None:
        """A Chinese message when ``value`` does not fit, else None."""
        spec = self if self.model is None else self.limits()
        if type(value) is str and spec.kind in _TEXTY and spec.choices is None and len(value) <= (spec.max_length or MAX_TEXT):
            return None  # the common case, first (a million lines)
        if spec.kind == BOOL:
            return None if isinstance(value, bool) else _("%(field)s 须为 true 或 false") % {"field": name}
        if spec.kind in (TEXT, ID):
            if spec.kind == ID and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                wanted = _("文字") if spec.kind == TEXT else _("文字或整数编号")
                return _("%(field)s 须为%(wanted)s：%(value)s") % {"field": name, "wanted": wanted, "value": shown(value)}
            limit = spec.max_length or MAX_TEXT
            if len(value) > limit:
                return _("%(field)s 超过 %(n)s 个字符（共 %(len)s 个）") % {"field": name, "n": limit, "len": len(value)}
            if spec.choices and value not in spec.choices:
                return _("%(field)s 只能是 %(choices)s：%(value)s") % {
                    "field": name, "choices": "/".join(spec.choices), "value": shown(value)}
            return None
        if spec.kind == INT:
            if isinstance(value, bool) or not isinstance(value, int):
                return _("%(field)s 须为整数：%(value)s") % {"field": name, "value": shown(value)}
        else:  # DECIMAL: a JSON number or a decimal string
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                return _("%(field)s 须为数字：%(value)s") % {"field": name, "value": shown(value)}
            try:
                value = Decimal(repr(value) if isinstance(value, float) else str(value))
            except InvalidOperation:
                return _("%(field)s 须为数字：%(value)s") % {"field": name, "value": shown(value)}
            if not value.is_finite():
                return _("%(field)s 须为数字：%(value)s") % {"field": name, "value": shown(value)}
        low, high = spec.min_value, spec.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            return _("%(field)s 超出范围（%(low)s 至 %(high)s）：%(value)s") % {
                "field": name,
                "low": "—" if low is None else low,
                "high": "—" if high is None else high,
                "value": shown(value),
            }
        return None


_RESOLVED: dict[Spec, Spec] = {}


def _model_limits(spec: Spec) -> Spec:
    """Read max_length, the integer range the database gives the column, and decimal digits."""
    if spec in _RESOLVED:
        return _RESOLVED[spec]
    from django.apps import apps

    app_label, model_name, field_name = spec.model.split(".")
    model_field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    max_length, low, high = spec.max_length, spec.min_value, spec.max_value
    choices = spec.choices
    # ``validators`` carries the column's limits: MaxLength for text, the backend's integer range.
    for validator in model_field.validators:
        if isinstance(validator, validators.MaxLengthValidator):
            max_length = min(v for v in (max_length, validator.limit_value) if v is not None)
        elif isinstance(validator, validators.MinValueValidator):
            low = validator.limit_value if low is None else max(low, validator.limit_value)
        elif isinstance(validator, validators.MaxValueValidator):
            high = validator.limit_value if high is None else min(high, validator.limit_value)
        elif isinstance(validator, validators.DecimalValidator) and validator.max_digits is not None:
            whole = validator.max_digits - (validator.decimal_places or 0)
            bound = Decimal(10) ** whole - Decimal(1).scaleb(-(validator.decimal_places or 0))
            high = bound if high is None else min(high, bound)
            low = -bound if low is None else max(low, -bound)
    # The standard range of the column's type, whatever the backend: SQLite would store 40000 in a
    # small integer column that PostgreSQL refuses, and a file must mean the same on both.
    from django.db.backends.base.operations import BaseDatabaseOperations

    standard = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
    if standard is not None:
        low = standard[0] if low is None else max(low, standard[0])
        high = standard[1] if high is None else min(high, standard[1])
    if model_field.choices and choices is None:
        choices = tuple(str(value) for value, _label in model_field.flatchoices)
    resolved = Spec(spec.kind, None, max_length, low, high, choices)
    _RESOLVED[spec] = resolved
    return resolved
