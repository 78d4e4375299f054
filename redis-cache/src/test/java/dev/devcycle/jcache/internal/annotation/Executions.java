package dev.devcycle.jcache.internal.annotation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** How often each test method body ran: the proof of a hit is a call that did not run it. */
@ApplicationScoped
public class Executions {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void ran(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    int of(String what) {
        AtomicInteger count = counts.get(what);
        return count == null ? 0 : count.get();
    }
}
