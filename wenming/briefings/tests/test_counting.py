"""The counting rule at its edges (RULES.md §6): once, in the Shanghai year of the first adoption."""

from datetime import UTC, datetime

import pytest

from wenming.briefings import actions
from wenming.briefings.choices import Level
from wenming.briefings.queries import adoption_report_for_year, level_points, unit_adoptions
from wenming.testing.factories import shanghai

from .factories import articles_section, draft_issue, office, submit

pytestmark = pytest.mark.django_db


def _row(year, name="常州市"):
    report = adoption_report_for_year(year)
    row = next((r for r in report.cities if r.region == name), None)
    return (row.city_level, row.county_level) if row else None


def test_a_piece_carried_by_two_issues_counts_once(personas):
    o = office(personas)
    one, two = draft_issue(personas, number=35), draft_issue(personas, number=36)
    m = submit(personas)
    actions.adopt(m, one, articles_section(one), actor=o.editor, at=shanghai(2022, 6, 1, 9, 0))
    actions.adopt(m, two, articles_section(two), actor=o.editor, at=shanghai(2022, 12, 28, 9, 0))
    assert _row(2022) == (0, 1)
    assert adoption_report_for_year(2022).total == 1


def test_first_adopted_in_an_earlier_year_counts_there_only(personas):
    o = office(personas)
    old, new = draft_issue(personas, year=2021, number=12), draft_issue(personas, year=2022, number=1)
    m = submit(personas, unit=personas.city)
    actions.adopt(m, new, articles_section(new), actor=o.editor, at=shanghai(2022, 1, 10, 9, 0))
    actions.adopt(m, old, articles_section(old), actor=o.editor, at=shanghai(2021, 12, 30, 9, 0))
    assert _row(2021) == (1, 0)
    assert _row(2022) is None


def test_31_december_23_30_shanghai_is_that_year_16_30_utc_is_the_next(personas):
    o = office(personas)
    issue = draft_issue(personas, number=40)
    late_local = submit(personas, title="甲")
    late_utc = submit(personas, title="乙")
    actions.adopt(late_local, issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 12, 31, 23, 30))
    actions.adopt(late_utc, issue, articles_section(issue), actor=o.editor, at=datetime(2022, 12, 31, 16, 30, tzinfo=UTC))
    assert _row(2022) == (0, 1)
    assert _row(2023) == (0, 1)


def test_never_adopted_does_not_count_and_a_county_counts_for_its_city(personas):
    o = office(personas)
    issue = draft_issue(personas)
    submit(personas, title="未录用")
    actions.adopt(submit(personas, title="县稿"), issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 5, 1, 9, 0))
    actions.adopt(submit(personas, title="市稿", unit=personas.city), issue, articles_section(issue), actor=o.editor,
                  at=shanghai(2022, 5, 1, 9, 0))
    report = adoption_report_for_year(2022)
    assert [(r.region, r.city_level, r.county_level, r.total) for r in report.cities] == [("常州市", 1, 1, 2)]
    assert report.csv_rows()[-1] == ["合计", 1, 1, 2]
    standing = unit_adoptions(personas.county, 2022)
    assert standing.row.total == 2 and standing.rank == 1 and standing.own_adopted == 1
    assert [m.title for m in standing.pieces] == ["县稿"]
    from django.utils import timezone

    from wenming.core.periods import to_local

    this_year = unit_adoptions(personas.county, to_local(timezone.now()).year)
    assert "未录用" in [m.title for m in this_year.pieces] and this_year.own_adopted == 0


def test_level_points_default_and_as_configured(personas):
    from wenming.briefings.models import LevelPoints

    o = office(personas)
    issue = draft_issue(personas)
    m = submit(personas)
    actions.adopt(m, issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 5, 1, 9, 0))
    actions.adopt_at_level(m, Level.NATIONAL, actor=o.editor, at=shanghai(2022, 6, 1, 9, 0), outlet="中国文明网")
    assert level_points([personas.county.pk], 2022) == {personas.county.pk: 70}
    LevelPoints.objects.create(level=Level.NATIONAL, points="45.5")
    assert str(level_points([personas.county.pk], 2022)[personas.county.pk]) == "65.50"
