"""wenming roll-scheme: a scheme's units, targets and rule set into a new year, once."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wenming.assessment.models import Bulletin, Enrollment, Scheme
from wenming.assessment.schemes import load_scheme, read_scheme_file
from wenming.orgs.models import FollowerTarget
from wenming.points import queries
from wenming.points.models import Entry, RuleSet
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db


def test_roll_copies_units_targets_and_rules_as_a_new_version(capsys):
    old = load_scheme("liyang-2017")
    call_command("roll-scheme", "liyang-2017", "--year", "2026")
    assert "已生成方案 liyang-2026" in capsys.readouterr().out
    new = Scheme.objects.get(slug="liyang-2026")
    assert new.name == "溧阳市掌上道德讲堂建设考核（2026）" and new.year == 2026
    assert new.params["work_group_deadline"] == "2026-03-27" and new.params["rolled_from"] == "liyang-2017"
    assert list(new.enrollments.values_list("unit__name", flat=True)) == list(
        old.enrollments.values_list("unit__name", flat=True)
    )
    town = FollowerTarget.objects.get(unit__name="溧城镇", year=2026)
    assert town.number == 6000
    assert FollowerTarget.objects.filter(year=2026).count() == old.enrollments.count()
    ruleset = RuleSet.objects.get(scheme=new)
    assert (ruleset.version, ruleset.effective_from) == ("2026.1", date(2026, 1, 1))
    assert ruleset.rules == RuleSet.objects.get(scheme=old).rules
    old.refresh_from_db()
    assert old.params["superseded_on"] == "2026-01-01"
    # The rolled scheme has no file: its labels come from the file it was rolled from.
    assert read_scheme_file("liyang-2026")["scheme"]["slug"] == "liyang-2017"


def test_roll_is_idempotent_and_keeps_an_office_change(capsys):
    load_scheme("liyang-2017")
    call_command("roll-scheme", "liyang-2017", "--year", "2026")
    FollowerTarget.objects.filter(unit__name="溧城镇", year=2026).update(number=6500)
    counts = Scheme.objects.count(), Enrollment.objects.count(), FollowerTarget.objects.count(), RuleSet.objects.count()
    call_command("roll-scheme", "liyang-2017", "--year", "2026")
    assert "已存在，未改动" in capsys.readouterr().out
    assert (Scheme.objects.count(), Enrollment.objects.count(), FollowerTarget.objects.count(), RuleSet.objects.count()) == counts
    assert FollowerTarget.objects.get(unit__name="溧城镇", year=2026).number == 6500
    # Reloading the old file keeps the mark of the roll.
    load_scheme("liyang-2017")
    assert Scheme.objects.get(slug="liyang-2017").params["superseded_on"] == "2026-01-01"


def test_points_of_the_new_year_are_counted_once(personas):
    old = load_scheme("liyang-2017")
    from wenming.assessment.rolling import roll_scheme

    new, _created = roll_scheme(old, 2026)
    from wenming.journal.actions import record_event

    record_event(key="t:lead", type="lead_accepted", at=shanghai(2026, 3, 2, 9), person=personas.citizen, data={"lead": "1"})
    assert Entry.objects.filter(person=personas.citizen, scheme=old).count() == 0
    assert Entry.objects.filter(person=personas.citizen, scheme=new).count() == 1
    assert queries.person_total(personas.citizen) == 1
    assert not Bulletin.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["liyang-2017", "--year", "2017"], "必须晚于"), (["nope-2017", "--year", "2026"], "没有方案")],
)
def test_bad_rolls_are_refused_in_chinese(args, message):
    load_scheme("liyang-2017")
    with pytest.raises(CommandError, match=message):
        call_command("roll-scheme", *args)


def test_a_rolled_scheme_cannot_be_loaded_as_a_file():
    from wenming.assessment.schemes import SchemeError

    load_scheme("liyang-2017")
    call_command("roll-scheme", "liyang-2017", "--year", "2026")
    with pytest.raises(SchemeError, match="roll-scheme"):
        load_scheme("liyang-2026")
