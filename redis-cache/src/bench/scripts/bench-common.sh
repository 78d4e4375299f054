# Sourced by the module's JMH bench scripts (read-paths.sh, concurrent-reads.sh, jcache.sh), from the module's
# directory: what each of them needs the same way.
#
#   bench_need tool:debian-package ...   exits 2 naming the packages to install when a tool is missing
#   bench_build MARKER_CLASS             builds the bench profile once (unless SKIP_BUILD=1 and MARKER_CLASS and the
#                                        class path file exist); sets CP
#   bench_redis DIR                      starts a redis-server of the script's own on a free loopback port (data and
#                                        log in DIR), waits for it, stops it by PID on exit; sets PORT and REDIS_PID

bench_need() {
    local missing=() tool
    for tool in "$@"; do
        command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
    done
    if ((${#missing[@]} > 0)); then
        echo "$(basename "$0"): missing prerequisites: apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
}

bench_build() {
    local marker=$1 classpath_file=target/bench-classpath.txt
    # A build without the bench profile (mvn test-compile, verify) drops the benchmark classes: then build anyway.
    if [[ "${SKIP_BUILD:-0}" != 1 || ! -s "$classpath_file" || ! -f "target/test-classes/$marker" ]]; then
        echo "== build (bench profile, once)"
        mvn -B -q -P bench test-compile dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile="$classpath_file"
    fi
    CP="target/test-classes:target/classes:$(cat "$classpath_file")"
}

bench_redis() {
    local dir=$1
    mkdir -p "$dir"
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no \
        --dir "$dir" --logfile "$PWD/$dir/redis.log" &
    REDIS_PID=$!
    trap 'kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true' EXIT
    trap 'exit 130' INT TERM
    for _ in $(seq 100); do
        redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    redis-cli -p "$PORT" ping >/dev/null
}
