"""The points benchmark: import and score a synthetic month, recompute it, rank it.

Usage: python bench/run.py --database sqlite|postgres [--events N] [--people N]
PostgreSQL needs BENCH_DATABASE_URL (a database this script may drop and re-create).
Prints each figure beside its target (RULES/issue 4) or its baseline.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"postgres": 60.0, "sqlite": 120.0}


def configure(database: str) -> Path:
    work = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "wenming-bench"
    work.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        db = work / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        url = os.environ.get("BENCH_DATABASE_URL")
        if not url:
            sys.exit("BENCH_DATABASE_URL 未设置：PostgreSQL 基准需要一个可重建的数据库")
        os.environ["DATABASE_URL"] = url
        recreate_postgres(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenming.settings")
    # Measured as production runs: DEBUG keeps a log of every query, which is not what a server pays.
    os.environ.setdefault("DEBUG", "false")
    return work


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def median_ms(fn, runs: int = 30) -> float:
    fn()  # warm caches the way a running server has them
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def rule_change(scheme, month):
    """Load a rule-set version effective from ``month`` with the like's amount changed; recompute."""
    from wenming.points import actions
    from wenming.points.models import RuleSet
    from wenming.points.schemes import store_rulesets

    base = RuleSet.objects.filter(scheme=scheme).order_by("-effective_from").first()
    rules = [dict(r, amount="0.06") if r.get("id") == "2.like" else r for r in base.rules]
    block = {"version": f"{base.version}-bench", "effective_from": month.start.date(), "rules": rules}
    store_rulesets(None, scheme=scheme, data={"rulesets": [block]})
    seconds, rows = timed(actions.recompute_month, scheme, month, actor=None)
    return seconds, rows, RuleSet.objects.get(scheme=scheme, version=block["version"]).pk


def rule_change_check(scheme, month, rows, ruleset_id) -> None:
    """Every rule entry of the month now comes from the new version (the recompute rewrote them all)."""
    from wenming.points.models import Entry
    from wenming.points.periods import period_of

    month_rules = Entry.objects.filter(scheme=scheme, period=period_of(month), kind="rule")
    stale = month_rules.exclude(ruleset_id=ruleset_id).count()
    if stale or month_rules.count() != rows:
        sys.exit(f"规则变更后仍有 {stale} 条旧版本积分明细 (entries of the old version remain)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--events", type=int, default=int(os.environ.get("BENCH_EVENTS", 1_000_000)))
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_PEOPLE", 100_000)))
    args = parser.parse_args()
    work = configure(args.database)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import generate

    data = work / f"month-{args.events}-{args.people}.jsonl"
    if not data.exists():
        written = generate(data, args.events, args.people)
        print(f"生成 {written} 个事件 → {data}")
    call_command("migrate", verbosity=0)
    call_command("load-scheme", "liyang-2017", verbosity=0)

    # Import in a child process so its peak memory is measured on its own.
    env = dict(os.environ)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wenming", "import-events", str(data), "--no-progress"], check=True, env=env)  # noqa: S603
    import_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    from django.db import connection
    from django.test import Client

    from wenming.assessment.models import Scheme
    from wenming.core.periods import Month
    from wenming.journal.models import DomainEvent
    from wenming.orgs.models import Unit
    from wenming.people.models import User
    from wenming.points import engine, queries
    from wenming.points.models import Entry

    scheme = Scheme.objects.get(slug="liyang-2017")
    month = Month(2017, 3)
    events = DomainEvent.objects.count()
    entries = Entry.objects.count()
    recompute_s, _n = timed(engine.recompute, scheme, month)
    # The case the target is about: a rule change. An operator loads a new rule-set version from the
    # month on (here the like is worth 0.06 instead of 0.05) and recomputes the month, so every rule
    # entry of the month is scored by another version and every row changes.
    changed_s, changed_rows, changed_total = rule_change(scheme, month)

    def hand_written():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT unit_id, SUM(amount) FROM points_entry WHERE scheme_id = %s AND period = %s "
                "AND unit_id IS NOT NULL GROUP BY unit_id",
                [scheme.pk, connection.ops.adapt_datefield_value(month.start.date())],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT person_id, SUM(amount) FROM points_entry WHERE scheme_id = %s AND period = %s "
                "AND person_id IS NOT NULL GROUP BY person_id",
                [scheme.pk, connection.ops.adapt_datefield_value(month.start.date())],
            )
            cursor.fetchall()

    aggregate_s, _ = timed(hand_written)

    person = User.objects.filter(external_id="u1").first()
    client = Client()
    client.force_login(person)
    unit = Unit.objects.filter(pk=person.group_id).first()
    units_ms = median_ms(lambda: client.get("/points/leaderboard/", {"month": str(month)}))
    people_ms = median_ms(lambda: client.get("/points/leaderboard/", {"month": str(month), "by": "person", "unit": unit.pk}))
    rank_ms = median_ms(lambda: queries.my_rank(scheme, month, person))
    page_ms = median_ms(lambda: client.get("/points/", {"month": str(month)}))

    rule_change_check(scheme, month, changed_rows, changed_total)
    target = TARGETS[args.database]
    print()
    print(f"== 积分基准 ({args.database}) · {events:,} 个事件 · {args.people:,} 人 · {entries:,} 条积分明细 ==")
    rows = [
        ("导入并计分 import + score", f"{import_s:.1f} s", f"目标 < {target:.0f} s"),
        ("导入峰值内存 peak memory", f"{peak_mb:.0f} MB", "目标 < 500 MB"),
        ("规则变更后重算 recompute after a rule change", f"{changed_s:.1f} s", "目标 < 20 s"),
        ("  / 手写 SQL 汇总 ratio to the aggregate", f"{changed_s / aggregate_s:.1f}×", "相对基线"),
        ("规则未变重算 recompute, rules unchanged", f"{recompute_s:.1f} s", "目标 < 20 s"),
        ("  / 手写 SQL 汇总 ratio to the aggregate", f"{recompute_s / aggregate_s:.1f}×", "相对基线"),
        ("手写 SQL 汇总 hand-written aggregate (基线)", f"{aggregate_s * 1000:.0f} ms", "基线 baseline"),
        ("单位排行页 units leaderboard page", f"{units_ms:.1f} ms", "目标 < 20 ms"),
        ("单位内个人排行页 people leaderboard page", f"{people_ms:.1f} ms", "目标 < 20 ms"),
        ("我的排名 my rank (query)", f"{rank_ms:.1f} ms", "目标 < 20 ms"),
        ("我的积分页 my points page", f"{page_ms:.1f} ms", "参考"),
    ]
    for label, value, goal in rows:
        print(f"{label:<40} {value:>10}   {goal}")


if __name__ == "__main__":
    main()
