"""The only write paths of the briefings domain: one function per state change.

Each runs in a transaction, asks the permission with the object it changes, writes an audit entry
and, where the act counts, a domain event. Refusals raise ``BriefingError`` with a Chinese message
and change nothing.
"""

from .common import BriefingError
from .issues import (
    add_section,
    create_briefing,
    ensure_imported_briefing,
    move_placement,
    publish,
    remove_placement,
    sign_off,
    update_briefing,
)
from .manuscripts import (
    adopt,
    adopt_at_level,
    import_adoption,
    import_manuscript,
    not_adopt,
    origin_for_unit,
    start_review,
    submit_manuscript,
)

__all__ = [
    "BriefingError",
    "add_section",
    "adopt",
    "adopt_at_level",
    "create_briefing",
    "ensure_imported_briefing",
    "import_adoption",
    "import_manuscript",
    "move_placement",
    "not_adopt",
    "origin_for_unit",
    "publish",
    "remove_placement",
    "sign_off",
    "start_review",
    "submit_manuscript",
    "update_briefing",
]
