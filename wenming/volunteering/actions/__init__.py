"""The only write paths of the volunteering app, by sub-domain. Each refuses with VolunteeringError."""

from ..errors import VolunteeringError
from .attendance import (
    answer_dispute,
    approve_backfill,
    approve_day,
    backfill,
    check_in_by_code,
    check_in_by_token,
    confirm_attendance,
    correct_attendance,
    open_dispute,
)
from .projects import add_session, cancel_signup, decide_signup, publish_project, sign_up
from .registration import register_volunteer, reveal_id_number
from .teams import (
    add_org_admin,
    create_organisation,
    decide_membership,
    export_fields_xlsx,
    import_fields_xlsx,
    join_team,
    save_field,
)

__all__ = [
    "VolunteeringError", "add_org_admin", "add_session", "answer_dispute", "approve_backfill", "approve_day",
    "backfill", "cancel_signup", "check_in_by_code", "check_in_by_token", "confirm_attendance",
    "correct_attendance", "create_organisation", "decide_membership", "decide_signup", "export_fields_xlsx",
    "import_fields_xlsx", "join_team", "open_dispute", "publish_project", "register_volunteer",
    "reveal_id_number", "save_field", "sign_up",
]
