"""``wenming import-events``: the registry of importable event types and the import pipeline.

Registering an event type (other apps do it in their own ``<app>/event_types.py``, imported
automatically when an import starts)::

    from wenming.points.importing import EventType, register

    def _validate(line: dict, ctx) -> list[str]:
        # Return Chinese error messages for this line ([] when fine). Runs for every line
        # before anything is written; ``ctx.unit_id(name)`` / ``ctx.is_known_id(id)`` help.
        return [] if line["score"] >= 0 else ["score 不能为负数"]

    def _apply(events, ctx) -> None:
        # Called once per batch of NEW events of this type, inside the import transaction,
        # after their domain events were recorded. ``events`` are ImportedEvent objects
        # (line_no, id, key, at, person_id, unit_id, data, event_id).
        for ev in events:
            ...  # create this app's own rows through its actions

    register(EventType(
        name="quality_score",
        fields=("unit", "item", "score"),   # required besides id/type/at
        optional=("note",),
        at_required=False,                  # when False and absent, the import time is used
        unit_field="unit",                  # must name an existing unit (resolved to unit_id)
        person_field=None,                  # a field holding a person's external id, if any
        validate=_validate,
        apply=_apply,
        # What each field must be for the database to hold it (``points.import_checks.Spec``):
        # the JSON type, and the limits read from the model field the value is written to.
        # ``unit_field`` and ``person_field`` get theirs without being named here.
        specs={"item": Spec.integer("assessment.Item.number"), "score": Spec.decimal(min_value=0),
               "note": Spec.text("assessment.QualityScore.comment")},
    ))

Every line of every type is also checked for what no database column can hold (NUL characters,
lone surrogates, NaN, integers beyond 64 bits, deep nesting, over-long text) and for ``at`` between
2000-01-01 and the end of the day after the import's (Asia/Shanghai), before any type's validator
runs; so a validator sees only sound values of the declared JSON types.

Pipeline: pass 1 streams the file and validates every line (JSON, type, fields, ``at``, units,
ids seen before with other content, then the type's validator); any error → nothing is written
and every bad line is reported with its number. Pass 2 streams the file again inside one
transaction: creates unknown persons, records the new events (a line whose id was seen before
with the same content is skipped), runs each type's ``apply``, then scores the affected months.
"""

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .import_checks import MAX_LINE, Spec, at_range, check_at, shown, storable
from .import_files import ImportFileError, detect_encoding, lines_of

__all__ = ["EventType", "ImportContext", "ImportFileError", "ImportResult", "ImportedEvent", "Spec", "import_events",
           "register", "registered"]

EVENT_KEY_PREFIX = "import:"
BATCH = 5000
logger = logging.getLogger(__name__)
# Fields every type may name as its unit or person, with the columns they end up in.
UNIT_SPEC = Spec.text("orgs.Unit.name")
PERSON_SPEC = Spec.id("people.User.external_id")


@dataclass(frozen=True)
class EventType:
    """One importable event type: its fields, and how its lines are checked and applied."""

    name: str
    fields: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    at_required: bool = True
    person_field: str | None = None
    unit_field: str | None = None
    validate: Callable[[dict, "ImportContext"], list[str]] | None = None
    apply: Callable[[list["ImportedEvent"], "ImportContext"], None] | None = None
    # False when ``apply`` never reads ``ImportedEvent.event_id`` (left None): looking the ids up
    # by key cost seconds per 100,000 lines.
    needs_event_id: bool = True
    # Field name → ``Spec``: checked for every line before ``validate`` (see the module docstring).
    specs: Mapping[str, Spec] = field(default_factory=dict)
    # Checks that need the whole file (few lines): called once after the line pass with this type's
    # valid lines [(line_no, obj)], the context and ``rescan()`` (every parsed line of the file
    # again); returns [(line_no, message)].
    finish: Callable[[list[tuple[int, dict]], "ImportContext", Callable], list[tuple[int, str]]] | None = None

    def field_specs(self) -> dict[str, Spec]:
        auto = {}
        if self.unit_field:
            auto[self.unit_field] = UNIT_SPEC
        if self.person_field:
            auto[self.person_field] = PERSON_SPEC
        return {**auto, **self.specs}


_REGISTRY: dict[str, EventType] = {}
# Sent once per successful import, inside its transaction, with the ImportResult: apps that mirror
# events into their own rows (the media app's articles) sync set-wise here instead of per line.
events_imported = Signal()


def register(event_type: EventType) -> EventType:
    """Add (or replace, by name) an importable event type."""
    _REGISTRY[event_type.name] = event_type
    return event_type


def registered() -> dict[str, EventType]:
    autodiscover_modules("event_types")
    return dict(_REGISTRY)


@dataclass
class ImportedEvent:
    line_no: int
    id: str
    key: str
    type: str
    at: datetime
    person_id: int | None
    unit_id: int | None
    data: dict
    event_id: int | None = None


@dataclass
class ImportContext:
    """What validators and apply steps can use while a file is imported."""

    units: dict[str, int | None]
    # External person id → user id (filled before pass 2 writes).
    persons: dict[str, int] = field(default_factory=dict)
    # Scratch space for validators of one type ("seen" sets and the like), keyed by type name.
    scratch: dict[str, dict] = field(default_factory=dict)
    # Ids of this file seen so far (id → content hash, raw bytes).
    seen: dict[str, bytes] = field(default_factory=dict)
    # The instants a line's ``at`` may take: [2000-01-01, the end of the day after the import's).
    at_bounds: tuple = field(default_factory=at_range)
    # Type name → its field specs with the model limits read (once per import, not per line).
    _specs: dict[str, list[tuple[str, Spec]]] = field(default_factory=dict)

    def specs_of(self, event_type: "EventType") -> list[tuple[str, Spec]]:
        specs = self._specs.get(event_type.name)
        if specs is None:
            specs = self._specs[event_type.name] = [(n, s.limits()) for n, s in event_type.field_specs().items()]
        return specs

    def unit_id(self, name: str) -> int | None:
        return self.units.get(name)

    def is_known_id(self, event_id: str) -> bool:
        return event_id in self.seen


@dataclass
class ImportResult:
    lines: int = 0
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _unit_names() -> dict[str, int | None]:
    from wenming.orgs.models import Unit

    names: dict[str, int | None] = {}
    for pk, name in Unit.objects.filter(is_active=True).values_list("pk", "name"):
        # A name used by two units cannot identify one: None marks it ambiguous.
        names[name] = None if name in names else pk
    return names


# One encoder for every line: ``json.dumps`` with options builds a new encoder per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def _digest_bytes(obj: dict) -> bytes:
    return hashlib.sha256(_CANONICAL(obj).encode()).digest()


def canonical_digest(obj: dict) -> str:
    """The content hash stored with an imported event: same id + other content = a conflict."""
    return _digest_bytes(obj).hex()


def _parse_at(value) -> datetime | None:
    """The instant of a line that passed validation (``check_at``)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else None


@functools.cache
def _key_limit() -> int:
    from wenming.journal.models import DomainEvent

    return DomainEvent._meta.get_field("key").max_length - len(EVENT_KEY_PREFIX)


def _check_line(obj, types: dict[str, EventType], ctx: ImportContext, raw: str | None = None) -> list[str]:
    if not isinstance(obj, dict):
        return [_("每行必须是一个 JSON 对象")]
    # What no column can hold comes first: later checks (and validators) may then trust the values.
    errors = storable(obj, raw)
    if errors:
        return errors
    event_id = obj.get("id")
    if type(event_id) is not str and (type(event_id) is not int):
        errors.append(_("缺少 id"))
    elif event_id == "":
        errors.append(_("缺少 id"))
    elif len(str(event_id)) > _key_limit():
        errors.append(_("id 超过 %(n)s 个字符：%(id)s") % {"n": _key_limit(), "id": shown(event_id)})
    type_name = obj.get("type")
    event_type = types.get(type_name) if type(type_name) is str else None
    if event_type is None:
        errors.append(_("未知的事件类型：%(type)s") % {"type": shown(type_name)})
        return errors
    if "at" in obj or event_type.at_required:
        if "at" not in obj:
            errors.append(_("缺少字段：at"))
        else:
            _at, problem = check_at(obj["at"], ctx.at_bounds)
            if problem:
                errors.append(problem)
    missing = [name for name in event_type.fields if obj.get(name) in (None, "")]
    if missing:
        errors.append(_("缺少字段：%(fields)s") % {"fields": ", ".join(missing)})
        return errors
    for name, spec in ctx.specs_of(event_type):
        value = obj.get(name)
        if value is not None:
            problem = spec.check(name, value)
            if problem:
                errors.append(problem)
    if errors:
        return errors
    if event_type.unit_field and obj.get(event_type.unit_field) not in (None, ""):
        name = obj[event_type.unit_field]
        if name not in ctx.units:
            errors.append(_("单位不存在：%(unit)s") % {"unit": shown(name)})
        elif ctx.units[name] is None:
            errors.append(_("单位名称不唯一：%(unit)s") % {"unit": shown(name)})
    if not errors and event_type.validate is not None:
        errors.extend(event_type.validate(obj, ctx))
    return errors


def _parsed(text: str | None, error: str | None):
    """(obj, None) or (None, message) for one line's text."""
    if error is not None:
        return None, error
    if len(text) > MAX_LINE:
        return None, _("本行超过 %(n)s 个字符") % {"n": MAX_LINE}
    try:
        return json.loads(text), None
    except RecursionError:
        return None, _("JSON 嵌套过深")
    except ValueError as exc:
        return None, _("不是有效的 JSON：%(error)s") % {"error": shown(str(exc), 80)}


def _data_of(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in ("id", "type", "at")}


def _progress(total_bytes: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total_bytes, unit="B", unit_scale=True, desc=_("导入"), leave=False)


def import_events(path, *, progress: bool = False, encoding: str | None = None) -> ImportResult:
    """Validate the whole file, then import it all or nothing. See the module docstring.

    ``encoding``: None detects UTF-8 (with or without BOM) or GBK/GB18030; a bad name or an
    undetectable file raises ``ImportFileError`` (a Chinese message) before anything is read.
    """
    path = Path(path)
    encoding = detect_encoding(path, encoding)
    types = registered()
    ctx = ImportContext(units=_unit_names())
    result = ImportResult()
    finishing: dict[str, list[tuple[int, dict]]] = {}
    in_db: set[str] = set()
    pending: dict[str, tuple[int, str]] = {}
    persons: set[str] = set()

    def check_pending():
        keys = {EVENT_KEY_PREFIX + i: i for i in pending}
        for key, digest in _stored_digests(list(keys)):
            event_id = keys[key]
            line_no, mine = pending[event_id]
            if digest != mine:
                result.errors.append((line_no, _("编号 %(id)s 之前已导入，内容不同") % {"id": event_id}))
            else:
                in_db.add(event_id)
        pending.clear()

    bar = _progress(path.stat().st_size * 2, progress)
    for line_no, text, size, decode_error in lines_of(path, encoding):
        result.lines += 1
        if bar is not None:
            bar.update(size)
        obj, error = _parsed(text, decode_error)
        if error is not None:
            result.errors.append((line_no, error))
            continue
        errors = _check_line(obj, types, ctx, text)
        if errors:
            result.errors.extend((line_no, message) for message in errors)
            continue
        event_id = str(obj["id"])
        raw_digest = _digest_bytes(obj)
        if event_id in ctx.seen:
            if ctx.seen[event_id] != raw_digest:
                result.errors.append((line_no, _("编号 %(id)s 在本文件中重复且内容不同") % {"id": event_id}))
            continue
        ctx.seen[event_id] = raw_digest
        pending[event_id] = (line_no, raw_digest.hex())
        if types[obj["type"]].finish is not None:
            finishing.setdefault(obj["type"], []).append((line_no, obj))
        person_field = types[obj["type"]].person_field
        if person_field and obj.get(person_field) not in (None, ""):
            persons.add(str(obj[person_field]))
        if len(pending) >= BATCH:
            check_pending()
    check_pending()

    def rescan() -> Iterator[tuple[int, dict]]:
        for line_no, text, _size, decode_error in lines_of(path, encoding):
            obj, error = _parsed(text, decode_error)
            if error is None and isinstance(obj, dict):
                yield line_no, obj

    for type_name, lines in finishing.items():
        result.errors.extend(types[type_name].finish(lines, ctx, rescan))
    finishing.clear()
    if result.errors:
        if bar is not None:
            bar.close()
        result.errors.sort()
        return result
    from wenming.core.bulk import bulk_writes

    try:
        with transaction.atomic(), bulk_writes():
            ctx.persons = _ensure_persons(persons)
            del persons
            _write(path, encoding, types, ctx, in_db, result, bar)
            events_imported.send(sender=None, result=result)
    except (DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
        # Validation should have caught it; if it did not, the file is still refused whole (the
        # transaction rolled back) with a message rather than a traceback.
        logger.exception("import-events: the write pass failed after validation")
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        result.errors = [(0, _("写入数据库失败，未导入任何事件：%(error)s") % {"error": shown(message, 200)})]
        result.imported = result.skipped = 0
        result.months = []
    if bar is not None:
        bar.close()
    return result


def _stored_digests(keys: list[str]) -> list[tuple[str, str]]:
    """(key, digest) of the events already stored among ``keys``."""
    return _events_by_key("digest", keys)


def _events_by_key(column: str, keys: list[str]) -> list[tuple]:
    """(key, ``column``) of the stored events among ``keys``.

    Plain SQL: building and logging an ORM query of 5,000 parameters, 200 times for a million
    lines, cost more than the lookups themselves.
    """
    from django.db import connection

    from wenming.journal.models import DomainEvent

    table = connection.ops.quote_name(DomainEvent._meta.db_table)
    column = connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT key, {column} FROM {table} WHERE key = ANY(%s)", [keys])  # noqa: S608 (model table)
        else:
            cursor.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({', '.join(['%s'] * len(keys))})", keys)  # noqa: S608
        return cursor.fetchall()


def _ensure_persons(external_ids: set[str]) -> dict[str, int]:
    from wenming.core.bulk import insert_rows
    from wenming.people.models import User

    def lookup(ids):
        found = {}
        ids = sorted(ids)
        for start in range(0, len(ids), BATCH):
            found.update(_persons_by_external_id(ids[start : start + BATCH]))
        return found

    known = lookup(external_ids)
    missing = external_ids - known.keys()
    if missing:
        now = timezone.now()
        # Imported persons cannot log in until they bind WeChat or a phone ("!" = unusable password).
        insert_rows(
            User._meta.db_table,
            ["username", "password", "external_id", "display_name", "real_name", "phone", "first_name", "last_name",
             "email", "is_superuser", "is_staff", "is_active", "date_joined"],
            ((f"ext-{ext}"[:150], "!", ext, "", "", "", "", "", "", False, False, True, now) for ext in sorted(missing)),
        )
        known.update(lookup(missing))
    return known


def _persons_by_external_id(external_ids: list[str]) -> list[tuple[str, int]]:
    """(external id, user id) of the persons among ``external_ids`` (plain SQL, as above)."""
    from django.db import connection

    from wenming.people.models import User

    table = connection.ops.quote_name(User._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT external_id, id FROM {table} WHERE external_id = ANY(%s)", [external_ids])  # noqa: S608
        else:
            marks = ", ".join(["%s"] * len(external_ids))
            cursor.execute(f"SELECT external_id, id FROM {table} WHERE external_id IN ({marks})", external_ids)  # noqa: S608
        return cursor.fetchall()


def _write(path: Path, encoding: str, types, ctx: ImportContext, in_db: set[str], result: ImportResult, bar) -> None:
    from wenming.journal.actions import record_events_bulk

    from . import engine

    now = timezone.now()
    touched = engine.Touched()

    def rows(batch_out: list[ImportedEvent]):
        for line_no, text, size, _error in lines_of(path, encoding):
            if bar is not None:
                bar.update(size)
            obj = json.loads(text)
            event_id = str(obj["id"])
            # ``seen`` holds each id's digest until its first line is written: later copies are skipped.
            raw_digest = None if event_id in in_db else ctx.seen.pop(event_id, None)
            if raw_digest is None:
                result.skipped += 1
                continue
            event_type = types[obj["type"]]
            at = _parse_at(obj.get("at")) or now
            data = _data_of(obj)
            person_id = ctx.persons.get(str(data[event_type.person_field])) if event_type.person_field and data.get(event_type.person_field) not in (None, "") else None
            unit_id = ctx.units.get(data[event_type.unit_field]) if event_type.unit_field and data.get(event_type.unit_field) else None
            key = EVENT_KEY_PREFIX + event_id
            touched.add(obj["type"], at, data, person_id)
            result.by_type[obj["type"]] = result.by_type.get(obj["type"], 0) + 1
            if event_type.apply is not None:
                batch_out.append(ImportedEvent(line_no, event_id, key, obj["type"], at, person_id, unit_id, data))
            yield key, obj["type"], at, person_id, unit_id, data, raw_digest.hex()

    to_apply: list[ImportedEvent] = []
    result.imported = record_events_bulk(rows(to_apply))
    if to_apply:
        _apply(types, to_apply, ctx)
    # Free the per-line bookkeeping (a million ids) before the month is scored.
    to_apply.clear()
    ctx.seen.clear()
    in_db.clear()
    _analyze_after_bulk(result.imported)
    result.months = [str(m) for m in engine.score_imported(touched)]


def _analyze_after_bulk(imported: int) -> None:
    """Fresh planner statistics for the tables a large import filled (PostgreSQL).

    Without them the scoring's group-choice lookups and the rankings' member joins are planned as
    if persons, events and group choices were the few rows seen before the import.
    """
    from django.db import connection

    if imported < 100_000 or connection.vendor != "postgresql":
        return
    from wenming.journal.models import DomainEvent
    from wenming.people.models import GroupChoice, User

    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (User, DomainEvent, GroupChoice))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _apply(types, events: list[ImportedEvent], ctx: ImportContext) -> None:
    for start in range(0, len(events), BATCH):
        chunk = events[start : start + BATCH]
        keys = [e.key for e in chunk if types[e.type].needs_event_id]
        ids = dict(_events_by_key("id", keys)) if keys else {}
        by_type: dict[str, list[ImportedEvent]] = {}
        for ev in chunk:
            ev.event_id = ids.get(ev.key)
            by_type.setdefault(ev.type, []).append(ev)
        for name, evs in by_type.items():
            types[name].apply(evs, ctx)
