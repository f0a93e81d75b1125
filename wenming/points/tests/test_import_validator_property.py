"""Property: whatever JSON a line holds, the validation pass answers with a report, never an exception."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wenming.journal.models import DomainEvent
from wenming.points.importing import (
    ImportContext,
    ImportFileError,
    _check_line,
    _unit_names,
    import_events,
    registered,
)

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = ["", "\x00", "\ud800", "a\udfffb", "溧城镇", "=1+1", "x" * 3000, "9" * 40, "2017-03-02T08:00:00+08:00",
                "import:l1", "liyang-2017", "national"]
NUMBERS = st.one_of(
    st.integers(), st.integers(min_value=-(2**70), max_value=2**100), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 32767, 32768, 2**31, 2**63, 1e20, 10**29])
)
TEXT = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE_TEXT))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                      max_leaves=12)


AT = st.one_of(st.sampled_from(["2017-03-02T08:00:00+08:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                 "2099-01-01T00:00:00+08:00", "2017-03-02T08:00:00"]), VALUES)
# Values a real file would hold, so that lines get past the first checks to the deeper ones.
PLAUSIBLE = st.sampled_from(["溧城镇", "p1", "A1", "import:l1", "liyang-2017", "luoyang-2014", "national", "link", 1, 4, 11,
                             "2.5", 2014, True])


GOOD_AT = st.sampled_from(["2017-03-02T08:00:00+08:00", "2014-05-01T09:00:00+08:00"])


def _line_of(event_type):
    """A line of ``event_type``: mostly sound values, each field sometimes hostile, sometimes missing,
    so that lines reach every check (the unit lookup, the type's validator, the take-back pass)."""
    value = st.one_of(PLAUSIBLE, PLAUSIBLE, VALUES)
    required = {name: value for name in event_type.fields}
    optional = {name: value for name in (*event_type.optional, *event_type.field_specs()) if name not in required}
    return st.fixed_dictionaries(
        {
            "id": st.one_of(st.text("abcxyz0123", min_size=1, max_size=6), st.integers(0, 10**6), VALUES),
            "type": st.just(event_type.name),
            "at": st.one_of(GOOD_AT, GOOD_AT, AT),
            **required,
        },
        optional={**optional, "extra": VALUES},
    )


def _lines(types):
    return st.sampled_from(sorted(types)).flatmap(lambda name: _line_of(types[name]))


TYPES = None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_validator_only_ever_returns_messages(liyang, data):
    global TYPES
    TYPES = TYPES or registered()
    line = data.draw(st.one_of(_lines(TYPES), _lines(TYPES), VALUES))
    errors = _check_line(line, TYPES, ImportContext(units=_unit_names()))
    assert isinstance(errors, list) and all(isinstance(e, str) and e for e in errors)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.lists(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
                              VALUES.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"))),
                    min_size=1, max_size=5))
def test_a_file_of_random_bytes_is_a_report(liyang, tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("random") / "r.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in raw))
    before = DomainEvent.objects.count()
    try:
        result = import_events(path)
    except ImportFileError as exc:
        # An unreadable file (no encoding fits) is refused as a whole, in Chinese.
        assert "编码" in str(exc)
        return
    assert all(isinstance(n, int) and isinstance(m, str) for n, m in result.errors)
    if result.errors:
        assert DomainEvent.objects.count() == before
