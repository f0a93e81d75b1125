"""Target arithmetic (RULES.md §1.1), kept in one place so the bulletin and console agree."""

import math
from decimal import Decimal

from .choices import Combinator, TargetKind


def required_followers(target, headcount: int | None) -> int | None:
    """The smallest follower count that meets the target.

    For a formula target with OR the lower of the two thresholds is enough; with AND the higher.
    Without a headcount only the people threshold can be judged.
    """
    if target.kind == TargetKind.NUMBER:
        return target.number
    by_people = target.min_people
    if headcount is None:
        return by_people
    by_share = math.ceil(Decimal(headcount) * target.share)
    if target.combinator == Combinator.OR:
        return min(by_people, by_share)
    return max(by_people, by_share)


def target_met(target, followers: int, headcount: int | None) -> bool:
    needed = required_followers(target, headcount)
    return needed is not None and followers >= needed


def completion(followers: int, needed: int | None) -> Decimal | None:
    """Percent complete, two decimals, capped at nothing (over-achievement shows as >100)."""
    if not needed:
        return None
    return (Decimal(followers) * 100 / Decimal(needed)).quantize(Decimal("0.01"))
