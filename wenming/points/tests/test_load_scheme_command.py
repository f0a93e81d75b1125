"""wenming load-scheme: units, targets and rule sets from the data file, idempotently."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wenming.orgs.models import Unit
from wenming.points.models import RuleSet

pytestmark = pytest.mark.django_db


def test_load_twice_changes_nothing():
    out = StringIO()
    call_command("load-scheme", "liyang-2017", stdout=out)
    assert "27 个单位" in out.getvalue() and "2017.1" in out.getvalue()
    counts = Unit.objects.count(), RuleSet.objects.count()
    ruleset = RuleSet.objects.get()
    call_command("load-scheme", "liyang-2017", stdout=StringIO())
    assert (Unit.objects.count(), RuleSet.objects.count()) == counts
    assert RuleSet.objects.get().loaded_at == ruleset.loaded_at
    ids = {r["id"] for r in ruleset.rules}
    assert ids == {
        "1.headline", "1.second_third", "1.holiday", "1.reads", "1.likes", "2.share", "2.comment", "2.like",
        "3.lead", "4.held", "4.clicks", "5.repost", "5.repost_reads",
    }
    assert str(ruleset.effective_from) == "2017-01-01"


def test_unknown_scheme():
    with pytest.raises(CommandError, match="没有方案"):
        call_command("load-scheme", "nope", stdout=StringIO())
