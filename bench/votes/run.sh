#!/usr/bin/env bash
# The vote load benchmark (make bench-votes): gunicorn on PostgreSQL with production settings,
# BENCH_VOTERS verified voters, a separate load process with BENCH_CLIENTS concurrent clients.
# It prints votes/s, p50/p99, server errors, the final count against the distinct pairs, and
# pgbench's TPS for a single-row insert into a table of the same shape.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=.venv/bin
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-root}
DB=${BENCH_DB:-wm_bench_votes}
PORT=${BENCH_PORT:-8765}
VOTERS=${BENCH_VOTERS:-5000}
CANDIDATES=${BENCH_CANDIDATES:-20}
CLIENTS=${BENCH_CLIENTS:-200}
SECONDS_=${BENCH_SECONDS:-30}
# The paced phase's offered load in vote requests per second (0 skips it), see load.py.
RATE=${BENCH_RATE:-700}
WORKERS=${BENCH_WORKERS:-2}
THREADS=${BENCH_THREADS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
REDIS_DB=${BENCH_REDIS_DB:-13}
WORK=$(mktemp -d)
export PGHOST PGPORT PGUSER

export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"
export WENMING_ENV=production SECRET_KEY="bench-only-$(date +%s)-not-a-secret-key-0123456789" DEBUG=false
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false REDIS_URL="redis://127.0.0.1:6379/${REDIS_DB}"
# Every client comes from 127.0.0.1, so the per-address limit is lifted; the per-person one stays.
export WENMING_VOTE_RATE_PER_IP=100000000
export WENMING_DATA_DIR="$WORK/data"

cleanup() {
  [[ -n "${GUNICORN_PID:-}" ]] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
dropdb --if-exists "$DB"
createdb "$DB"
redis-cli -n "$REDIS_DB" flushdb >/dev/null
$BIN/wenming migrate --noinput -v0
$BIN/wenming collectstatic --noinput -v0
$BIN/python bench/votes/prepare.py "$VOTERS" "$CANDIDATES" "$WORK/prepared.json"
# Statistics as a database in service has them, so autovacuum's analyze of the fresh tables does
# not land in the middle of the measured load.
psql -d "$DB" -q -c "VACUUM ANALYZE"

GUNICORN_BIND="127.0.0.1:${PORT}" GUNICORN_WORKERS=$WORKERS GUNICORN_THREADS=$THREADS \
  $BIN/gunicorn -c deploy/gunicorn.conf.py -k "$WORKER_CLASS" ${BENCH_GUNICORN_ARGS:-} wenming.wsgi:application 2>"$WORK/server.log" &
GUNICORN_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:${PORT}/honors/" && break; sleep 0.2; done

server_cpu() { ps -o times= --ppid "$GUNICORN_PID" | awk '{s += $1} END {print s + 0}'; }
# Each worker's CPU seconds so far: a worker holding more keep-alive connections than the others
# shows here (a worker's Python runs on one core at a time).
worker_cpus() { echo "app server CPU by worker: $(ps -o times= --ppid "$GUNICORN_PID" | tr -s ' \n' ' ')s"; }
# CPU the app servers used in a phase (the workers are still alive), per answered request.
cpu_per_request() {
  $BIN/python -c "import json,sys; r=json.load(open(sys.argv[1])); n=r['requests']; s=float(sys.argv[3])-float(sys.argv[2]); print(f'app server CPU: {s:.0f}s for {n} requests = {s * 1000 / max(n, 1):.2f} ms per request')" "$@"
}

CPU0=$(server_cpu)
echo "== phase 1, the target: ${CLIENTS} clients offering ${RATE} votes/s for ${SECONDS_}s against gunicorn (${WORKERS} workers x ${THREADS} threads)"
if [[ "$RATE" != 0 ]]; then
  $BIN/python bench/votes/load.py "127.0.0.1:${PORT}" "$WORK/prepared.json" "$CLIENTS" "$SECONDS_" "$WORK/paced.json" "$RATE"
else
  echo '{"pairs": [], "created": 0, "rps": 0, "requests": 0}' >"$WORK/paced.json"
fi
CPU1=$(server_cpu)
cpu_per_request "$WORK/paced.json" "$CPU0" "$CPU1"
worker_cpus
echo "== phase 2, the ceiling: the same clients voting with no pause for ${SECONDS_}s"
$BIN/python bench/votes/load.py "127.0.0.1:${PORT}" "$WORK/prepared.json" "$CLIENTS" "$SECONDS_" "$WORK/saturation.json" 0 "$WORK/paced.json"
cpu_per_request "$WORK/saturation.json" "$CPU1" "$(server_cpu)"
worker_cpus
echo "== machine load average after the load: $(cut -d' ' -f1-3 /proc/loadavg)"
# Both phases' answers, for the final count.
$BIN/python -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:3]); json.dump({'pairs': sorted({tuple(p) for p in a['pairs'] + b['pairs']}), 'created': a['created'] + b['created'], 'rps': b['rps']}, open(sys.argv[3], 'w'))" "$WORK/paced.json" "$WORK/saturation.json" "$WORK/result.json"
# Django logs every 409 (a refused duplicate) as a warning; anything else in the log is shown.
echo "server log: $(grep -c '^Conflict: ' "$WORK/server.log" || true) duplicate-vote warnings; other lines:"
grep -v '^Conflict: ' "$WORK/server.log" | tail -20 || true

ROWS=$(psql -d "$DB" -tAc "SELECT count(*) FROM honors_vote")
DISTINCT_ROWS=$(psql -d "$DB" -tAc "SELECT count(*) FROM (SELECT DISTINCT candidate_id, voter_id, slot FROM honors_vote) d")
read -r PAIRS CREATED APP_RATE < <($BIN/python -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['pairs']), r['created'], round(r['rps']))" "$WORK/result.json")
echo "final count: ${ROWS} rows (${DISTINCT_ROWS} distinct); distinct (voter, candidate) pairs answered: ${PAIRS}; 200 answers: ${CREATED}"
STATUS=0
if [[ "$ROWS" == "$PAIRS" && "$ROWS" == "$CREATED" && "$ROWS" == "$DISTINCT_ROWS" ]]; then
  echo "count check: EXACT"
else
  echo "count check: MISMATCH"; STATUS=1
fi

kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true; GUNICORN_PID=

# pgbench: the same single-row insert into a table of the same shape (columns, unique constraint,
# indexes, foreign keys), with as many connections as the app servers held (workers x threads).
psql -d "$DB" -q -c "DROP TABLE IF EXISTS bench_vote_shape" \
  -c "CREATE TABLE bench_vote_shape (LIKE honors_vote INCLUDING ALL)" \
  -c "ALTER TABLE bench_vote_shape ADD FOREIGN KEY (candidate_id) REFERENCES honors_nomination (id), ADD FOREIGN KEY (voter_id) REFERENCES people_user (id)"
read -r VMIN VMAX < <(psql -d "$DB" -tAF' ' -c "SELECT min(id), max(id) FROM people_user WHERE username LIKE 'bench%'")
read -r CMIN CMAX < <(psql -d "$DB" -tAF' ' -c "SELECT min(id), max(id) FROM honors_nomination")
sed -e "s/random(1, 5000)/random(${VMIN}, ${VMAX})/" -e "s/random(1, 20)/random(${CMIN}, ${CMAX})/" bench/votes/pgbench.sql >"$WORK/pgbench.sql"
CONNS=$((WORKERS * THREADS))
echo "== pgbench: ${CONNS} connections, ${SECONDS_}s"
TPS=$(pgbench -n -c "$CONNS" -j 2 -T "$SECONDS_" -f "$WORK/pgbench.sql" "$DB" 2>/dev/null | awk '/^tps/ {print int($3)}')
echo "pgbench TPS (single-row insert, same shape): ${TPS}"
$BIN/python -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio app votes/s : pgbench TPS = {a:.0f} : {b:.0f} = {a/b:.2f}')" "$APP_RATE" "$TPS"
echo "== machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
# The summary against the issue's target: at least 500 votes/s, p99 under 250 ms, no server error,
# an exact count. "Votes/s" is counted strictly: votes recorded (200), not refused duplicates.
$BIN/python - "$WORK/paced.json" "$WORK/saturation.json" "$STATUS" "$TPS" <<'PY'
import json, sys
paced, ceiling = (json.load(open(f)) for f in sys.argv[1:3])
exact, tps = sys.argv[3] == "0", float(sys.argv[4] or 0)
print("== summary (target: >= 500 votes/s recorded, p99 < 250 ms, 0 server errors, exact count)")
for name, r in (("paced at the target rate", paced), ("saturation ceiling", ceiling)):
    if not r["requests"]:
        continue
    offered = f"offered {r['offered']:.0f} req/s, " if r["offered"] else ""
    print(
        f"{name:<26} {offered}answered {r['answered_rps']:.0f} req/s, recorded {r['rps']:.0f} votes/s, "
        f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, server errors {r['errors']}"
    )
print(f"baseline: pgbench {tps:.0f} TPS for the same single-row insert; ceiling ratio {ceiling['rps'] / max(tps, 1):.2f}")
met = paced["requests"] and paced["rps"] >= 500 and paced["p99_ms"] < 250 and paced["errors"] == 0 and exact
print("target:", "MET" if met else "NOT MET")
PY
dropdb "$DB"
exit $STATUS
