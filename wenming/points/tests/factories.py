"""Factories and helpers for points tests."""

import json
from pathlib import Path

import factory

from wenming.points.models import CatalogueItem


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem

    name = factory.Sequence(lambda n: f"兑换品{n}")
    cost = "1.00"
    stock = 10
    per_person_limit = 1


def write_jsonl(path: Path, events: list) -> Path:
    """Write events (dicts, or raw strings for bad lines) as a JSON Lines file."""
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
