package dev.devcycle.session.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.devcycle.redis.KeySpace;
import dev.devcycle.redis.RedisScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The session state in Redis: the token blacklist, each user's set of session ids and each session's info hash.
 * Every key is written with its TTL in one atomic step, by scripts of one key each (valid in Redis Cluster), in an
 * order that leaves at worst a dangling id, which {@link #pruneDangling()} removes (docs/security.md, "Redis keys: how
 * they are written").
 *
 * <p>Unlike the cache, this store is not fail-open: a Redis failure is a {@link SessionStoreUnavailableException},
 * because "not blacklisted" must never be assumed when it was not checked.
 */
public class SessionStore {

    /**
     * HSET the fields and the run_id of this Redis process ({@link TokenCheck}), then EXPIRE the hash: ARGV[1] is the
     * TTL in seconds, then field/value pairs.
     */
    static final RedisScript CREATE_INFO = new RedisScript("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('HSET', KEYS[1], '%s', %s)
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1
            """.formatted(TokenCheck.RUN_ID_FIELD, TokenCheck.CURRENT_RUN_ID));

    /**
     * SADD the id; the set lives as long as its newest session, so its TTL only ever grows. A set without a TTL (TTL
     * answers -1, e.g. written by an older client) gets one too.
     */
    static final RedisScript ADD_TO_USER = new RedisScript("""
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('EXPIRE', KEYS[1], ARGV[2])
            end
            return 1
            """);

    private final UnifiedJedis redis;
    private final Clock clock;
    private final Duration clockSkew;
    private final TokenCheck tokens;

    /**
     * @param clockSkew how long after its {@code exp} the verifier still accepts a token; a blacklist entry must
     *                  outlive the token by as much, or a revoked token would work again in that window
     */
    public SessionStore(UnifiedJedis redis, Clock clock, Duration clockSkew) {
        this.redis = redis;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.tokens = new TokenCheck(redis);
    }

    /** Stores a new session: its info hash (TTL to its expiry) and its id in the user's set. */
    public void create(SessionInfo session) {
        // A session that expired while its token was being signed still gets a (short) TTL, never none.
        long ttl = Math.max(1, secondsUntil(session.expiresAt()));
        List<String> args = new ArrayList<>();
        args.add(Long.toString(ttl));
        session.toHash().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        run("create session", () -> {
            CREATE_INFO.run(redis, List.of(SessionKeys.sessionInfo(session.sessionId())), args);
            ADD_TO_USER.run(redis, List.of(SessionKeys.userSessions(session.userId())),
                    List.of(session.sessionId(), Long.toString(ttl)));
            return null;
        });
    }

    /** One session by id, if its info still exists. */
    public Optional<SessionInfo> find(String sessionId) {
        Map<String, String> hash = run("read session", () -> redis.hgetAll(SessionKeys.sessionInfo(sessionId)));
        return SessionInfo.fromHash(sessionId, hash);
    }

    /**
     * The user's live sessions of this service, oldest first. Ids of this service whose info has expired are removed
     * from the set on the way. Every other member is left as it is: a session the Python monitor tracks (its hash has
     * no token hash), a hash this service cannot read, an id of another shape.
     */
    public List<SessionInfo> sessionsOf(String userId) {
        return run("list sessions", () -> {
            String setKey = SessionKeys.userSessions(userId);
            Set<String> ids = redis.smembers(setKey);
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> found = readAll(ids);
            List<SessionInfo> live = new ArrayList<>();
            List<String> dangling = new ArrayList<>();
            found.forEach((id, hash) -> {
                Optional<SessionInfo> info = SessionInfo.fromHash(id, hash);
                if (info.isPresent() && info.get().userId().equals(userId)) {
                    live.add(info.get());
                } else if (hash.isEmpty() && SessionIdGenerator.isWellFormed(id)) {
                    dangling.add(id);
                }
            });
            if (!dangling.isEmpty()) {
                redis.srem(setKey, dangling.toArray(String[]::new));
            }
            live.sort(Comparator.comparing(SessionInfo::createdAt).thenComparing(SessionInfo::sessionId));
            return live;
        });
    }

    /**
     * Blacklists a token until it can no longer be accepted (its expiry plus the clock skew). A token past that
     * point is not stored: it is rejected anyway.
     *
     * @return whether an entry was written
     */
    public boolean blacklist(String tokenHash, Instant expiresAt) {
        long ttl = secondsUntil(expiresAt.plus(clockSkew));
        if (ttl <= 0) {
            return false;
        }
        run("blacklist token", () -> redis.set(SessionKeys.blacklist(tokenHash), expiresAt.toString(),
                SetParams.setParams().ex(ttl)));
        return true;
    }

    /**
     * Whether a verified token may be used: its session exists, was stored by the Redis process answering now, and
     * its text is not blacklisted (see {@link TokenCheck}).
     */
    public TokenStatus tokenStatus(String userId, String sessionId, String tokenHash) {
        return run("check token", () -> tokens.check(userId, sessionId, tokenHash));
    }

    public boolean isBlacklisted(String tokenHash) {
        return run("check blacklist", () -> redis.exists(SessionKeys.blacklist(tokenHash)));
    }

    /**
     * Ends a session: blacklists its token, then removes its info and its id from the user's set. Blacklisting comes
     * first so that an interruption leaves a dead token with a stale record, never a live token without one.
     *
     * @return false when the session does not exist or is not the user's (the caller cannot tell which)
     */
    public boolean revoke(String userId, String sessionId) {
        Optional<SessionInfo> session = find(sessionId);
        if (session.isEmpty() || !session.get().userId().equals(userId)) {
            return false;
        }
        blacklist(session.get().tokenHash(), session.get().expiresAt());
        remove(userId, sessionId);
        return true;
    }

    /** Revokes every session of the user; returns how many there were. */
    public int revokeAll(String userId) {
        List<SessionInfo> sessions = sessionsOf(userId);
        for (SessionInfo session : sessions) {
            blacklist(session.tokenHash(), session.expiresAt());
            run("remove session", () -> redis.del(SessionKeys.sessionInfo(session.sessionId())));
        }
        // Ids added by a login racing with this call stay: that session started after the request to end them.
        if (!sessions.isEmpty()) {
            run("remove sessions", () -> redis.srem(SessionKeys.userSessions(userId),
                    sessions.stream().map(SessionInfo::sessionId).toArray(String[]::new)));
        }
        return sessions.size();
    }

    /** Removes a session's info and membership without touching the blacklist (the caller already did). */
    public void remove(String userId, String sessionId) {
        run("remove session", () -> {
            redis.del(SessionKeys.sessionInfo(sessionId));
            redis.srem(SessionKeys.userSessions(userId), sessionId);
            return null;
        });
    }

    /**
     * Removes, from every user's set, the ids of this service whose info hash no longer exists (ids of another shape
     * are another writer's, and left alone). Run periodically: a user who never lists their sessions would otherwise
     * keep dangling ids until the set's own TTL.
     *
     * @return how many ids were removed
     */
    public long pruneDangling() {
        return run("prune sessions", () -> {
            long removed = 0;
            for (String setKey : scan(SessionKeys.USER_SESSIONS_PREFIX + "*")) {
                Set<String> ids = redis.smembers(setKey);
                if (ids.isEmpty()) {
                    continue;
                }
                Map<String, Response<Boolean>> exists = new LinkedHashMap<>();
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (String id : ids) {
                        if (SessionIdGenerator.isWellFormed(id)) {
                            exists.put(id, pipeline.exists(SessionKeys.sessionInfo(id)));
                        }
                    }
                    pipeline.sync();
                }
                String[] dangling = exists.entrySet().stream().filter(e -> !e.getValue().get())
                        .map(Map.Entry::getKey).toArray(String[]::new);
                if (dangling.length > 0) {
                    removed += redis.srem(setKey, dangling);
                }
            }
            return removed;
        });
    }

    /** Counted as the Python monitor and blacklist count them, over the sessions of both (SCAN, SCARD). */
    public SessionStatistics statistics() {
        return run("count sessions", () -> {
            Set<String> userKeys = scan(SessionKeys.USER_SESSIONS_PREFIX + "*");
            List<Response<Long>> sizes = new ArrayList<>(userKeys.size());
            if (!userKeys.isEmpty()) {
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    userKeys.forEach(key -> sizes.add(pipeline.scard(key)));
                    pipeline.sync();
                }
            }
            long sessions = sizes.stream().mapToLong(Response::get).sum();
            return new SessionStatistics(scan(SessionKeys.BLACKLIST_PREFIX + "*").size(), sessions, userKeys.size());
        });
    }

    /** The info hash of each id, empty for a missing key. */
    private Map<String, Map<String, String>> readAll(Set<String> ids) {
        Map<String, Response<Map<String, String>>> pending = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String id : ids) {
                pending.put(id, pipeline.hgetAll(SessionKeys.sessionInfo(id)));
            }
            pipeline.sync();
        }
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        pending.forEach((id, response) -> found.put(id, response.get() == null ? Map.of() : response.get()));
        return found;
    }

    /** SCAN, never KEYS (which blocks Redis while it runs), on every primary in cluster mode. */
    private Set<String> scan(String match) {
        return KeySpace.keys(redis, match);
    }

    /** Whole seconds from now until the instant, rounded up so a TTL never ends before the thing it guards. */
    private long secondsUntil(Instant instant) {
        long millis = Duration.between(clock.instant(), instant).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    private static <T> T run(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new SessionStoreUnavailableException(operation, e);
        }
    }
}
