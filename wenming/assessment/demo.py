"""Demo rows: the Luoyang 2014 scheme with two municipal organs, a few reports and scores.

Idempotent: materials and republications carry fixed event keys; scores replace themselves.
"""

from datetime import datetime

from wenming.core.periods import SHANGHAI
from wenming.orgs import actions as org_actions

from . import actions
from .schemes import load_scheme

DEMO_UNITS = ["洛阳市教育局", "洛阳市文广新局"]


def load_demo(ctx) -> None:
    scheme = load_scheme("luoyang-2014")
    first = None
    for name in DEMO_UNITS:
        unit, _created = org_actions.ensure_unit(name, "department", scheme.region)
        actions.enroll(scheme, unit)
        first = first or unit
    for index, (item, when) in enumerate([(4, "2014-02-10"), (4, "2014-04-01"), (7, "2014-05-06"), (11, "2014-08-20")]):
        at = datetime.fromisoformat(f"{when}T09:00").replace(tzinfo=SHANGHAI)
        actions.report_material(
            scheme, first, item, title=f"演示材料{index + 1}", reported_at=at, event_key=f"demo:report:{index}",
            author="演示作者", checked_by="演示审核人", contact="0379-00000000", source="import",
        )
    actions.record_quality_score(scheme, first, 11, 2014, "1.5")
    for n in range(4):
        at = datetime(2014, 6, n + 1, 10, tzinfo=SHANGHAI)
        actions.record_republication(first, at, event_key=f"demo:republished:{n}", title=f"演示转载{n + 1}")
