from wenming.people.actions import choose_group
from wenming.people.queries import followers_at, followers_now, standings, unit_of_person_at
from wenming.testing.factories import UserFactory, shanghai


def test_last_choice_wins_and_history_is_kept(personas):
    p = personas
    walker = UserFactory(display_name="王五")
    choose_group(walker, p.town, at=shanghai(2017, 3, 1, 8, 0))
    choose_group(walker, p.dept, at=shanghai(2017, 4, 1, 8, 0))
    walker.refresh_from_db()
    assert walker.group == p.dept
    assert walker.group_choices.count() == 2
    now = followers_now([p.town.pk, p.dept.pk])
    assert now == {p.town.pk: 1, p.dept.pk: 1}  # the persona citizen is in town


def test_count_at_a_past_instant(personas):
    p = personas
    walker = UserFactory()
    choose_group(walker, p.town, at=shanghai(2017, 3, 10, 8, 0))
    choose_group(walker, p.dept, at=shanghai(2017, 5, 1, 0, 0))
    # before walker's first choice: only the persona citizen (joined 1 March)
    assert followers_at(shanghai(2017, 3, 5)).get(p.town.pk) == 1
    # in April walker counts for the town
    assert followers_at(shanghai(2017, 4, 30, 23, 59)) == {p.town.pk: 2}
    # at the very instant of the move the new choice is in force
    after = followers_at(shanghai(2017, 5, 1, 0, 0))
    assert after == {p.town.pk: 1, p.dept.pk: 1}
    assert unit_of_person_at(walker.pk, shanghai(2017, 4, 1)) == p.town.pk
    assert unit_of_person_at(walker.pk, shanghai(2017, 1, 1)) is None


def test_choosing_an_earlier_dated_choice_does_not_override_a_later_one(personas):
    # An import may bring an old choice after a newer one was made: the latest in time wins.
    p = personas
    walker = UserFactory()
    choose_group(walker, p.dept, at=shanghai(2017, 6, 1))
    choose_group(walker, p.town, at=shanghai(2017, 2, 1))
    walker.refresh_from_db()
    assert walker.group == p.dept


def test_standings_one_query_per_table(personas, django_assert_max_num_queries):
    from wenming.orgs import actions

    p = personas
    actions.set_number_target(p.town, 2017, 4)
    for _ in range(3):
        choose_group(UserFactory(), p.town)
    with django_assert_max_num_queries(2):
        rows = standings([p.town, p.dept], 2017)
    town_row = rows[0]
    assert (town_row.followers, town_row.required, town_row.met) == (4, 4, True)
    assert str(town_row.percent) == "100.00"
    assert rows[1].target is None and rows[1].met is False
