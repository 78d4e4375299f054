package dev.devcycle.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.devcycle.redis.RedisScript;
import dev.devcycle.session.store.PipelinedScript;
import dev.devcycle.session.store.SessionStoreUnavailableException;
import dev.devcycle.session.store.TokenHash;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Counts failed logins per user name (normalised, hashed into the key) and per client address (IPv6 per /64) in Redis,
 * so every instance sees the same counts, and tells when a login must be refused before its password is even checked.
 * Unknown names count like known ones, so a 429 tells nothing about which exist (docs/security.md, "Brute force on
 * the login"). Like the session store, it fails closed: without Redis the login answers 503.
 */
public class LoginThrottle {

    static final String PREFIX = "devcycle:auth:login_failures:";

    /** INCR, and a TTL for a new count (or one another writer left without): one key, so cluster-safe. */
    static final RedisScript COUNT = new RedisScript("""
            local n = redis.call('INCR', KEYS[1])
            if redis.call('TTL', KEYS[1]) < 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
            end
            return n
            """);

    private final UnifiedJedis redis;
    private final LoginLimits limits;

    public LoginThrottle(UnifiedJedis redis, LoginLimits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /** How long to wait when a limit is reached for this user name or client; empty when the login may go on. */
    public Optional<Duration> retryAfter(String username, String clientAddress) {
        List<Counter> counters = counters(username, clientAddress);
        if (counters.isEmpty()) {
            return Optional.empty();
        }
        return run("check login failures", () -> {
            List<Response<String>> counts = new ArrayList<>();
            List<Response<Long>> ttls = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Counter counter : counters) {
                    counts.add(pipeline.get(counter.key()));
                    ttls.add(pipeline.ttl(counter.key()));
                }
                pipeline.sync();
            }
            long wait = 0;
            for (int i = 0; i < counters.size(); i++) {
                if (count(counts.get(i).get()) >= counters.get(i).limit()) {
                    // A count without a TTL is repaired by the next failure; meanwhile the whole window applies.
                    long ttl = ttls.get(i).get();
                    wait = Math.max(wait, ttl > 0 ? ttl : limits.window().toSeconds());
                }
            }
            return wait > 0 ? Optional.of(Duration.ofSeconds(wait)) : Optional.empty();
        });
    }

    /** Counts one failed login of the user name from the client. */
    public void failed(String username, String clientAddress) {
        List<Counter> counters = counters(username, clientAddress);
        if (counters.isEmpty()) {
            return;
        }
        String window = Long.toString(limits.window().toSeconds());
        run("count login failure", () -> {
            List<PipelinedScript> counts = new ArrayList<>(counters.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Counter counter : counters) {
                    counts.add(PipelinedScript.queue(pipeline, COUNT, List.of(counter.key()), List.of(window)));
                }
                pipeline.sync();
            }
            counts.forEach(count -> count.reply(redis));
            return null;
        });
    }

    /** A successful login clears the user name's count (not the client's: one right password proves nothing else). */
    public void succeeded(String username) {
        if (limits.perUser() > 0) {
            run("reset login failures", () -> redis.del(userKey(username)));
        }
    }

    private List<Counter> counters(String username, String clientAddress) {
        List<Counter> counters = new ArrayList<>(2);
        if (limits.perUser() > 0) {
            counters.add(new Counter(userKey(username), limits.perUser()));
        }
        if (limits.perClient() > 0) {
            counters.add(new Counter(PREFIX + "client:" + clientBlock(clientAddress), limits.perClient()));
        }
        return counters;
    }

    static String userKey(String username) {
        String normalised = Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return PREFIX + "user:" + TokenHash.of(normalised);
    }

    /** The address as counted: IPv4 as is, IPv6 as its /64 prefix; anything unparsable as its own text. */
    static String clientBlock(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || ":.[]%".indexOf(c) >= 0)) {
            return TokenHash.of(address);
        }
        try {
            // Only a literal gets here, so no DNS lookup; the brackets some containers keep are dropped.
            InetAddress parsed = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return TokenHash.of(address);
        }
    }

    private static long count(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static <T> T run(String operation, java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new SessionStoreUnavailableException(operation, e);
        }
    }

    private record Counter(String key, int limit) {
    }
}
