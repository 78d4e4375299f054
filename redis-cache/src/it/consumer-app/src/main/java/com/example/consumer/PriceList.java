package com.example.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import dev.devcycle.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/** A slow lookup an application caches with one annotation; the counter proves a hit. */
@ApplicationScoped
public class PriceList {

    private final AtomicInteger lookups = new AtomicInteger();

    @CacheResult(cacheName = "prices", ttl = "1m")
    public int price(String item) {
        lookups.incrementAndGet();
        return item.length() * 100;
    }

    /** How often the method itself ran. */
    public int lookups() {
        return lookups.get();
    }
}
