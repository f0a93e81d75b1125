"""Rule sets from a scheme's data file: stored when ``assessment.schemes.load_scheme`` runs."""

from datetime import date

from .models import RuleSet
from .rules import RuleError, compile_rules


def store_rulesets(sender, scheme, data, **kwargs) -> None:
    """Create or update each ``[[rulesets]]`` of the file (idempotent; checked before storing)."""
    for block in data.get("rulesets", []):
        version = str(block.get("version", "")).strip()
        if not version:
            raise RuleError("规则集缺少 version")
        rules = block.get("rules", [])
        compile_rules(rules, version=version)
        effective = block["effective_from"]
        effective = effective if isinstance(effective, date) else date.fromisoformat(str(effective))
        existing = RuleSet.objects.filter(scheme=scheme, version=version).first()
        if existing is None:
            RuleSet.objects.create(scheme=scheme, version=version, effective_from=effective, rules=rules)
        elif existing.rules != rules or existing.effective_from != effective:
            existing.rules, existing.effective_from = rules, effective
            existing.save(update_fields=["rules", "effective_from", "loaded_at"])


def roll_ruleset(old_scheme, new_scheme, effective: date) -> RuleSet | None:
    """The rule set in force at the end of ``old_scheme`` copied to ``new_scheme`` as version
    "<year>.1", effective ``effective``; kept as it is when the new scheme already has one."""
    existing = RuleSet.objects.filter(scheme=new_scheme).order_by("effective_from").first()
    if existing is not None:
        return existing
    source = RuleSet.objects.filter(scheme=old_scheme).order_by("-effective_from").first()
    if source is None:
        return None
    return RuleSet.objects.create(
        scheme=new_scheme, version=f"{effective.year}.1", effective_from=effective, rules=source.rules
    )
