package dev.devcycle.session.store;

import java.util.List;

import dev.devcycle.redis.RedisScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Decides whether a verified token may be used: only while its session ({@code sid}, a claim the signature covers)
 * exists in Redis, was stored by the Redis process that answers now ({@code run_id}), and its text is not
 * blacklisted (the Python services' revocations). So no other writing of a token brings it back, and losing Redis
 * data can only log people out (docs/security.md, "Revocation: by session, not by text").
 *
 * <p>Two commands in one pipeline (one round trip): the session script and the blacklist EXISTS live in different
 * cluster slots.
 */
final class TokenCheck {

    /** The field of {@code session_info:{id}} holding the {@code run_id} of the Redis process that stored it. */
    static final String RUN_ID_FIELD = "redis_run_id";

    /** Lua: the run_id of the Redis process running the script. */
    static final String CURRENT_RUN_ID = "string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')";

    /** KEYS[1] the session hash, ARGV[1] the token's user: 1 active, 0 no such session of this user, -1 stale. */
    static final RedisScript SESSION = new RedisScript("""
            local fields = redis.call('HMGET', KEYS[1], 'user_id', '%s')
            if not fields[1] or fields[1] ~= ARGV[1] then
              return 0
            end
            if fields[2] ~= %s then
              return -1
            end
            return 1
            """.formatted(RUN_ID_FIELD, CURRENT_RUN_ID));

    private final UnifiedJedis redis;

    TokenCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    TokenStatus check(String userId, String sessionId, String tokenHash) {
        PipelinedScript session;
        Response<Boolean> blacklisted;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            session = PipelinedScript.queue(pipeline, SESSION, List.of(SessionKeys.sessionInfo(sessionId)),
                    List.of(userId));
            blacklisted = pipeline.exists(SessionKeys.blacklist(tokenHash));
            pipeline.sync();
        }
        if (blacklisted.get()) {
            return TokenStatus.REVOKED;
        }
        long verdict = (Long) session.reply(redis);
        return verdict == 1 ? TokenStatus.ACTIVE
                : verdict == 0 ? TokenStatus.SESSION_ENDED : TokenStatus.SESSION_FROM_EARLIER_REDIS;
    }
}
