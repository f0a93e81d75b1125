""""How points are earned" (积分怎么得): the rule set in force, in plain words.

Generated from the stored rule set exactly as the engine compiles it (``rules.compile_rules``), so
the page can never promise an amount the engine does not give: change the scheme file and the page
changes with it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from wenming.core.numbers import plain

from .models import RuleSet
from .rules import compile_rules

DAYS = {"workday": "工作日", "holiday": "节假日", "any": ""}
LEVELS = {"local": "县级", "prefecture": "市级", "province": "省级", "national": "国家级"}
STATS = {"reads_72h": "72小时阅读量", "likes": "点赞数", "clicks_72h": "72小时点击量"}


@dataclass(frozen=True)
class RuleLine:
    rule_id: str
    label: str
    how: str
    amount: str  # the points, as the page shows them ("+0.5", "5 / 10 / 100")
    for_person: bool


def ruleset_in_force(scheme, today: date) -> RuleSet | None:
    """The rule set the engine applies to an event of ``today`` (None before the first, or once the
    scheme has been rolled into a later year)."""
    ends = (scheme.params or {}).get("superseded_on")
    if ends and today >= date.fromisoformat(ends):
        return None
    return RuleSet.objects.filter(scheme=scheme, effective_from__lte=today).order_by("-effective_from").first()


def _tiers(tiers, compare: str, unit: str) -> tuple[str, str]:
    steps = "；".join(f"{compare}{plain(t.threshold)}{unit} {plain(t.amount)}分" for t in tiers)
    return steps, " / ".join(plain(t.amount) for t in tiers)


def explain(ruleset: RuleSet) -> list[RuleLine]:
    compiled = compile_rules(ruleset.rules, ruleset_id=ruleset.pk, version=ruleset.version)
    label = compiled.labels
    lines = []
    for event, (rule_id, amount, subjects) in compiled.acts.items():
        taken_back = any(back_event == event for back_event, _ref in compiled.take_backs.values())
        how = _("每次 +%(amount)s 分") % {"amount": plain(amount)}
        who = "、".join(w for s, w in (("person", _("本人")), ("unit", _("所在单位"))) if s in subjects)
        how += _("，记给%(who)s") % {"who": who}
        if taken_back:
            how += _("；撤销后扣回")
        lines.append(RuleLine(rule_id, label[rule_id], how, f"+{plain(amount)}", "person" in subjects))
    for rule_id, day, positions, amount in compiled.positions:
        where = "、".join(f"第{p}条" for p in sorted(positions)) or _("任一位置")
        how = _("单位稿件在公众号%(day)s推送于%(where)s，每篇 %(amount)s 分") % {
            "day": DAYS.get(day, ""), "where": where, "amount": plain(amount)
        }
        lines.append(RuleLine(rule_id, label[rule_id], how, plain(amount), False))
    for item, rules in compiled.tiers.items():
        for rule_id, stat, compare, tiers in rules:
            steps, amounts = _tiers(tiers, compare, "")
            what = _("公众号文章") if item == "article" else _("直播")
            how = _("%(what)s的%(stat)s：%(steps)s（只计最高一档）") % {
                "what": what, "stat": STATS.get(stat, stat), "steps": steps
            }
            lines.append(RuleLine(rule_id, label[rule_id], how, amounts, False))
    if compiled.held:
        rule_id, amount, requires = compiled.held
        how = _("单位举办直播，每场 %(amount)s 分") % {"amount": plain(amount)}
        if requires:
            how += _("（须提前申报）")
        lines.append(RuleLine(rule_id, label[rule_id], how, plain(amount), False))
    if compiled.repost:
        rule_id, levels, _channels = compiled.repost
        steps = "；".join(f"{LEVELS.get(k, k)} {plain(v)}分" for k, v in levels.items())
        lines.append(RuleLine(rule_id, label[rule_id], _("单位稿件被媒体转载：%(steps)s") % {"steps": steps},
                              " / ".join(plain(v) for v in levels.values()), False))
    if compiled.repost_bonus:
        rule_id, stat, compare, threshold, levels = compiled.repost_bonus
        steps = "；".join(f"{LEVELS.get(k, k)} {plain(v)}分" for k, v in levels.items())
        how = _("转载稿件%(stat)s%(compare)s%(threshold)s时另加：%(steps)s") % {
            "stat": STATS.get(stat, stat), "compare": compare, "threshold": plain(threshold), "steps": steps
        }
        lines.append(RuleLine(rule_id, label[rule_id], how, " / ".join(plain(v) for v in levels.values()), False))
    return lines
