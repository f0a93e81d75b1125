from datetime import date
from decimal import Decimal

from django.apps import apps

from wenming.assessment.models import Bulletin, Enrollment, Scheme
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


# A fixed "today" for the living demo: last month is October 2026, this year's scheme liyang-2026.
TODAY = date(2026, 11, 18)


def test_load_demo_builds_the_liyang_tree(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    ctx = load_demo(password="demo-pass-123", today=TODAY)
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
    load_demo(password="demo-pass-123", today=TODAY)
    first = snapshot()
    ctx = load_demo(password="demo-pass-123", today=TODAY)
    assert ctx.created == []
    assert snapshot() == first


def test_password_is_random_and_remembered(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    ctx = load_demo(today=TODAY)
    assert ctx.password.startswith("wm-") and len(ctx.password) > 10
    assert (tmp_path / "demo-passwords.txt").read_text().strip() == f"password={ctx.password}"
    again = load_demo(today=TODAY)
    assert again.password == ctx.password


def test_living_demo_has_this_years_targets_and_last_months_bulletin(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    ctx = load_demo(password="demo-pass-123", today=TODAY)
    scheme = Scheme.objects.get(slug="liyang-2026")
    assert ctx.scheme == scheme and scheme.name == "溧阳市掌上道德讲堂建设考核（2026）"
    assert [(rs.version, rs.effective_from) for rs in scheme.rulesets.all()] == [("2026.1", date(2026, 1, 1))]
    enrolled = list(scheme.enrollments.values_list("unit_id", flat=True))
    assert len(enrolled) == 29
    assert FollowerTarget.objects.filter(year=2026, unit_id__in=enrolled).count() == 29
    bulletin = Bulletin.objects.get(scheme=scheme)
    assert (bulletin.year, bulletin.month, bulletin.version) == (2026, 10, 1)
    rows = bulletin.data["rows"]
    assert len(rows) == 29
    points = [Decimal(r["values"]["points"]) for r in rows]
    assert all(p > 0 for p in points)
    assert len(set(points)) == len(points)  # no ties
    assert sorted(r["rank"] for r in rows) == list(range(1, 30))
    assert all(r["values"]["percent"] is not None for r in rows)
    assert sum(1 for r in rows if Decimal(r["values"]["percent"]) > 0) == 29  # every unit has followers
