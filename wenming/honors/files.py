"""Who may open a nomination's evidence (a private upload, see wenming.core.files)."""

from wenming.people.permissions import can

from .models import Evidence
from .queries import reviewing_unit


def can_view_evidence(user, name: str) -> bool:
    """The nominator, and the reviewers who may open the nomination in the console."""
    if not user or not user.is_authenticated:
        return False
    evidence = Evidence.objects.select_related("nomination__region", "nomination__campaign__region").filter(file=name).first()
    if evidence is None:
        return False
    nomination = evidence.nomination
    if nomination.nominator_id == user.pk:
        return True
    return can(user, "review", reviewing_unit(nomination)) or can(user, "review", nomination.region)
