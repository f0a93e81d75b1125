"""Plain-Chinese descriptions of ledger entries ("点赞 +0.05"), from the rule set's own labels."""

from functools import lru_cache

from django.utils.translation import gettext as _

from wenming.core.numbers import plain

from .choices import EntryKind
from .models import RuleSet


@lru_cache(maxsize=64)
def _labels(ruleset_id: int, loaded_at) -> dict[str, str]:
    rules = RuleSet.objects.filter(pk=ruleset_id).values_list("rules", flat=True).first() or []
    return {r.get("id"): r.get("label", r.get("id")) for r in rules}


def rule_label(ruleset, rule_id: str) -> str:
    if ruleset is None:
        return rule_id
    return _labels(ruleset.pk, ruleset.loaded_at).get(rule_id, rule_id)


def entry_label(entry) -> str:
    """What the entry is for, in words a citizen understands."""
    if entry.kind == EntryKind.ADJUSTMENT:
        return _("人工调整：%(reason)s") % {"reason": entry.reason}
    if entry.kind == EntryKind.REDEMPTION:
        return _("积分兑换：%(note)s") % {"note": entry.note}
    label = rule_label(entry.ruleset, entry.rule)
    if entry.note == "撤销":
        return _("%(label)s（已撤销）") % {"label": label}
    return f"{label}（{entry.note}）" if entry.note else label


def entry_line(entry) -> str:
    sign = "+" if entry.amount > 0 else ""
    return f"{entry_label(entry)} {sign}{plain(entry.amount)}"
