from django.apps import apps

from wenming.assessment.models import Enrollment, Scheme
from wenming.core.demo import load_demo
from wenming.orgs.models import FollowerTarget, Unit
from wenming.orgs.queries import in_work_group


def snapshot():
    """Every row of every model, as plain values: the idempotence test compares two of these."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin"}:
            continue
        state[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return state


def test_load_demo_builds_the_liyang_tree(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    ctx = load_demo(password="demo-pass-123")
    liyang = Unit.objects.get(name="溧阳市")
    assert [u.name for u in liyang.ancestors()] == ["江苏省", "常州市"]
    scheme = Scheme.objects.get(slug="liyang-2017")
    named = Enrollment.objects.filter(scheme=scheme, is_other=False)
    assert named.count() == 27
    targets = FollowerTarget.objects.filter(year=2017, unit__enrollments__in=named)
    assert sum(t.number for t in targets) == 49700
    assert FollowerTarget.objects.get(unit__name="溧城镇", year=2017).number == 6000
    other = Enrollment.objects.filter(scheme=scheme, is_other=True)
    assert other.count() >= 1  # row 28, "其他单位", by formula
    formula = FollowerTarget.objects.get(unit=other.first().unit, year=2017)
    assert (formula.min_people, str(formula.share), formula.combinator) == (50, "0.5000", "or")
    for enrollment in named.select_related("unit"):
        assert enrollment.unit.liaison_id and enrollment.unit.leader_id
    from datetime import date

    from wenming.orgs.models import WorkGroup

    group = WorkGroup.objects.get(name="溧阳市掌上道德讲堂工作群")
    town = Unit.objects.get(name="溧城镇")
    assert in_work_group(town.liaison, group, date(2017, 3, 27))
    assert ctx.users["citizen2"].group.name == "教育局"  # last choice wins
    assert ctx.users["admin"].check_password("demo-pass-123")


def test_load_demo_is_idempotent(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    load_demo(password="demo-pass-123")
    first = snapshot()
    ctx = load_demo(password="demo-pass-123")
    assert ctx.created == []
    assert snapshot() == first


def test_password_is_random_and_remembered(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    ctx = load_demo()
    assert ctx.password.startswith("wm-") and len(ctx.password) > 10
    assert (tmp_path / "demo-passwords.txt").read_text().strip() == f"password={ctx.password}"
    again = load_demo()
    assert again.password == ctx.password
