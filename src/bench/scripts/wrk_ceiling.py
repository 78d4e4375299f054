#!/usr/bin/env python3
"""Helpers of wrk-ceiling.sh (issue 17): the bare endpoint's check, the warm-up's plateau, one TSV row per measured
run, and the tables with the service/bare ratio of each round. Standard library only; shares wrk_agents.py.

  wrk_ceiling.py verify-bare BASE_URL COUNT PREFIX     (GET of every agent on the bare endpoint: 200, same JSON shape)
  wrk_ceiling.py rps WRK_OUTPUT                         (requests per second of a wrk run)
  wrk_ceiling.py plateau WARMUP_TSV FRACTION            ("plateau ..." or "rising ..." for the warm-up loop)
  wrk_ceiling.py row CONFIG ROUND ENDPOINT LOADAVG WRK_OUTPUT STATS_BEFORE STATS_AFTER
  wrk_ceiling.py table RESULTS_TSV
  wrk_ceiling.py burst-probe BASE_URL SECONDS COUNT PREFIX OUT_TSV   (every 200 ms: counters and one timed request)
  wrk_ceiling.py burst-row CONFIG WRK_OUTPUT PROBE_TSV                (one TSV row of the expiry-burst summary)
  wrk_ceiling.py burst-table BURSTS_TSV
"""
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wrk_agents as wa  # noqa: E402

TARGETS = {"near-cache": 0.85, "redis": 0.65}
P99_LIMIT = 1.5


def verify_bare(base, count, prefix):
    conn = wa.connection(base)
    wrong = []
    for i in range(int(count)):
        st, d = wa.call(conn, "GET", "/ceiling/api/agents/%s/availability" % wa.agent_id(prefix, i))
        body = json.loads(d) if st == 200 else None
        if body != {"agent_id": wa.agent_id(prefix, i), "available": wa.expected_available(i)}:
            wrong.append("%s: HTTP %d %s" % (wa.agent_id(prefix, i), st, d[:200]))
    if wrong:
        sys.exit("bare endpoint check failed for %d of %s: %s" % (len(wrong), count, "; ".join(wrong[:5])))
    print("bare endpoint: %s agents, 200 and the service's answer" % count)


def rps(wrk_out):
    w = wa.wrk_result(wrk_out)
    print("%.0f" % (w["requests"] / (w["duration_us"] / 1e6)))


def plateau(path, fraction):
    """Plateau when, in the last warm-up round, neither endpoint beat its best earlier round by more than FRACTION."""
    fraction = float(fraction)
    series = {}
    with open(path) as f:
        for line in f:
            i, endpoint, value = line.split()
            series.setdefault(endpoint, []).append(float(value))
    parts, rising = [], False
    for endpoint, values in sorted(series.items()):
        parts.append("%s %s" % (endpoint, "/".join("%.0f" % v for v in values)))
        if len(values) < 2 or values[-1] > max(values[:-1]) * (1 + fraction):
            rising = True
    print("%s: %s" % ("rising" if rising else "plateau", "; ".join(parts)))


def row(config, rnd, endpoint, loadavg, wrk_out, before, after):
    w = wa.wrk_result(wrk_out)
    b, a = wa.parse_kv(before), wa.parse_kv(after)
    delta = {k: int(a[k]) - int(b[k]) for k in ("db_queries", "hits", "misses", "near_hits", "errors")}
    requests = wa.check_errors("%s %s" % (config, endpoint), w, wrk_out)
    base = config.split("+")[0].split("~")[0]
    q, hits, near = (delta[k] / requests for k in ("db_queries", "hits", "near_hits"))
    problems = []
    if endpoint == "bare":
        # Two stats reads (before/after) are the only service requests: the bare runs must not touch the cache.
        if delta["hits"] + delta["misses"] + delta["db_queries"] > 0:
            problems.append("the bare endpoint's run changed the service's counters: %s" % delta)
    elif base == "cache-off":
        if q < 0.9 or delta["hits"] != 0:
            problems.append("caching disabled but %.3f queries per request and %d hits" % (q, delta["hits"]))
    else:
        if delta["db_queries"] > 0 or delta["errors"] > 0 or hits < 0.999:
            problems.append("not pure hits: %d db queries, %d cache errors, %.4f hits per request"
                            % (delta["db_queries"], delta["errors"], hits))
        if base == "near-cache" and (a["near_cache"] != "tracking" or near < 0.999):
            problems.append("near cache %s, near hits per request %.4f" % (a["near_cache"], near))
        if base == "redis" and (a["near_cache"] != "off" or delta["near_hits"] != 0):
            problems.append("near cache %s with %d near hits" % (a["near_cache"], delta["near_hits"]))
    if problems:
        sys.exit("%s %s: %s" % (config, endpoint, "; ".join(problems)))
    fields = [config, rnd, endpoint, "%.0f" % (requests / (w["duration_us"] / 1e6)),
              "%.3f" % (w["p50_us"] / 1000), "%.3f" % (w["p90_us"] / 1000), "%.3f" % (w["p99_us"] / 1000),
              "%.3f" % (w["max_us"] / 1000), str(requests),
              "%.4f" % ((float(a["liberty_cpu"]) - float(b["liberty_cpu"])) * 1000 / requests),
              "%.4f" % ((float(a["redis_cpu"]) - float(b["redis_cpu"])) * 1000 / requests),
              "%.4f" % q, "%.4f" % hits, "%.4f" % near, loadavg]
    print("\t".join(fields))


LABEL = {"near-cache": "near-cache hit", "redis": "Redis hit (near cache off)", "cache-off": "database (H2)"}


def label(config):
    base, _, pinned = config.partition("+")
    base, _, pool = base.partition("~pool")
    return (LABEL.get(base, base) + (", pool of %s connections" % pool if pool else "")
            + (", wrk and Liberty pinned" if pinned else ""))


def table(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    runs = {}
    for r in rows:
        runs.setdefault((r[0], r[1]), {})[r[2]] = r
    out = ["Every measured run (svc = the service's availability, bare = the bare application; CPU: Liberty's and "
           "redis-server's CPU time during the run / requests):", "",
           "| configuration | round | endpoint | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | "
           "Liberty CPU ms/req | Redis CPU ms/req | db queries/req | cache hits/req | near hits/req | load before |",
           "|" + "---|" * 15]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out += ["", "Per round (ratios of the same round), then the median of the rounds:", "",
            "| configuration | round | service req/s | bare req/s | **ratio** | service p99 ms | bare p99 ms | "
            "p99 ratio | Liberty CPU ms/req: service / bare | extra CPU ms/req |",
            "|" + "---|" * 10]
    summary = []
    for config in dict.fromkeys(r[0] for r in rows):
        per_round = []
        for (c, rnd), ends in runs.items():
            if c != config or "svc" not in ends or "bare" not in ends:
                continue
            s, b = ends["svc"], ends["bare"]
            v = dict(srps=float(s[3]), brps=float(b[3]), sp99=float(s[6]), bp99=float(b[6]), scpu=float(s[9]),
                     bcpu=float(b[9]))
            v["ratio"], v["p99ratio"], v["extra"] = v["srps"] / v["brps"], v["sp99"] / v["bp99"], v["scpu"] - v["bcpu"]
            per_round.append(v)
            out.append("| %s | %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.3f / %.3f | %.3f |" % (
                label(config), rnd, v["srps"], v["brps"], v["ratio"], v["sp99"], v["bp99"], v["p99ratio"],
                v["scpu"], v["bcpu"], v["extra"]))
        if per_round:
            med = {k: statistics.median(v[k] for v in per_round) for k in per_round[0]}
            out.append("| **%s, median** | %d | %.0f | %.0f | **%.2f** | %.2f | %.2f | **%.2f** | %.3f / %.3f | %.3f |"
                       % (label(config), len(per_round), med["srps"], med["brps"], med["ratio"], med["sp99"],
                          med["bp99"], med["p99ratio"], med["scpu"], med["bcpu"], med["extra"]))
            summary.append((config, med, per_round))
    out += ["", "Against issue 17's targets (median of the per-round ratios):", "",
            "| configuration | req/s ratio (per round) | target | p99 ratio (per round) | target | "
            "Liberty CPU ms/req service / bare |", "|---|---|---|---|---|---|"]
    for config, med, per_round in summary:
        target = TARGETS.get(config.split("+")[0].split("~")[0])
        verdict = "" if target is None else (" met" if med["ratio"] >= target else " **missed**")
        p99v = " met" if med["p99ratio"] <= P99_LIMIT else " **missed**"
        out.append("| %s | **%.2f** (%s) | %s%s | **%.2f** (%s) | ≤ %.1f%s | %.3f / %.3f |" % (
            label(config), med["ratio"], ", ".join("%.2f" % v["ratio"] for v in per_round),
            "-" if target is None else "≥ %.2f" % target, verdict, med["p99ratio"],
            ", ".join("%.2f" % v["p99ratio"] for v in per_round), P99_LIMIT, p99v, med["scpu"], med["bcpu"]))
    print("\n".join(out))


def burst_probe(base, seconds, count, prefix, out):
    """Every 200 ms: the app's counters (cumulative) and the latency of one availability request of a random agent
    over a connection of its own. Columns: seconds since start, db_queries, hits, misses, probe ms."""
    conn = wa.connection(base)
    start = time.monotonic()
    with open(out, "w") as f:
        while time.monotonic() - start < float(seconds):
            s = wa.fetch_stats(base)
            t0 = time.monotonic()
            st, _ = wa.call(conn, "GET", "/api/agents/%s/availability" % wa.agent_id(prefix, random.randrange(int(count))))
            ms = (time.monotonic() - t0) * 1000
            if st != 200:
                sys.exit("probe: HTTP %d" % st)
            f.write("%.3f\t%d\t%d\t%d\t%.3f\n" % (t0 - start, s["db_queries"], s["hits"], s["misses"], ms))
            f.flush()
            time.sleep(max(0.0, 0.2 - (time.monotonic() - t0)))


def burst_bins(probe):
    rows = [[float(x) for x in line.split()] for line in open(probe) if line.strip()]
    bins = {}
    for prev, cur in zip(rows, rows[1:]):
        b = bins.setdefault(int(cur[0]), {"db": 0, "served": 0, "probe": 0.0})
        b["db"] += cur[1] - prev[1]
        b["served"] += (cur[2] - prev[2]) + (cur[3] - prev[3])
        b["probe"] = max(b["probe"], cur[4])
    return bins


def burst_row(config, wrk_out, probe):
    w = wa.wrk_result(wrk_out)
    requests = wa.check_errors(config, w, wrk_out)
    bins = burst_bins(probe)
    # The first 5 s fill the cold cache; the expiries come after.
    later = {k: v for k, v in bins.items() if k >= 5}
    peak_db = max(v["db"] for v in later.values())
    busy = sum(1 for v in later.values() if v["db"] >= 50)
    loads = sum(v["db"] for v in later.values())
    served = sorted(v["served"] for v in later.values())
    probes = sorted(v["probe"] for v in later.values())
    fields = [config, "%.0f" % (requests / (w["duration_us"] / 1e6)), "%.3f" % (w["p50_us"] / 1000),
              "%.3f" % (w["p99_us"] / 1000), "%.3f" % (w["max_us"] / 1000), "%d" % loads, "%d" % peak_db,
              "%d" % busy, "%d" % served[0], "%d" % statistics.median(served), "%.1f" % probes[-1],
              "%.1f" % statistics.median(probes),
              " ".join("%d" % bins[k]["db"] for k in sorted(bins))]
    print("\t".join(fields))


def burst_table(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
    out = ["Expiry burst (Redis tier, TTL 30 s, cold start: the hot set is loaded in the run's first seconds and "
           "expires together about 30 and 60 s later). From second 5 on, per 1-second bin of the probe:", "",
           "| jitter | req/s (whole run) | p50 ms | p99 ms | max ms | database loads after 5 s | peak loads in one "
           "second | seconds with ≥ 50 loads | slowest second: requests served | median second | slowest probe "
           "request ms | median of the per-second slowest probe ms |", "|" + "---|" * 12]
    for r in rows:
        out.append("| %s %% | %s |" % (r[0].split(":")[1], " | ".join(r[1:12])))
    out += ["", "Database loads per second over each run (from second 0):", ""]
    for r in rows:
        out.append("- jitter %s %%: %s" % (r[0].split(":")[1], r[12]))
    print("\n".join(out))


if __name__ == "__main__":
    commands = {"verify-bare": verify_bare, "rps": rps, "plateau": plateau, "row": row, "table": table,
                "burst-probe": burst_probe, "burst-row": burst_row, "burst-table": burst_table}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
