"""The event types of the points issue for ``wenming import-events`` (fields as in docs/contracts.md)."""

from django.utils.translation import gettext as _

from .importing import EventType, register

LEVELS = ("local", "prefecture", "province", "national")


def _non_negative_int(line: dict, *names: str) -> list[str]:
    errors = []
    for name in names:
        value = line.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.append(_("%(field)s 须为非负整数：%(value)s") % {"field": name, "value": value})
    return errors


def _validate_article(line: dict, ctx) -> list[str]:
    position = line.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or position < 1:
        return [_("position 须为正整数（1 = 头条）：%(value)s") % {"value": position}]
    return []


def _validate_stats(fields):
    def validate(line: dict, ctx) -> list[str]:
        return _non_negative_int(line, *fields)

    return validate


def _validate_repost(line: dict, ctx) -> list[str]:
    errors = _non_negative_int(line, "reads_72h")
    if line.get("level") not in LEVELS:
        errors.append(_("level 只能是 %(levels)s：%(value)s") % {"levels": "/".join(LEVELS), "value": line.get("level")})
    if "prefecture_channel" in line and not isinstance(line["prefecture_channel"], bool):
        errors.append(_("prefecture_channel 须为 true 或 false"))
    return errors


def _validate_join(line: dict, ctx) -> list[str]:
    # Two choices of one person at one instant would make "the last choice" ambiguous.
    seen = ctx.scratch.setdefault("join_group", {})
    key = (str(line["person"]), line["at"])
    if key in seen and seen[key] != line["unit"]:
        return [_("同一人同一时刻加入了两个社群")]
    seen[key] = line["unit"]
    return []


def _apply_join(events, ctx) -> None:
    from wenming.people.actions import record_group_choices_bulk
    from wenming.people.models import GroupChoice

    rows = [(ev.person_id, ev.unit_id, ev.at) for ev in events]
    # A choice already recorded at that instant (from the web) is kept, not duplicated. The
    # persons' choices are read by their index and matched here: a second IN list of instants
    # made the database test every pair.
    wanted = {(r[0], r[2]) for r in rows}
    existing = {
        pair
        for pair in GroupChoice.objects.filter(person_id__in=sorted({r[0] for r in rows})).values_list("person_id", "chosen_at")
        if pair in wanted
    }
    record_group_choices_bulk([r for r in rows if (r[0], r[2]) not in existing])


def _person(name: str, *extra: str, validate=None) -> EventType:
    return EventType(name=name, fields=("person", *extra), person_field="person", validate=validate)


register(EventType(name="join_group", fields=("person", "unit"), person_field="person", unit_field="unit",
                   validate=_validate_join, apply=_apply_join, needs_event_id=False))
register(_person("share_accepted"))
register(_person("comment_valid"))
register(_person("like"))
register(_person("share"))
register(_person("lead_accepted"))
register(EventType(name="article_published", fields=("article", "unit", "position"), unit_field="unit",
                   validate=_validate_article))
register(EventType(name="article_stats", fields=("article", "reads_72h", "likes"),
                   validate=_validate_stats(("reads_72h", "likes"))))
register(EventType(name="livestream_declared", fields=("livestream", "unit"), unit_field="unit"))
register(EventType(name="livestream_held", fields=("livestream",), optional=("unit",), unit_field="unit"))
register(EventType(name="livestream_stats", fields=("livestream", "clicks_72h"),
                   validate=_validate_stats(("clicks_72h",))))
register(EventType(name="repost", fields=("repost", "unit", "level", "reads_72h"), optional=("prefecture_channel",),
                   unit_field="unit", validate=_validate_repost))
