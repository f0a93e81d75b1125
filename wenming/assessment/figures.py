"""Figures other apps compute for an itemised scheme's ``standard = "figure"`` items.

A figure is a share from 0 to 1 per unit for a year (a prompt completion rate, a quota compliance);
the item scores its points times that share. Apps register their figures at start-up, so
assessment reads them without importing the app.
"""

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

Figure = Callable[[int, list[int]], dict[int, Decimal | None]]
_FIGURES: dict[str, Figure] = {}
CENT = Decimal("0.01")


def register(name: str, fn: Figure) -> None:
    """``fn(year, unit_ids) -> {unit_id: share or None}``."""
    _FIGURES[name] = fn


def names() -> list[str]:
    return sorted(_FIGURES)


def shares(name: str, year: int, unit_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each unit's share, clamped to 0..1; a unit the figure does not know (or nothing due) has 0."""
    fn = _FIGURES.get(name)
    if fn is None:
        raise KeyError(f"unknown figure {name!r}; known: {', '.join(names())}")
    found = fn(year, list(unit_ids))
    return {uid: min(max(value, Decimal(0)), Decimal(1)) for uid, value in found.items() if value is not None}


def score(points: Decimal, share: Decimal | None) -> Decimal:
    return (points * (share or Decimal(0))).quantize(CENT, rounding=ROUND_HALF_UP)
