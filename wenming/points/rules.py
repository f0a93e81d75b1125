"""Rule sets as data: reading a scheme file's ``[[rulesets]]`` into something the engine can apply.

The code knows the *kinds* of rule RULES.md §1.3 describes; every amount, threshold, position,
tier edge, outlet level and event type comes from the data file. A rule table::

    { id = "1.reads", kind = "tiers", item = "article", stat = "reads_72h", compare = ">=",
      label = "72小时阅读量", tiers = [{ threshold = 3000, amount = "5" }, ...] }

Kinds: ``article_position`` (day = workday|holiday|any, positions = [] for any), ``tiers``
(exclusive: only the highest tier reached counts; compare ">=" or ">"), ``act`` (a person's
act: ``event``, ``amount``, ``subjects`` person/unit, optional ``taken_back_by`` + ``reference``),
``livestream_held`` (``requires`` a declaration earlier than the holding), ``repost`` (``levels``
amounts, ``channel_levels`` remaps such as national-in-the-prefecture-channel → province) and
``repost_reads`` (a bonus per level when ``stat`` reaches ``threshold``).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from wenming.core.numbers import to_decimal

KINDS = {"article_position", "tiers", "act", "livestream_held", "repost", "repost_reads"}


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Tier:
    threshold: Decimal
    amount: Decimal


@dataclass
class CompiledRules:
    """One rule set, indexed for scoring."""

    ruleset_id: int | None
    version: str
    labels: dict[str, str] = field(default_factory=dict)
    acts: dict[str, tuple[str, Decimal, frozenset]] = field(default_factory=dict)
    take_backs: dict[str, tuple[str, str]] = field(default_factory=dict)
    positions: list[tuple[str, str, frozenset, Decimal]] = field(default_factory=list)
    tiers: dict[str, list[tuple[str, str, str, list[Tier]]]] = field(default_factory=dict)
    held: tuple[str, Decimal, str] | None = None
    repost: tuple[str, dict[str, Decimal], dict[str, str]] | None = None
    repost_bonus: tuple[str, str, str, Decimal, dict[str, Decimal]] | None = None

    @property
    def act_types(self) -> set[str]:
        return set(self.acts)

    def tier_amount(self, item: str, stats: dict) -> list[tuple[str, Decimal, str]]:
        """(rule id, amount, note) for each tier rule of ``item`` the stats reach (highest tier only)."""
        out = []
        for rule_id, stat, compare, tiers in self.tiers.get(item, []):
            value = stats.get(stat)
            if value is None:
                continue
            value = to_decimal(value)
            reached = [t for t in tiers if (value >= t.threshold if compare == ">=" else value > t.threshold)]
            if reached:
                best = max(reached, key=lambda t: t.threshold)
                out.append((rule_id, best.amount, f"{stat}={value} {compare}{best.threshold}"))
        return out


def _amount(rule: dict, key: str = "amount") -> Decimal:
    if key not in rule:
        raise RuleError(f"规则 {rule.get('id')} 缺少 {key}")
    return to_decimal(rule[key])


def compile_rules(rules: list[dict], *, ruleset_id=None, version: str = "") -> CompiledRules:
    out = CompiledRules(ruleset_id=ruleset_id, version=version)
    seen = set()
    for rule in rules:
        rule_id, kind = rule.get("id"), rule.get("kind")
        if not rule_id or kind not in KINDS:
            raise RuleError(f"规则缺少 id 或类型未知：{rule!r}")
        if rule_id in seen:
            raise RuleError(f"规则编号重复：{rule_id}")
        seen.add(rule_id)
        out.labels[rule_id] = rule.get("label", rule_id)
        if kind == "act":
            out.acts[rule["event"]] = (rule_id, _amount(rule), frozenset(rule.get("subjects", ["person", "unit"])))
            if rule.get("taken_back_by"):
                out.take_backs[rule["taken_back_by"]] = (rule["event"], rule["reference"])
        elif kind == "article_position":
            day = rule.get("day", "any")
            if day not in {"workday", "holiday", "any"}:
                raise RuleError(f"规则 {rule_id} 的 day 只能是 workday/holiday/any")
            out.positions.append((rule_id, day, frozenset(int(p) for p in rule.get("positions", [])), _amount(rule)))
        elif kind == "tiers":
            compare = rule.get("compare", ">=")
            if compare not in {">=", ">"}:
                raise RuleError(f"规则 {rule_id} 的 compare 只能是 >= 或 >")
            tiers = sorted(
                (Tier(to_decimal(t["threshold"]), to_decimal(t["amount"])) for t in rule["tiers"]),
                key=lambda t: t.threshold,
            )
            out.tiers.setdefault(rule["item"], []).append((rule_id, rule["stat"], compare, tiers))
        elif kind == "livestream_held":
            out.held = (rule_id, _amount(rule), rule.get("requires", ""))
        elif kind == "repost":
            levels = {k: to_decimal(v) for k, v in rule["levels"].items()}
            out.repost = (rule_id, levels, dict(rule.get("channel_levels", {})))
        elif kind == "repost_reads":
            levels = {k: to_decimal(v) for k, v in rule["levels"].items()}
            out.repost_bonus = (rule_id, rule["stat"], rule.get("compare", ">="), to_decimal(rule["threshold"]), levels)
    return out
