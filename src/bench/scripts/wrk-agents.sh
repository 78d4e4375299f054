#!/usr/bin/env bash
# Issue 8, target 6: REST on Open Liberty under wrk. GET /api/agents/{id}/availability (anonymous), a random one of
# 1,000 agents per request, in three configurations of the same packaged WAR:
#   redis       (a) caching on, Redis only (near cache off)           -- the defaults
#   cache-off   (b) caching disabled, cache.enabled=false             -- every request queries the database
#   near-cache  (c) cache.agent:availability.near-cache=true          -- near cache in front of Redis
# Everything runs on this machine and is started and stopped here by its own PID/pid file: a redis-server and a
# PostgreSQL cluster of its own on free ports (BENCH_DB=h2: Liberty's embedded H2 instead), and a Liberty server
# "benchWrk" in target/bench-wrk (WLP_USER_DIR there), never the shared Redis on 6379 or PostgreSQL on 5432.
#
# Usage: src/bench/scripts/wrk-agents.sh            (from anywhere; builds the WAR first when src/main changed)
# Settings (environment):
#   DURATION=20 WARMUP=20     seconds of the measured wrk run and of the wrk warm-up before it, per run (each run
#                             starts a fresh JVM: the warm-up also lets the JIT settle)
#   THREADS=2 CONNECTIONS=16  wrk -t / -c
#   REPEATS=2                 rounds; even rounds run the variants in reverse order (a b c c b a); medians reported
#   VARIANTS="redis cache-off near-cache"
#   AGENTS=1000               agents registered through the REST API (admin token), the hot set of the Lua script
#   BENCH_DB=postgres|h2      system of record (default: a private PostgreSQL cluster)
#   EXTRA_JVM_OPTS="..."      more -D options for every run (e.g. -Dcache.agent:availability.ttl=10m; the default
#                             TTL of 30 s expires the hot set once or so during a run, visible as db queries/req)
#   SKIP_BUILD=1              use target/devcycle-agent-service.war as it is
# Output: the markdown table on stdout and in target/bench-wrk/wrk-agents.md; every run's wrk output, statistics
# and Liberty log in target/bench-wrk/runs-<time>/. Exits non-zero, loudly, on any HTTP error (status >= 400, wrk's
# "Non-2xx" count) or socket error under wrk, any answer other than 200 with the seeded availability in the check of
# all agents before each run, or statistics showing the wrong tier answered. Not part of `mvn verify`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
DURATION=${DURATION:-20} WARMUP=${WARMUP:-20} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-16}
REPEATS=${REPEATS:-2} AGENTS=${AGENTS:-1000} BENCH_DB=${BENCH_DB:-postgres} EXTRA_JVM_OPTS=${EXTRA_JVM_OPTS:-}
VARIANTS=${VARIANTS:-redis cache-off near-cache} SKIP_BUILD=${SKIP_BUILD:-0}
PREFIX=bench-agent-
SERVER=benchWrk
BENCH=$ROOT/target/bench-wrk
RUNS=$BENCH/runs-$(date +%Y%m%d-%H%M%S)
PY=(python3 "$ROOT/src/bench/scripts/wrk_agents.py")
LUA=$ROOT/src/bench/scripts/wrk-agents.lua
WLP=$BENCH/liberty/wlp
export WLP_USER_DIR=$BENCH/usr
SERVER_DIR=$WLP_USER_DIR/servers/$SERVER
LIBERTY_PIDFILE=$WLP_USER_DIR/servers/.pid/$SERVER.pid
ADMIN_USER=bench-admin
ADMIN_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
export WRK_AGENTS=$AGENTS WRK_AGENT_PREFIX=$PREFIX

log() { echo "[wrk-agents $(date +%H:%M:%S)] $*" >&2; }
die() { echo "wrk-agents: FAILED: $*" >&2; exit 1; }
for tool in wrk redis-server redis-cli python3 java mvn curl; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
mkdir -p "$RUNS"

# ---- cleanup: only what this script started, by its own pid files ----
REDIS_PORT= PG_TMP= PG_BIN=
stop_liberty() {
  [ -f "$LIBERTY_PIDFILE" ] || return 0
  local pid; pid=$(cat "$LIBERTY_PIDFILE")
  kill -0 "$pid" 2>/dev/null || return 0
  "$WLP/bin/server" stop "$SERVER" >>"$RUNS/liberty-control.log" 2>&1 || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  log "Liberty (pid $pid) did not stop: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  set +e
  stop_liberty
  [ -n "$REDIS_PORT" ] && bash "$ROOT/src/test/scripts/it-redis.sh" stop "$REDIS_PORT" "$BENCH/redis" >/dev/null
  if [ -n "$PG_TMP" ] && [ -f "$PG_TMP/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null
  fi
  [ -n "$PG_TMP" ] && rm -rf "$PG_TMP"
  [ $rc -ne 0 ] && log "failed; logs in $RUNS"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the WAR and the Liberty runtime ----
WAR=$ROOT/target/devcycle-agent-service.war
if [ "$SKIP_BUILD" != 1 ] && { [ ! -f "$WAR" ] || [ -n "$(find src/main pom.xml -newer "$WAR" -print -quit)" ]; }; then
  log "building the WAR (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package >"$RUNS/build.log" 2>&1 || { tail -30 "$RUNS/build.log" >&2; die "build"; }
fi
[ -f "$WAR" ] || die "$WAR missing (SKIP_BUILD=1 needs a packaged WAR)"
[ -f "$ROOT/target/jdbc/postgresql.jar" ] && [ -f "$ROOT/target/jdbc/h2.jar" ] \
  || die "target/jdbc/ has no JDBC drivers: run mvn -B -DskipTests package"
LIBERTY_VERSION=$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' pom.xml)
if [ ! -x "$WLP/bin/server" ]; then
  log "unpacking Open Liberty $LIBERTY_VERSION (io.openliberty:openliberty-runtime) into $BENCH/liberty"
  mvn -B -q dependency:unpack "-Dartifact=io.openliberty:openliberty-runtime:$LIBERTY_VERSION:zip" \
    "-DoutputDirectory=$BENCH/liberty" >"$RUNS/liberty-unpack.log" 2>&1 \
    || { tail -30 "$RUNS/liberty-unpack.log" >&2; die "unpacking Liberty"; }
fi
# A stable copy: a rebuild during the run must not redeploy the application under load.
mkdir -p "$BENCH/app"
cp "$WAR" "$BENCH/app/devcycle-agent-service.war"
stop_liberty
rm -rf "$SERVER_DIR"
"$WLP/bin/server" create "$SERVER" >"$RUNS/liberty-control.log" 2>&1 || die "server create $SERVER"
cp src/main/liberty/config/server.xml "$SERVER_DIR/server.xml"
mkdir -p "$SERVER_DIR/jdbc"
cp "$ROOT/target/jdbc/h2.jar" "$ROOT/target/jdbc/postgresql.jar" "$SERVER_DIR/jdbc/"

# ---- ports, Redis, database ----
read -r REDIS_PORT PG_PORT HTTP_PORT HTTPS_PORT <<<"$("${PY[@]}" free-ports 4)"
[ "$REDIS_PORT" != 6379 ] && [ "$PG_PORT" != 5432 ] || die "free port picked a shared service's port"
bash "$ROOT/src/test/scripts/it-redis.sh" start "$REDIS_PORT" "$BENCH/redis" >&2 || die "redis-server"
REDIS_VERSION=$(redis-cli -p "$REDIS_PORT" INFO server | sed -n 's/^redis_version:\(.*\)\r$/\1/p')

case "$BENCH_DB" in
  postgres)
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql (or use BENCH_DB=h2)"
    id postgres >/dev/null 2>&1 || die "no user postgres to run a private cluster as (or use BENCH_DB=h2)"
    PG_TMP=$(mktemp -d /tmp/wrk-agents-pg.XXXXXX)
    DB_PASSWORD=bench-$RANDOM$RANDOM
    echo "$DB_PASSWORD" >"$PG_TMP/pw"
    chown -R postgres:postgres "$PG_TMP"; chmod 700 "$PG_TMP"
    log "private PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT in $PG_TMP"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --pwfile="$PG_TMP/pw" -E UTF8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$RUNS/initdb.log" 2>&1 || die "initdb (see $RUNS/initdb.log)"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1" start >/dev/null \
      || { cat "$PG_TMP/postgres.log" >&2; die "pg_ctl start"; }
    runuser -u postgres -- "$PG_BIN/psql" -q -h "$PG_TMP" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE devcycle" || die "CREATE DATABASE"
    DB_VERSION=$(runuser -u postgres -- "$PG_BIN/psql" -tA -h "$PG_TMP" -p "$PG_PORT" -U postgres -d postgres \
      -c "SHOW server_version")
    DB_DESC="PostgreSQL $DB_VERSION (private cluster, loopback TCP, stock settings)"
    DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/devcycle DB_USER=postgres ;;
  h2)
    log "BENCH_DB=h2: the agents live in an embedded H2 file inside Liberty's JVM -- 'database only' is flattered"
    rm -rf "$BENCH/h2"
    DB_DESC="H2 (embedded file database in Liberty's JVM: flatters 'database only')"
    DB_URL=jdbc:h2:$BENCH/h2/devcycle-agents DB_USER=sa DB_PASSWORD= ;;
  *) die "BENCH_DB must be postgres or h2" ;;
esac

# ---- one run of one variant ----
BASE=http://127.0.0.1:$HTTP_PORT
SEEDED=0
start_liberty() {  # $1: variant
  # Reads stay anonymous by default (auth.reads.require.authentication=false): verify and wrk send no token.
  local opts=(-Dredis.host=127.0.0.1 "-Dredis.port=$REDIS_PORT")
  case "$1" in
    redis) opts+=(-Dcache.enabled=true -Dcache.agent:availability.near-cache=false) ;;
    cache-off) opts+=(-Dcache.enabled=false -Dcache.agent:availability.near-cache=false) ;;
    near-cache) opts+=(-Dcache.enabled=true -Dcache.agent:availability.near-cache=true) ;;
    *) die "unknown variant $1" ;;
  esac
  # shellcheck disable=SC2206
  opts+=($EXTRA_JVM_OPTS)
  printf '%s\n' "${opts[@]}" >"$SERVER_DIR/jvm.options"
  # Bootstrap properties outrank the environment for server.xml variables (DB_*, AUTH_*).
  cat >"$SERVER_DIR/bootstrap.properties" <<EOF
app.location=$BENCH/app/devcycle-agent-service.war
http.port=$HTTP_PORT
https.port=$HTTPS_PORT
auth.admin.username=$ADMIN_USER
auth.admin.password=$ADMIN_PASSWORD
DB_URL=$DB_URL
DB_USER=$DB_USER
DB_PASSWORD=$DB_PASSWORD
EOF
  rm -rf "$SERVER_DIR/logs"
  "$WLP/bin/server" start "$SERVER" >>"$RUNS/liberty-control.log" 2>&1 || die "server start (see $SERVER_DIR/logs)"
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ] && return 0
    sleep 1
  done
  tail -40 "$SERVER_DIR/logs/messages.log" >&2 || true
  die "Liberty not ready at $BASE/health/ready after 300 s"
}

# The app's counters (db_queries, hits, near hits, errors) and the CPU seconds of Liberty, the database and Redis.
snapshot() {
  local db=-
  [ -n "$PG_TMP" ] && db=$(head -1 "$PG_TMP/data/postmaster.pid")
  echo "$("${PY[@]}" stats "$BASE") $("${PY[@]}" cpu "liberty=$(cat "$LIBERTY_PIDFILE")" "db=$db" \
    "redis=$(cat "$BENCH/redis/redis.pid")")"
}

run_variant() {  # $1: variant, $2: round
  local v=$1 r=$2 out=$RUNS/$2-$1
  log "round $r, $v: starting Liberty"
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null  # the private Redis of this script: every run starts cold
  start_liberty "$v"
  if [ $SEEDED = 0 ]; then
    "${PY[@]}" seed "$BASE" "$ADMIN_USER" "$ADMIN_PASSWORD" "$AGENTS" "$PREFIX" >&2 || die "seeding"
    SEEDED=1
  fi
  "${PY[@]}" verify "$BASE" "$AGENTS" "$PREFIX" >&2 || die "$v: availability check"
  log "round $r, $v: warm-up ${WARMUP}s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$BASE" >"$out-warmup.txt" 2>&1 \
    || { cat "$out-warmup.txt" >&2; die "wrk warm-up"; }
  "${PY[@]}" check "$v warm-up" "$out-warmup.txt" >&2 || die "$v warm-up"
  local load before after
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(snapshot) || die "stats"
  log "round $r, $v: measuring ${DURATION}s (load average $load)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$BASE" >"$out.txt" 2>&1 \
    || { cat "$out.txt" >&2; die "wrk"; }
  after=$(snapshot) || die "stats"
  printf 'before %s\nafter  %s\n' "$before" "$after" >"$out-stats.txt"
  "${PY[@]}" row "$v" "$r" "$load" "$out.txt" "$before" "$after" >>"$RUNS/results.tsv" || die "$v: see $out.txt"
  tail -1 "$RUNS/results.tsv" >&2
  stop_liberty
  cp "$SERVER_DIR/logs/messages.log" "$out-messages.log" 2>/dev/null || true
}

read -r -a FORWARD <<<"$VARIANTS"
for r in $(seq 1 "$REPEATS"); do
  order=("${FORWARD[@]}")
  if [ $((r % 2)) = 0 ]; then order=(); for ((i = ${#FORWARD[@]} - 1; i >= 0; i--)); do order+=("${FORWARD[i]}"); done; fi
  for v in "${order[@]}"; do run_variant "$v" "$r"; done
done

# ---- report ----
{
  echo "wrk-agents: GET /api/agents/{id}/availability, $AGENTS agents at random, anonymous;" \
    "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency after a ${WARMUP}s warm-up; $REPEATS round(s)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(. /etc/os-release && echo "$PRETTY_NAME");" \
    "$(java -version 2>&1 | head -1); Open Liberty $LIBERTY_VERSION; redis-server $REDIS_VERSION (private, loopback);" \
    "$DB_DESC. wrk, Liberty, Redis and the database share the cores."
  echo "Started $(basename "$RUNS" | sed 's/runs-//'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "CPU ms/req: CPU time of the process (and its children) during the measured run / requests; Liberty's" \
    "includes GC and JIT$([ "$BENCH_DB" = h2 ] && echo ' and the H2 database')."
  echo
  "${PY[@]}" table "$RUNS/results.tsv"
} >"$RUNS/wrk-agents.md"
cp "$RUNS/wrk-agents.md" "$BENCH/wrk-agents.md"
cat "$RUNS/wrk-agents.md"
