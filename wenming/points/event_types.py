"""The event types of the points issue for ``wenming import-events`` (fields as in docs/contracts.md).

Each field's JSON type and limits are declared as ``specs``, read from the model field the value
ends in where there is one (an article's position, its read counts), so the validation pass
refuses what the database would refuse in the write pass.
"""

from django.utils.translation import gettext as _

from .choices import TAKE_BACKS
from .import_checks import Spec, check_at
from .importing import EVENT_KEY_PREFIX, EventType, register

LEVELS = ("local", "prefecture", "province", "national")
# An item's id travels in the event's JSON and in its ledger item ("act:import:<id>"): the key's length.
ITEM_ID = Spec.id("journal.DomainEvent.key")
EVENT_KEY = Spec.text("journal.DomainEvent.key")
STREAM_CLICKS = Spec.count("participation.Livestream.clicks_72h")


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


def _person(name: str, *extra: str, specs=None, **kwargs) -> EventType:
    return EventType(name=name, fields=("person", *extra), person_field="person", specs=specs or {}, **kwargs)


# ---- take-backs: like_removed {person, like_event}, comment_invalidated {person, comment_event}


def _finish_take_backs(type_name: str):
    """Whole-file checks of a take-back type: the act it names exists (stored, or on a line of this
    file), is of the right type, is the same person's, is not later than the take-back, and is
    taken back once. Take-backs are few; their acts are looked up in one query per 5,000."""
    act_type, ref_field = TAKE_BACKS[type_name]

    def finish(lines, ctx, rescan) -> list[tuple[int, str]]:
        from datetime import datetime

        from wenming.journal.models import DomainEvent

        refs = sorted({line[ref_field] for _n, line in lines})
        acts: dict[str, tuple[str, str | None, datetime]] = {}
        taken: set[str] = set()
        own_keys = {EVENT_KEY_PREFIX + str(line["id"]) for _n, line in lines}
        for start in range(0, len(refs), 5000):
            chunk = refs[start : start + 5000]
            for key, kind, ext, at in DomainEvent.objects.filter(key__in=chunk).values_list(
                "key", "type", "person__external_id", "at"
            ):
                acts[key] = (kind, ext, at)
            # Taken back before (by the web or another import; this file's own lines re-imported do not count).
            stored = DomainEvent.objects.filter(type=type_name, **{f"data__{ref_field}__in": chunk}).exclude(key__in=own_keys)
            taken.update(stored.values_list(f"data__{ref_field}", flat=True))
        in_file = {ref[len(EVENT_KEY_PREFIX) :] for ref in refs if ref not in acts and ref.startswith(EVENT_KEY_PREFIX)}
        in_file &= ctx.seen.keys()
        if in_file:
            for _n, obj in rescan():
                if str(obj.get("id")) not in in_file or obj.get("type") != act_type:
                    continue
                # Any line of the file comes back here, a bad copy of the id too: read it defensively.
                at, _problem = check_at(obj.get("at"), ctx.at_bounds)
                if at is not None:
                    acts.setdefault(EVENT_KEY_PREFIX + str(obj["id"]), (act_type, str(obj.get("person")), at))
        errors, first_line = [], {}
        for line_no, line in sorted(lines, key=lambda item: item[0]):
            ref = line[ref_field]
            act = acts.get(ref)
            if act is None:
                errors.append((line_no, _("找不到被撤销的行为：%(ref)s") % {"ref": ref}))
            elif act[0] != act_type:
                errors.append((line_no, _("%(field)s 须指向 %(type)s 事件：%(ref)s") % {"field": ref_field, "type": act_type, "ref": ref}))
            elif act[1] != str(line["person"]):
                errors.append((line_no, _("撤销人与原行为人不一致：%(ref)s") % {"ref": ref}))
            elif datetime.fromisoformat(line["at"]) < act[2]:
                errors.append((line_no, _("撤销时间早于原行为：%(ref)s") % {"ref": ref}))
            elif ref in taken:
                errors.append((line_no, _("该行为已被撤销过：%(ref)s") % {"ref": ref}))
            elif ref in first_line:
                errors.append((line_no, _("该行为已在第 %(n)s 行撤销：%(ref)s") % {"n": first_line[ref], "ref": ref}))
            else:
                first_line[ref] = line_no
        return errors

    return finish


register(EventType(name="join_group", fields=("person", "unit"), person_field="person", unit_field="unit",
                   validate=_validate_join, apply=_apply_join, needs_event_id=False))
register(_person("share_accepted", specs={"story": ITEM_ID}))
register(_person("comment_valid", specs={"comment": ITEM_ID}))
register(_person("like", specs={"target": ITEM_ID}))
register(_person("share", specs={"target": ITEM_ID, "channel": Spec.text("participation.Share.channel")}))
register(_person("lead_accepted", specs={"lead": ITEM_ID}))
for _name, (_act, _ref) in TAKE_BACKS.items():
    register(_person(_name, _ref, specs={_ref: EVENT_KEY}, finish=_finish_take_backs(_name)))
register(EventType(name="article_published", fields=("article", "unit", "position"), unit_field="unit", specs={
    "article": Spec.id("media.Article.external_id"),
    "position": Spec.integer("media.Article.position", min_value=1),
    "title": Spec.text("media.Article.title"),
    "url": Spec.text("media.Article.url"),
}))
register(EventType(name="article_stats", fields=("article", "reads_72h", "likes"), specs={
    "article": Spec.id("media.Article.external_id"),
    "reads_72h": Spec.count("media.Article.reads_72h"),
    "likes": Spec.count("media.Article.likes"),
}))
register(EventType(name="livestream_declared", fields=("livestream", "unit"), unit_field="unit",
                   specs={"livestream": ITEM_ID}))
register(EventType(name="livestream_held", fields=("livestream",), optional=("unit",), unit_field="unit",
                   specs={"livestream": ITEM_ID}))
register(EventType(name="livestream_stats", fields=("livestream", "clicks_72h"),
                   specs={"livestream": ITEM_ID, "clicks_72h": STREAM_CLICKS}))
register(EventType(name="repost", fields=("repost", "unit", "level", "reads_72h"), optional=("prefecture_channel",),
                   unit_field="unit", specs={
                       "repost": ITEM_ID,
                       "level": Spec.text(choices=LEVELS),
                       "reads_72h": Spec.count(max_value=2**31 - 1),
                       "prefecture_channel": Spec.boolean(),
                   }))
