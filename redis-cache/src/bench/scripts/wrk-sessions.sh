#!/usr/bin/env bash
# wrk against a session-using endpoint (GET /app/session/touch of the liberty-sessions IT's application: reads a 1 KiB
# attribute, counter + 1) on one Liberty server, three ways, alternated within one run (order rotated per round):
#   memory    Liberty's default in-memory sessions (no sessionCache-1.0)
#   devcycle  sessionCache-1.0 on this module's JCache provider (redis-cache/target/liberty-jcache)
#   redisson  sessionCache-1.0 on Redisson's JCache provider (bench only: src/bench/liberty-sessions/pom.xml)
#   devcycle-timed, redisson-timed   the same with Liberty's time-based writes (writeFrequency="TIME_BASED_WRITE",
#             writeInterval TIMED_INTERVAL, 10s) instead of a write at the end of every request
# Its own redis-server on a free port and its own Liberty server "benchSessions" (WLP_USER_DIR under
# redis-cache/target/wrk-sessions), both stopped by their PIDs; never the shared Redis on 6379.
#
#   redis-cache/src/bench/scripts/wrk-sessions.sh build     # builds what it needs
#   redis-cache/src/bench/scripts/wrk-sessions.sh run       # measures; ROUNDS=3
#   DURATION=15 WARMUP=30 THREADS=8 (wrk -t and -c: one connection and one session per thread; with 8 s of warm-up
#   the JIT still took a quarter of Liberty's CPU while measuring)
#   VARIANTS="memory devcycle redisson"   which ones, in the order of round 1 (rotated per round)
#   BREAKDOWN=20   requests whose Redis commands MONITOR records (round 1, Redis variants; 0: none)
#   JFR=1          one more run per Redis variant after the rounds under a JFR recording (settings=profile)
#   PROFILE=1      one more run per variant after the rounds under async-profiler (CPU, 1 ms; from Maven Central,
#                  tools.profiler:async-profiler:3.0 linux-x64, attached by jcmd), summarised by collapsed_summary.py
# Per run also the CPU time (utime + stime from /proc) of Liberty and of redis-server per request.
# Output: the markdown table on stdout and in target/wrk-sessions/wrk-sessions.md; every wrk output beside it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
root=$(cd "$module/.." && pwd)
out=$module/target/wrk-sessions
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-15} WARMUP=${WARMUP:-30} THREADS=${THREADS:-8}
bench=$module/src/bench/liberty-sessions

die() { echo "wrk-sessions: $*" >&2; exit 1; }

if [ "${1:-}" = build ]; then
  (cd "$root" && mvn -B -q package -pl redis-cache -am -DskipTests)
  mvn -B -q -f "$bench/pom.xml" package
  echo "built: $module/target/liberty-jcache, $bench/target/liberty-redisson, $bench/target/liberty-sessions.war"
  exit 0
fi
[ "${1:-}" = run ] || die "usage: $0 build|run"
for tool in wrk redis-server redis-cli java curl python3; do command -v $tool >/dev/null || die "$tool missing"; done
[ -d "$module/target/liberty-jcache" ] && [ -d "$bench/target/liberty-redisson" ] \
  && [ -f "$bench/target/liberty-sessions.war" ] || die "run '$0 build' first"

wlp=$module/target/it-liberty/wlp
if [ ! -x "$wlp/bin/server" ]; then
  wlp=$out/liberty/wlp
  if [ ! -x "$wlp/bin/server" ]; then
    zip=$(ls ~/.m2/repository/io/openliberty/openliberty-runtime/*/openliberty-runtime-*.zip 2>/dev/null | tail -1)
    if [ -z "$zip" ]; then
      mvn -B -q dependency:get -Dartifact=io.openliberty:openliberty-runtime:26.0.0.3:zip
      zip=$(ls ~/.m2/repository/io/openliberty/openliberty-runtime/*/openliberty-runtime-*.zip | tail -1)
    fi
    mkdir -p "$out/liberty" && unzip -q -o "$zip" -d "$out/liberty"
  fi
fi
export WLP_USER_DIR=$out/usr
server_dir=$WLP_USER_DIR/servers/benchSessions
rm -rf "$out/runs"
mkdir -p "$out/runs"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port); redis_port=$(free_port)

redis_pid=""
cleanup() {
  "$wlp/bin/server" stop benchSessions >/dev/null 2>&1 || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
}
trap cleanup EXIT
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$out/redis.pid" --dir "$out" --logfile "$out/redis.log"
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
redis_pid=$(cat "$out/redis.pid")

cat >"$out/redisson-jcache.yaml" <<YAML
singleServerConfig:
  address: "redis://127.0.0.1:$redis_port"
YAML

[ -d "$server_dir" ] || "$wlp/bin/server" create benchSessions >/dev/null
write_config() {
  local variant=$1 store="" write='writeFrequency="END_OF_SERVLET_SERVICE"'
  # <variant>-timed: Liberty's time-based writes (writeFrequency TIME_BASED_WRITE, writeInterval TIMED_INTERVAL)
  if [[ $variant == *-timed ]]; then
    variant=${variant%-timed}
    write="writeFrequency=\"TIME_BASED_WRITE\" writeInterval=\"${TIMED_INTERVAL:-10s}\""
  fi
  case $variant in
    memory) store="" ;;
    devcycle) store="<featureManager><feature>sessionCache-1.0</feature></featureManager>
      <library id=\"lib\"><fileset dir=\"$module/target/liberty-jcache\" includes=\"*.jar\"/></library>
      <cacheManager id=\"cm\"><properties redis.host=\"127.0.0.1\" redis.port=\"$redis_port\" jcache.namespace=\"bench\" cache.timeout=\"500ms\"/>
        <cachingProvider jCacheLibraryRef=\"lib\"/></cacheManager>
      <httpSessionCache cacheManagerRef=\"cm\" writeContents=\"ONLY_SET_ATTRIBUTES\" $write/>" ;;
    redisson) store="<featureManager><feature>sessionCache-1.0</feature></featureManager>
      <library id=\"lib\"><fileset dir=\"$bench/target/liberty-redisson\" includes=\"*.jar\"/></library>
      <cacheManager id=\"cm\" uri=\"file:$out/redisson-jcache.yaml\"><cachingProvider jCacheLibraryRef=\"lib\"/></cacheManager>
      <httpSessionCache cacheManagerRef=\"cm\" writeContents=\"ONLY_SET_ATTRIBUTES\" $write/>" ;;
  esac
  cat >"$server_dir/server.xml" <<XML
<server>
  <featureManager><feature>servlet-6.0</feature></featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$http_port" httpsPort="-1"/>
  <webApplication location="$bench/target/liberty-sessions.war" contextRoot="/app"/>
  <logging consoleLogLevel="WARNING"/>
  $store
</server>
XML
}

# The commands of BREAKDOWN (20) requests of one session, by MONITOR (its redis-cli stopped by its PID): which
# commands a request sends, in order, and how many of each.
breakdown() {
  local variant=$1 url=$2 file=$out/runs/breakdown-$1 jar=$out/runs/breakdown-$1.cookies n=${BREAKDOWN:-20}
  curl -sf -o /dev/null -c "$jar" "$url"
  curl -sf -o /dev/null -b "$jar" "$url"
  redis-cli -p "$redis_port" monitor >"$file.monitor" &
  local monitor_pid=$!
  sleep 0.5
  for _ in $(seq 1 "$n"); do curl -sf -o /dev/null -b "$jar" "$url"; done
  sleep 0.5
  kill "$monitor_pid" 2>/dev/null || true
  wait "$monitor_pid" 2>/dev/null || true
  python3 - "$file.monitor" "$n" >"$file.txt" <<'PY'
import collections, re, sys
lines = [l for l in open(sys.argv[1]) if re.match(r"^[\d.]+ \[", l)]
n = int(sys.argv[2])
names = collections.Counter()
for l in lines:
    m = re.match(r'^[\d.]+ \[[^\]]*\] "([^"]+)"', l)
    if m:
        names[m.group(1).upper()] += 1
print(f"{len(lines) / n:.2f} commands per request over {n} requests: " +
      ", ".join(f"{k} {v / n:.2f}" for k, v in names.most_common()))
PY
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
liberty_pid() { cat "$WLP_USER_DIR/servers/.pid/benchSessions.pid"; }

commands() { redis-cli -p "$redis_port" info stats | sed -n 's/^total_commands_processed:\([0-9]*\).*/\1/p'; }

run_variant() {
  local variant=$1 round=$2
  local file=$out/runs/r$round-$variant
  write_config "$variant"
  redis-cli -p "$redis_port" flushall >/dev/null
  "$wlp/bin/server" start benchSessions >/dev/null
  local url="http://127.0.0.1:$http_port/app/session/touch"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
  if ! curl -sf "$url" >/dev/null; then
    echo "$variant: server did not answer" >&2
    cp "$server_dir/logs/messages.log" "$file-messages.log" 2>/dev/null || true
    "$wlp/bin/server" stop benchSessions >/dev/null || true
    return 1
  fi
  wrk -t"$THREADS" -c"$THREADS" -d"${WARMUP}s" -s "$here/wrk-sessions.lua" "$url" >"$file-warmup.txt" 2>&1
  [ "$variant" != memory ] && [ "$round" = 1 ] && [ "${BREAKDOWN:-20}" != 0 ] && breakdown "$variant" "$url"
  local lpid; lpid=$(liberty_pid)
  local before; before=$(commands)
  local lcpu0 rcpu0; lcpu0=$(cpu_ticks "$lpid"); rcpu0=$(cpu_ticks "$redis_pid")
  if [ "$round" = jfr ]; then
    jcmd "$lpid" JFR.start name=bench settings=profile filename="$file.jfr" >/dev/null
  elif [ "$round" = profile ]; then
    # jcmd parses key=value arguments: the agent's options go quoted as one.
    jcmd "$lpid" JVMTI.agent_load "$profiler" '"start,event=cpu,interval=1ms"' >/dev/null
  fi
  wrk -t"$THREADS" -c"$THREADS" -d"${DURATION}s" --latency -s "$here/wrk-sessions.lua" "$url" >"$file.txt" 2>&1
  [ "$round" = jfr ] && jcmd "$lpid" JFR.stop name=bench >/dev/null
  if [ "$round" = profile ]; then
    jcmd "$lpid" JVMTI.agent_load "$profiler" "\"stop,file=$file.collapsed,collapsed\"" >/dev/null
    python3 "$here/collapsed_summary.py" "$file.collapsed" "$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$file.txt")" \
      >"$file-profile.md"
  fi
  local after; after=$(commands)
  echo "redis_commands $((after - before))" >>"$file.txt"
  echo "liberty_cpu_ticks $(( $(cpu_ticks "$lpid") - lcpu0 )) redis_cpu_ticks $(( $(cpu_ticks "$redis_pid") - rcpu0 )) hz $(getconf CLK_TCK)" >>"$file.txt"
  grep -h " E \|Exception" "$server_dir/logs/messages.log" | head -5 >"$file-errors.txt" || true
  cp "$server_dir/logs/messages.log" "$file-messages.log"
  "$wlp/bin/server" stop benchSessions >/dev/null
}

read -r -a variants <<<"${VARIANTS:-memory devcycle redisson}"
count=${#variants[@]}
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((count - 1))); do
    v=${variants[$(( (i + round - 1) % count ))]}
    echo "round $round: $v" >&2
    run_variant "$v" "$round" || echo "round $round: $v failed (see target/wrk-sessions/runs)" >&2
  done
done
if [ "${PROFILE:-0}" = 1 ]; then
  profiler=$out/async-profiler/linux-x64/libasyncProfiler.so
  if [ ! -f "$profiler" ]; then
    mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:3.0:jar:linux-x64 -Dtransitive=false
    mkdir -p "$out/async-profiler"
    unzip -q -o ~/.m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0-linux-x64.jar -d "$out/async-profiler"
  fi
  for v in "${variants[@]}"; do
    echo "profiled run: $v" >&2
    run_variant "$v" profile || echo "profiled run: $v failed" >&2
  done
fi
if [ "${JFR:-0}" = 1 ]; then
  for v in "${variants[@]}"; do
    [ "$v" = memory ] && continue
    echo "JFR run: $v" >&2
    run_variant "$v" jfr || echo "JFR run: $v failed" >&2
  done
fi

python3 - "$out" "$ROUNDS" "$DURATION" "$THREADS" "${variants[@]}" <<'PY'
import re, statistics, sys, pathlib
out, rounds, duration, threads = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def ms(text):
    v, unit = float(re.match(r"([\d.]+)(\w+)", text).group(1)), re.match(r"([\d.]+)(\w+)", text).group(2)
    return v * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rows = {}
for v in ["memory", "devcycle", "redisson"] + [v for v in sys.argv[5:] if v not in ("memory", "devcycle", "redisson")]:
    for r in range(1, rounds + 1):
        f = out / "runs" / f"r{r}-{v}.txt"
        if not f.exists():
            continue
        t = f.read_text()
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
        total = int(re.search(r"(\d+) requests in", t).group(1))
        p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1)); p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
        cmds = int(re.search(r"redis_commands (\d+)", t).group(1))
        cpu = re.search(r"liberty_cpu_ticks (\d+) redis_cpu_ticks (\d+) hz (\d+)", t)
        lcpu, rcpu = ((int(cpu.group(1)) * 1000 / int(cpu.group(3)) / total, int(cpu.group(2)) * 1000 / int(cpu.group(3)) / total)
                      if cpu else (float("nan"), float("nan")))
        rows.setdefault(v, []).append((rps, p50, p99, cmds / total, int(non2xx.group(1)) if non2xx else 0, lcpu, rcpu))
med = lambda xs: statistics.median(xs)
lines = [f"| variant | req/s | p50 ms | p99 ms | Redis commands / request | Liberty CPU ms / request "
         f"| redis-server CPU ms / request | non-2xx | req/s per round |",
         "|---|---|---|---|---|---|---|---|---|"]
for v, rs in rows.items():
    lines.append(f"| {v} | {med([x[0] for x in rs]):.0f} | {med([x[1] for x in rs]):.2f} | {med([x[2] for x in rs]):.2f} "
                 f"| {med([x[3] for x in rs]):.2f} | {med([x[5] for x in rs]):.3f} | {med([x[6] for x in rs]):.3f} "
                 f"| {sum(x[4] for x in rs)} | {', '.join(f'{x[0]:.0f}' for x in rs)} |")
ratio = lambda a, b: med([x[0] / y[0] for x, y in zip(rows[a], rows[b])]) if rows.get(a) and rows.get(b) else float("nan")
lines.append("")
lines.append(f"devcycle / redisson req/s: **{ratio('devcycle','redisson'):.2f}x**; devcycle / memory: "
             f"**{ratio('devcycle','memory'):.2f}x** (per round, then the median; {rounds} rounds, wrk -t{threads} "
             f"-c{threads} -d{duration}s --latency)")
for v in rows:
    b = out / "runs" / f"breakdown-{v}.txt"
    if b.exists():
        lines.append(f"- {v}: {b.read_text().strip()}")
for v in sys.argv[5:]:
    prof = out / "runs" / f"rprofile-{v}-profile.md"
    if prof.exists():
        lines += ["", f"### CPU profile of {v} (async-profiler, one more run of the same length)", "", prof.read_text()]
report = "\n".join(lines)
(out / "wrk-sessions.md").write_text(report + "\n")
print(report)
PY
