"""Who may open a reported material (a private upload, see wenming.core.files)."""

from wenming.people.permissions import can

from .models import Material


def can_view_material(user, name: str) -> bool:
    """Whoever may see the reporting unit's assessment: its liaison and leader, staff over it."""
    material = Material.objects.select_related("unit").filter(file=name).first()
    return material is not None and can(user, "view_unit", material.unit)
