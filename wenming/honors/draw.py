"""The panel draw as a pure function, so the action and ``wenming verify-draw`` share one rule."""

import random


def canonical_pool(experts) -> list[list[int]]:
    """``[[expert_id, unit_id], ...]`` sorted by expert id: the order the draw samples from."""
    return sorted([int(e[0]), int(e[1])] for e in experts)


def draw_panel(seed: str, pool: list[list[int]], size: int) -> list[int]:
    """The drawn expert ids, sorted. The same seed and pool always give the same panel."""
    ids = [expert_id for expert_id, _unit in pool]
    return sorted(random.Random(seed).sample(ids, size))
