"""Two submissions for one WeChat account at the same moment store one row (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from wenming.netcivility import actions
from wenming.netcivility.models import FollowSubmission

from .factories import FollowSurveyFactory, WechatUserFactory


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_for_one_openid(on_postgres, personas):
    survey = FollowSurveyFactory(region=personas.county)
    person = WechatUserFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit(unit):
        try:
            barrier.wait()
            results.append(actions.submit(survey, person, unit))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(unit,)) for unit in (personas.town, personas.dept)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert FollowSubmission.objects.filter(survey=survey).count() == 1
    stored = FollowSubmission.objects.get(survey=survey)
    # Both callers get the one stored answer; exactly one of them created it.
    assert {sub.pk for sub, _created in results} == {stored.pk}
    assert sorted(created for _sub, created in results) == [False, True]
