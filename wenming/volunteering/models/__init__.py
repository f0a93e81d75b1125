"""The volunteering models, by sub-domain: registry, organisations, projects, hours."""

from .hours import Attendance, DayApproval, Dispute, HoursEntry, StarAward
from .orgs import Membership, OrgAdmin, Organisation
from .projects import Project, Session, Signup
from .registry import AwardRecord, EvaluationRecord, NumberSequence, ServiceField, TrainingRecord, Volunteer

__all__ = [
    "Attendance", "AwardRecord", "DayApproval", "Dispute", "EvaluationRecord", "HoursEntry", "Membership",
    "NumberSequence", "OrgAdmin", "Organisation", "Project", "ServiceField", "Session", "Signup", "StarAward",
    "TrainingRecord", "Volunteer",
]
