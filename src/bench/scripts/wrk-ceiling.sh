#!/usr/bin/env bash
# Issue 17: the cached availability request against the server's own ceiling. One Liberty server runs the service
# WAR and, beside it, a bare application (src/bench/ceiling: one JAX-RS resource returning the same two-field JSON,
# no cache, database, filter or CDI bean; never part of the shipped WAR) at /ceiling. For each configuration the
# server is started once, both endpoints are warmed up, alternated, until successive rounds stop rising, and then
# measured alternated (A B, B A, A B ...): GET /api/agents/{id}/availability (A) and GET
# /ceiling/api/agents/{id}/availability (B), a random one of 1,000 agents per request, anonymous. Every table row
# carries the ratio A/B of its round.
#
# Configurations (CONFIGS, default "near-cache redis near-cache+pinned redis+pinned"):
#   near-cache   cache.agent:availability.near-cache=true: a near-cache hit
#   redis        near cache off: a Redis hit (GET + decode)
#   cache-off    caching disabled: every request reads the database (H2 in Liberty's JVM here)
#   <config>~pool<N>  the same with redis.max.connections=N (the pool; default 10) -- e.g. redis~pool16
#   <config>+pinned   the same with wrk (and redis-server) on CPU $WRK_CPU and Liberty on CPU $LIBERTY_CPU (taskset),
#                     so the load generator's noise is separated from the server's
#   burst:<percent>   the expiry burst instead (no bare endpoint): Redis tier, the production TTL of 30 s with
#                     cache.agent:availability.jitter=<percent>; Redis emptied, then one wrk run of BURST_SECONDS
#                     (default 75) from cold, so the whole hot set is loaded within its first seconds and expires
#                     about 30 and 60 s later; beside it a probe reads the app's counters and times one request every
#                     200 ms (wrk_ceiling.py burst-probe): database loads per second, the slowest probe per second
# The availability cache's TTLs are raised to 10 minutes (EXTRA_JVM_OPTS) so every measured request is a hit;
# wrk-agents.sh measures the production TTL. Database: Liberty's embedded H2 file (hits never reach it).
#
# Usage: src/bench/scripts/wrk-ceiling.sh    (on a quiet machine; build first
#                                            with SKIP_BUILD=0 outside the quiet window, or let it build)
# Settings (environment):
#   CONFIGS="..."              see above
#   ROUNDS=3 DURATION=12       measured rounds per configuration (each: A and B once), seconds per wrk run
#   WARM_ROUND=10 WARMUP_MIN=60 WARMUP_MAX=150 PLATEAU=0.03
#                              warm-up: alternated A/B wrk runs of WARM_ROUND s, at least WARMUP_MIN s and until
#                              neither endpoint's req/s exceeds its best earlier warm-up round by more than PLATEAU
#                              (or WARMUP_MAX s have passed)
#   THREADS=2 CONNECTIONS=16   wrk -t / -c
#   WRK_CPU=0 LIBERTY_CPU=1    the cores of the +pinned configurations
#   JFR=0                      1: after the measured rounds, one more A and one more B run of DURATION s under a
#                              JFR recording each (settings=profile), summarised by jfr_summary.py
#   AGENTS=1000 EXTRA_JVM_OPTS="..." SKIP_BUILD=1 BUILD_ONLY=1
# Output: the markdown tables on stdout and in target/bench-ceiling/wrk-ceiling.md; every run's wrk output, the
# app's statistics, the warm-up series, the JFR recordings and summaries and the Liberty log in
# target/bench-ceiling/runs-<time>/. Exits non-zero on any HTTP or socket error, a wrong answer, or statistics
# showing that the wrong tier answered (or that the bare endpoint touched the service). Not part of `mvn verify`.
# Needs: wrk, taskset (util-linux), redis-server/redis-cli, python3, java (with jcmd and jfr for JFR=1), mvn, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
CONFIGS=${CONFIGS:-near-cache redis near-cache+pinned redis+pinned}
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-12} WARM_ROUND=${WARM_ROUND:-10} WARMUP_MIN=${WARMUP_MIN:-60}
WARMUP_MAX=${WARMUP_MAX:-150} PLATEAU=${PLATEAU:-0.03} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-16}
WRK_CPU=${WRK_CPU:-0} LIBERTY_CPU=${LIBERTY_CPU:-1} JFR=${JFR:-0} AGENTS=${AGENTS:-1000}
EXTRA_JVM_OPTS=${EXTRA_JVM_OPTS:--Dcache.agent:availability.ttl=10m -Dcache.agent:availability.near-cache-ttl=10m}
SKIP_BUILD=${SKIP_BUILD:-0} BUILD_ONLY=${BUILD_ONLY:-0} BURST_SECONDS=${BURST_SECONDS:-75}
PREFIX=bench-agent-
SERVER=benchCeiling
BENCH=$ROOT/target/bench-ceiling
RUNS=$BENCH/runs-$(date +%Y%m%d-%H%M%S)
PY=(python3 "$ROOT/src/bench/scripts/wrk_agents.py")
CPY=(python3 "$ROOT/src/bench/scripts/wrk_ceiling.py")
LUA=$ROOT/src/bench/scripts/wrk-agents.lua
WLP=$BENCH/liberty/wlp
export WLP_USER_DIR=$BENCH/usr
SERVER_DIR=$WLP_USER_DIR/servers/$SERVER
LIBERTY_PIDFILE=$WLP_USER_DIR/servers/.pid/$SERVER.pid
ADMIN_USER=bench-admin
ADMIN_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
export WRK_AGENTS=$AGENTS WRK_AGENT_PREFIX=$PREFIX

log() { echo "[wrk-ceiling $(date +%H:%M:%S)] $*" >&2; }
die() { echo "wrk-ceiling: FAILED: $*" >&2; exit 1; }
need() {  # $1 tool, $2 Debian package
  command -v "$1" >/dev/null || die "$1 not found: install it (apt-get install -y $2)"
}
need wrk wrk; need taskset util-linux; need redis-server redis-server; need redis-cli redis-tools
need python3 python3; need java openjdk-17-jdk-headless; need mvn maven; need curl curl
if [ "$JFR" = 1 ]; then need jcmd openjdk-17-jdk-headless; need jfr openjdk-17-jdk-headless; fi
mkdir -p "$RUNS"

# ---- cleanup: only what this script started, by its own pid files ----
REDIS_PORT=
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
  [ $rc -ne 0 ] && log "failed; logs in $RUNS"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the WARs and the Liberty runtime ----
WAR=$ROOT/target/devcycle-agent-service.war
CEILING_WAR=$ROOT/src/bench/ceiling/target/bench-ceiling.war
if [ "$SKIP_BUILD" != 1 ]; then
  if [ ! -f "$WAR" ] || [ -n "$(find src/main pom.xml service-pom.xml redis-cache/src/main redis-cache/pom.xml \
      -newer "$WAR" -print -quit)" ]; then
    log "building the WAR (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package >"$RUNS/build.log" 2>&1 || { tail -30 "$RUNS/build.log" >&2; die "build"; }
  fi
  if [ ! -f "$CEILING_WAR" ] || [ -n "$(find src/bench/ceiling/src src/bench/ceiling/pom.xml -newer "$CEILING_WAR" \
      -print -quit)" ]; then
    log "building the bare application (mvn -B -q -f src/bench/ceiling/pom.xml package)"
    mvn -B -q -f src/bench/ceiling/pom.xml package >"$RUNS/build-ceiling.log" 2>&1 \
      || { tail -30 "$RUNS/build-ceiling.log" >&2; die "build of the bare application"; }
  fi
fi
[ -f "$WAR" ] || die "$WAR missing (SKIP_BUILD=1 needs a packaged WAR)"
[ -f "$CEILING_WAR" ] || die "$CEILING_WAR missing (SKIP_BUILD=1 needs it built)"
[ -f "$ROOT/target/jdbc/h2.jar" ] || die "target/jdbc/ has no JDBC drivers: run mvn -B -DskipTests package"
LIBERTY_VERSION=$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' pom.xml)
if [ ! -x "$WLP/bin/server" ]; then
  log "unpacking Open Liberty $LIBERTY_VERSION (io.openliberty:openliberty-runtime) into $BENCH/liberty"
  mvn -B -q dependency:unpack "-Dartifact=io.openliberty:openliberty-runtime:$LIBERTY_VERSION:zip" \
    "-DoutputDirectory=$BENCH/liberty" >"$RUNS/liberty-unpack.log" 2>&1 \
    || { tail -30 "$RUNS/liberty-unpack.log" >&2; die "unpacking Liberty"; }
fi
[ "$BUILD_ONLY" = 1 ] && { log "built; BUILD_ONLY=1"; exit 0; }

# Stable copies: a rebuild during the run must not redeploy an application under load.
mkdir -p "$BENCH/app"
cp "$WAR" "$BENCH/app/devcycle-agent-service.war"
cp "$CEILING_WAR" "$BENCH/app/bench-ceiling.war"
stop_liberty
rm -rf "$SERVER_DIR" "$BENCH/h2"
"$WLP/bin/server" create "$SERVER" >"$RUNS/liberty-control.log" 2>&1 || die "server create $SERVER"
# The project's server.xml, and the bare application beside the service (its own context root, no security roles).
sed 's:</server>:    <webApplication id="bench-ceiling" location="${ceiling.location}" contextRoot="/ceiling"/>\n</server>:' \
  src/main/liberty/config/server.xml >"$SERVER_DIR/server.xml"
grep -q 'id="bench-ceiling"' "$SERVER_DIR/server.xml" || die "could not add the bare application to server.xml"
mkdir -p "$SERVER_DIR/jdbc"
cp "$ROOT/target/jdbc/h2.jar" "$SERVER_DIR/jdbc/"

read -r REDIS_PORT HTTP_PORT HTTPS_PORT <<<"$("${PY[@]}" free-ports 3)"
[ "$REDIS_PORT" != 6379 ] || die "free port picked the shared Redis' port"
bash "$ROOT/src/test/scripts/it-redis.sh" start "$REDIS_PORT" "$BENCH/redis" >&2 || die "redis-server"
REDIS_PID=$(cat "$BENCH/redis/redis.pid")
REDIS_VERSION=$(redis-cli -p "$REDIS_PORT" INFO server | sed -n 's/^redis_version:\(.*\)\r$/\1/p')

BASE=http://127.0.0.1:$HTTP_PORT
SEEDED=0
PINNED=0
start_liberty() {  # $1: configuration without +pinned
  local opts=(-Dredis.host=127.0.0.1 "-Dredis.port=$REDIS_PORT") extra=$EXTRA_JVM_OPTS
  case "$1" in
    *~pool*) opts+=("-Dredis.max.connections=${1##*~pool}") ;;
  esac
  case "${1%~pool*}" in
    burst:*) opts+=(-Dcache.enabled=true -Dcache.agent:availability.near-cache=false
                    "-Dcache.agent:availability.jitter=${1#burst:}")
             extra= ;;
    redis) opts+=(-Dcache.enabled=true -Dcache.agent:availability.near-cache=false) ;;
    cache-off) opts+=(-Dcache.enabled=false -Dcache.agent:availability.near-cache=false) ;;
    near-cache) opts+=(-Dcache.enabled=true -Dcache.agent:availability.near-cache=true) ;;
    *) die "unknown configuration $1" ;;
  esac
  # shellcheck disable=SC2206
  opts+=($extra)
  # Liberty's request stacks are deeper than JFR's default of 64 frames.
  [ "$JFR" = 1 ] && opts+=(-XX:FlightRecorderOptions:stackdepth=512)
  printf '%s\n' "${opts[@]}" >"$SERVER_DIR/jvm.options"
  cat >"$SERVER_DIR/bootstrap.properties" <<EOF
app.location=$BENCH/app/devcycle-agent-service.war
ceiling.location=$BENCH/app/bench-ceiling.war
http.port=$HTTP_PORT
https.port=$HTTPS_PORT
auth.admin.username=$ADMIN_USER
auth.admin.password=$ADMIN_PASSWORD
DB_URL=jdbc:h2:$BENCH/h2/devcycle-agents
DB_USER=sa
DB_PASSWORD=
EOF
  rm -rf "$SERVER_DIR/logs"
  # The affinity of the launcher is inherited by the server's JVM.
  local launch=("$WLP/bin/server" start "$SERVER")
  [ $PINNED = 1 ] && launch=(taskset -c "$LIBERTY_CPU" "${launch[@]}")
  "${launch[@]}" >>"$RUNS/liberty-control.log" 2>&1 || die "server start (see $SERVER_DIR/logs)"
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ] \
      && [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ceiling/api/agents/${PREFIX}0000/availability")" = 200 ] \
      && return 0
    sleep 1
  done
  tail -40 "$SERVER_DIR/logs/messages.log" >&2 || true
  die "Liberty not ready at $BASE/health/ready and $BASE/ceiling after 300 s"
}

snapshot() {
  echo "$("${PY[@]}" stats "$BASE") $("${PY[@]}" cpu "liberty=$(cat "$LIBERTY_PIDFILE")" "db=-" "redis=$REDIS_PID")"
}

# $1 endpoint (svc|bare), $2 seconds, $3 output file, $4 "--latency" or "".
run_wrk() {
  local root=""; [ "$1" = bare ] && root=/ceiling
  local cmd=(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" ${4:+"$4"} -s "$LUA" "$BASE")
  [ $PINNED = 1 ] && cmd=(taskset -c "$WRK_CPU" "${cmd[@]}")
  WRK_PATH_PREFIX=$root "${cmd[@]}" >"$3" 2>&1 || { cat "$3" >&2; die "wrk ($1)"; }
  "${PY[@]}" check "$1" "$3" >/dev/null || die "$1: errors in $3"
}

measure() {  # $1 config label, $2 round, $3 endpoint, $4 output prefix
  local load before after out=$4-$3
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(snapshot) || die "stats"
  run_wrk "$3" "$DURATION" "$out.txt" --latency
  after=$(snapshot) || die "stats"
  printf 'before %s\nafter  %s\n' "$before" "$after" >"$out-stats.txt"
  "${CPY[@]}" row "$1" "$2" "$3" "$load" "$out.txt" "$before" "$after" >>"$RUNS/results.tsv" \
    || die "$1 $3: see $out.txt"
  tail -1 "$RUNS/results.tsv" >&2
}

run_burst() {  # $1 configuration, $2 its folder
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null  # cold: the run's first seconds load the whole hot set at once
  log "$1: ${BURST_SECONDS}s from cold with the probe"
  "${CPY[@]}" burst-probe "$BASE" "$BURST_SECONDS" "$AGENTS" "$PREFIX" "$2/probe.tsv" &
  local probe=$!
  run_wrk svc "$BURST_SECONDS" "$2/burst.txt" --latency
  wait "$probe" || die "$1: probe"
  "${CPY[@]}" burst-row "$1" "$2/burst.txt" "$2/probe.tsv" >>"$RUNS/bursts.tsv" || die "$1: burst summary"
  tail -1 "$RUNS/bursts.tsv" >&2
}

run_config() {  # $1: configuration, e.g. near-cache or redis+pinned
  local c=$1 base=${1%+pinned} dir=$RUNS/$1
  PINNED=0; [ "$c" != "$base" ] && PINNED=1
  mkdir -p "$dir"
  if [ $PINNED = 1 ]; then taskset -cp "$WRK_CPU" "$REDIS_PID" >/dev/null; else taskset -cp 0-$(($(nproc) - 1)) \
    "$REDIS_PID" >/dev/null; fi
  log "$c: starting Liberty"
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  start_liberty "$base"
  if [ $SEEDED = 0 ]; then
    "${PY[@]}" seed "$BASE" "$ADMIN_USER" "$ADMIN_PASSWORD" "$AGENTS" "$PREFIX" >&2 || die "seeding"
    SEEDED=1
  fi
  "${PY[@]}" verify "$BASE" "$AGENTS" "$PREFIX" >&2 || die "$c: availability check"
  "${CPY[@]}" verify-bare "$BASE" "$AGENTS" "$PREFIX" >&2 || die "$c: bare endpoint check"
  if [[ $c == burst:* ]]; then
    run_burst "$c" "$dir"
    stop_liberty
    cp "$SERVER_DIR/logs/messages.log" "$dir/messages.log" 2>/dev/null || true
    return
  fi
  # Warm-up: alternated, until neither endpoint still gets faster.
  local start=$SECONDS i=0 line
  : >"$dir/warmup.tsv"
  while :; do
    i=$((i + 1))
    for e in svc bare; do
      run_wrk "$e" "$WARM_ROUND" "$dir/warmup-$i-$e.txt" ""
      printf '%s\t%s\t%s\n' "$i" "$e" "$("${CPY[@]}" rps "$dir/warmup-$i-$e.txt")" >>"$dir/warmup.tsv"
    done
    line=$("${CPY[@]}" plateau "$dir/warmup.tsv" "$PLATEAU")
    log "$c: warm-up round $i ($((SECONDS - start)) s): $line"
    [ $((SECONDS - start)) -ge "$WARMUP_MIN" ] && [[ $line == plateau* ]] && break
    if [ $((SECONDS - start)) -ge "$WARMUP_MAX" ]; then
      log "$c: warm-up stopped at WARMUP_MAX=$WARMUP_MAX s, still rising"; line="WARMUP_MAX reached, $line"; break
    fi
  done
  echo "$c $((SECONDS - start)) $line" >>"$RUNS/warmups.txt"
  for r in $(seq 1 "$ROUNDS"); do
    local order=(svc bare); [ $((r % 2)) = 0 ] && order=(bare svc)
    log "$c: round $r (${order[*]}), load $(cut -d' ' -f1 /proc/loadavg)"
    for e in "${order[@]}"; do measure "$c" "$r" "$e" "$dir/$r"; done
  done
  if [ "$JFR" = 1 ]; then
    local pid; pid=$(cat "$LIBERTY_PIDFILE")
    for e in svc bare; do
      log "$c: JFR profile of $e (${DURATION}s)"
      jcmd "$pid" JFR.start name="bench-$e" settings=profile filename="$dir/profile-$e.jfr" >/dev/null \
        || die "jcmd JFR.start"
      local before after
      before=$(snapshot)
      run_wrk "$e" "$DURATION" "$dir/profile-$e.txt" ""
      after=$(snapshot)
      jcmd "$pid" JFR.stop name="bench-$e" >/dev/null || die "jcmd JFR.stop"
      printf 'before %s\nafter  %s\n' "$before" "$after" >"$dir/profile-$e-stats.txt"
    done
  fi
  stop_liberty
  cp "$SERVER_DIR/logs/messages.log" "$dir/messages.log" 2>/dev/null || true
}

: >"$RUNS/results.tsv"; : >"$RUNS/bursts.tsv"; : >"$RUNS/warmups.txt"
for c in $CONFIGS; do run_config "$c"; done

{
  echo "wrk-ceiling: GET /api/agents/{id}/availability (service) against GET /ceiling/api/agents/{id}/availability" \
    "(bare application), same Liberty server, alternated; $AGENTS agents at random, anonymous;" \
    "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; $ROUNDS round(s) per configuration after a warm-up" \
    "of ${WARM_ROUND}s runs, at least ${WARMUP_MIN}s, until no endpoint rose by more than $PLATEAU (at most ${WARMUP_MAX}s)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(. /etc/os-release && echo "$PRETTY_NAME");" \
    "$(java -version 2>&1 | head -1); Open Liberty $LIBERTY_VERSION; redis-server $REDIS_VERSION (private, loopback);" \
    "H2 in Liberty's JVM. +pinned: wrk and redis-server on CPU $WRK_CPU, Liberty on CPU $LIBERTY_CPU."
  echo "JVM options: $EXTRA_JVM_OPTS"
  echo "Started $(basename "$RUNS" | sed 's/runs-//'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Warm-ups (configuration, seconds, last check):"
  sed 's/^/    /' "$RUNS/warmups.txt"
  echo
  [ -s "$RUNS/results.tsv" ] && "${CPY[@]}" table "$RUNS/results.tsv"
  [ -s "$RUNS/bursts.tsv" ] && { echo; "${CPY[@]}" burst-table "$RUNS/bursts.tsv"; }
} >"$RUNS/wrk-ceiling.md"
# The recordings are summarised after every measurement (jfr print takes a core for a while).
for c in $CONFIGS; do
  [ -f "$RUNS/$c/profile-bare.jfr" ] || continue
  log "$c: summarising the JFR recordings"
  python3 "$ROOT/src/bench/scripts/jfr_summary.py" "$RUNS/$c/profile-svc.jfr" "$RUNS/$c/profile-svc.txt" \
    "$RUNS/$c/profile-bare.jfr" "$RUNS/$c/profile-bare.txt" >"$RUNS/$c/profile.md" 2>"$RUNS/$c/profile.log" \
    || log "$c: jfr_summary.py failed (see $RUNS/$c/profile.log)"
done
for c in $CONFIGS; do
  [ -f "$RUNS/$c/profile.md" ] && { echo; echo "## Profile: $c"; echo; cat "$RUNS/$c/profile.md"; } >>"$RUNS/wrk-ceiling.md"
done
cp "$RUNS/wrk-ceiling.md" "$BENCH/wrk-ceiling.md"
cat "$RUNS/wrk-ceiling.md"
