#!/usr/bin/env python3
"""Summarises an async-profiler CPU profile in collapsed form (one line per stack: frames joined by ';', then the
sample count), as wrk-sessions.sh PROFILE=1 writes it: the share of the process' CPU samples whose stack holds a frame
of each component (inclusive, so the shares overlap), and the hottest leaf frames. Standard library only.

  collapsed_summary.py PROFILE.collapsed [REQUESTS]     (markdown on stdout; REQUESTS: samples per 1,000 requests)
"""
import collections
import sys

# (label, substrings of a frame); a sample counts for a label when any frame of its stack contains one of them.
COMPONENTS = [
    ("request threads (Liberty's executor)", ("com/ibm/ws/threading",)),
    ("  Liberty's HTTP session manager", ("com/ibm/ws/session",)),
    ("  this provider (dev.devcycle.jcache, .redis)", ("dev/devcycle/",)),
    ("    Java serialization of entries (EntryCodec)", ("dev/devcycle/jcache/EntryCodec",)),
    ("    Jedis (commands, socket I/O)", ("redis/clients/jedis",)),
    ("    Redisson", ("org/redisson",)),
    ("    Netty", ("io/netty",)),
    ("  Liberty's HTTP channel and web container", ("com/ibm/ws/http", "com/ibm/ws/webcontainer")),
    ("kernel (system calls, network stack, scheduler)", ("_[k]",)),
    ("  socket reads and writes", ("tcp_sendmsg", "tcp_recvmsg", "sock_read_iter", "sock_write_iter")),
    ("  scheduling (blocking, waking)", ("schedule", "try_to_wake_up", "futex")),
    ("JIT compiler threads", ("CompileBroker",)),
    ("garbage collector threads", ("GCTaskThread", "G1", "WorkerThread::run")),
]


def main(path, requests=None):
    total = 0
    inclusive = collections.Counter()
    leaves = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        leaves[frames[-1]] += n
        for label, needles in COMPONENTS:
            if any(needle in frame for frame in frames for needle in needles):
                inclusive[label] += n
    if not total:
        print(f"no samples in {path}")
        return
    per = f" | samples per 1,000 requests" if requests else ""
    print(f"{total} CPU samples (1 ms each).\n")
    print(f"| component (inclusive) | share of the process' CPU{per} |")
    print("|---|---|" + ("---|" if requests else ""))
    for label, _ in COMPONENTS:
        extra = f" | {inclusive[label] * 1000 / requests:.0f}" if requests else ""
        print(f"| {label.replace('  ', '&nbsp;&nbsp;')} | {inclusive[label] / total:.1%}{extra} |")
    print("\nHottest leaf frames:\n")
    for frame, n in leaves.most_common(12):
        print(f"- {n / total:.1%} `{frame}`")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else None)
