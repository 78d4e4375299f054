#!/usr/bin/env bash
# wrk against a session-using endpoint (GET /app/session/touch of the liberty-sessions IT's application: reads a 1 KiB
# attribute, counter + 1) on one Liberty server, three ways, alternated within one run (order rotated per round):
#   memory    Liberty's default in-memory sessions (no sessionCache-1.0)
#   devcycle  sessionCache-1.0 on this module's JCache provider (redis-cache/target/liberty-jcache)
#   redisson  sessionCache-1.0 on Redisson's JCache provider (bench only: src/bench/liberty-sessions/pom.xml)
# Its own redis-server on a free port and its own Liberty server "benchSessions" (WLP_USER_DIR under
# redis-cache/target/wrk-sessions), both stopped by their PIDs; never the shared Redis on 6379.
#
#   redis-cache/src/bench/scripts/wrk-sessions.sh build     # builds what it needs
#   redis-cache/src/bench/scripts/wrk-sessions.sh run       # measures; ROUNDS=3
#   DURATION=15 WARMUP=8 THREADS=8 (wrk -t and -c: one connection and one session per thread)
# Output: the markdown table on stdout and in target/wrk-sessions/wrk-sessions.md; every wrk output beside it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
root=$(cd "$module/.." && pwd)
out=$module/target/wrk-sessions
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-15} WARMUP=${WARMUP:-8} THREADS=${THREADS:-8}
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
    zip=$(ls ~/.m2/repository/io/openliberty/openliberty-runtime/*/openliberty-runtime-*.zip | tail -1)
    mkdir -p "$out/liberty" && unzip -q -o "$zip" -d "$out/liberty"
  fi
fi
export WLP_USER_DIR=$out/usr
server_dir=$WLP_USER_DIR/servers/benchSessions
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
  local variant=$1 store=""
  case $variant in
    memory) store="" ;;
    devcycle) store="<featureManager><feature>sessionCache-1.0</feature></featureManager>
      <library id=\"lib\"><fileset dir=\"$module/target/liberty-jcache\" includes=\"*.jar\"/></library>
      <cacheManager id=\"cm\"><properties redis.host=\"127.0.0.1\" redis.port=\"$redis_port\" jcache.namespace=\"bench\" cache.timeout=\"500ms\"/>
        <cachingProvider jCacheLibraryRef=\"lib\"/></cacheManager>
      <httpSessionCache cacheManagerRef=\"cm\" writeContents=\"ONLY_SET_ATTRIBUTES\" writeFrequency=\"END_OF_SERVLET_SERVICE\"/>" ;;
    redisson) store="<featureManager><feature>sessionCache-1.0</feature></featureManager>
      <library id=\"lib\"><fileset dir=\"$bench/target/liberty-redisson\" includes=\"*.jar\"/></library>
      <cacheManager id=\"cm\" uri=\"file:$out/redisson-jcache.yaml\"><cachingProvider jCacheLibraryRef=\"lib\"/></cacheManager>
      <httpSessionCache cacheManagerRef=\"cm\" writeContents=\"ONLY_SET_ATTRIBUTES\" writeFrequency=\"END_OF_SERVLET_SERVICE\"/>" ;;
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

commands() { redis-cli -p "$redis_port" info stats | sed -n 's/^total_commands_processed:\([0-9]*\).*/\1/p'; }

run_variant() {
  local variant=$1 round=$2 file=$out/runs/r$round-$1
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
  local before; before=$(commands)
  wrk -t"$THREADS" -c"$THREADS" -d"${DURATION}s" --latency -s "$here/wrk-sessions.lua" "$url" >"$file.txt" 2>&1
  local after; after=$(commands)
  echo "redis_commands $((after - before))" >>"$file.txt"
  grep -h " E \|Exception" "$server_dir/logs/messages.log" | head -5 >"$file-errors.txt" || true
  cp "$server_dir/logs/messages.log" "$file-messages.log"
  "$wlp/bin/server" stop benchSessions >/dev/null
}

variants=(memory devcycle redisson)
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2; do
    v=${variants[$(( (i + round - 1) % 3 ))]}
    echo "round $round: $v" >&2
    run_variant "$v" "$round" || echo "round $round: $v failed (see target/wrk-sessions/runs)" >&2
  done
done

python3 - "$out" "$ROUNDS" "$DURATION" "$THREADS" <<'PY'
import re, statistics, sys, pathlib
out, rounds, duration, threads = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def ms(text):
    v, unit = float(re.match(r"([\d.]+)(\w+)", text).group(1)), re.match(r"([\d.]+)(\w+)", text).group(2)
    return v * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rows = {}
for v in ["memory", "devcycle", "redisson"]:
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
        rows.setdefault(v, []).append((rps, p50, p99, cmds / total, int(non2xx.group(1)) if non2xx else 0))
med = lambda xs: statistics.median(xs)
lines = [f"| variant | req/s | p50 ms | p99 ms | Redis commands / request | non-2xx | req/s per round |",
         "|---|---|---|---|---|---|---|"]
for v, rs in rows.items():
    lines.append(f"| {v} | {med([x[0] for x in rs]):.0f} | {med([x[1] for x in rs]):.2f} | {med([x[2] for x in rs]):.2f} "
                 f"| {med([x[3] for x in rs]):.2f} | {sum(x[4] for x in rs)} | {', '.join(f'{x[0]:.0f}' for x in rs)} |")
ratio = lambda a, b: med([x[0] / y[0] for x, y in zip(rows[a], rows[b])]) if rows.get(a) and rows.get(b) else float("nan")
lines.append("")
lines.append(f"devcycle / redisson req/s: **{ratio('devcycle','redisson'):.2f}x**; devcycle / memory: "
             f"**{ratio('devcycle','memory'):.2f}x** (per round, then the median; {rounds} rounds, wrk -t{threads} "
             f"-c{threads} -d{duration}s --latency)")
report = "\n".join(lines)
(out / "wrk-sessions.md").write_text(report + "\n")
print(report)
PY
