"""The only write paths for audit entries and domain events."""

import hashlib
import json
from datetime import datetime

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from .choices import EventSource
from .models import AuditEntry, DomainEvent

# Sent inside the recording transaction with ``event``; the points engine scores from it.
event_recorded = Signal()


class EventConflict(Exception):
    """The key was recorded before with different content."""


def audit(actor, verb: str, target=None, *, reason: str = "", data: dict | None = None) -> AuditEntry:
    target_type = target_id = ""
    if target is not None:
        target_type = f"{target._meta.app_label}.{target._meta.model_name}"
        target_id = str(target.pk)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        reason=reason,
        data=data or {},
    )


def event_digest(type_: str, at: datetime, person_id, unit_id, data: dict) -> str:
    payload = json.dumps(
        {"type": type_, "at": at.isoformat(), "person": person_id, "unit": unit_id, "data": data},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record_event(
    *,
    key: str,
    type: str,
    at: datetime,
    person=None,
    unit=None,
    data: dict | None = None,
    source: str = EventSource.WEB,
) -> tuple[DomainEvent, bool]:
    """Record a domain event once. Returns (event, created).

    The same key with the same content returns the stored event (a retry); with different content
    it raises EventConflict. Listeners of ``event_recorded`` run in the same transaction, so a
    failure in scoring rolls the whole act back.
    """
    if at.tzinfo is None:
        raise ValueError("domain events need an aware datetime")
    data = data or {}
    person_id = getattr(person, "pk", None)
    unit_id = getattr(unit, "pk", None)
    digest = event_digest(type, at, person_id, unit_id, data)
    existing = DomainEvent.objects.filter(key=key).first()
    if existing is not None:
        if existing.digest != digest:
            raise EventConflict(key)
        return existing, False
    try:
        with transaction.atomic():
            event = DomainEvent.objects.create(
                key=key, type=type, at=at, person=person, unit=unit, data=data, digest=digest, source=source
            )
            event_recorded.send(sender=DomainEvent, event=event)
    except IntegrityError:
        # A concurrent writer recorded the same key between our read and our insert.
        existing = DomainEvent.objects.filter(key=key).first()
        if existing is None:
            raise
        if existing.digest != digest:
            raise EventConflict(key) from None
        return existing, False
    return event, True


def record_events_bulk(rows, *, source: str = EventSource.IMPORT) -> int:
    """Record many new events at once (imports): rows of (key, type, at, person_id, unit_id, data, digest).

    The caller has already checked that no key exists (``wenming import-events`` validates the
    whole file first) and scores the batch itself: ``event_recorded`` is not sent per row.
    """
    from django.utils import timezone

    from wenming.core.bulk import db_value, insert_rows

    now = db_value(timezone.now())
    columns = ["key", "type", "at", "person_id", "unit_id", "data", "digest", "source", "recorded_at"]

    def encoded():
        for key, type_, at, person_id, unit_id, data, digest in rows:
            yield (key, type_, db_value(at), person_id, unit_id, json.dumps(data, ensure_ascii=False), digest, source, now)

    return insert_rows(DomainEvent._meta.db_table, columns, encoded(), adapted=True)
