from django.contrib.auth.models import AnonymousUser

from wenming.people.permissions import can, scope_units


def test_liaison_acts_on_own_unit_only(personas):
    p = personas
    assert can(p.liaison, "view_unit", p.town)
    assert can(p.liaison, "declare_livestream", p.town)
    assert not can(p.liaison, "view_unit", p.dept)
    assert not can(p.liaison, "moderate", p.town)
    assert set(scope_units(p.liaison, "view_unit")) == {p.town}


def test_leader_views_but_does_not_manage(personas):
    p = personas
    assert can(p.leader, "view_unit", p.town)
    assert not can(p.leader, "manage_unit", p.town)


def test_editor_scope_is_the_region_subtree(personas):
    p = personas
    assert can(p.editor, "moderate", p.town)
    assert can(p.editor, "moderate", p.county)
    assert not can(p.editor, "moderate", p.other_city)
    assert not can(p.outsider_editor, "moderate", p.town)
    assert set(scope_units(p.editor, "moderate")) == {p.county, p.town, p.town2, p.dept}


def test_objects_with_a_unit_are_checked_through_it(personas):
    class Story:
        unit = personas.town

    assert can(personas.editor, "moderate", Story())
    assert not can(personas.outsider_editor, "moderate", Story())


def test_admin_everywhere_citizen_nowhere(personas):
    p = personas
    assert can(p.admin, "publish", p.other_city)
    assert scope_units(p.admin, "view_unit").count() == 7
    assert not can(p.citizen, "view_unit", p.town)
    assert not can(AnonymousUser(), "view_unit", p.town)
    assert not scope_units(AnonymousUser(), "view_unit").exists()


def test_inactive_user_may_do_nothing(personas):
    p = personas
    p.editor.is_active = False
    assert not can(p.editor, "moderate", p.town)


def test_unknown_action_is_a_programming_error(personas):
    import pytest

    with pytest.raises(ValueError):
        can(personas.admin, "fly", personas.town)
