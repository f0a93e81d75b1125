from decimal import Decimal

import pytest

from wenming.orgs import actions
from wenming.orgs.choices import Combinator
from wenming.orgs.targets import completion


@pytest.mark.parametrize(
    ("headcount", "followers", "met"),
    [
        (60, 30, True),  # 50% of 60 = 30 is enough under OR
        (60, 29, False),
        (200, 50, True),  # 50 people is enough even though 50% would be 100
        (200, 49, False),
        (None, 50, True),  # no headcount known: the people threshold alone
        (None, 49, False),
        (0, 0, True),  # an empty unit: 50% of nobody
    ],
)
def test_formula_target_or(personas, headcount, followers, met):
    unit = personas.dept
    unit.headcount = headcount
    target = actions.set_formula_target(unit, 2017, min_people=50, share=Decimal("0.5"))
    assert target.is_met(followers, headcount) is met


def test_formula_target_and_needs_both(personas):
    target = actions.set_formula_target(
        personas.dept, 2017, min_people=50, share=Decimal("0.5"), combinator=Combinator.AND
    )
    assert target.required(60) == 50
    assert target.required(200) == 100
    assert target.describe() == "≥50人且≥50%总人数"


def test_number_target(personas):
    target = actions.set_number_target(personas.town, 2017, 6000)
    assert target.required(None) == 6000
    assert not target.is_met(5999, None)
    assert target.is_met(6000, None)
    assert target.describe() == "6000"


def test_share_rounds_up():
    # 50% of 61 people is 30.5: thirty people do not reach it.
    from types import SimpleNamespace

    from wenming.orgs.targets import required_followers

    t = SimpleNamespace(kind="formula", min_people=100, share=Decimal("0.5"), combinator="or")
    assert required_followers(t, 61) == 31


def test_completion_percent():
    assert completion(1234, 6000) == Decimal("20.57")
    assert completion(10, None) is None
