"""Year results of any scheme as one table: ``wenming assess`` and the console print it."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.numbers import plain
from wenming.core.periods import Month

from .bulletins import BulletinError
from .choices import SchemeKind
from .models import Item, Scheme


def _exact(value) -> Decimal:
    """The number as an exact Decimal with its plain digits (``10``, ``69.65``): what a sheet writes."""
    return Decimal(plain(value))


def year_table(scheme: Scheme, year: int) -> tuple[list[str], list[list]]:
    """(header, rows): ``unit, points`` first (points = the year's total after bonus or vetoes),
    then one column per item (Luoyang) or per rule (Liyang), then the notes.

    Names and notes are text, points exact Decimals and counts ints: the csv writer keeps numbers as
    numbers and defuses only text (a negative total is not a formula)."""
    current = Month.of(timezone.now())
    if year > current.year:
        raise BulletinError(_("%(year)s 年尚未到来，不能考核。") % {"year": year})
    until = current if year == current.year else None
    if scheme.kind == SchemeKind.ITEMS:
        from .luoyang import assess_year

        numbers = list(Item.objects.filter(scheme=scheme).order_by("number").values_list("number", flat=True))
        header = ["unit", "points", *(f"item{n}" for n in numbers), "bonus", "republished"]
        rows = []
        results = sorted(assess_year(scheme, year), key=lambda r: -r.total)
        for r in results:
            rows.append(
                [
                    r.unit.name,
                    _exact(r.total),
                    *(_exact(r.items[n]) for n in numbers),
                    _exact(r.bonus),
                    int(r.republished),
                ]
            )
        return header, rows
    from .liyang import year_rows

    results = year_rows(scheme, year, until=until)
    rule_ids = sorted({rule for r in results for rule in r.breakdown})
    header = ["unit", "points", *rule_ids, "earned", "veto"]
    rows = [
        [
            r.unit.name,
            _exact(r.total),
            *(_exact(r.breakdown.get(rule, 0)) for rule in rule_ids),
            _exact(r.earned),
            "；".join(r.vetoes),
        ]
        for r in results
    ]
    return header, rows
