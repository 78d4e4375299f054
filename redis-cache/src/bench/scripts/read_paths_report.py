#!/usr/bin/python3
"""The report of a read-paths run (src/bench/scripts/read-paths.sh): per-variant medians over rounds and the
issue's ratios, each computed within a round (the variants of a round ran alternated, minutes apart at most) and then
medianed over the rounds. Markdown on stdout.

    /usr/bin/python3 src/bench/scripts/read_paths_report.py target/read-paths/<run>
"""

import json
import os
import statistics
import sys

# (file stem, class or peer, label), in report order.
VARIANTS = [
    ("rawJedisGet", "ours", "raw Jedis `GET`, module client (`rawJedisGet`)"),
    ("redisCacheGet", "ours", "`RedisCache.get` + JSON-B decode (`redisCacheGet`)"),
    ("cacheResultHit", "ours", "`@CacheResult` hit logic, no proxy (`cacheResultHit`)"),
    ("cacheResultViaProxy", "ours", "`@CacheResult` through the Weld proxy (`cacheResultViaProxy`)"),
    ("cacheResultViaProxyNearHit", "ours",
     "`@CacheResult` through the Weld proxy, near-cache hit (`cacheResultViaProxyNearHit`)"),
    ("nearCacheHit", "ours", "near-cache hit (`nearCacheHit`)"),
    ("redissonBucketGet", "peer", "Redisson `RBucket.get` + Jackson decode (`redissonBucketGet`)"),
    ("redissonLocalCachedMapHit", "peer", "Redisson `RLocalCachedMap` local hit (`redissonLocalCachedMapHit`)"),
    ("redissonClientSideCachingHit", "peer",
     "Redisson client-side caching local hit (`redissonClientSideCachingHit`)"),
    ("getJsonLoads", "peer", "redis-py `get` + `json.loads` (`redis_py_read.py`)"),
]
LOCAL_PEERS = ("redissonLocalCachedMapHit", "redissonClientSideCachingHit")


def read_variant(path):
    """{mean, p50, p99, ops} in microseconds and ops/s from a JMH (SampleTime, us/op) or redis-py result file."""
    with open(path) as f:
        data = json.load(f)
    thrpt = None
    if isinstance(data, list):  # JMH: a SampleTime result, and for local hits a Throughput one
        sample = [d for d in data if d["mode"] == "sample"]
        if not sample:
            return None
        metric = sample[0]["primaryMetric"]
        if metric["scoreUnit"] != "us/op":
            raise ValueError("%s: unit %s, expected us/op" % (path, metric["scoreUnit"]))
        mean = metric["score"]
        p50 = metric["scorePercentiles"]["50.0"]
        p99 = metric["scorePercentiles"]["99.0"]
        for d in data:
            if d["mode"] == "thrpt":
                unit = d["primaryMetric"]["scoreUnit"]
                per = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}.get(unit)
                if per is None:
                    raise ValueError("%s: unit %s" % (path, unit))
                thrpt = d["primaryMetric"]["score"] * per
    else:  # redis-py
        mean, p50, p99 = data["mean_us"], data["p50_us"], data["p99_us"]
    # ops: from SampleTime's mean (every variant has it); thrpt: Throughput mode, free of per-sample timer calls.
    return {"mean": mean, "p50": p50, "p99": p99, "ops": 1e6 / mean, "thrpt": thrpt}


def load_rounds(run_dir):
    rounds = []
    names = sorted((d for d in os.listdir(run_dir) if d.startswith("round-")), key=lambda d: int(d.split("-")[1]))
    for name in names:
        round_dir = os.path.join(run_dir, name)
        results = {}
        for stem, _, _ in VARIANTS:
            path = os.path.join(round_dir, stem + ".json")
            if os.path.exists(path):
                value = read_variant(path)
                if value:
                    results[stem] = value
        rounds.append(results)
    return rounds


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=None):
    if value is None:
        return "—"
    if digits is not None:
        return "%.*f" % (digits, value)
    if value >= 1000:
        return "{:,.0f}".format(value).replace(",", " ")
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    if value >= 1:
        return "%.2f" % value
    return "%.3f" % value


def ops_human(ops):
    if ops is None:
        return "—"
    if ops >= 1e6:
        return "%.2f M" % (ops / 1e6)
    if ops >= 1e3:
        return "%.1f k" % (ops / 1e3)
    return "%.0f" % ops


def proxy_overhead_us(r):
    """Per-call µs the proxied near hit takes beyond NamedCache's near hit, from Throughput mode."""
    a, b = r.get("cacheResultViaProxyNearHit"), r.get("nearCacheHit")
    if not a or not b or not a["thrpt"] or not b["thrpt"]:
        return None
    return 1e6 / a["thrpt"] - 1e6 / b["thrpt"]


def ratio(r, a, b, key="ops"):
    """Throughput of a over b within round r (key ops: from SampleTime means; thrpt: Throughput mode, falling back
    to ops when either lacks it), or b's p50 over a's (key p50: a's speed-up at the median)."""
    if a not in r or b not in r:
        return None
    if key == "thrpt" and r[a]["thrpt"] and r[b]["thrpt"]:
        return r[a]["thrpt"] / r[b]["thrpt"]
    if key in ("ops", "thrpt"):
        return r[a]["ops"] / r[b]["ops"]
    return r[b]["p50"] / r[a]["p50"]


def best_local_peer(r):
    """The faster (by throughput) of Redisson's local-hit variants in round r."""
    present = [v for v in LOCAL_PEERS if v in r]
    return max(present, key=lambda v: r[v]["thrpt"] or r[v]["ops"]) if present else None


def main():
    run_dir = sys.argv[1]
    rounds = load_rounds(run_dir)
    info = {}
    with open(os.path.join(run_dir, "run.txt")) as f:
        for line in f:
            if "=" in line:
                key, _, value = line.strip().partition("=")
                info.setdefault(key, value)
    n_rounds = len(rounds)
    out = []
    out.append("## Read paths against the peers (%s)" % os.path.basename(run_dir.rstrip("/")))
    out.append("")
    out.append("%d round(s), variants alternated (order rotated each round). JMH per variant: `%s`; redis-py: `%s`."
               % (n_rounds, info.get("jmh_args", "?"), info.get("py_args", "?")))
    out.append("%s; %s; %s; %s CPUs. Load average at start: %s, at end: %s."
               % (info.get("java", "?"), info.get("python", "?"), info.get("redis", "?").split(" sha=")[0],
                  info.get("cpus", "?"), info.get("start", "?").partition(" load=")[2] or "?",
                  info.get("end", "?").partition(" load=")[2] or "?"))
    out.append("")
    out.append("Per variant, the median over rounds of each round's figure (JMH SampleTime; ops/s = 1 / mean):")
    out.append("")
    out.append("| variant | rounds | mean µs | p50 µs | p99 µs | ops/s | ops/s, Throughput mode "
               "| mean µs, min–max over rounds |")
    out.append("|---|---|---|---|---|---|---|---|")
    for stem, _, label in VARIANTS:
        values = [r[stem] for r in rounds if stem in r]
        if not values:
            out.append("| %s | 0 | — | — | — | — | — | — |" % label)
            continue
        means = [v["mean"] for v in values]
        out.append("| %s | %d | %s | %s | %s | %s | %s | %s–%s |" % (
            label, len(values), fmt(median(means)), fmt(median(v["p50"] for v in values)),
            fmt(median(v["p99"] for v in values)), ops_human(median(v["ops"] for v in values)),
            ops_human(median(v["thrpt"] for v in values)), fmt(min(means)), fmt(max(means))))
    out.append("")

    rows = []

    def add(number, text, target, per_round, threshold, higher_is_better=True, p50_per_round=None):
        med = median(per_round)
        if med is None:
            verdict = "not measured"
        elif threshold is None:
            verdict = "(info)"
        else:
            met = med >= threshold if higher_is_better else med <= threshold
            verdict = "met" if met else "missed"
        digits = 2 if higher_is_better else 3
        listed = ", ".join(fmt(v, digits) if v is not None else "—" for v in per_round)
        rows.append("| %s | %s | %s | **%s** (%s) | %s | %s |" % (
            number, text, target, fmt(med, digits), listed,
            fmt(median(p50_per_round), 2) if p50_per_round is not None else "", verdict))

    add("1", "`RedisCache.get` / raw `GET`", "≥ 0.90",
        [ratio(r, "redisCacheGet", "rawJedisGet") for r in rounds], 0.90,
        p50_per_round=[ratio(r, "redisCacheGet", "rawJedisGet", "p50") for r in rounds])
    add("2", "`@CacheResult` via proxy / `RedisCache.get`", "≥ 0.95",
        [ratio(r, "cacheResultViaProxy", "redisCacheGet") for r in rounds], 0.95,
        p50_per_round=[ratio(r, "cacheResultViaProxy", "redisCacheGet", "p50") for r in rounds])
    add("2 (info)", "`@CacheResult` logic without proxy / `RedisCache.get`", "—",
        [ratio(r, "cacheResultHit", "redisCacheGet") for r in rounds], None,
        p50_per_round=[ratio(r, "cacheResultHit", "redisCacheGet", "p50") for r in rounds])
    # The proxy's and interceptor's own cost, measured in process where no round trip blurs it: the per-call time
    # of the proxied near hit minus that of NamedCache's near hit (Throughput mode), then what that cost does to a
    # remote hit of this round.
    overhead = [proxy_overhead_us(r) for r in rounds]
    add("2 (in process)", "proxy + interceptor cost per call, µs (`cacheResultViaProxyNearHit` − `nearCacheHit`)",
        "—", overhead, None, higher_is_better=False)
    add("2 (composed)", "`RedisCache.get` time / (the same + that cost)", "≥ 0.95",
        [r["redisCacheGet"]["mean"] / (r["redisCacheGet"]["mean"] + o) if o is not None and "redisCacheGet" in r
         else None for r, o in zip(rounds, overhead)], 0.95)
    add("3", "near-cache hit p50 (µs)", "≤ 0.10",
        [r["nearCacheHit"]["p50"] if "nearCacheHit" in r else None for r in rounds], 0.10, higher_is_better=False)
    best = [best_local_peer(r) for r in rounds]
    add("3", "near-cache hit / Redisson's best local hit (per round: %s)"
        % ", ".join((b or "—").replace("redisson", "").replace("Hit", "") for b in best), "≥ 2",
        [ratio(r, "nearCacheHit", b, "thrpt") if b else None for r, b in zip(rounds, best)], 2.0,
        p50_per_round=[ratio(r, "nearCacheHit", b, "p50") if b else None for r, b in zip(rounds, best)])
    add("4 remote", "`RedisCache.get` / Redisson `RBucket.get`", "≥ 1",
        [ratio(r, "redisCacheGet", "redissonBucketGet") for r in rounds], 1.0,
        p50_per_round=[ratio(r, "redisCacheGet", "redissonBucketGet", "p50") for r in rounds])
    add("4 remote", "`RedisCache.get` / redis-py `get` + `json.loads`", "≥ 1",
        [ratio(r, "redisCacheGet", "getJsonLoads") for r in rounds], 1.0,
        p50_per_round=[ratio(r, "redisCacheGet", "getJsonLoads", "p50") for r in rounds])
    add("4 remote (info)", "`@CacheResult` via proxy / Redisson `RBucket.get`", "—",
        [ratio(r, "cacheResultViaProxy", "redissonBucketGet") for r in rounds], None,
        p50_per_round=[ratio(r, "cacheResultViaProxy", "redissonBucketGet", "p50") for r in rounds])
    add("4 remote (info)", "`@CacheResult` via proxy / redis-py", "—",
        [ratio(r, "cacheResultViaProxy", "getJsonLoads") for r in rounds], None,
        p50_per_round=[ratio(r, "cacheResultViaProxy", "getJsonLoads", "p50") for r in rounds])
    add("4 near", "near-cache hit / Redisson `RLocalCachedMap` hit", "≥ 1",
        [ratio(r, "nearCacheHit", "redissonLocalCachedMapHit", "thrpt") for r in rounds], 1.0,
        p50_per_round=[ratio(r, "nearCacheHit", "redissonLocalCachedMapHit", "p50") for r in rounds])
    add("4 near", "near-cache hit / Redisson client-side caching hit", "≥ 1",
        [ratio(r, "nearCacheHit", "redissonClientSideCachingHit", "thrpt") for r in rounds], 1.0,
        p50_per_round=[ratio(r, "nearCacheHit", "redissonClientSideCachingHit", "p50") for r in rounds])

    out.append("Targets of issue 8: each ratio is a throughput ratio computed within a round, then the median over"
               " rounds (per-round values in brackets): from Throughput mode for the local hits (near cache against"
               " Redisson's local caches), from the SampleTime means (1/mean) otherwise. \"by p50\" compares the p50s"
               " instead (the other's p50 over ours, per round, then medianed), a view less sensitive to stalls.")
    out.append("")
    out.append("| # | ratio | target | median (per round) | by p50 | verdict |")
    out.append("|---|---|---|---|---|---|")
    out.extend(rows)
    if n_rounds < 3:
        out.append("")
        out.append("Fewer than 3 rounds: the verdicts are indicative only.")
    missing = [(i + 1, stem) for i, r in enumerate(rounds) for stem, _, _ in VARIANTS if stem not in r]
    if missing:
        out.append("")
        out.append("Missing results (failed or not run): " + ", ".join("round %d %s" % m for m in missing) + ".")
    print("\n".join(out))


if __name__ == "__main__":
    main()
