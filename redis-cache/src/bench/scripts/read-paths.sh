#!/usr/bin/env bash
# Read paths against the peers (issue 8, targets 1-4), alternated within one run.
#
#   src/bench/scripts/read-paths.sh [ROUNDS]
#
# Builds once (bench profile: test-compile + the test classpath in target/bench-classpath.txt), starts ONE
# redis-server on a free loopback port (stopped by its PID on exit), loads the workload once (ReadWorkload), then for
# each of ROUNDS rounds (default 5) runs every variant once, the order rotated by one each round: each JMH variant in a
# JMH invocation of its own against that server (-Dbench.redis.port; SampleTime, plus Throughput mode for the
# local-hit variants), the redis-py variant with /usr/bin/python3.
# Finally prints per-variant medians over the rounds and the issue's ratios (computed per round, then medianed), and
# writes them to target/read-paths/<run>/report.md (also copied to target/read-paths/report.md).
#
# Environment:
#   ROUNDS       rounds (default 5; the first argument wins)
#   JMH_ARGS     per JMH invocation (default "-f 1 -wi 1 -w 2s -i 2 -r 3s")
#   PY_ARGS      per redis-py invocation (default "--warmup 2 --iterations 2 --time 3", the same shape)
#   VARIANTS     space-separated subset/order of the variants below (default: all)
#   SKIP_BUILD=1 reuse target/test-classes and target/bench-classpath.txt from an earlier run
#   PYTHON       the interpreter with python3-redis (default /usr/bin/python3, Debian's, not a pyenv one)
#   INSTALL=1    install what is missing with apt-get first (Debian: redis-server, python3-redis, maven, a JDK)
# Prerequisites, checked before anything runs: java 17, mvn, redis-server and redis-cli, and -- for the redis-py
# variant -- Debian's python3-redis for $PYTHON (apt-get install -y python3-redis).
set -euo pipefail

cd "$(dirname "$0")/../../.."
. src/bench/scripts/bench-common.sh
ROUNDS="${1:-${ROUNDS:-5}}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 1 -w 2s -i 2 -r 3s}"
PY_ARGS="${PY_ARGS:---warmup 2 --iterations 2 --time 3}"
PYTHON="${PYTHON:-/usr/bin/python3}"
ALL_VARIANTS="ReadPathBenchmark.rawJedisGet ReadPathBenchmark.redisCacheGet ReadPathBenchmark.cacheResultHit
ReadPathBenchmark.cacheResultViaProxy ReadPathBenchmark.cacheResultViaProxyNearHit ReadPathBenchmark.nearCacheHit
PeerReadBenchmark.redissonBucketGet
PeerReadBenchmark.redissonLocalCachedMapHit PeerReadBenchmark.redissonClientSideCachingHit redisPy.getJsonLoads"
read -r -a VARIANT_LIST <<< "$(echo ${VARIANTS:-$ALL_VARIANTS})"

# ---- prerequisites: named, or installed with INSTALL=1, before anything is built or started ----
missing=()
for tool in java:openjdk-17-jdk-headless mvn:maven redis-server:redis-server redis-cli:redis-tools; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
[[ -x $PYTHON ]] || missing+=(python3)
if [[ " ${VARIANT_LIST[*]} " == *" redisPy."* ]] && ! "$PYTHON" -c 'import redis' 2>/dev/null; then
    missing+=(python3-redis)
fi
if ((${#missing[@]} > 0)); then
    if [[ ${INSTALL:-0} == 1 ]] && command -v apt-get >/dev/null; then
        echo "== installing ${missing[*]} (INSTALL=1)"
        apt-get install -y "${missing[@]}"
    else
        echo "read-paths.sh: missing prerequisites: ${missing[*]}" >&2
        echo "  install them: apt-get install -y ${missing[*]}   (or run with INSTALL=1;" \
            "or leave out the redis-py variant: VARIANTS=\"...\" without redisPy.getJsonLoads)" >&2
        exit 2
    fi
    "$PYTHON" -c 'import redis' 2>/dev/null || [[ " ${VARIANT_LIST[*]} " != *" redisPy."* ]] \
        || { echo "read-paths.sh: $PYTHON still cannot import redis (python3-redis)" >&2; exit 2; }
fi

RUN_DIR="target/read-paths/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
bench_build dev/devcycle/cache/PeerReadBenchmark.class

# One redis-server for the whole run, on a free loopback port, nothing persisted; stopped by its own PID.
bench_redis "$RUN_DIR/redis"

echo "== redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') pid $REDIS_PID on 127.0.0.1:$PORT"
java -cp "$CP" dev.devcycle.cache.ReadWorkload 127.0.0.1 "$PORT"

{
    echo "rounds=$ROUNDS"
    echo "jmh_args=$JMH_ARGS"
    echo "py_args=$PY_ARGS"
    echo "variants=${VARIANT_LIST[*]}"
    echo "java=$(java -version 2>&1 | head -1)"
    echo "python=$("$PYTHON" -c 'import redis, sys; print("redis-py", redis.__version__, "Python", sys.version.split()[0])')"
    echo "redis=$(redis-server --version)"
    echo "cpus=$(nproc)"
    echo "start=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN_DIR/run.txt"

run_variant() {
    local round_dir=$1 variant=$2
    local class=${variant%%.*} method=${variant#*.}
    local log="$round_dir/$method.log"
    echo "$(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)  $variant" >> "$round_dir/order.txt"
    if [[ $class == redisPy ]]; then
        # shellcheck disable=SC2086
        "$PYTHON" src/bench/python/redis_py_read.py --port "$PORT" $PY_ARGS --out "$round_dir/$method.json" \
            > "$log" 2>&1
    else
        # Local hits cost tens of ns, where SampleTime's per-sample timer calls weigh: those variants also run in
        # Throughput mode (same invocation, a fork of its own), which the report uses for their throughput ratios.
        local modes=sample
        case $method in nearCacheHit|nearCacheHitJittered|cacheResultViaProxyNearHit|redissonLocalCachedMapHit|redissonClientSideCachingHit) modes=sample,thrpt ;; esac
        # shellcheck disable=SC2086
        java -Dbench.redis.port="$PORT" -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS -bm "$modes" \
            -jvmArgsAppend "-Dbench.redis.port=$PORT" -rf json -rff "$round_dir/$method.json" \
            "^dev\.devcycle\.cache\.$class\.$method\$" > "$log" 2>&1
    fi
}

n=${#VARIANT_LIST[@]}
failures=0
for ((round = 1; round <= ROUNDS; round++)); do
    round_dir="$RUN_DIR/round-$round"
    mkdir -p "$round_dir"
    offset=$(( (round - 1) % n ))
    echo "== round $round/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))"
    for ((k = 0; k < n; k++)); do
        variant=${VARIANT_LIST[$(( (offset + k) % n ))]}
        started=$SECONDS
        if run_variant "$round_dir" "$variant"; then
            # The benchmarks' own proof of a hit (JMH may prefix the fork's line with "Iteration n:").
            grep -ho '\[\(local-\)\?hit check\].*' "$round_dir/${variant#*.}.log" | grep -v 'warmed pass' \
                | sed 's/^/     /' || true
            printf '   %-48s ok (%ds)\n' "$variant" $((SECONDS - started))
        else
            failures=$((failures + 1))
            printf '   %-48s FAILED (%ds), see %s\n' "$variant" $((SECONDS - started)) "$round_dir/${variant#*.}.log"
            rm -f "$round_dir/${variant#*.}.json"
        fi
    done
done
echo "end=$(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN_DIR/run.txt"

"$PYTHON" src/bench/scripts/read_paths_report.py "$RUN_DIR" | tee "$RUN_DIR/report.md"
cp "$RUN_DIR/report.md" target/read-paths/report.md
echo
echo "report: $RUN_DIR/report.md (and target/read-paths/report.md); raw JMH/redis-py JSON and logs in $RUN_DIR"
if ((failures > 0)); then
    echo "$failures variant run(s) failed" >&2
    exit 1
fi
