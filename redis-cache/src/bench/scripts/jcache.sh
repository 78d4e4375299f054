#!/usr/bin/env bash
# JCache against Redisson's JCache provider (issue 13's targets), alternated within one run.
#
#   src/bench/scripts/jcache.sh [ROUNDS]
#
# Builds once (bench profile: test-compile + the test classpath in target/bench-classpath.txt), then for each of
# ROUNDS rounds (default 3) and each thread count in THREADS runs JCacheBenchmark (getHit, put, invoke) once per
# provider, each provider in a JMH invocation of its own, the order of the providers reversed every other round
# (devcycle first in odd rounds, redisson first in even ones). Every JMH trial starts a redis-server of its own on a
# free port and stops it by its PID (JCacheBenchmark's set-up). Finally prints the per-round ratios ours / Redisson and
# their medians, and writes them to target/jcache-bench/<run>/report.md (copied to target/jcache-bench/report.md).
#
# Environment:
#   ROUNDS       rounds (default 3; the first argument wins)
#   THREADS      JMH thread counts (default "1 4")
#   JMH_ARGS     per JMH invocation (default "-f 1 -wi 3 -w 2s -i 5 -r 2s")
#   SKIP_BUILD=1 reuse target/test-classes and target/bench-classpath.txt from an earlier run
set -euo pipefail

cd "$(dirname "$0")/../../.."
. src/bench/scripts/bench-common.sh
ROUNDS="${1:-${ROUNDS:-3}}"
THREADS="${THREADS:-1 4}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"
RUN_DIR="target/jcache-bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
bench_need java:openjdk-17-jdk-headless mvn:maven redis-server:redis-server python3:python3
bench_build dev/devcycle/jcache/JCacheBenchmark.class

{
    echo "rounds=$ROUNDS threads=$THREADS"
    echo "jmh_args=$JMH_ARGS"
    echo "java=$(java -version 2>&1 | head -1)"
    echo "redis=$(redis-server --version)"
    echo "cpus=$(nproc)"
    echo "start=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN_DIR/run.txt"

for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2 == 1)); then order="devcycle redisson"; else order="redisson devcycle"; fi
    for t in $THREADS; do
        for provider in $order; do
            out="$RUN_DIR/round-$round-t$t-$provider"
            echo "$(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)  round $round, $t thread(s), $provider"
            # shellcheck disable=SC2086
            java -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS -t "$t" -p provider="$provider" -rf json \
                -rff "$out.json" '^dev\.devcycle\.jcache\.JCacheBenchmark\.' > "$out.log" 2>&1 \
                || { echo "   FAILED, see $out.log" >&2; exit 1; }
        done
    done
done
echo "end=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN_DIR/run.txt"

/usr/bin/python3 - "$RUN_DIR" <<'PY' | tee "$RUN_DIR/report.md"
import glob, json, os, re, statistics, sys
run = sys.argv[1]
scores = {}  # (round, threads, benchmark, provider) -> ops/ms
for path in glob.glob(os.path.join(run, "round-*.json")):
    r, t, p = re.match(r"round-(\d+)-t(\d+)-(\w+)\.json", os.path.basename(path)).groups()
    for d in json.load(open(path)):
        scores[(int(r), int(t), d["benchmark"].rsplit(".", 1)[1], p)] = d["primaryMetric"]["score"]
print(open(os.path.join(run, "run.txt")).read().strip().replace("\n", "; "))
print()
print("| benchmark | threads | ours ops/ms (median) | Redisson ops/ms (median) | ours / Redisson per round | median | target |")
print("|---|---|---|---|---|---|---|")
targets = {"getHit": 1.5, "put": 1.2}
for bench in ("getHit", "put", "invoke"):
    for t in sorted({k[1] for k in scores}):
        rounds = sorted({k[0] for k in scores if k[1] == t and k[2] == bench})
        ours = [scores[(r, t, bench, "devcycle")] for r in rounds]
        theirs = [scores[(r, t, bench, "redisson")] for r in rounds]
        ratios = [o / p for o, p in zip(ours, theirs)]
        target = targets.get(bench)
        verdict = "—" if target is None else ("≥ %.1f: %s" % (target, "met" if statistics.median(ratios) >= target else "missed"))
        print("| %s | %d | %.1f | %.1f | %s | **%.2f×** | %s |" % (bench, t, statistics.median(ours), statistics.median(theirs),
              ", ".join("%.2f" % x for x in ratios), statistics.median(ratios), verdict))
PY
cp "$RUN_DIR/report.md" target/jcache-bench/report.md
echo "report: $RUN_DIR/report.md; JMH JSON and logs in $RUN_DIR"
