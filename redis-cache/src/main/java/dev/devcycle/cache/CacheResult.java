package dev.devcycle.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Caches the result of a method in Redis: on a hit the method is not called; on a miss it is called and its result is
 * stored under {@code <prefix><cacheName>:<key>} (prefix {@code devcycle:} by default, config {@code cache.key-prefix}).
 *
 * <pre>{@code
 * @CacheResult(cacheName = "agent:availability", ttl = "30s")
 * public boolean isAgentAvailable(String agentId) { ... }   // devcycle:agent:availability:<agentId> = true|false
 * }</pre>
 *
 * <p><b>Key rules</b> (the same for {@link CacheInvalidate}, {@link CachePut},
 * {@link DeclarativeCaches#invalidate(String, Object...)} and every {@link DeclarativeCache} method taking key parts):
 * <ol>
 * <li>no parameters: the fixed key {@code \default};</li>
 * <li>exactly one parameter annotated {@link CacheKey}: that argument;</li>
 * <li>several parameters annotated {@link CacheKey}: those arguments, in declaration order, as a composite key;</li>
 * <li>no {@link CacheKey} and exactly one parameter: that argument;</li>
 * <li>otherwise: all arguments, as a composite key.</li>
 * </ol>
 * A key part is rendered as readable text: strings as they are, numbers in their plain decimal form, booleans as
 * {@code true}/{@code false}, enums by name, UUIDs in their standard form, records as their components. Parts of a
 * composite key are joined with {@code :}; a {@code :} or {@code \} inside a part is escaped with {@code \}, and
 * {@code null} is {@code \N}, so two different argument lists never share a key. A simple id is therefore used
 * verbatim. A parameter type that cannot be rendered (e.g. {@code Object}, a collection, an entity) is a deployment
 * error naming the method; so is this annotation on a {@code void} method.
 *
 * <p><b>Return types.</b> Any type JSON-B can map, including generic ones ({@code List<String>}, records), stored in
 * the encoding of {@link RedisCache} ({@code String} raw, everything else JSON in snake_case), so other services can
 * read it. {@code Optional<T>} caches the contained value ({@code Optional.empty()} counts as {@code null});
 * {@code CompletionStage<T>}/{@code CompletableFuture<T>} caches the value when the stage completes normally and
 * never a failed stage.
 *
 * <p><b>Nulls and exceptions.</b> A {@code null} result is not stored, unless negative caching is configured for the
 * cache ({@link #negativeTtl()} or {@code cache.<name>.negative-ttl}); it is then stored as JSON {@code null} for that
 * shorter time. (A {@code String} method returning the text {@code "null"} is therefore never cached.) Exceptions
 * propagate unchanged and are never stored.
 *
 * <p><b>Configuration</b> ({@code <name>} is the cache name, e.g. {@code cache.agent:availability.ttl}, or
 * {@code CACHE_AGENT_AVAILABILITY_TTL} in the environment): {@code cache.<name>.ttl} overrides {@link #ttl()};
 * {@code cache.<name>.jitter} (percent, default {@code cache.jitter}, 10) shortens each entry's TTL by a random part
 * of up to that percentage; {@code cache.<name>.negative-ttl} overrides {@link #negativeTtl()};
 * {@code cache.<name>.enabled=false} makes the method always run; {@code cache.<name>.lock-wait} (default
 * {@code cache.lock-wait}, 3s) bounds how long concurrent callers wait for another caller's load.
 *
 * <p><b>Stampede protection.</b> Concurrent misses of one key in this JVM call the method once, the others wait for
 * its result; across instances a Redis lease {@code <key>:\lock} ({@code SET NX PX}) lets one instance load while the
 * others poll for the stored value. Nobody waits longer than the lock-wait: then it calls the method itself.
 *
 * <p><b>Failure.</b> When Redis is down or slow the method runs and its result is returned; the miss and the error are
 * counted in {@link DeclarativeCacheStatistics}. Caching resumes by itself when Redis is back.
 */
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CacheResult {

    /** The cache, e.g. {@code agent:availability}; the Redis key is {@code <prefix><cacheName>:<key>}. */
    @Nonbinding
    String cacheName();

    /**
     * Time to live, e.g. {@code "250ms"}, {@code "30s"}, {@code "5m"}, {@code "1h"}, {@code "1d"} or ISO-8601
     * ({@code "PT30S"}). Empty: {@code cache.<name>.ttl}, else {@code cache.default-ttl}, else 10 minutes. A configured
     * {@code cache.<name>.ttl} wins over this value.
     */
    @Nonbinding
    String ttl() default "";

    /**
     * Time to live of a cached {@code null} (or empty {@code Optional}); empty means null results are not cached,
     * unless {@code cache.<name>.negative-ttl} is configured (which wins over this value).
     */
    @Nonbinding
    String negativeTtl() default "";
}
