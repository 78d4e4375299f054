package example.greetings;

import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

import jakarta.enterprise.context.ApplicationScoped;

/** Greetings, cached with the standard annotations; {@link #runs()} counts how often a greeting was really made. */
@ApplicationScoped
@CacheDefaults(cacheName = "greetings")
public class Greetings {

    private final AtomicInteger runs = new AtomicInteger();

    @CacheResult
    public String greet(String name) {
        return "Hello, " + name + " (made #" + runs.incrementAndGet() + ")";
    }

    @CacheRemove
    public void forget(String name) {
    }

    @CacheRemoveAll
    public void forgetAll() {
    }

    public int runs() {
        return runs.get();
    }
}
