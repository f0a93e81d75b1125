"""Recording events the way the web acts do (through journal.record_event) in tests."""

import itertools

from wenming.journal.actions import record_event
from wenming.testing.factories import shanghai

_keys = itertools.count(1)


def ev(type_: str, when: tuple, *, person=None, unit=None, key: str | None = None, **data):
    """Record a domain event at the Shanghai time ``when`` (a tuple); returns the event."""
    event, _created = record_event(
        key=key or f"test:{type_}:{next(_keys)}", type=type_, at=shanghai(*when), person=person, unit=unit, data=data
    )
    return event
