#!/usr/bin/env python3
"""Helpers of wrk-agents.sh (issue 8, target 6): free ports, seeding and checking the agents through the REST API,
the app's statistics, and the results table. Standard library only.

  wrk_agents.py free-ports N
  wrk_agents.py seed BASE_URL USER PASSWORD COUNT PREFIX      (admin login, POST /api/agents COUNT times)
  wrk_agents.py verify BASE_URL COUNT PREFIX                  (anonymous GET of every availability: 200, right answer)
  wrk_agents.py stats BASE_URL                                (one line of key=value from the stats endpoints)
  wrk_agents.py cpu NAME=PID ...                              (CPU seconds of each process and its descendants)
  wrk_agents.py check LABEL WRK_OUTPUT                        (fails on HTTP or socket errors)
  wrk_agents.py row VARIANT REPEAT LOADAVG WRK_OUTPUT STATS_BEFORE STATS_AFTER   (one TSV row; checks the tier)
  wrk_agents.py table RESULTS_TSV                             (markdown tables: every run, then medians)
"""
import http.client
import json
import os
import socket
import statistics
import sys
import threading
import time
import urllib.parse

AVAILABILITY = "agent:availability"


def expected_available(i):
    """Every 10th agent is in maintenance (not available), the others online with free slots."""
    return i % 10 != 9


def agent_id(prefix, i):
    return "%s%04d" % (prefix, i)


def connection(base):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def call(conn, method, path, body=None, token=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        body = json.dumps(body)
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def free_ports(n):
    socks = []
    try:
        for _ in range(int(n)):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        print(" ".join(str(s.getsockname()[1]) for s in socks))
    finally:
        for s in socks:
            s.close()


def seed(base, user, password, count, prefix):
    count = int(count)
    conn = connection(base)
    status, data = call(conn, "POST", "/api/auth/login", {"username": user, "password": password})
    if status != 200:
        sys.exit("login as %s answered %d: %s" % (user, status, data[:200]))
    token = json.loads(data)["token"]
    failures = []

    def worker(indices):
        c = connection(base)
        for i in indices:
            body = {"name": agent_id(prefix, i), "agent_type": "developer",
                    "status": "online" if expected_available(i) else "maintenance",
                    "capabilities": ["python", "testing", "cap-%d" % (i % 7)],
                    "configuration": {"max_concurrent_tasks": 4}}
            # 503 is transient here (e.g. the token check's Redis call over its budget on a loaded machine):
            # retried; a retry answering 409 means an earlier attempt did register the agent (verify checks it).
            for attempt in range(1, 6):
                st, d = call(c, "POST", "/api/agents", body, token)
                if st == 201 or (st == 409 and attempt > 1):
                    break
                if st != 503:
                    failures.append("%s: %d %s" % (body["name"], st, d[:200]))
                    break
                time.sleep(0.2 * attempt)
            else:
                failures.append("%s: %d %s after 5 attempts" % (body["name"], st, d[:200]))
        c.close()

    threads = [threading.Thread(target=worker, args=(range(k, count, 4),)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit("registering agents failed (%d): %s" % (len(failures), "; ".join(failures[:5])))
    print("registered %d agents %s..%s" % (count, agent_id(prefix, 0), agent_id(prefix, count - 1)))


def verify(base, count, prefix):
    """Anonymous reads of every agent's availability: 200 and the seeded answer (also fills the caches)."""
    conn = connection(base)
    wrong = []
    for i in range(int(count)):
        st, d = call(conn, "GET", "/api/agents/%s/availability" % agent_id(prefix, i))
        if st != 200:
            wrong.append("%s: HTTP %d %s" % (agent_id(prefix, i), st, d[:200]))
            continue
        body = json.loads(d)
        if body.get("agent_id") != agent_id(prefix, i) or body.get("available") != expected_available(i):
            wrong.append("%s: %s" % (agent_id(prefix, i), body))
    if wrong:
        sys.exit("availability check failed for %d of %s agents: %s" % (len(wrong), count, "; ".join(wrong[:5])))
    print("availability of %s agents: 200 and the expected answer (anonymous)" % count)


def fetch_stats(base):
    conn = connection(base)
    st, d = call(conn, "GET", "/api/agents/cache/stats")
    if st != 200:
        sys.exit("GET /api/agents/cache/stats answered %d: %s" % (st, d[:200]))
    s = json.loads(d)
    a = s["caches"][AVAILABILITY]
    return {"db_queries": s["db_queries"], "hits": a["hits"], "misses": a["misses"], "near_hits": a["near_hits"],
            "errors": a["errors"], "loads": a["loads"], "near_cache": a["near_cache"]}


def stats(base):
    print(" ".join("%s=%s" % kv for kv in fetch_stats(base).items()))


def cpu(*named_pids):
    """CPU seconds (user + system) used so far by each named process and its live descendants (PostgreSQL's
    backends are children of the postmaster), read from /proc; NAME=- prints NAME=0 (no such process, e.g. H2)."""
    tick = os.sysconf("SC_CLK_TCK")
    stat = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after "(comm)": state ppid ... utime(12) stime(13) cutime(14) cstime(15), 0-based from state
            stat[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    children = {}
    for pid, (ppid, _) in stat.items():
        children.setdefault(ppid, []).append(pid)
    out = []
    for item in named_pids:
        name, pid = item.split("=", 1)
        total = 0
        todo = [int(pid)] if pid.isdigit() and int(pid) in stat else []
        while todo:
            p = todo.pop()
            total += stat[p][1]
            todo.extend(children.get(p, []))
        out.append("%s_cpu=%.3f" % (name, total / tick))
    print(" ".join(out))


def parse_kv(text):
    out = {}
    for part in text.split():
        if "=" in part:
            k, v = part.split("=", 1)
            out[k] = v
    return out


def wrk_result(path):
    """The WRK_RESULT line printed by wrk-agents.lua's done()."""
    with open(path) as f:
        lines = [line for line in f if line.startswith("WRK_RESULT ")]
    if not lines:
        sys.exit("no WRK_RESULT line in %s (did wrk run the Lua script?)" % path)
    return {k: float(v) for k, v in parse_kv(lines[-1]).items()}


def check_errors(label, w, wrk_out):
    """Fails loudly on any HTTP error status or socket error in a wrk run."""
    requests = int(w["requests"])
    socket_errors = int(w["connect"] + w["read"] + w["write"] + w["timeout"])
    if requests == 0:
        sys.exit("%s: wrk completed no request -- see %s" % (label, wrk_out))
    if w["non2xx"] > 0 or socket_errors > 0:
        sys.exit("%s: %d HTTP errors (status >= 400) and %d socket errors (connect %d, read %d, write %d, "
                 "timeout %d) in %d requests -- see %s" % (label, w["non2xx"], socket_errors, w["connect"],
                                                           w["read"], w["write"], w["timeout"], requests, wrk_out))
    return requests


def check(label, wrk_out):
    w = wrk_result(wrk_out)
    requests = check_errors(label, w, wrk_out)
    print("%s: %d requests, %.0f req/s, no errors" % (label, requests, requests / (w["duration_us"] / 1e6)))


def row(variant, repeat, loadavg, wrk_out, before, after):
    w = wrk_result(wrk_out)
    b, a = parse_kv(before), parse_kv(after)
    delta = {k: int(a[k]) - int(b[k]) for k in ("db_queries", "hits", "misses", "near_hits", "errors")}
    requests = check_errors(variant, w, wrk_out)
    # Which tier answered: prove it, or fail loudly (the configuration did not take effect).
    q = delta["db_queries"] / requests
    near = delta["near_hits"] / requests
    problems = []
    if variant == "cache-off":
        if q < 0.9 or delta["hits"] != 0:
            problems.append("caching disabled but %.3f queries per request and %d hits" % (q, delta["hits"]))
    else:
        if q > 0.2:
            problems.append("caching on but %.3f database queries per request (%d cache errors: Redis over its "
                            "budget, or the circuit breaker open -- see the Liberty log)" % (q, delta["errors"]))
        if variant == "near-cache" and (a["near_cache"] != "tracking" or near < 0.5):
            problems.append("near cache %s, near hits per request %.3f" % (a["near_cache"], near))
        if variant == "redis" and (a["near_cache"] != "off" or delta["near_hits"] != 0):
            problems.append("near cache %s with %d near hits" % (a["near_cache"], delta["near_hits"]))
    if problems:
        sys.exit("%s: %s" % (variant, "; ".join(problems)))
    rps = requests / (w["duration_us"] / 1e6)
    # CPU milliseconds per request of each process (Liberty includes an embedded H2): robust to other load on the
    # machine in a way that req/s and latency are not.
    cpu_ms = ["%.3f" % ((float(a[k]) - float(b[k])) * 1000 / requests)
              for k in ("liberty_cpu", "db_cpu", "redis_cpu")]
    fields = [variant, repeat, "%.0f" % rps, "%.3f" % (w["p50_us"] / 1000), "%.3f" % (w["p90_us"] / 1000),
              "%.3f" % (w["p99_us"] / 1000), "%.3f" % (w["max_us"] / 1000), str(requests),
              "%.4f" % q, "%.4f" % (delta["hits"] / requests), "%.4f" % near, str(delta["errors"])] + cpu_ms + [
              loadavg]
    print("\t".join(fields))


COLUMNS = ["variant", "round", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "requests", "db queries/req",
           "cache hits/req", "near hits/req", "cache errors", "Liberty CPU ms/req", "DB CPU ms/req",
           "Redis CPU ms/req", "load avg (1 min) before"]
LABEL = {"redis": "(a) cache on: Redis, no near cache", "cache-off": "(b) caching disabled: database only",
         "near-cache": "(c) near cache + Redis"}


def table(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out.append("")
    out.append("| configuration | runs | req/s | p50 ms | p99 ms | db queries/req | near hits/req |"
               " CPU ms/req: Liberty / DB / Redis |")
    out.append("|---|---|---|---|---|---|---|---|")
    for variant in ("redis", "cache-off", "near-cache"):
        rs = [r for r in rows if r[0] == variant]
        if not rs:
            continue
        med = lambda i: statistics.median(float(r[i]) for r in rs)  # noqa: E731
        out.append("| %s | %d | %.0f | %.2f | %.2f | %.3f | %.3f | %.3f / %.3f / %.3f |"
                   % (LABEL[variant], len(rs), med(2), med(3), med(5), med(8), med(10), med(12), med(13), med(14)))
    out.append("")
    out.append("Second table: medians over the runs of each configuration (with two runs, their mean).")
    print("\n".join(out))


if __name__ == "__main__":
    commands = {"free-ports": free_ports, "seed": seed, "verify": verify, "stats": stats, "cpu": cpu,
                "check": check, "row": row, "table": table}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
