"""积分怎么得: generated from the rule set in force, linked from the points figures; 积分不足 says how many."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wenming.assessment.rolling import roll_scheme
from wenming.points import actions, explain
from wenming.points.models import RuleSet
from wenming.points.rules import compile_rules

from .factories import CatalogueItemFactory
from .helpers import ev

pytestmark = pytest.mark.django_db


def test_every_rule_of_the_set_in_force_is_explained_with_the_engines_amounts(liyang):
    ruleset = explain.ruleset_in_force(liyang, date(2017, 6, 1))
    lines = explain.explain(ruleset)
    assert {line.rule_id for line in lines} == {rule["id"] for rule in ruleset.rules}
    compiled = compile_rules(ruleset.rules)
    by_id = {line.rule_id: line for line in lines}
    for _event, (rule_id, amount, subjects) in compiled.acts.items():
        assert by_id[rule_id].amount == f"+{amount.normalize():f}"
        assert by_id[rule_id].for_person == ("person" in subjects)
    assert "撤销后扣回" in by_id["2.like"].how and by_id["2.like"].amount == "+0.05"
    assert by_id["1.headline"].how == "单位稿件在公众号工作日推送于第1条，每篇 10 分"
    assert by_id["1.reads"].amount == "5 / 10 / 100"


def test_the_page_follows_a_changed_rule_set(client, liyang, personas):
    """Change the amount in the stored rule set: the page changes with it (nothing hard-coded)."""
    ruleset = RuleSet.objects.get(scheme=liyang)
    rules = [dict(r, amount="0.8") if r["id"] == "2.share" else r for r in ruleset.rules]
    RuleSet.objects.filter(pk=ruleset.pk).update(rules=rules)
    roll_scheme(liyang, 2018)  # a later year in force today: the page reads its own rule set
    client.force_login(personas.citizen)
    html = client.get(reverse("points:how_to_earn")).content.decode()
    assert "规则版本 2018.1" in html and "i分享被录用" in html and "每次 +0.8 分" in html
    assert "工作日头条" in html and "单位的积分" in html


def test_a_superseded_scheme_has_no_rule_set_in_force(liyang):
    roll_scheme(liyang, 2018)
    liyang.refresh_from_db()
    assert explain.ruleset_in_force(liyang, date(2017, 12, 31)).version == "2017.1"
    assert explain.ruleset_in_force(liyang, date(2018, 1, 1)) is None


def test_points_figures_link_to_the_rules_page(client, liyang, personas):
    client.force_login(personas.citizen)
    url = reverse("points:how_to_earn")
    mine = client.get(reverse("points:mine")).content.decode()
    assert mine.count(f'href="{url}"') >= 4  # three figures and the button
    catalogue = client.get(reverse("points:catalogue")).content.decode()
    assert f'href="{url}"' in catalogue


def test_not_enough_points_says_how_many_more(client, liyang, personas):
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=personas.citizen, lead="x-1")  # +1
    item = CatalogueItemFactory(name="公益电影票", cost="5.00")
    with pytest.raises(actions.PointsError, match="积分不足，还差 4 分"):
        actions.place_order(personas.citizen, item)
    cheap = CatalogueItemFactory(name="环保袋", cost="0.50")
    client.force_login(personas.citizen)
    html = client.get(reverse("points:catalogue")).content.decode()
    assert "积分不足，还差 4 分" in html
    # The affordable item keeps its button; the other has none to press.
    assert reverse("points:order", args=[cheap.pk]) in html
    assert reverse("points:order", args=[item.pk]) not in html
    assert Decimal(item.cost) == Decimal("5")
