"""Reads for people pages."""

from itertools import groupby

from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit

# Provinces, cities and counties are containers: people join a town, village or organisation.
GROUPLESS_KINDS = (UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY)


def choosable_groups():
    """Active non-root units a citizen may join, grouped under their parent for the picker."""
    units = (
        Unit.objects.filter(is_active=True, parent__isnull=False)
        .exclude(kind__in=GROUPLESS_KINDS)
        .select_related("parent")
        .order_by("parent__sort_order", "parent_id", "sort_order", "id")
    )
    return [(parent, list(items)) for parent, items in groupby(units, key=lambda u: u.parent)]
