#!/usr/bin/env python3
"""Summarises the JFR recordings of wrk-ceiling.sh (JFR=1): where the CPU of the service's request goes, against the
bare endpoint's, per request. Uses the JDK's `jfr print --json`; standard library otherwise.

  jfr_summary.py SVC.jfr SVC_WRK_OUTPUT BARE.jfr BARE_WRK_OUTPUT      (markdown on stdout)

Only Liberty's request threads ("Default Executor-thread-N") count. Execution samples (jdk.ExecutionSample,
settings=profile) are attributed two ways:
  - by component, exclusively: walking a sample's stack from the leaf towards the root, the first frame outside the
    JDK (java., jdk., sun., com.sun.) names the component; a stack of JDK frames only is "JDK only";
  - by marker, inclusively: the share of samples with a frame of that method or package anywhere on the stack.
Samples are normalised per 1,000 requests of the run (wrk's count), so the two endpoints compare although their
request rates differ. Allocation samples (jdk.ObjectAllocationSample) give bytes per request by allocated class and by
allocation site (the first non-JDK frame).
"""
import os
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wrk_agents as wa  # noqa: E402

JDK = ("java.", "jdk.", "sun.", "com.sun.", "javax.")
COMPONENTS = [
    ("service: AuthorizationFilter, token and session checks", ("dev.devcycle.session.",)),
    ("service: RequestFormatFilter", ("dev.devcycle.rest.RequestFormatFilter",)),
    ("service: SecurityHeadersFilter", ("dev.devcycle.rest.SecurityHeadersFilter",)),
    ("service: resource, reads, other", ("dev.devcycle.agent.", "dev.devcycle.rest.", "dev.devcycle.openapi.")),
    ("module: declarative cache, interceptor, near cache", ("dev.devcycle.cache.",)),
    ("module: Redis client layer (breaker, budget)", ("dev.devcycle.redis.",)),
    ("module: metrics", ("dev.devcycle.metrics.",)),
    ("Jedis", ("redis.clients.jedis.",)),
    ("commons-pool2 (Jedis' pool)", ("org.apache.commons.pool2.",)),
    ("Caffeine", ("com.github.benmanes.caffeine.",)),
    ("JSON-B (Yasson)", ("org.eclipse.yasson.", "jakarta.json.bind.")),
    ("JSON-P (Parsson)", ("org.eclipse.parsson.", "org.glassfish.json.", "jakarta.json.")),
    ("Weld / CDI (proxies, interceptor chain, contexts)", ("org.jboss.weld.", "com.ibm.ws.cdi.", "jakarta.enterprise.",
                                                           "jakarta.interceptor.")),
    ("MicroProfile Metrics", ("io.smallrye.metrics.", "io.openliberty.microprofile.metrics",
                              "com.ibm.ws.microprofile.metrics", "io.micrometer.")),
    ("RESTEasy (JAX-RS)", ("org.jboss.resteasy.", "io.openliberty.restfulWS", "com.ibm.ws.jaxrs",
                           "io.openliberty.org.jboss.resteasy", "jakarta.ws.rs.")),
    ("Liberty security", ("com.ibm.ws.security.", "com.ibm.ws.webcontainer.security.", "io.openliberty.security.")),
    ("transactions", ("com.ibm.tx.", "com.ibm.ws.tx.", "com.ibm.ws.Transaction.", "com.ibm.ws.uow.")),
    ("JPA / JDBC / H2", ("org.eclipse.persistence.", "com.ibm.ws.rsadapter.", "com.ibm.ws.jdbc.", "org.h2.",
                         "com.ibm.ejs.j2c.", "com.ibm.ws.jpa.")),
    ("logging / trace", ("com.ibm.ws.logging.", "com.ibm.websphere.ras.", "com.ibm.ejs.ras.", "com.ibm.ws.ras.")),
    ("web container (servlet)", ("com.ibm.ws.webcontainer", "com.ibm.wsspi.webcontainer", "com.ibm.ws.container.",
                                 "jakarta.servlet.")),
    ("HTTP channel, TCP, buffers", ("com.ibm.ws.http.", "com.ibm.ws.tcpchannel.", "com.ibm.io.", "com.ibm.ws.channelfw.",
                                    "com.ibm.wsspi.", "com.ibm.ws.bytebuffer.", "io.openliberty.http", "io.netty.")),
    ("Liberty threading, other Liberty", ("com.ibm.", "io.openliberty.", "org.osgi.", "org.eclipse.")),
]
MARKERS = [
    ("AgentResource.availability (the resource method, inclusive)", "dev.devcycle.agent.rest.AgentResource.availability"),
    ("AgentReads.isAgentAvailable", "dev.devcycle.agent.AgentReads.isAgentAvailable"),
    ("the @CacheResult interceptor", "dev.devcycle.cache.internal.interceptor."),
    ("ReadThroughCache.get", "dev.devcycle.cache.internal.ReadThroughCache.get"),
    ("near cache", "dev.devcycle.cache.internal.near."),
    ("Jedis", "redis.clients.jedis."),
    ("value decode (StoredValues / ValueCodec)", "dev.devcycle.cache.internal.StoredValues"),
    ("AuthorizationFilter.filter", "dev.devcycle.session.AuthorizationFilter.filter"),
    ("RequestFormatFilter.filter", "dev.devcycle.rest.RequestFormatFilter.filter"),
    ("SecurityHeadersFilter.doFilter", "dev.devcycle.rest.SecurityHeadersFilter.doFilter"),
    ("JSON-P writing of the answer", "org.eclipse.parsson."),
    ("Weld", "org.jboss.weld."),
    ("MicroProfile Metrics", "io.smallrye.metrics."),
    ("Liberty security collaborator", "com.ibm.ws.webcontainer.security."),
    ("transactions", "com.ibm.tx."),
    ("logging / trace", "com.ibm.websphere.ras."),
    ("RESTEasy", "org.jboss.resteasy."),
]


UNITS = {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def events(path, kind):
    """The events of a kind as dicts (thread, frames from the leaf, objectClass, weight in bytes), streamed from
    `jfr print`'s text form (its JSON form is many times larger and slow to parse for deep Liberty stacks). Only the
    request threads of Liberty's executor ("Default Executor-thread-N") count."""
    proc = subprocess.Popen(["jfr", "print", "--stack-depth", "512", "--events", kind, path],
                            stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    event, in_stack = None, False
    for raw in proc.stdout:
        line = raw.strip()
        if line.endswith("{") and line.startswith("jdk."):
            event, in_stack = {"frames": [], "thread": "", "objectClass": "?", "weight": 0}, False
        elif event is None:
            continue
        elif line == "}":
            if "Default Executor" in event["thread"]:
                yield event
            event = None
        elif in_stack:
            if line == "]":
                in_stack = False
            elif line != "...":
                event["frames"].append(line.split("(", 1)[0])
        elif line.startswith("stackTrace = ["):
            in_stack = True
        elif line.startswith(("sampledThread = ", "eventThread = ")):
            event["thread"] = line
        elif line.startswith("objectClass = "):
            event["objectClass"] = line[len("objectClass = "):].split(" (", 1)[0]
        elif line.startswith("weight = "):
            number, _, unit = line[len("weight = "):].partition(" ")
            event["weight"] = float(number) * UNITS.get(unit, 1)
    if proc.wait() != 0:
        raise SystemExit("jfr print failed on %s" % path)


def frames(event):
    return event["frames"]


def component(stack):
    for frame in stack:
        if frame.startswith(JDK):
            continue
        for name, prefixes in COMPONENTS:
            if frame.startswith(prefixes):
                return name
        return "other: " + frame.rsplit(".", 2)[0]
    return "JDK only"


def site(stack):
    for frame in stack:
        if not frame.startswith(JDK):
            return frame
    return stack[0] if stack else "?"


def profile(jfr, wrk_out):
    requests = wa.wrk_result(wrk_out)["requests"]
    samples = [frames(e) for e in events(jfr, "jdk.ExecutionSample")]
    by_component = Counter(component(s) for s in samples)
    by_marker = Counter()
    for s in samples:
        for name, prefix in MARKERS:
            if any(f.startswith(prefix) for f in s):
                by_marker[name] += 1
    leaves = Counter(s[0] for s in samples if s)
    alloc_class, alloc_site, alloc_total = Counter(), Counter(), 0
    for e in events(jfr, "jdk.ObjectAllocationSample"):
        w = e["weight"]
        cls = e["objectClass"]
        alloc_class[cls] += w
        alloc_site[site(frames(e))] += w
        alloc_total += w
    return dict(requests=requests, samples=len(samples), by_component=by_component, by_marker=by_marker,
                leaves=leaves, alloc_class=alloc_class, alloc_site=alloc_site, alloc_total=alloc_total)


def per_k(count, requests):
    return count * 1000.0 / requests


def main(svc_jfr, svc_wrk, bare_jfr, bare_wrk):
    s, b = profile(svc_jfr, svc_wrk), profile(bare_jfr, bare_wrk)
    out = ["Execution samples per 1,000 requests: service %.1f (%d samples, %d requests), bare %.1f (%d, %d); "
           "allocation per request: service %.1f KB, bare %.1f KB (JFR's sampled estimate)."
           % (per_k(s["samples"], s["requests"]), s["samples"], s["requests"], per_k(b["samples"], b["requests"]),
              b["samples"], b["requests"], s["alloc_total"] / s["requests"] / 1024,
              b["alloc_total"] / b["requests"] / 1024), "",
           "By component (exclusive: the first non-JDK frame from the leaf), samples per 1,000 requests:", "",
           "| component | service | bare | service − bare | share of the service's samples |", "|---|---|---|---|---|"]
    names = sorted(set(s["by_component"]) | set(b["by_component"]),
                   key=lambda n: -(per_k(s["by_component"][n], s["requests"]) - per_k(b["by_component"][n],
                                                                                   b["requests"])))
    for n in names:
        sv, bv = per_k(s["by_component"][n], s["requests"]), per_k(b["by_component"][n], b["requests"])
        if sv < 0.05 and bv < 0.05:
            continue
        out.append("| %s | %.2f | %.2f | %+.2f | %.1f %% |" % (n, sv, bv, sv - bv,
                                                              100.0 * s["by_component"][n] / max(1, s["samples"])))
    out += ["", "By marker (inclusive: a frame of it anywhere on the stack), share of the service's samples:", "",
            "| marker | service samples / 1,000 req | share |", "|---|---|---|"]
    for name, _ in MARKERS:
        c = s["by_marker"][name]
        if c:
            out.append("| %s | %.2f | %.1f %% |" % (name, per_k(c, s["requests"]), 100.0 * c / max(1, s["samples"])))
    out += ["", "Hottest leaf frames of the service (samples per 1,000 requests):", "", "| frame | service | bare |",
            "|---|---|---|"]
    for frame, c in s["leaves"].most_common(20):
        out.append("| `%s` | %.2f | %.2f |" % (frame, per_k(c, s["requests"]), per_k(b["leaves"][frame], b["requests"])))
    out += ["", "Allocation by site (first non-JDK frame), bytes per request:", "", "| site | service | bare |",
            "|---|---|---|"]
    for frame, w in s["alloc_site"].most_common(15):
        out.append("| `%s` | %.0f | %.0f |" % (frame, w / s["requests"], b["alloc_site"][frame] / b["requests"]))
    out += ["", "Allocation by class, bytes per request:", "", "| class | service | bare |", "|---|---|---|"]
    for cls, w in s["alloc_class"].most_common(12):
        out.append("| `%s` | %.0f | %.0f |" % (cls, w / s["requests"], b["alloc_class"][cls] / b["requests"]))
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
