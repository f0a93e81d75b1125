"""Loading a scheme from its data file in ``wenming/schemes/<slug>.toml``.

The file is the single source of a scheme's units, targets and parameters. Loading is
idempotent: a second run finds everything in place and changes nothing. Other domains extend a
load through ``scheme_loaded`` (the points engine reads its rule sets from the same file).
"""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.dispatch import Signal

from wenming.orgs import actions as org_actions
from wenming.orgs.models import Unit, WorkGroup

from .models import Enrollment, Item, Scheme

SCHEME_DIR = Path(__file__).resolve().parent.parent / "schemes"

# Sent with ``scheme`` and ``data`` (the parsed file) inside the loading transaction.
scheme_loaded = Signal()


class SchemeError(Exception):
    pass


def available_schemes() -> list[str]:
    return sorted(p.stem for p in SCHEME_DIR.glob("*.toml"))


def read_scheme_file(slug: str) -> dict:
    path = SCHEME_DIR / f"{slug}.toml"
    if not path.is_file():
        # A scheme rolled into a new year (``roll-scheme``) has no file of its own: its rule
        # labels and parameters are those of the file it was rolled from.
        rolled = Scheme.objects.filter(slug=slug).values_list("params", flat=True).first() or {}
        if rolled.get("rolled_from") and rolled["rolled_from"] != slug:
            return read_scheme_file(rolled["rolled_from"])
        raise SchemeError(f"没有方案 {slug!r}；可用：{', '.join(available_schemes())}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def region_of(data: dict) -> Unit | None:
    """Create (or find) the region path the scheme hangs under; returns the lowest region."""
    parent = None
    for node in data["scheme"].get("region_path", []):
        parent, _ = org_actions.ensure_unit(node["name"], node["kind"], parent)
    return parent


@transaction.atomic
def load_scheme(slug: str, *, actor=None) -> Scheme:
    data = read_scheme_file(slug)
    meta = data["scheme"]
    if meta["slug"] != slug:
        raise SchemeError(f"方案 {slug} 由 roll-scheme 生成，没有自己的数据文件；请载入 {meta['slug']}")
    region = region_of(data)
    params = {k: v for k, v in meta.items() if k not in {"slug", "name", "kind", "year", "source", "region_path"}}
    # What a roll into a later year recorded on this row is not in the file: reloading keeps it.
    kept = Scheme.objects.filter(slug=slug).values_list("params", flat=True).first() or {}
    params.update({k: kept[k] for k in ("superseded_on", "superseded_by") if k in kept})
    scheme, _ = Scheme.objects.update_or_create(
        slug=meta["slug"],
        defaults={
            "name": meta["name"],
            "kind": meta.get("kind", "points"),
            "region": region,
            "year": meta.get("year"),
            "source": meta.get("source", ""),
            "params": params,
        },
    )
    year = meta.get("year")
    for order, row in enumerate(data.get("units", []), start=1):
        unit, _ = org_actions.ensure_unit(row["name"], row.get("kind", "other"), region, sort_order=order)
        Enrollment.objects.get_or_create(scheme=scheme, unit=unit, defaults={"sort_order": order})
        if year and "target" in row:
            org_actions.set_number_target(unit, year, int(row["target"]), actor=actor)
    _load_items(scheme, data.get("items", []))
    if meta.get("work_group"):
        WorkGroup.objects.get_or_create(name=meta["work_group"], defaults={"region": region})
    scheme_loaded.send(sender=Scheme, scheme=scheme, data=data)
    return scheme


def _load_items(scheme: Scheme, rows: list[dict]) -> None:
    """Itemised schemes (Luoyang 2014): each item with its points and standard, updated in place."""
    for row in rows:
        Item.objects.update_or_create(
            scheme=scheme,
            number=int(row["number"]),
            defaults={
                "title": row["title"],
                "points": Decimal(str(row["points"])),
                "standard": row["standard"],
                "deadlines": list(row.get("deadlines", [])),
                "quality_scored": bool(row.get("quality_scored", False)),
                "needs_seal": bool(row.get("needs_seal", False)),
                "figure": row.get("figure", ""),
            },
        )


@transaction.atomic
def enroll_other_unit(scheme: Scheme, name: str, *, headcount: int | None = None, kind: str = "other", actor=None):
    """Enroll a unit not named in the table; it gets the scheme's formula target ("其他单位")."""
    unit, _ = org_actions.ensure_unit(name, kind, scheme.region, headcount=headcount)
    enrollment, _ = Enrollment.objects.get_or_create(
        scheme=scheme, unit=unit, defaults={"is_other": True, "sort_order": 1000 + unit.pk}
    )
    rule = scheme.params.get("other_units_target")
    if rule and scheme.year:
        org_actions.set_formula_target(
            unit,
            scheme.year,
            min_people=int(rule["min_people"]),
            share=Decimal(str(rule["share"])),
            combinator=rule.get("combinator", "or"),
            actor=actor,
        )
    return enrollment


def work_group_deadline(scheme: Scheme) -> date | None:
    raw = scheme.params.get("work_group_deadline")
    return date.fromisoformat(raw) if raw else None
