import pytest

from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.testing.factories import UnitFactory, UserFactory


@pytest.fixture
def county2(personas):
    """A second county office under 常州市."""
    return UnitFactory(name="金坛区", kind="county", parent=personas.city)


@pytest.fixture
def city_editor(personas):
    """The city office (常州市文明办): sees every county under the city."""
    user = UserFactory(username="city_editor", display_name="常州市文明办")
    people_actions.grant_role(user, Role.EDITOR, personas.city)
    return user
