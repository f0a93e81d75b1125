"""The scoring engine: domain events in, ledger entries out, by the rule set in force.

Everything is scored per *item* — a person's act (with the event that may take it back), an
article (publication + its latest stats), a livestream (declaration + holding + latest stats),
a repost — and an item's points count in the month of its anchor (the act, the publication, the
holding, the repost), whenever its stats arrive. The same item scorers serve both paths:

- incremental: ``on_event_recorded`` (the ``journal.event_recorded`` signal) rescores the one
  item an event touches, so a web like scores at once;
- batch: ``recompute`` scores a whole month set-wise in memory-light streams (imports,
  rule changes, reopened months) and writes it with one bulk insert.

Both produce the same rows, which the property test checks. Frozen months are never touched.
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from wenming.core.bulk import bulk_writes, db_value, insert_rows
from wenming.core.periods import Month, local_date
from wenming.journal.models import DomainEvent

from . import ledger, totals
from .calendar import workday_map
from .choices import EntryKind
from .models import Entry, FrozenMonth, RuleSet
from .periods import period_at, period_of
from .rules import CompiledRules, compile_rules

ARTICLE_TYPES = ("article_published", "article_stats")
LIVESTREAM_TYPES = ("livestream_declared", "livestream_held", "livestream_stats")
ENTRY_COLUMNS = [
    "kind", "scheme_id", "person_id", "unit_id", "amount", "rule", "ruleset_id", "event_id", "item", "period",
    "note", "reason", "created_at",
]


@dataclass(frozen=True)
class Ev:
    id: int
    key: str
    type: str
    at: datetime
    person_id: int | None
    unit_id: int | None
    data: dict


class Scoring:
    """What scoring one scheme needs: its rule sets, its units, group history, the calendar."""

    def __init__(self, scheme, *, timeline=None):
        self.scheme = scheme
        sets = list(RuleSet.objects.filter(scheme=scheme).order_by("effective_from"))
        self.rulesets = [(rs.effective_from, compile_rules(rs.rules, ruleset_id=rs.pk, version=rs.version)) for rs in sets]
        self._starts = [start for start, _rules in self.rulesets]
        from wenming.orgs.models import Unit

        units = Unit.objects.all()
        if scheme.region_id:
            units = units.filter(path__startswith=scheme.region.path)
        self.units = set(units.values_list("pk", flat=True))
        self.timeline = timeline  # person_id -> (instants, unit ids); None = ask the database
        self._workdays: dict[date, bool] = {}
        # Rows leave here as database values: converting per row dominated bulk writes.
        self.now = db_value(timezone.now())
        self._periods: dict[date, object] = {}

    # -- context

    def rules_at(self, at: datetime) -> CompiledRules | None:
        index = bisect.bisect_right(self._starts, local_date(at)) - 1
        return self.rulesets[index][1] if index >= 0 else None

    def single_rules(self, month: Month) -> CompiledRules | None:
        """The rule set in force for the whole month, or None when one starts inside it."""
        first = local_date(month.start)
        last = local_date(month.end) - timedelta(days=1)
        if any(first < start <= last for start in self._starts):
            return None
        return self.rules_at(month.start)

    def all_rules(self) -> list[CompiledRules]:
        return [rules for _start, rules in self.rulesets]

    def unit_of(self, person_id: int, at: datetime) -> int | None:
        if self.timeline is None:
            from wenming.people.queries import unit_of_person_at

            return unit_of_person_at(person_id, at)
        times, units = self.timeline.get(person_id, ((), ()))
        index = bisect.bisect_right(times, at) - 1
        return units[index] if index >= 0 else None

    def is_workday(self, day: date) -> bool:
        if day not in self._workdays:
            self._workdays.update(workday_map([day]))
        return self._workdays[day]

    def preload_workdays(self, days) -> None:
        self._workdays.update(workday_map(set(days) - self._workdays.keys()))

    def row(self, rules, *, amount, rule, event_id, item, period, person_id=None, unit_id=None, note=""):
        stored = self._periods.get(period)
        if stored is None:
            stored = self._periods[period] = db_value(period)
        return (
            EntryKind.RULE, self.scheme.pk, person_id, unit_id, str(amount), rule, rules.ruleset_id, event_id, item,
            stored, note, "", self.now,
        )

    # -- item scorers (shared by both paths)

    def score_act(self, act: Ev, take_back: Ev | None):
        rules = self.rules_at(act.at)
        spec = rules.acts.get(act.type) if rules else None
        if spec is None or act.person_id is None:
            return
        rule_id, amount, subjects = spec
        period = period_at(act.at)
        item = f"act:{act.key}"
        unit_id = self.unit_of(act.person_id, act.at) if "unit" in subjects else None
        if unit_id not in self.units:
            unit_id = None
        reversals = [(act, amount, "")]
        if take_back is not None:
            reversals.append((take_back, -amount, "撤销"))
        for ev, value, note in reversals:
            if "person" in subjects:
                yield self.row(rules, amount=value, rule=rule_id, event_id=ev.id, item=item, period=period,
                               person_id=act.person_id, note=note)
            if unit_id is not None:
                yield self.row(rules, amount=value, rule=rule_id, event_id=ev.id, item=item, period=period,
                               unit_id=unit_id, note=note)

    def score_article(self, published: Ev, stats: Ev | None):
        rules = self.rules_at(published.at)
        unit_id = published.unit_id
        if rules is None or unit_id not in self.units:
            return
        period = period_at(published.at)
        item = f"article:{published.data.get('article')}"
        try:
            position = int(published.data.get("position"))
        except (TypeError, ValueError):
            position = None
        workday = self.is_workday(local_date(published.at))
        for rule_id, day, positions, amount in rules.positions:
            if day != "any" and (day == "workday") != workday:
                continue
            if positions and position not in positions:
                continue
            yield self.row(rules, amount=amount, rule=rule_id, event_id=published.id, item=item, period=period,
                           unit_id=unit_id, note=f"第{position}条" if position else "")
            break
        if stats is not None:
            for rule_id, amount, note in rules.tier_amount("article", stats.data):
                yield self.row(rules, amount=amount, rule=rule_id, event_id=stats.id, item=item, period=period,
                               unit_id=unit_id, note=note)

    def score_livestream(self, declared: Ev | None, held: Ev, stats: Ev | None):
        rules = self.rules_at(held.at)
        if rules is None or rules.held is None:
            return
        rule_id, amount, requires = rules.held
        if requires and (declared is None or declared.at >= held.at):
            return
        unit_id = held.unit_id or (declared.unit_id if declared else None)
        if unit_id not in self.units:
            return
        period = period_at(held.at)
        item = f"livestream:{held.data.get('livestream')}"
        yield self.row(rules, amount=amount, rule=rule_id, event_id=held.id, item=item, period=period, unit_id=unit_id)
        if stats is not None:
            for tier_rule, tier_amount, note in rules.tier_amount("livestream", stats.data):
                yield self.row(rules, amount=tier_amount, rule=tier_rule, event_id=stats.id, item=item, period=period,
                               unit_id=unit_id, note=note)

    def score_repost(self, repost: Ev):
        rules = self.rules_at(repost.at)
        if rules is None or rules.repost is None or repost.unit_id not in self.units:
            return
        rule_id, levels, channel_levels = rules.repost
        level = repost.data.get("level")
        if repost.data.get("prefecture_channel") and level in channel_levels:
            level = channel_levels[level]
        if level not in levels:
            return
        period = period_at(repost.at)
        item = f"repost:{repost.data.get('repost')}"
        note = f"{level}"
        yield self.row(rules, amount=levels[level], rule=rule_id, event_id=repost.id, item=item, period=period,
                       unit_id=repost.unit_id, note=note)
        if rules.repost_bonus is not None:
            bonus_rule, stat, compare, threshold, bonus_levels = rules.repost_bonus
            value = repost.data.get(stat)
            if value is not None and level in bonus_levels:
                value = Decimal(str(value))
                if value >= threshold if compare == ">=" else value > threshold:
                    yield self.row(rules, amount=bonus_levels[level], rule=bonus_rule, event_id=repost.id, item=item,
                                   period=period, unit_id=repost.unit_id, note=f"{stat}={value}")


def _ev(row, data=None) -> Ev:
    pk, key, type_, at, person_id, unit_id, *rest = row
    return Ev(pk, key, type_, at, person_id, unit_id, rest[0] if rest else (data or {}))


FIELDS = ("id", "key", "type", "at", "person_id", "unit_id", "data")


def _latest(events: list[Ev]) -> Ev | None:
    return max(events, key=lambda e: (e.at, e.id)) if events else None


def _first(events: list[Ev]) -> Ev | None:
    return min(events, key=lambda e: (e.at, e.id)) if events else None


def points_schemes():
    from wenming.assessment.models import Scheme

    return list(Scheme.objects.filter(pk__in=RuleSet.objects.values("scheme_id")).select_related("region"))


def _frozen(scheme, period: date) -> bool:
    return FrozenMonth.objects.filter(scheme=scheme, period=period).exists()


# ---------------------------------------------------------------- batch


def load_timeline(before: datetime) -> dict[int, tuple[list, list]]:
    """Every person's group choices up to ``before``: the attribution of person acts, in memory."""
    from wenming.people.models import GroupChoice

    timeline: dict[int, tuple[list, list]] = {}
    rows = GroupChoice.objects.filter(chosen_at__lt=before).order_by("person_id", "chosen_at", "id")
    for person_id, at, unit_id in rows.values_list("person_id", "chosen_at", "unit_id").iterator(chunk_size=20000):
        times, units = timeline.setdefault(person_id, ([], []))
        times.append(at)
        units.append(unit_id)
    return timeline


def month_rows(scoring: Scoring, month: Month, *, acts_in_sql: bool = False):
    """Every rule entry of ``month`` for one scheme, as rows for ``insert_rows``.

    With ``acts_in_sql`` the person acts were written set-wise (``insert_acts_sql``): only their
    take-backs (few) are scored here.
    """
    start, end = month.start, month.end
    act_types, take_back_types = set(), {}
    for rules in scoring.all_rules():
        act_types |= rules.act_types
        take_back_types.update(rules.take_backs)
    # Take-backs may come any time after the act: few, so all of them are read.
    take_backs: dict[str, Ev] = {}
    tb_rows = DomainEvent.objects.filter(type__in=list(take_back_types), at__gte=start).values_list(*FIELDS)
    for row in tb_rows.order_by("at", "id"):
        ev = _ev(row)
        ref = ev.data.get(take_back_types[ev.type][1])
        if ref and ref not in take_backs:
            take_backs[ref] = ev
    if acts_in_sql:
        taken = DomainEvent.objects.filter(key__in=list(take_backs), at__gte=start, at__lt=end, type__in=sorted(act_types))
        for row in taken.values_list("id", "key", "type", "at", "person_id", "unit_id"):
            act = _ev(row)
            take_back = take_backs[act.key]
            yield from (r for r in scoring.score_act(act, take_back) if r[7] == take_back.id)
    else:
        acts = (
            DomainEvent.objects.filter(type__in=sorted(act_types), at__gte=start, at__lt=end)
            .order_by()
            .values_list("id", "key", "type", "at", "person_id", "unit_id")
        )
        for row in acts.iterator(chunk_size=20000):
            act = _ev(row)
            yield from scoring.score_act(act, take_backs.get(act.key))

    # An item counts once, in the month of its first publication / holding / repost; its stats
    # may come at any time (stats rows are few next to person acts, so all are read).
    published = _anchored("article_published", "article", start, end)
    if published:
        by_article = _group(_events("article_stats", None, None), "article")
        scoring.preload_workdays(local_date(e.at) for e in published.values())
        for article, first in published.items():
            yield from scoring.score_article(first, _latest(by_article.get(article, [])))

    held = _anchored("livestream_held", "livestream", start, end)
    if held:
        declared = _group(_events("livestream_declared", None, end), "livestream")
        stats = _group(_events("livestream_stats", None, None), "livestream")
        for stream, first in held.items():
            yield from scoring.score_livestream(_first(declared.get(stream, [])), first, _latest(stats.get(stream, [])))

    for first in _anchored("repost", "repost", start, end).values():
        yield from scoring.score_repost(first)


def _anchored(type_: str, field_name: str, start, end) -> dict[str, Ev]:
    """Items whose first event of ``type_`` falls in [start, end), with that first event."""
    firsts = {item: _first(evs) for item, evs in _group(_events(type_, None, end), field_name).items()}
    return {item: ev for item, ev in firsts.items() if ev.at >= start}


def _events(type_: str, start, end) -> list[Ev]:
    qs = DomainEvent.objects.filter(type=type_)
    if start is not None:
        qs = qs.filter(at__gte=start)
    if end is not None:
        qs = qs.filter(at__lt=end)
    return [_ev(row) for row in qs.values_list(*FIELDS)]


def _group(events: list[Ev], field_name: str) -> dict[str, list[Ev]]:
    out: dict[str, list[Ev]] = defaultdict(list)
    for ev in events:
        out[str(ev.data.get(field_name))].append(ev)
    return out


@transaction.atomic
def recompute(scheme, month: Month, *, timeline=None) -> int:
    """Delete the month's rule entries and insert a fresh scoring, in one transaction.

    The caller checks the month is not frozen (``actions.recompute_month``); the import path
    skips frozen months itself.
    """
    with bulk_writes():
        return _recompute(scheme, month, timeline)


def _recompute(scheme, month: Month, timeline) -> int:
    period = period_of(month)
    build = ledger.MonthBuild(scheme.pk, period) if ledger.partitioned() else None
    if build is not None:
        # PostgreSQL: the month is built in a table of its own and swapped in (``ledger``).
        build.start()
        table = build.table
    else:
        table = Entry._meta.db_table
        Entry.objects.filter(scheme=scheme, period=period, kind=EntryKind.RULE).delete()
    scoring = Scoring(scheme)
    rules = scoring.single_rules(month)
    if rules is not None:
        # One rule set for the whole month: person acts (nearly all the rows) are scored by SQL.
        count = insert_acts_sql(scoring, rules, month, table=table)
        count += insert_rows(
            table, ENTRY_COLUMNS, month_rows(scoring, month, acts_in_sql=True), adapted=True, reads_database=True
        )
    else:
        scoring.timeline = timeline if timeline is not None else load_timeline(month.end)
        count = insert_rows(table, ENTRY_COLUMNS, month_rows(scoring, month), adapted=True, reads_database=True)
    totals.refresh(scheme.pk, period, source=table)
    if build is not None:
        build.finish()  # its indexes, fresh statistics, then the swap
    if count > 100_000 and connection.vendor == "postgresql":
        # Once committed, a fresh visibility map lets rankings count totals from their index
        # alone (VACUUM cannot run inside the transaction; autovacuum would come minutes later).
        transaction.on_commit(_vacuum_totals)
    return count


def _vacuum_totals() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {totals.Total._meta.db_table}")


def insert_acts_sql(scoring: Scoring, rules: CompiledRules, month: Month, *, table: str | None = None) -> int:
    """Person and unit entries of a month's person acts in one INSERT … SELECT statement.

    The same rule as ``Scoring.score_act``: the act's amount for the person, and for the unit of
    the person's last group choice at the act's instant when that unit is in the scheme. Each act
    is read once and gives its rows through a two-row join (side 1: the person, side 2: the
    unit). The property and recompute tests check both paths give the same totals. ``table``: where
    the rows go (the ledger, or the month being built on PostgreSQL).
    """
    from wenming.people.models import GroupChoice

    entry_t, event_t, choice_t = table or Entry._meta.db_table, DomainEvent._meta.db_table, GroupChoice._meta.db_table
    # The scheme's units as values: a join on their paths was estimated at one row and planned
    # as a loop over every act per unit.
    units = sorted(scoring.units)
    specs = [(t, rule_id, amount, subjects) for t, (rule_id, amount, subjects) in sorted(rules.acts.items())]
    person_types = [t for t, _r, _a, subjects in specs if "person" in subjects]
    unit_types = [t for t, _r, _a, subjects in specs if "unit" in subjects] if units else []
    if not person_types and not unit_types:
        return 0

    def among(column: str, values: list) -> str:
        return f"{column} IN ({', '.join(['%s'] * len(values))})" if values else "1 = 0"

    amount_case = "CASE a.type " + " ".join("WHEN %s THEN CAST(%s AS NUMERIC)" for _ in specs) + " END"
    rule_case = "CASE a.type " + " ".join("WHEN %s THEN %s" for _ in specs) + " END"
    case_params = [v for t, _r, a, _s in specs for v in (t, str(a))] + [v for t, r, _a, _s in specs for v in (t, r)]
    types = sorted(set(person_types) | set(unit_types))
    where = f"{among('e.type', types)} AND e.at >= %s AND e.at < %s AND e.person_id IS NOT NULL"
    month_params = [*types, db_value(month.start), db_value(month.end)]
    events = f"{event_t} e"
    if connection.vendor == "sqlite":
        # SQLite read the acts through the (type, time) index, one table lookup each, then sorted
        # them by event for the writes (entries in the events' order are appended to the indexes
        # led by the event, not written at random places): 4 s of the month's 11. The month's acts
        # lie in one stretch of event ids, found from that index alone; read as that stretch of the
        # table they come in event order, in 1 s. Events of other times inside the stretch (a late
        # import of an old month) are only skipped by the same conditions.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MIN(e.id), MAX(e.id) FROM {events} WHERE {where}", month_params)  # noqa: S608
            first, last = cursor.fetchone()
        if first is None:
            return 0
        events += " NOT INDEXED"
        where += " AND e.id BETWEEN %s AND %s"
        month_params += [first, last]
    # The unit of each act: the person's group choices as intervals [chosen at, next choice) —
    # ``(person, chosen_at)`` is unique, so at most one interval holds an instant — joined on the
    # person. One hash join instead of an index probe per act (four times faster on PostgreSQL).
    choices = (
        f"SELECT person_id, unit_id, chosen_at AS since, "  # noqa: S608
        f"LEAD(chosen_at) OVER (PARTITION BY person_id ORDER BY chosen_at) AS until FROM {choice_t} WHERE chosen_at < %s"
    )
    acts = (
        f"(SELECT e.id, e.key, e.type, e.person_id, g.unit_id FROM {events} LEFT JOIN ({choices}) g "  # noqa: S608
        f"ON g.person_id = e.person_id AND g.since <= e.at AND (g.until IS NULL OR e.at < g.until) WHERE {where}) a"
    )
    sql = (
        f"INSERT INTO {entry_t} ({', '.join(ENTRY_COLUMNS)}) "  # noqa: S608
        "SELECT %s, %s, CASE WHEN s.side = 1 THEN a.person_id END, CASE WHEN s.side = 2 THEN a.unit_id END, "
        f"{amount_case}, {rule_case}, %s, a.id, 'act:' || a.key, %s, '', '', %s "
        f"FROM {acts} CROSS JOIN (SELECT 1 AS side UNION ALL SELECT 2) s "
        f"WHERE (s.side = 1 AND {among('a.type', person_types)}) "
        f"OR (s.side = 2 AND {among('a.type', unit_types)} AND {among('a.unit_id', units)})"
    )
    if connection.vendor == "sqlite":
        sql += " ORDER BY a.id"  # already the order of the scan: no sort, and it stays so
    params = [
        EntryKind.RULE, scoring.scheme.pk, *case_params, rules.ruleset_id, db_value(period_of(month)), scoring.now,
        db_value(month.end), *month_params, *person_types, *unit_types, *units,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@dataclass
class Touched:
    """What an import brought, to find the months it changes."""

    periods: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    livestreams: set = field(default_factory=set)
    earliest_join: datetime | None = None
    # (start, end, period) of the month of the last act: a file is mostly one month, and finding
    # the local month of each of a million instants took more than a second.
    _window: tuple = (None, None, None)

    def _period(self, at: datetime):
        start, end, period = self._window
        if start is None or not start <= at < end:
            month = Month.of(at)
            start, end, period = self._window = (month.start, month.end, period_of(month))
        return period

    def add(self, type_: str, at: datetime, data: dict, person_id) -> None:
        if type_ == "article_stats":
            self.articles.add(str(data.get("article")))
        elif type_ in ("livestream_stats", "livestream_declared"):
            self.livestreams.add(str(data.get("livestream")))
        elif type_ == "join_group":
            if self.earliest_join is None or at < self.earliest_join:
                self.earliest_join = at
        else:
            self.periods.add(self._period(at))


def score_imported(touched: Touched) -> list[Month]:
    """Recompute every month an import changed; returns them (frozen months stay as published)."""
    periods = set(touched.periods)
    for type_, ids, field_name in (
        ("article_published", touched.articles, "article"),
        ("livestream_held", touched.livestreams, "livestream"),
    ):
        if ids:
            for at, data in DomainEvent.objects.filter(type=type_).values_list("at", "data").iterator(chunk_size=5000):
                if str(data.get(field_name)) in ids:
                    periods.add(period_at(at))
    if touched.earliest_join is not None:
        # A join re-attributes the person's later acts: every month from the join on.
        last = DomainEvent.objects.order_by("-at").values_list("at", flat=True).first()
        month = Month.of(touched.earliest_join)
        while last is not None and month.start <= last:
            periods.add(period_of(month))
            month = month.next()
    months = sorted(Month(p.year, p.month) for p in periods)
    if not months:
        return []
    done = set()
    for scheme in points_schemes():
        for month in months:
            if not _frozen(scheme, period_of(month)):
                recompute(scheme, month)
                done.add(month)
    return sorted(done)


# ---------------------------------------------------------------- incremental


def rescore_item(scoring: Scoring, event: Ev) -> None:
    """Replace the rule entries of the item ``event`` belongs to (if its month is not frozen).

    An item's entries are found by its events (the unique constraints lead with the event), so
    the ledger needs no index of its own for this.
    """
    rows = []
    item = None
    events: list[Ev] = []
    take_back_types = {}
    for rules in scoring.all_rules():
        take_back_types.update(rules.take_backs)
    act_types = set().union(*(r.act_types for r in scoring.all_rules())) if scoring.rulesets else set()
    if event.type in act_types or event.type in take_back_types:
        if event.type in take_back_types:
            act = DomainEvent.objects.filter(key=event.data.get(take_back_types[event.type][1])).values_list(*FIELDS).first()
            if act is None:
                return
            act = _ev(act)
        else:
            act = event
        tb_type = next((t for t, (a, _r) in take_back_types.items() if a == act.type), None)
        take_backs = []
        if tb_type:
            ref_field = take_back_types[tb_type][1]
            take_backs = [
                _ev(r) for r in DomainEvent.objects.filter(type=tb_type, **{f"data__{ref_field}": act.key}).values_list(*FIELDS)
            ]
        item, anchor, events = f"act:{act.key}", act.at, [act, *take_backs]
        rows = list(scoring.score_act(act, _first(take_backs)))
    elif event.type in ARTICLE_TYPES:
        article = str(event.data.get("article"))
        events = [_ev(r) for r in DomainEvent.objects.filter(type__in=ARTICLE_TYPES, data__article=event.data.get("article")).values_list(*FIELDS)]
        published = _first([e for e in events if e.type == "article_published" and str(e.data.get("article")) == article])
        if published is None:
            return
        item, anchor = f"article:{article}", published.at
        rows = list(scoring.score_article(published, _latest([e for e in events if e.type == "article_stats"])))
    elif event.type in LIVESTREAM_TYPES:
        stream = event.data.get("livestream")
        events = [_ev(r) for r in DomainEvent.objects.filter(type__in=LIVESTREAM_TYPES, data__livestream=stream).values_list(*FIELDS)]
        held = _first([e for e in events if e.type == "livestream_held"])
        if held is None:
            return
        item, anchor = f"livestream:{stream}", held.at
        declared = _first([e for e in events if e.type == "livestream_declared"])
        rows = list(scoring.score_livestream(declared, held, _latest([e for e in events if e.type == "livestream_stats"])))
    elif event.type == "repost":
        events = [_ev(r) for r in DomainEvent.objects.filter(type="repost", data__repost=event.data.get("repost")).values_list(*FIELDS)]
        first = _first(events)
        item, anchor = f"repost:{event.data.get('repost')}", first.at
        rows = list(scoring.score_repost(first))
    if item is None or _frozen(scoring.scheme, period_at(anchor)):
        return
    ledger.lock_for_writing()  # before reading the entries it replaces (see ``ledger``)
    old = Entry.objects.filter(event_id__in=[e.id for e in events], scheme=scoring.scheme, kind=EntryKind.RULE)
    touched = {(period, person_id, unit_id) for period, person_id, unit_id in old.values_list("period", "person_id", "unit_id")}
    old.delete()
    insert_rows(Entry._meta.db_table, ENTRY_COLUMNS, rows, adapted=True)
    touched |= {(period_at(anchor), row[2], row[3]) for row in rows}
    for period in {t[0] for t in touched}:
        totals.refresh(
            scoring.scheme.pk,
            period,
            person_ids={t[1] for t in touched if t[0] == period and t[1]},
            unit_ids={t[2] for t in touched if t[0] == period and t[2]},
        )


def _rescore_person_from(scoring: Scoring, person_id: int, since: datetime) -> None:
    """A group choice re-attributes the person's acts from its instant on."""
    act_types = set().union(*(r.act_types for r in scoring.all_rules())) if scoring.rulesets else set()
    for row in DomainEvent.objects.filter(person_id=person_id, type__in=list(act_types), at__gte=since).values_list(*FIELDS):
        rescore_item(scoring, _ev(row))


def on_event_recorded(sender, event, **kwargs) -> None:
    """Score a freshly recorded event at once (same transaction as the act)."""
    schemes = points_schemes()
    if not schemes:
        return
    ev = Ev(event.pk, event.key, event.type, event.at, event.person_id, event.unit_id, event.data or {})
    for scheme in schemes:
        scoring = Scoring(scheme)
        if ev.type == "join_group" and ev.person_id:
            _rescore_person_from(scoring, ev.person_id, ev.at)
        else:
            rescore_item(scoring, ev)
