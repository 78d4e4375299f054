#!/usr/bin/python3
"""The seed's read path as a peer of the JMH read-path benchmarks: redis-py ``get`` + ``json.loads``.

Same workload as ReadWorkload.java: one thread, the 1,000 keys ``devcycle:bench:loads:agent-<i>`` (loaded by the
driver, src/bench/scripts/read-paths.sh), each a ~200-byte agent-load JSON, read in a cycle. The client is built the
way the seed's Python ``RedisCache`` builds it (``redis.Redis(..., decode_responses=True)``), and each read is
``json.loads(r.get(key))``, the value returned to the caller as a dict.

Every operation is timed with ``time.perf_counter_ns`` (warm-up first, then the measurement); the result is printed
(and written with --out) as JSON: mean, p50, p99 in microseconds and ops/s. Run it with Debian's python3
(/usr/bin/python3, package python3-redis), not a pyenv one.

    /usr/bin/python3 src/bench/python/redis_py_read.py --port 6390 --warmup 2 --iterations 2 --time 3
"""

import argparse
import json
import math
import sys
import time

import redis

KEYS = 1000
NAMESPACE = "devcycle:bench:loads:"


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def run(r, keys, seconds, samples):
    """Reads keys in a cycle for ``seconds``; appends each op's duration (ns) to ``samples`` if it is a list."""
    perf = time.perf_counter_ns
    deadline = perf() + int(seconds * 1e9)
    loads = json.loads
    get = r.get
    n = len(keys)
    i = 0
    ops = 0
    sink = None
    while True:
        i = i + 1 if i + 1 < n else 0
        start = perf()
        sink = loads(get(keys[i]))
        end = perf()
        if samples is not None:
            samples.append(end - start)
        ops += 1
        if end >= deadline:
            return ops, sink


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up (not measured)")
    parser.add_argument("--iterations", type=int, default=2, help="measured iterations")
    parser.add_argument("--time", type=float, default=3.0, help="seconds per measured iteration")
    parser.add_argument("--out", help="also write the JSON result to this file")
    args = parser.parse_args()

    r = redis.Redis(host=args.host, port=args.port, decode_responses=True)
    keys = [NAMESPACE + "agent-%d" % i for i in range(KEYS)]
    # Every key must be there and decode to its own load: a miss would measure something else.
    for i, key in enumerate(keys):
        value = r.get(key)
        if value is None or json.loads(value).get("agent_id") != "agent-%d" % i:
            sys.exit("key %s is missing or not its agent load: %r" % (key, value))

    run(r, keys, args.warmup, None)
    samples = []
    elapsed_ns = 0
    for _ in range(args.iterations):
        start = time.perf_counter_ns()
        _, last = run(r, keys, args.time, samples)
        elapsed_ns += time.perf_counter_ns() - start
    if not isinstance(last, dict):
        sys.exit("decoded value is not a dict: %r" % (last,))
    samples.sort()
    n = len(samples)
    mean_ns = sum(samples) / n
    result = {
        "variant": "redisPyGetJsonLoads",
        "client": "redis-py %s, Python %s" % (redis.__version__, sys.version.split()[0]),
        "samples": n,
        "mean_us": mean_ns / 1000.0,
        "p50_us": percentile(samples, 0.50) / 1000.0,
        "p99_us": percentile(samples, 0.99) / 1000.0,
        # As for the JMH variants: the reciprocal of the mean per-operation time.
        "ops_per_s": 1e9 / mean_ns,
        # Operations over wall time, timer calls and loop included.
        "ops_per_s_wall": n / (elapsed_ns / 1e9),
    }
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
