"""Finding or creating the person behind a WeChat identity."""

import threading

import pytest
from django.db import connection

from wenming.people.choices import Role
from wenming.people.models import User
from wenming.wechat import actions


@pytest.mark.django_db
def test_first_visit_creates_a_verified_citizen():
    person = actions.login_person("o-first", nickname="小李")
    assert person.openid == "o-first" and person.display_name == "小李"
    assert person.is_verified and person.has_role(Role.CITIZEN)
    again = actions.login_person("o-first", nickname="改名")
    assert again.pk == person.pk and again.display_name == "小李"


@pytest.mark.django_db
def test_blank_openid_is_refused():
    with pytest.raises(ValueError):
        actions.login_person("")
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_first_visits_at_once_make_one_person(on_postgres):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def visit():
        try:
            barrier.wait()
            results.append(actions.login_person("o-race").pk)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=visit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert User.objects.filter(openid="o-race").count() == 1
    assert set(results) == {User.objects.get(openid="o-race").pk}
