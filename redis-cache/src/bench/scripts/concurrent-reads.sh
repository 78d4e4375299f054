#!/usr/bin/env bash
# Issue 17: RedisCache.get against a raw Jedis GET on the same pooled module client, with 1, 2, 4 and 8 threads
# (ConcurrentReadBenchmark, JMH Throughput mode), alternated: in every round and for every thread count both
# variants run once, each in a JMH invocation of its own, the order swapped from one round to the next. Prints and
# writes target/concurrent-reads/<run>/report.md: ops/s per variant and thread count (median over rounds) and the
# ratio RedisCache.get / raw GET computed per round, then medianed (target >= 0.90 at each thread count).
#
#   src/bench/scripts/concurrent-reads.sh [ROUNDS]        (from anywhere; run it in a quiet window)
#
# Environment:
#   ROUNDS=3                 rounds (the first argument wins)
#   THREAD_COUNTS="1 2 4 8"  JMH -t values
#   JMH_ARGS="-f 1 -wi 5 -w 3s -i 3 -r 3s"   (15 s of warm-up: with 4 s the JIT still compiled the decoding path
#                                           while measuring, 13 % of the JVM's CPU in a profile)
#   SKIP_BUILD=1             reuse target/test-classes and target/bench-classpath.txt (a bench-profile build)
# Needs java 17, mvn, redis-server and redis-cli, python3 (checked first).
set -euo pipefail

cd "$(dirname "$0")/../../.."
. src/bench/scripts/bench-common.sh
ROUNDS="${1:-${ROUNDS:-3}}"
THREAD_COUNTS="${THREAD_COUNTS:-1 2 4 8}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 5 -w 3s -i 3 -r 3s}"
bench_need java:openjdk-17-jdk-headless mvn:maven redis-server:redis-server redis-cli:redis-tools python3:python3

RUN_DIR="target/concurrent-reads/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
bench_build dev/devcycle/cache/ConcurrentReadBenchmark.class
bench_redis "$RUN_DIR/redis"
java -cp "$CP" dev.devcycle.cache.ReadWorkload 127.0.0.1 "$PORT"
echo "start=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg) jmh_args=$JMH_ARGS" > "$RUN_DIR/run.txt"

for ((round = 1; round <= ROUNDS; round++)); do
    order="rawJedisGet redisCacheGet"
    ((round % 2 == 0)) && order="redisCacheGet rawJedisGet"
    echo "== round $round/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg)): $order"
    for t in $THREAD_COUNTS; do
        for method in $order; do
            out="$RUN_DIR/round-$round-t$t-$method"
            # shellcheck disable=SC2086
            java -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS -t "$t" -jvmArgsAppend "-Dbench.redis.port=$PORT" \
                -rf json -rff "$out.json" "^dev\.devcycle\.cache\.ConcurrentReadBenchmark\.$method\$" \
                > "$out.log" 2>&1 || { tail -20 "$out.log" >&2; exit 1; }
            printf '   t=%s %-14s %s ops/s\n' "$t" "$method" \
                "$(python3 -c 'import json,sys; print("%.0f" % json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$out.json")"
        done
    done
done
echo "end=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN_DIR/run.txt"

python3 - "$RUN_DIR" "$ROUNDS" "$THREAD_COUNTS" <<'PY' | tee "$RUN_DIR/report.md"
import json, statistics, sys
run, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def score(r, t, m):
    return json.load(open("%s/round-%d-t%s-%s.json" % (run, r, t, m)))[0]["primaryMetric"]["score"]
print(open(run + "/run.txt").read().strip().replace("\n", "; "))
print()
print("| threads | raw Jedis GET ops/s | RedisCache.get ops/s | **ratio** (per round) | target | verdict |")
print("|---|---|---|---|---|---|")
for t in threads:
    raw = [score(r, t, "rawJedisGet") for r in range(1, rounds + 1)]
    ours = [score(r, t, "redisCacheGet") for r in range(1, rounds + 1)]
    ratios = [o / w for o, w in zip(ours, raw)]
    med = statistics.median(ratios)
    print("| %s | %.0f | %.0f | **%.2f** (%s) | ≥ 0.90 | %s |" % (t, statistics.median(raw), statistics.median(ours),
          med, ", ".join("%.2f" % x for x in ratios), "met" if med >= 0.9 else "**missed**"))
PY
